//! In-page links (`#h-…` in the table of contents, heading anchors, footnotes)
//! scroll to their target inside the instance without going through the
//! router, which would treat them as navigation to another page.

use wasm_bindgen::JsCast;

use crate::host::Host;
use crate::router::Router;

/// Handle a click if it is on an in-page link; returns true when handled.
pub fn follow_hash_link(event: &web_sys::Event, host: &Host, router: &Router) -> bool {
    let Some(link) = event
        .composed_path()
        .get(0)
        .dyn_into::<web_sys::Element>()
        .ok()
        .and_then(|e| e.closest("a[href^='#']").ok().flatten())
    else {
        return false;
    };
    let href = link.get_attribute("href").unwrap_or_default();
    let id = href.trim_start_matches('#');
    let id = js_sys::decode_uri_component(id)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| id.to_string());
    let Some(target) = host.element_by_id(&id) else {
        return false;
    };
    event.prevent_default();
    event.stop_propagation();
    target.scroll_into_view();
    // Only the fragment changes; the router's state is kept.
    router.set_hash(&href);
    true
}
