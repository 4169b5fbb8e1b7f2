//! In-page links (`#h-…` in the table of contents, heading anchors, footnotes)
//! scroll to their target without going through the router, which would treat
//! them as navigation to another page.

use wasm_bindgen::JsCast;

/// Handle a click if it is on an in-page link; returns true when handled.
pub fn follow_hash_link(event: &web_sys::Event) -> bool {
    let Some(link) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("a[href^='#']").ok().flatten())
    else {
        return false;
    };
    let Some(window) = web_sys::window() else {
        return false;
    };
    let href = link.get_attribute("href").unwrap_or_default();
    let id = href.trim_start_matches('#');
    let id = js_sys::decode_uri_component(id)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| id.to_string());
    let Some(target) = window.document().and_then(|d| d.get_element_by_id(&id)) else {
        return false;
    };
    event.prevent_default();
    event.stop_propagation();
    target.scroll_into_view();
    if let Ok(history) = window.history() {
        // Keep the router's state; only the fragment changes. The URL is built
        // from the path because `#x` alone would resolve against <base href>.
        let location = window.location();
        let url = format!(
            "{}{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default(),
            href
        );
        let state = history.state().unwrap_or(wasm_bindgen::JsValue::NULL);
        let _ = history.replace_state_with_url(&state, "", Some(&url));
    }
    true
}
