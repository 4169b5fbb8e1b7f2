//! Scroll restoration for the page instance, whose views paint after their
//! data arrives: the browser's own restoration runs too early, so we keep
//! positions per URL and restore them once the view has painted, on
//! back/forward only. Embedded instances never scroll the page.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use super::listener::Listener;

#[derive(Default)]
struct State {
    positions: RefCell<HashMap<String, f64>>,
    /// True while the visible view is the one the URL names and has painted.
    settled: Cell<bool>,
    /// True between a popstate (back/forward) and the next settle.
    popped: Cell<bool>,
}

/// The page instance's scroll keeper; its listeners end with it.
pub struct ScrollKeeper {
    state: Rc<State>,
    _listeners: [Listener; 2],
}

fn current_key() -> String {
    let location = web_sys::window().map(|w| w.location());
    location
        .map(|l| {
            [
                l.pathname().unwrap_or_default(),
                l.search().unwrap_or_default(),
            ]
            .concat()
        })
        .unwrap_or_default()
}

impl ScrollKeeper {
    /// Take over scroll restoration from the browser; `None` without a window.
    pub fn install() -> Option<ScrollKeeper> {
        let window = web_sys::window()?;
        if let Ok(history) = window.history() {
            let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
        }
        let state = Rc::new(State::default());
        let on_scroll = {
            let state = state.clone();
            move |_| {
                if state.settled.get() {
                    let y = web_sys::window()
                        .and_then(|w| w.scroll_y().ok())
                        .unwrap_or(0.0);
                    state.positions.borrow_mut().insert(current_key(), y);
                }
            }
        };
        let on_pop = {
            let state = state.clone();
            move |_| {
                state.settled.set(false);
                state.popped.set(true);
            }
        };
        Some(ScrollKeeper {
            state,
            _listeners: [
                Listener::new(&window, "scroll", false, on_scroll),
                Listener::new(&window, "popstate", false, on_pop),
            ],
        })
    }

    /// The URL changed: stop recording until the new view has painted.
    pub fn leaving(&self) {
        self.state.settled.set(false);
    }

    /// The app took a prerendered page over: the window stays where the
    /// reader has it, and recording starts.
    pub fn keep(&self) {
        self.state.popped.set(false);
        self.state.settled.set(true);
    }

    /// The view for the current URL has painted: restore its position after
    /// back/forward, else go to `target` (the `#fragment`'s element) or the top.
    pub fn settle(&self, target: Option<web_sys::Element>) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let restore = self.state.popped.replace(false);
        let saved = self.state.positions.borrow().get(&current_key()).copied();
        match (restore, saved, target) {
            (true, Some(y), _) => window.scroll_to_with_x_and_y(0.0, y),
            (_, _, Some(element)) => element.scroll_into_view(),
            _ => window.scroll_to_with_x_and_y(0.0, 0.0),
        }
        self.state.settled.set(true);
    }
}
