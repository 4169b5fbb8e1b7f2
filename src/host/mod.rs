//! The host of one app instance: everything the app does to the page around
//! it goes through here, so several instances can share a page.
//!
//! Two modes. The **page** instance (index.html's `#sinmun`) owns the page:
//! `document.title`, the meta description, window scroll and the address bar.
//! An **embedded** instance (a widget in someone else's page) lives in a
//! shadow root: it touches none of those, its styles go into its shadow root,
//! and its routes live in memory. Views ask the host; they never reach for
//! `document` or `window` themselves. Everything the host registers ends
//! with the instance (see `listener.rs`).

pub mod crash;
pub mod listener;
pub mod location;
mod page_meta;
mod scroll;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ShadowRoot};

use crate::body::lazy::Files;
use location::Location;
use scroll::ScrollKeeper;

/// Which kind of host an instance has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Owns the page: title, meta, scroll, history.
    Page,
    /// Lives in a shadow root inside another page.
    Embedded,
}

struct Inner {
    mode: Mode,
    /// The element the instance was mounted into.
    element: HtmlElement,
    /// An embedded instance's shadow root.
    shadow: Option<ShadowRoot>,
    files: Files,
    location: Location,
    /// The page instance's scroll restoration.
    scroll: Option<ScrollKeeper>,
    /// A widget's link whose article opened inline: focus returns to it
    /// when the list shows again.
    #[cfg(feature = "embed")]
    return_focus: Option<String>,
    /// A widget's view changes under the reader's keyboard or pointer (the
    /// focused link or button goes away with the old view): its next view
    /// takes the focus.
    #[cfg(feature = "embed")]
    focus_follows: bool,
    /// A view has painted but is not shown yet (a prerendered page waits for
    /// its bodies): scroll and focus once it is.
    settle_when_shown: bool,
}

/// The host of the current instance, provided as context by `mount`.
#[derive(Clone, Copy)]
pub struct Host(StoredValue<Inner, LocalStorage>);

impl Host {
    /// The host of a page instance mounted into `element`.
    pub fn page(element: HtmlElement, files: Files) -> Host {
        Host(StoredValue::new_local(Inner {
            mode: Mode::Page,
            element,
            shadow: None,
            files,
            location: Location::Browser,
            scroll: ScrollKeeper::install(),
            #[cfg(feature = "embed")]
            return_focus: None,
            #[cfg(feature = "embed")]
            focus_follows: false,
            settle_when_shown: false,
        }))
    }

    /// The host of an embedded instance inside `shadow` (whose host element
    /// is `element`), with routes in memory starting at `start`.
    pub fn embedded(element: HtmlElement, shadow: ShadowRoot, files: Files, start: &str) -> Host {
        Host(StoredValue::new_local(Inner {
            mode: Mode::Embedded,
            element,
            shadow: Some(shadow),
            files,
            location: Location::memory(start),
            scroll: None,
            #[cfg(feature = "embed")]
            return_focus: None,
            #[cfg(feature = "embed")]
            focus_follows: false,
            settle_when_shown: false,
        }))
    }

    pub fn mode(&self) -> Mode {
        self.0.with_value(|inner| inner.mode)
    }

    /// The element the instance was mounted into (a widget's host element).
    pub fn element(&self) -> HtmlElement {
        self.0.with_value(|inner| inner.element.clone())
    }

    /// A navigation inside a widget is starting: when the widget has the
    /// focus now, the next view gets it (see `focus_view_heading`).
    #[cfg(feature = "embed")]
    pub fn keep_focus(&self) {
        let inside = self.has_focus();
        self.0.update_value(|inner| inner.focus_follows = inside);
    }

    /// Remember the link (absolute `href`) a widget opened an article from.
    #[cfg(feature = "embed")]
    pub fn return_focus_to(&self, href: &str) {
        self.0
            .update_value(|inner| inner.return_focus = Some(href.to_string()));
    }

    pub fn location(&self) -> Location {
        self.0.with_value(|inner| inner.location.clone())
    }

    pub fn files(&self) -> Files {
        self.0.with_value(|inner| inner.files.clone())
    }

    /// Where the instance's events can be heard with their real targets: the
    /// host element, or the shadow root (outside it, targets are retargeted
    /// to the host element).
    pub fn event_root(&self) -> web_sys::EventTarget {
        self.0.with_value(|inner| match &inner.shadow {
            Some(shadow) => shadow.clone().into(),
            None => inner.element.clone().into(),
        })
    }

    /// The first element inside the instance matching `selector`.
    pub fn query(&self, selector: &str) -> Option<Element> {
        self.0.with_value(|inner| match &inner.shadow {
            Some(shadow) => shadow.query_selector(selector).ok().flatten(),
            None => inner.element.query_selector(selector).ok().flatten(),
        })
    }

    /// The element with `id` inside the instance.
    pub fn element_by_id(&self, id: &str) -> Option<Element> {
        if id.is_empty() {
            return None;
        }
        self.0.with_value(|inner| match &inner.shadow {
            Some(shadow) => shadow.get_element_by_id(id),
            None => inner
                .element
                .owner_document()
                .and_then(|d| d.get_element_by_id(id))
                .filter(|e| inner.element.contains(Some(e))),
        })
    }

