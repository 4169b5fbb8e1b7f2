//! Small document-level effects: title, meta description, focus.

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

/// `document.title` and `<meta name="description">` for the current view.
pub fn set_page_meta(title: &str, description: &str) {
    let Some(document) = document() else { return };
    document.set_title(title);
    let meta = match document
        .query_selector("meta[name=description]")
        .ok()
        .flatten()
    {
        Some(meta) => Some(meta),
        None => document.create_element("meta").ok().inspect(|meta| {
            let _ = meta.set_attribute("name", "description");
            if let Some(head) = document.head() {
                let _ = head.append_child(meta);
            }
        }),
    };
    if let Some(meta) = meta {
        let _ = meta.set_attribute("content", description);
    }
}

/// Move keyboard and screen-reader focus to the new view's heading without scrolling.
pub fn focus_view_heading() {
    let Some(document) = document() else { return };
    let Some(heading) = document
        .query_selector(".sinmun main h1")
        .ok()
        .flatten()
        .and_then(|h| h.dyn_into::<HtmlElement>().ok())
    else {
        return;
    };
    let _ = heading.set_attribute("tabindex", "-1");
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = heading.focus_with_options(&options);
}
