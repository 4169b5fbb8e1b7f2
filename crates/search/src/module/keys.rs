//! Arrow keys through the results: Down and Up move between result links,
//! Up from the first goes back to the search box.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

/// The result links inside `root`, in order.
fn links(root: &Element) -> Vec<HtmlElement> {
    let Ok(found) = root.query_selector_all(".search-result-link") else {
        return Vec::new();
    };
    (0..found.length())
        .filter_map(|i| found.item(i)?.dyn_into::<HtmlElement>().ok())
        .collect()
}

/// Focus the first result link inside `root`; whether there was one.
pub fn focus_first(root: &Element) -> bool {
    match links(root).first() {
        Some(link) => link.focus().is_ok(),
        None => false,
    }
}

/// Handles Down/Up on a result link inside `container`.
pub fn on_key(container: &Element, event: &KeyboardEvent) {
    let step: i32 = match event.key().as_str() {
        "ArrowDown" => 1,
        "ArrowUp" => -1,
        _ => return,
    };
    let Some(active) = container.owner_document().and_then(|d| d.active_element()) else {
        return;
    };
    let links = links(container);
    let Some(at) = links.iter().position(|l| l.is_same_node(Some(&active))) else {
        return;
    };
    event.prevent_default();
    let next = at as i32 + step;
    if next < 0 {
        if let Some(input) = search_box(container) {
            let _ = input.focus();
        }
        return;
    }
    if let Some(link) = links.get(next as usize) {
        let _ = link.focus();
    }
}

/// The masthead's search box of the instance `inside` is in.
pub fn search_box(inside: &Element) -> Option<HtmlElement> {
    let root = inside.closest(".sinmun").ok()??;
    root.query_selector("input[type=search]")
        .ok()??
        .dyn_into::<HtmlElement>()
        .ok()
}
