//! A reader opens an article in a widget: the page around it hears of it
//! first, as a `sinmun:open` event on the `<sinmun-feed>` element (bubbling,
//! composed, cancelable; `detail`: `{ url, title }`). A host that calls
//! `preventDefault()` handles the click itself (a modal, its own router);
//! otherwise the article opens where the widget's `open` says.

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, HtmlAnchorElement, MouseEvent};

use crate::config::Open;
use crate::host::Host;

/// A card's link to its article, which covers the card, picture included
/// (its category links are the router's).
pub const ARTICLE_LINKS: &str = ".card-title a";

/// Whether the widget's router may follow a click on `link` itself: every
/// link but an article's (a card's title, covering the card) may; an article's is announced first,
/// then opens inside only with `open="inline"` (otherwise the browser
/// follows it to the site or the feed item's page, in the tab or frame its
/// `target` names).
pub fn opens_inside(host: &Host, event: &MouseEvent, link: &HtmlAnchorElement, open: Open) -> bool {
    if !link.matches(ARTICLE_LINKS).unwrap_or(false) {
        return true;
    }
    if !announce(host, link) {
        event.prevent_default();
        return false;
    }
    if open != Open::Inline {
        return false;
    }
    host.return_focus_to(&link.href());
    true
}

/// Announce the article behind `link`; `false` when the host took it over.
fn announce(host: &Host, link: &HtmlAnchorElement) -> bool {
    let detail = Object::new();
    let title = link
        .closest(".card")
        .ok()
        .flatten()
        .and_then(|card| card.query_selector(".card-title").ok().flatten())
        .and_then(|t| t.text_content())
        .or_else(|| link.text_content())
        .unwrap_or_default();
    let _ = Reflect::set(&detail, &"url".into(), &link.href().into());
    let _ = Reflect::set(&detail, &"title".into(), &title.trim().into());
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_cancelable(true);
    init.set_detail(&JsValue::from(detail));
    let Ok(event) = CustomEvent::new_with_event_init_dict("sinmun:open", &init) else {
        return true;
    };
    host.element().dispatch_event(&event).unwrap_or(true)
}
