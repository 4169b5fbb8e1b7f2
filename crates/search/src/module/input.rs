//! The masthead's search box once the module is loaded (the app loads it
//! when the box gets focus): typing goes to the search view after a pause,
//! replacing the history entry while on it, so back leaves the search in
//! one step; a submit goes there at once; ArrowDown moves into the
//! results; Escape leaves the box. It navigates by clicking a link the
//! app's router follows (`data-replace`: without a new history entry), so
//! the app needs no glue for it.

use js_sys::Function;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Event, HtmlElement, HtmlInputElement, KeyboardEvent};

use super::keys::focus_first;
use sinmun_model::Route;

/// Milliseconds of no typing before the results follow.
const DEBOUNCE_MS: i32 = 180;

#[wasm_bindgen]
pub struct InputHandle {
    input: HtmlInputElement,
    on_input: Closure<dyn FnMut(Event)>,
    on_key: Closure<dyn FnMut(KeyboardEvent)>,
    on_submit: Closure<dyn FnMut(Event)>,
    _on_timer: std::rc::Rc<Closure<dyn FnMut()>>,
}

impl Drop for InputHandle {
    fn drop(&mut self) {
        let _ = self
            .input
            .remove_event_listener_with_callback("input", self.on_input.as_ref().unchecked_ref());
        let _ = self
            .input
            .remove_event_listener_with_callback("keydown", self.on_key.as_ref().unchecked_ref());
        if let Some(form) = self.input.form() {
            let _ = form.remove_event_listener_with_callback(
                "submit",
                self.on_submit.as_ref().unchecked_ref(),
            );
        }
    }
}

/// The box `input` of a site below `base_path`.
#[wasm_bindgen(js_name = attachInput)]
pub fn attach_input(input: HtmlInputElement, base_path: String) -> InputHandle {
    let timer = std::rc::Rc::new(std::cell::Cell::new(0));
    let go = {
        let input = input.clone();
        let base_path = base_path.clone();
        move || {
            let on_search = web_sys::window()
                .and_then(|w| w.location().pathname().ok())
                .is_some_and(|p| p.trim_end_matches('/').ends_with("/search"));
            follow(&input, &search_href(&base_path, &input.value()), on_search);
        }
    };
    let on_submit = {
        let input = input.clone();
        Closure::<dyn FnMut(Event)>::new(move |event: Event| {
            event.prevent_default();
            follow(&input, &search_href(&base_path, &input.value()), false);
        })
    };
    if let Some(form) = input.form() {
        let _ = form.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
    }
    let on_timer = std::rc::Rc::new(Closure::<dyn FnMut()>::new(go));
    let on_input = {
        let timer = timer.clone();
        let on_timer = on_timer.clone();
        Closure::<dyn FnMut(Event)>::new(move |_| {
            let Some(window) = web_sys::window() else {
                return;
            };
            window.clear_timeout_with_handle(timer.get());
            let callback: &Function = on_timer.as_ref().as_ref().unchecked_ref();
            if let Ok(id) =
                window.set_timeout_with_callback_and_timeout_and_arguments_0(callback, DEBOUNCE_MS)
            {
                timer.set(id);
            }
        })
    };
    let on_key = {
        let input = input.clone();
        Closure::<dyn FnMut(KeyboardEvent)>::new(move |event: KeyboardEvent| {
            match event.key().as_str() {
                "Escape" => {
                    let _ = input.blur();
                }
                "ArrowDown" => {
                    let root = input.closest(".sinmun").ok().flatten();
                    if root.is_some_and(|r| focus_first(&r)) {
                        event.prevent_default();
                    }
                }
                _ => {}
            }
        })
    };
    let _ = input.add_event_listener_with_callback("input", on_input.as_ref().unchecked_ref());
    // what was typed while the module loaded
    if !input.value().trim().is_empty() {
        let _ = on_input
            .as_ref()
            .unchecked_ref::<Function>()
            .call1(&JsValue::NULL, &JsValue::NULL);
    }
    let _ = input.add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
    InputHandle {
        input,
        on_input,
        on_key,
        on_submit,
        _on_timer: on_timer,
    }
}

/// Go to `href` through the app's router: a click on a hidden link in the
/// app instance the box belongs to.
fn follow(input: &HtmlInputElement, href: &str, replace: bool) {
    let Some(link) = super::render::element("a", "") else {
        return;
    };
    let _ = link.set_attribute("href", href);
    let _ = link.set_attribute("hidden", "");
    if replace {
        let _ = link.set_attribute("data-replace", "");
    }
    let Some(root) = input.closest(".sinmun").ok().flatten() else {
        return;
    };
    let _ = root.append_child(&link);
    if let Ok(link) = link.dyn_into::<HtmlElement>() {
        link.click();
        link.remove();
    }
    // a search view already on the page follows the new address
    super::view::show_address();
}

/// The search view's URL for `query`, below `base_path`.
pub fn search_href(base_path: &str, query: &str) -> String {
    super::view::link(base_path, &Route::search(query.trim(), None))
}
