//! Bodies kept in the article's own page (`BodyFormat::Page`): a site built
//! by the converter stores each body once, sanitised and enhanced, in
//! `posts/<slug>/`, and its article JSON names that page. On the page itself
//! the body is adopted (`adopt.rs`); any other view fetches the page, parses
//! it inert and sanitises its body again with DOMPurify (the page may be
//! another site's, read by a widget), keeping what the converter's
//! enhancing added; iframes stay only for the video hosts, sandboxed. That
//! reader is in the sanitiser's file (`src/body/sanitizer.js`), out of the
//! first load.

use js_sys::Promise;
use sinmun_model::body_rules::{VIDEO_HOSTS, VIDEO_REFERRER_POLICY, VIDEO_SANDBOX};
use wasm_bindgen::prelude::*;

use super::lazy::Files;

#[wasm_bindgen(module = "/src/browser.js")]
extern "C" {
    #[wasm_bindgen(js_name = pageBody)]
    fn page_body_js(
        sanitizer: &str,
        base: &str,
        path: &str,
        video_hosts: &str,
        sandbox: &str,
        referrer: &str,
    ) -> Promise;
}

/// Start reading the page at site path `path` (under `base`, the site's
/// base path or address; or at `path` itself when it is an http(s) URL, as
/// `source/merged.rs` makes it for another site's article): a promise of
/// an element holding the page's view sanitised, for `adopt.rs` to take the
/// body from as from the page in view; rejected with a message naming the
/// page and what went wrong.
pub fn start(path: &str, base: &str, files: &Files) -> Promise {
    page_body_js(
        files.sanitizer.as_deref().unwrap_or_default(),
        base,
        path,
        VIDEO_HOSTS,
        VIDEO_SANDBOX,
        VIDEO_REFERRER_POLICY,
    )
}
