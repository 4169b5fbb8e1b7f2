//! Scroll restoration for an app whose views paint after their data arrives:
//! the browser's own restoration runs too early, so we keep positions per URL
//! and restore them once the view has painted, on back/forward only.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

thread_local! {
    static POSITIONS: RefCell<HashMap<String, f64>> = RefCell::new(HashMap::new());
    /// True while the visible view is the one the URL names and has painted.
    static SETTLED: Cell<bool> = const { Cell::new(false) };
    /// True between a popstate (back/forward) and the next settle.
    static POPPED: Cell<bool> = const { Cell::new(false) };
}

fn current_key() -> String {
    web_sys::window()
        .map(|w| w.location())
        .map(|l| {
            format!(
                "{}{}",
                l.pathname().unwrap_or_default(),
                l.search().unwrap_or_default()
            )
        })
        .unwrap_or_default()
}

/// Install the listeners once, at start.
pub fn install() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(history) = window.history() {
        let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
    let on_scroll = Closure::<dyn FnMut()>::new(|| {
        if SETTLED.get() {
            let y = web_sys::window()
                .and_then(|w| w.scroll_y().ok())
                .unwrap_or(0.0);
            POSITIONS.with(|p| p.borrow_mut().insert(current_key(), y));
        }
    });
    let on_pop = Closure::<dyn FnMut()>::new(|| {
        SETTLED.set(false);
        POPPED.set(true);
    });
    let _ = window.add_event_listener_with_callback("scroll", on_scroll.as_ref().unchecked_ref());
    let _ = window.add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
    // Listeners live as long as the page.
    on_scroll.forget();
    on_pop.forget();
}

/// The URL changed: stop recording until the new view has painted.
pub fn leaving() {
    SETTLED.set(false);
}

/// The view for the current URL has painted: restore its position after
/// back/forward, jump to `#fragment` when there is one, else go to the top.
pub fn settle() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let restore = POPPED.replace(false);
    let saved = POSITIONS.with(|p| p.borrow().get(&current_key()).copied());
    let hash = window.location().hash().unwrap_or_default();
    let target = window.document().and_then(|d| {
        d.get_element_by_id(hash.trim_start_matches('#'))
            .filter(|_| hash.len() > 1)
    });
    match (restore, saved, target) {
        (true, Some(y), _) => window.scroll_to_with_x_and_y(0.0, y),
        (_, _, Some(element)) => element.scroll_into_view(),
        _ => window.scroll_to_with_x_and_y(0.0, 0.0),
    }
    SETTLED.set(true);
}
