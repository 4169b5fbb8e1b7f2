//! Markdown (CommonMark + GFM extensions, raw HTML allowed) to an HTML string.
//! The string is untrusted: it only ever goes to the sanitiser, never to the DOM.
//!
//! The app does not link this crate: pulldown-cmark would add about 68 KB gzip
//! to every first load, though most pages never render Markdown. It is built
//! as its own wasm module (`cargo xtask` does it) and imported on first use.

use pulldown_cmark::{html, CowStr, Event, Options, Parser};

/// The dialect: CommonMark + GFM tables, strikethrough, task lists, footnotes.
/// The converter reads excerpts with the same options, so they match the body.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
}

pub fn to_html(source: &str) -> String {
    let mut out = String::with_capacity(source.len() + source.len() / 4);
    let events = Parser::new_ext(source, options()).map(|event| match event {
        // The sanitiser drops <input>; a task box is shown as a symbol instead.
        Event::TaskListMarker(done) => Event::InlineHtml(CowStr::Borrowed(if done {
            r#"<span class="task task-done" role="img" aria-label="done">☑</span> "#
        } else {
            r#"<span class="task" role="img" aria-label="to do">☐</span> "#
        })),
        other => other,
    });
    html::push_html(&mut out, events);
    out
}

/// The tags `to_html` writes for Markdown constructs (raw HTML in the source
/// aside), task markers included: the property tests and the fuzzer check
/// that nothing else appears.
pub const EMITTED_TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "code",
    "ul",
    "ol",
    "li",
    "em",
    "strong",
    "del",
    "a",
    "img",
    "hr",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "sup",
    "div",
    "span",
    "section",
];

/// The wasm module's one export, called by the app (`src/body/markdown.rs`).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = markdownToHtml)]
pub fn markdown_to_html(source: &str) -> String {
    to_html(source)
}
