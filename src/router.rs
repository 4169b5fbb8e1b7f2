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

use crate::host::listener::listen;
use crate::host::location::{Location, Url};
use crate::host::Host;

/// The router of one app instance, provided as context by `mount`.
#[derive(Clone, Copy)]
pub struct Router {
    url: RwSignal<Url>,
    base_path: StoredValue<String>,
    location: StoredValue<Location, LocalStorage>,
}

impl Router {
    /// The router of `host`'s instance below `base_path`; follows the
    /// browser's back/forward for the page instance.
    pub fn new(host: &Host, base_path: &str) -> Self {
        let location = host.location();
        let router = Router {
            url: RwSignal::new(location.current()),
            base_path: StoredValue::new(base_path.to_string()),
            location: StoredValue::new_local(location.clone()),
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
        let base = self.base_path.get_value();
        self.url.with(|url| {
            let below = url
                .path
                .strip_prefix(base.trim_end_matches('/'))
                .unwrap_or(&url.path);
            SitePath::new(below, &url.query)
        })
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

    /// Follow clicks on links to this app inside the instance without reloading.
    pub fn intercept_links(self, host: &Host) {
        listen(&host.event_root(), "click", false, move |event| {
            let Ok(event) = event.dyn_into::<web_sys::MouseEvent>() else {
                return;
            };
            if let Some(href) = self.in_app_target(&event) {
                event.prevent_default();
                self.navigate(&href, false);
            }
        });
    }

    /// The path a click should navigate to inside the app, if it should.
    fn in_app_target(&self, ev: &web_sys::MouseEvent) -> Option<String> {
        // New tabs, downloads and already-handled clicks are the browser's.
        if ev.default_prevented()
            || ev.button() != 0
            || ev.meta_key()
            || ev.ctrl_key()
            || ev.shift_key()
            || ev.alt_key()
        {
            return None;
        }
        let link = ev
            .composed_path()
            .get(0)
            .dyn_into::<web_sys::Element>()
            .ok()?
            .closest("a[href]")
            .ok()??;
        let opens_elsewhere = link.get_attribute("target").is_some_and(|t| t != "_self");
        let external = link
            .get_attribute("rel")
            .is_some_and(|r| r.split_whitespace().any(|w| w == "external"));
        if opens_elsewhere || external || link.has_attribute("download") {
            return None;
        }
        let anchor = link.dyn_into::<web_sys::HtmlAnchorElement>().ok()?;
        let page = web_sys::window()?.location();
        if anchor.origin() != page.origin().ok()? {
            return None;
        }
        let path = anchor.pathname();
        let base = self.base_path.get_value();
        if !(path.starts_with(&base) || path == base.trim_end_matches('/')) {
            return None;
        }
        // The same page with only a #fragment: the hash-link handler scrolls.
        let current = self.url.get_untracked();
        let target = Url::parse(&[path.as_str(), &anchor.search()].concat());
        if target.path == current.path && target.query == current.query && !anchor.hash().is_empty()
        {
            return None;
        }
        Some([path, anchor.search(), anchor.hash()].concat())
    }
}

/// The router of the app instance this view belongs to (a view outside any
/// instance, which only tests make, gets a detached one at `/`).
pub fn use_router() -> Router {
    use_context::<Router>().unwrap_or_else(|| Router {
        url: RwSignal::new(Url::parse("/")),
        base_path: StoredValue::new("/".to_string()),
        location: StoredValue::new_local(Location::memory("/")),
    })
}
