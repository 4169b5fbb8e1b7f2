//! Taking over from a prerendered article page (the converter's
//! `prerender.rs`): the page's HTML already shows the masthead, the title and
//! the whole article. The app mounts into a hidden element beside them and
//! swaps itself in once its own view is complete, bodies included (or shows
//! an error): the swap replaces the page with an identical one, so nothing
//! moves and the reader never sees a loading state.

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// The class of the hidden element the app mounts into beside a shell.
pub const APP: &str = "sinmun-app";

/// The element to mount the app into: `host` itself (emptied) on an ordinary
/// page, or a new hidden element inside it when `host` holds a prerendered
/// shell.
pub fn mount_target(host: &HtmlElement) -> HtmlElement {
    let has_shell = host
        .query_selector(&shell_selector())
        .ok()
        .flatten()
        .is_some();
    let target = has_shell
        .then(|| host.owner_document())
        .flatten()
        .and_then(|d| d.create_element("div").ok())
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    match target {
        Some(target) => {
            target.set_class_name(APP);
            target.set_hidden(true);
            let _ = host.append_child(&target);
            target
        }
        None => {
            // Replace the static "Loading…" placeholder of index.html.
            host.set_text_content(None);
            host.clone()
        }
    }
}

/// The app's view is ready: drop the shell inside `host` and show the app
/// (a no-op on ordinary pages and after the first call). While a body of
/// the hidden app is still rendering, the shell stays: the body calls this
/// again when it is done. Returns whether the app is shown.
pub fn reveal(host: &HtmlElement) -> bool {
    if let Some(shell) = host.query_selector(&shell_selector()).ok().flatten() {
        if bodies_pending(host) {
            return false;
        }
        shell.remove();
    }
    if let Some(app) = host
        .query_selector(&[".", APP, "[hidden]"].concat())
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    {
        app.set_hidden(false);
    }
    true
}

/// Whether `host` holds a prerendered page of the article `slug`.
pub fn shows_article(host: &HtmlElement, slug: &str) -> bool {
    use sinmun_model::classes::ARTICLE_SLUG;
    host.query_selector(&[&shell_selector(), " [", ARTICLE_SLUG, "]"].concat())
        .ok()
        .flatten()
        .is_some_and(|article| article.get_attribute(ARTICLE_SLUG).as_deref() == Some(slug))
}

/// Whether a body in the hidden app has not finished its latest render.
fn bodies_pending(host: &HtmlElement) -> bool {
    use crate::components::body_view::{RENDERED, TICKET};
    let Ok(bodies) = host.query_selector_all(&[".", APP, " [", TICKET, "]"].concat()) else {
        return false;
    };
    (0..bodies.length())
        .filter_map(|i| bodies.item(i))
        .filter_map(|node| node.dyn_into::<web_sys::Element>().ok())
        .any(|body| body.get_attribute(TICKET) != body.get_attribute(RENDERED))
}

/// `.sinmun-prerendered`: the class the converter's prerendered page uses.
fn shell_selector() -> String {
    [".", sinmun_model::classes::PRERENDERED_SHELL].concat()
}