    /// The URL changed: the page instance stops recording scroll positions.
    pub fn leaving(&self) {
        self.0.with_value(|inner| {
            if let Some(scroll) = &inner.scroll {
                scroll.leaving();
            }
        });
    }

    /// Swap a prerendered page's shell for the app once its view is complete
    /// (see `prerendered.rs`), then scroll and focus if a view is waiting for
    /// it; nothing once the instance is gone (a body may finish after it).
    pub fn reveal(&self) {
        use crate::prerendered::{TOOK_OVER, WAITING};
        let state = self
            .0
            .try_with_value(|inner| crate::prerendered::reveal(&inner.element))
            .unwrap_or(WAITING);
        let waiting = state != WAITING
            && self
                .0
                .try_update_value(|inner| std::mem::take(&mut inner.settle_when_shown))
                .unwrap_or(false);
        if !waiting {
            return;
        }
        if state == TOOK_OVER {
            // The reader may be reading the static page already: stay there.
            self.0
                .with_value(|inner| inner.scroll.as_ref().map(|s| s.keep()));
        } else {
            self.settle();
            self.focus_view_heading();
        }
    }

    /// A body has finished rendering: if its view painted already and waits
    /// to be shown (a prerendered page waits for its bodies), show it now.
    pub fn body_done(&self) {
        let waiting = self
            .0
            .try_with_value(|inner| inner.settle_when_shown)
            .unwrap_or(false);
        if waiting {
            self.reveal();
        }
    }

    /// A view has painted its data: set title and description (page only),
    /// then on the next frame (when its bodies have started) show it, scroll
    /// and move focus to its heading, at once or when a prerendered page
    /// gives way.
    /// `description`: `None` leaves it to the body (an article whose page
    /// holds its description, `described`).
    pub fn painted(&self, title: &str, description: Option<&str>) {
        if self.mode() == Mode::Page {
            page_meta::set(title, description);
        }
        let host = *self;
        request_animation_frame(move || {
            // The instance may be gone by the next frame.
            if host
                .0
                .try_update_value(|inner| inner.settle_when_shown = true)
                .is_none()
            {
                return;
            }
            host.reveal();
        });
    }

    /// The page's description, read with the article's body from its page.
    pub fn described(&self, description: &str) {
        if self.mode() == Mode::Page {
            page_meta::describe(description);
        }
    }

    /// Scroll for the view that just painted: the page restores or resets
    /// the window; an embedded instance only shows a `#fragment` target.
    fn settle(&self) {
        let hash = self.location().current().hash;
        let decoded = js_sys::decode_uri_component(hash.trim_start_matches('#'))
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default();
        let target = self.element_by_id(&decoded);
        self.0.with_value(|inner| match (&inner.scroll, target) {
            (Some(scroll), target) => scroll.settle(target),
            (None, Some(target)) => target.scroll_into_view(),
            (None, None) => {}
        });
    }

    /// Move keyboard and screen-reader focus to the view's heading without
    /// scrolling. An embedded instance does so only when it has the focus
    /// already: a widget must not take the focus from the page around it.
    fn focus_view_heading(&self) {
        #[cfg(feature = "embed")]
        let asked = self
            .0
            .try_update_value(|inner| std::mem::take(&mut inner.focus_follows))
            .unwrap_or(false);
        #[cfg(not(feature = "embed"))]
        let asked = false;
        if self.mode() == Mode::Embedded && !asked && !self.has_focus() {
            return;
        }
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        // Back in a widget's list: to the link the article was opened from.
        #[cfg(feature = "embed")]
        if let Some(link) = self.take_return_focus() {
            let _ = link.focus_with_options(&options);
            return;
        }
        let Some(heading) = self
            .query(".page h1")
            .and_then(|h| h.dyn_into::<HtmlElement>().ok())
        else {
            return;
        };
        let _ = heading.set_attribute("tabindex", "-1");
        let _ = heading.focus_with_options(&options);
    }

    /// The remembered link, once the view showing it has painted.
    #[cfg(feature = "embed")]
    fn take_return_focus(&self) -> Option<HtmlElement> {
        let href = self.0.with_value(|inner| inner.return_focus.clone())?;
        let link = self
            .query_all("a[href]")
            .into_iter()
            .filter_map(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
            // A card's thumbnail link (out of the tab order) has the same href.
            .find(|a| a.href() == href && a.tab_index() >= 0)?;
        self.0.update_value(|inner| inner.return_focus = None);
        link.dyn_into::<HtmlElement>().ok()
    }

    /// Every element inside the instance matching `selector`.
    #[cfg(feature = "embed")]
    fn query_all(&self, selector: &str) -> Vec<Element> {
        let list = self.0.with_value(|inner| match &inner.shadow {
            Some(shadow) => shadow.query_selector_all(selector).ok(),
            None => inner.element.query_selector_all(selector).ok(),
        });
        let Some(list) = list else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<Element>().ok())
            .collect()
    }

    fn has_focus(&self) -> bool {
        self.0.with_value(|inner| {
            let active = inner
                .element
                .owner_document()
                .and_then(|d| d.active_element());
            active.is_some_and(|a| inner.element.contains(Some(&a)))
        })
    }
}

/// The host of the instance this view belongs to.
pub fn use_host() -> Option<Host> {
    use_context::<Host>()
}
