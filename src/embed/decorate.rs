//! A widget's pieces get their `::part()` names, and its article links the
//! `target` its `open` asks for, as they are rendered: one mutation observer
//! per widget, over one table. The page build has none of this (each
//! attribute written into the views costs first-load bytes), and the table
//! is the widget's styling API (README, "Embed on your page").

use leptos::prelude::on_cleanup;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, MutationObserver, MutationObserverInit};

use super::open::ARTICLE_LINKS;

/// `(selector, part name)`: what a host page can style with `::part(name)`.
pub const PARTS: &[(&str, &str)] = &[
    (".list-title", "heading"),
    (".cards", "list"),
    (".card", "item"),
    (".card-thumb", "thumbnail"),
    (".card-title", "title"),
    (".card-title a", "link"),
    (".card-excerpt", "excerpt"),
    (".meta-line", "meta"),
    (".pager", "pager"),
    (".article", "article"),
    (".article-title", "article-title"),
    (".widget-back", "back"),
    (".widget-more a", "more"),
    (".widget-source", "source"),
    (".status", "status"),
];

/// Decorate everything rendered into `root` from now on, until the current
/// reactive owner (the instance) ends.
pub fn install(root: &Element, article_target: Option<String>) {
    let target = article_target.clone();
    let watched = root.clone();
    let callback = Closure::<dyn FnMut()>::new(move || decorate(&watched, target.as_deref()));
    let Ok(observer) = MutationObserver::new(callback.as_ref().unchecked_ref()) else {
        return;
    };
    let init = MutationObserverInit::new();
    init.set_child_list(true);
    init.set_subtree(true);
    let _ = observer.observe_with_options(root, &init);
    decorate(root, article_target.as_deref());
    let kept = SendWrapper::new((observer, callback));
    on_cleanup(move || kept.0.disconnect());
}

fn decorate(root: &Element, article_target: Option<&str>) {
    for (selector, part) in PARTS {
        for element in all(root, selector) {
            if !element.has_attribute("part") {
                let _ = element.set_attribute("part", part);
            }
        }
    }
    if let Some(target) = article_target {
        for link in all(root, ARTICLE_LINKS) {
            let _ = link.set_attribute("target", target);
            if target == "_blank" {
                let _ = link.set_attribute("rel", "noopener");
            }
        }
    }
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}
