//! The app's own small router: the History API, one signal holding the
//! current path, and one delegated click listener on the host element.
//!
//! Why not leptos_router: its generic route matching and view switching cost
//! about 25 KB gzip, a sixth of the whole size budget, for five fixed routes.
//! This file is the whole of what the app needs: read the path as a
//! [`Route`], follow same-app links without reloading, and back/forward.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The URL grammar is `sinmun_model::Route`, shared with the converter
/// (which writes the same URLs) and tested against the table early.js is
/// tested against (`tests/fixtures/routes.json`).
pub use sinmun_model::{Route, RouteKind};

/// The router of one app instance, provided as context by `App`.
#[derive(Clone, Copy)]
pub struct Router {
    /// The document's path, percent-decoded (`/blog/posts/안녕/`).
    path: RwSignal<String>,
    base_path: StoredValue<String>,
}

fn decoded_location_path() -> String {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    js_sys::decode_uri_component(&path)
        .ok()
        .and_then(|p| p.as_string())
        .unwrap_or(path)
}

impl Router {
    /// Create the router for `base_path` and follow the browser's back/forward.
    pub fn new(base_path: &str) -> Self {
        let router = Router {
            path: RwSignal::new(decoded_location_path()),
            base_path: StoredValue::new(base_path.to_string()),
        };
        if let Some(window) = web_sys::window() {
            let on_pop = Closure::<dyn FnMut()>::new(move || {
                router.path.try_set(decoded_location_path());
            });
            let _ = window
                .add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
            on_pop.forget(); // lives as long as the page
        }
        router
    }

    /// The path below the base path, e.g. `posts/안녕/`.
    pub fn site_path(&self) -> String {
        let base = self.base_path.get_value();
        self.path.with(|path| {
            path.strip_prefix(base.trim_end_matches('/'))
                .unwrap_or(path)
                .trim_start_matches('/')
                .to_string()
        })
    }

    /// The current route (reactive).
    pub fn route(&self) -> Route {
        Route::parse_path(&self.site_path())
    }

    /// Go to `href` (a path with the base path, as `routes` builds them).
    pub fn navigate(&self, href: &str, replace: bool) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let Ok(history) = window.history() else {
            return;
        };
        let pushed = if replace {
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href))
        } else {
            history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href))
        };
        if pushed.is_ok() {
            self.path.set(decoded_location_path());
        }
    }

    /// Follow clicks on links to this app inside `host` without reloading.
    pub fn intercept_links(self, host: &web_sys::HtmlElement) {
        let on_click = Closure::<dyn FnMut(web_sys::MouseEvent)>::new(move |ev| {
            if let Some(href) = self.in_app_target(&ev) {
                ev.prevent_default();
                self.navigate(&href, false);
            }
        });
        let _ = host.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
        on_click.forget(); // lives as long as the host
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
            .target()?
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
        let location = web_sys::window()?.location();
        if anchor.origin() != location.origin().ok()? {
            return None;
        }
        let path = anchor.pathname();
        let base = self.base_path.get_value();
        if !(path.starts_with(&base) || path == base.trim_end_matches('/')) {
            return None;
        }
        // The same page with only a #fragment: the browser scrolls.
        let same_page = location.pathname().ok().as_deref() == Some(path.as_str())
            && location.search().ok().as_deref() == Some(anchor.search().as_str());
        if same_page && !anchor.hash().is_empty() {
            return None;
        }
        Some([path, anchor.search(), anchor.hash()].concat())
    }
}

/// The router of the app instance this view belongs to.
pub fn use_router() -> Router {
    use_context::<Router>().unwrap_or_else(|| Router::new("/"))
}
