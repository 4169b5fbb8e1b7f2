//! Taking over from a prerendered article page (the converter's
//! `prerender.rs`): the page's HTML already shows the masthead, the title and
//! the excerpt. The app mounts into a hidden element beside them and swaps
//! itself in once its own view has painted (or shows an error), so the
//! reader never sees the title disappear into a loading state.

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
/// (a no-op on ordinary pages and after the first call).
pub fn reveal(host: &HtmlElement) {
    if let Some(shell) = host.query_selector(&shell_selector()).ok().flatten() {
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
}

/// `.sinmun-prerendered`: the class the converter's prerendered page uses.
fn shell_selector() -> String {
    [".", sinmun_model::classes::PRERENDERED_SHELL].concat()
}
