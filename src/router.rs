//! The app's own small router: one signal holding the instance's current
//! URL, read from and written to the instance's location (the address bar
//! for the page, memory for a widget: `host/location.rs`), and one delegated
//! click listener on the instance. The URL grammar itself is
//! `sinmun_model::Route`, shared with the converter.
//!
//! Why not leptos_router: its generic route matching and view switching cost
//! about 25 KB gzip, a sixth of the whole size budget, for five fixed routes.

use leptos::prelude::*;
use sinmun_model::{Route, SitePath};
use wasm_bindgen::JsCast;
use web_sys::HtmlAnchorElement;

use crate::config::Open;

use crate::host::listener::listen;
use crate::host::location::{Location, Url};
use crate::host::Host;

/// The router of one app instance, provided as context by `mount`.
#[derive(Clone, Copy)]
pub struct Router {
    url: RwSignal<Url>,
    base_path: StoredValue<String>,
    location: StoredValue<Location, LocalStorage>,
    /// The origin of the links the instance follows: the page's, or for a
    /// widget its site's.
    origin: StoredValue<String>,
    /// A widget's `open` (`None` for the page instance).
    #[cfg_attr(not(feature = "embed"), allow(dead_code))]
    open: StoredValue<Option<Open>>,
}

impl Router {
    /// The router of `host`'s instance below `base_path` of `origin`;
    /// follows the browser's back/forward for the page instance.
    pub fn new(host: &Host, base_path: &str, origin: &str, open: Option<Open>) -> Self {
        let location = host.location();
        let router = Router {
            url: RwSignal::new(location.current()),
            base_path: StoredValue::new(base_path.to_string()),
            location: StoredValue::new_local(location.clone()),
            origin: StoredValue::new(origin.to_string()),
            open: StoredValue::new(open),
        };
        if let (true, Some(window)) = (location.is_browser(), web_sys::window()) {
            listen(&window, "popstate", false, move |_| router.refresh());
        }
        router
    }

    /// Read the location again (after back/forward or a change made by it).
    fn refresh(&self) {
        if let Some(url) = self.location.try_with_value(Location::current) {
            self.url.try_set(url);
        }
    }

    /// The path below the base path and its query (reactive).
    pub fn site_path(&self) -> SitePath {
        self.url.with(|url| self.below_base(url))
    }

    /// The current route (reactive).
    pub fn route(&self) -> Route {
        Route::parse(&self.site_path())
    }

    /// Go to `href` (a path with the base path, as `routes` builds them).
    pub fn navigate(&self, href: &str, replace: bool) {
        let moved = self
            .location
            .try_with_value(|location| location.go(href, replace));
        if moved == Some(true) {
            self.refresh();
        }
    }

    /// Back one entry (a widget's back control; the browser's own button
    /// works for the page instance).
    pub fn back(&self) {
        let moved = self.location.try_with_value(Location::back);
        if moved == Some(true) {
            self.refresh();
        }
    }

    /// Only the `#fragment` changed (an in-page link): no navigation.
    pub fn set_hash(&self, hash: &str) {
        self.location
            .try_with_value(|location| location.set_hash(hash));
    }

    /// Follow clicks on links to this app inside the instance without
    /// reloading. In a widget, an article link is first announced to the
    /// page around it (`sinmun:open`) and opens where `open` says.
    pub fn intercept_links(self, host: &Host) {
        let host = *host;
        listen(&host.event_root(), "click", false, move |event| {
            let Ok(event) = event.dyn_into::<web_sys::MouseEvent>() else {
                return;
            };
            let Some(link) = clicked_link(&event) else {
                return;
            };
            #[cfg(feature = "embed")]
            if let Some(open) = self.open.get_value() {
                if !crate::embed::open::opens_inside(&host, &event, &link, open) {
                    return;
                }
            }
            #[cfg(not(feature = "embed"))]
            let _ = host;
            let Some(href) = self.own_href(&link) else {
                return;
            };
            if self.follows(&link, &href) {
                event.prevent_default();
                #[cfg(feature = "embed")]
                host.keep_focus();
                // the search box follows typing without a history entry per pause
                self.navigate(&href, link.has_attribute("data-replace"));
            }
        });
    }

    /// The path, query and fragment of `anchor` when it points into this
    /// app (its origin, below its base path).
    fn own_href(&self, anchor: &HtmlAnchorElement) -> Option<String> {
        if anchor.origin() != self.origin.get_value() {
            return None;
        }
        let path = anchor.pathname();
        let base = self.base_path.get_value();
        if !(path.starts_with(&base) || path == base.trim_end_matches('/')) {
            return None;
        }
        Some([path, anchor.search(), anchor.hash()].concat())
    }

    /// Whether the instance follows `link` itself: not one for another tab,
    /// marked external or a download, nor a `#fragment` of the current page
    /// (the hash-link handler scrolls).
    fn follows(&self, link: &HtmlAnchorElement, href: &str) -> bool {
        let opens_elsewhere = link.get_attribute("target").is_some_and(|t| t != "_self");
        let external = link
            .get_attribute("rel")
            .is_some_and(|r| r.split_whitespace().any(|w| w == "external"));
        if opens_elsewhere || external || link.has_attribute("download") {
            return false;
        }
        let current = self.url.get_untracked();
        let target = Url::parse(href);
        !(target.path == current.path && target.query == current.query && !target.hash.is_empty())
    }

    fn below_base(&self, url: &Url) -> SitePath {
        let base = self.base_path.get_value();
        let below = url
            .path
            .strip_prefix(base.trim_end_matches('/'))
            .unwrap_or(&url.path);
        SitePath::new(below, &url.query)
    }
}

/// The link a plain click went to (new tabs, downloads and already-handled
/// clicks are the browser's).
fn clicked_link(ev: &web_sys::MouseEvent) -> Option<HtmlAnchorElement> {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.ctrl_key()
        || ev.shift_key()
        || ev.alt_key()
    {
        return None;
    }
    ev.composed_path()
        .get(0)
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("a[href]")
        .ok()??
        .dyn_into::<HtmlAnchorElement>()
        .ok()
}

/// The router of the app instance this view belongs to (a view outside any
/// instance, which only tests make, gets a detached one at `/`).
pub fn use_router() -> Router {
    use_context::<Router>().unwrap_or_else(|| Router {
        url: RwSignal::new(Url::parse("/")),
        base_path: StoredValue::new("/".to_string()),
        location: StoredValue::new_local(Location::memory("/")),
        origin: StoredValue::new(String::new()),
        open: StoredValue::new(None),
    })
}
