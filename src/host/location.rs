//! Where an instance's URL lives: the browser's address bar for the page
//! instance (History API), or memory for an embedded one, which must never
//! change the URL of the page it sits in. Compare Leptos' router, whose
//! `LocationProvider` has `BrowserUrl` and `RequestUrl` implementations.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsValue;

/// A location inside an instance: decoded path, raw query, raw fragment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Url {
    /// The document's path, percent-decoded (`/blog/posts/안녕/`).
    pub path: String,
    /// `?q=…` or empty.
    pub query: String,
    /// `#h-…` or empty.
    pub hash: String,
}

impl Url {
    /// Split `href` (`/blog/posts/x/?q=1#h-a`, a path as the app builds links).
    pub fn parse(href: &str) -> Url {
        let (rest, hash) = split_keep(href, '#');
        let (path, query) = split_keep(rest, '?');
        Url {
            path: decode(path),
            query: query.to_string(),
            hash: hash.to_string(),
        }
    }

    /// Path and query, the key a page's scroll position is kept under.
    pub fn key(&self) -> String {
        [self.path.as_str(), &self.query].concat()
    }
}

/// `("a", "?b")` for `a?b` with `separator` `?`.
fn split_keep(text: &str, separator: char) -> (&str, &str) {
    // `split_at_checked`: no panic path (and its message code) in the bundle.
    text.find(separator)
        .and_then(|at| text.split_at_checked(at))
        .unwrap_or((text, ""))
}

fn decode(path: &str) -> String {
    js_sys::decode_uri_component(path)
        .ok()
        .and_then(|p| p.as_string())
        .unwrap_or_else(|| path.to_string())
}

/// The location seam: the one place an instance reads and changes its URL.
#[derive(Clone)]
pub enum Location {
    /// The page instance: the address bar and the History API.
    Browser,
    /// An embedded instance: a history stack in memory.
    Memory(Rc<RefCell<Vec<Url>>>),
}

impl Location {
    /// An in-memory location starting at `start` (e.g. the base path).
    pub fn memory(start: &str) -> Location {
        Location::Memory(Rc::new(RefCell::new(vec![Url::parse(start)])))
    }

    pub fn is_browser(&self) -> bool {
        matches!(self, Location::Browser)
    }

    /// The current URL.
    pub fn current(&self) -> Url {
        match self {
            Location::Browser => browser_url(),
            Location::Memory(stack) => stack.borrow().last().cloned().unwrap_or_default(),
        }
    }

    /// Go to `href`, adding an entry or replacing the current one.
    /// Returns whether the location changed.
    pub fn go(&self, href: &str, replace: bool) -> bool {
        match self {
            Location::Browser => {
                let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else {
                    return false;
                };
                let result = if replace {
                    history.replace_state_with_url(&JsValue::NULL, "", Some(href))
                } else {
                    history.push_state_with_url(&JsValue::NULL, "", Some(href))
                };
                // WebKit refuses more than 100 history changes in 30 s: then
                // the page loads the URL itself rather than ignore the click.
                if result.is_err() {
                    if let Some(window) = web_sys::window() {
                        let _ = window.location().assign(href);
                    }
                }
                result.is_ok()
            }
            Location::Memory(stack) => {
                let mut stack = stack.borrow_mut();
                if replace {
                    stack.pop();
                }
                stack.push(Url::parse(href));
                true
            }
        }
    }

    /// Back one entry. The browser reports the change through `popstate`;
    /// memory changes at once (returns true when it did).
    pub fn back(&self) -> bool {
        match self {
            Location::Browser => {
                if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                    let _ = history.back();
                }
                false
            }
            Location::Memory(stack) => {
                let mut stack = stack.borrow_mut();
                if stack.len() > 1 {
                    stack.pop();
                    true
                } else {
                    false
                }
            }
        }
    }

    /// Replace only the fragment of the current entry (an in-page link).
    pub fn set_hash(&self, hash: &str) {
        let mut url = self.current();
        url.hash = hash.to_string();
        match self {
            Location::Browser => {
                let Some(window) = web_sys::window() else {
                    return;
                };
                let Ok(history) = window.history() else {
                    return;
                };
                // Keep the history state; the URL is built from the path
                // because `#x` alone would resolve against <base href>.
                let raw_path = window.location().pathname().unwrap_or_default();
                let href = [raw_path.as_str(), &url.query, &url.hash].concat();
                let state = history.state().unwrap_or(JsValue::NULL);
                let _ = history.replace_state_with_url(&state, "", Some(&href));
            }
            Location::Memory(stack) => {
                if let Some(last) = stack.borrow_mut().last_mut() {
                    *last = url;
                }
            }
        }
    }
}

fn browser_url() -> Url {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return Url::default();
    };
    Url {
        path: decode(&location.pathname().unwrap_or_default()),
        query: location.search().unwrap_or_default(),
        hash: location.hash().unwrap_or_default(),
    }
}
