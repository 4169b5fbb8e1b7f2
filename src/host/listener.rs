//! Event listeners that end with their owner: a [`Listener`] removes itself
//! when dropped, and [`listen`] ties one to the current Leptos owner, so no
//! listener of an app instance outlives the instance (the old code called
//! `Closure::forget`, which leaks the closure and keeps the listener alive).

use leptos::prelude::on_cleanup;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::EventTarget;

/// One registered listener; dropping it removes it.
pub struct Listener {
    target: EventTarget,
    event: &'static str,
    capture: bool,
    callback: Closure<dyn FnMut(web_sys::Event)>,
}

impl Listener {
    /// Listen for `event` on `target` (in the capture phase when `capture`).
    pub fn new(
        target: &EventTarget,
        event: &'static str,
        capture: bool,
        handler: impl FnMut(web_sys::Event) + 'static,
    ) -> Listener {
        let callback = Closure::<dyn FnMut(web_sys::Event)>::new(handler);
        let _ = target.add_event_listener_with_callback_and_bool(
            event,
            callback.as_ref().unchecked_ref(),
            capture,
        );
        Listener {
            target: target.clone(),
            event,
            capture,
            callback,
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback_and_bool(
            self.event,
            self.callback.as_ref().unchecked_ref(),
            self.capture,
        );
    }
}

/// A listener that lives as long as the current reactive owner (a view, or
/// the whole instance when called while mounting).
pub fn listen(
    target: &EventTarget,
    event: &'static str,
    capture: bool,
    handler: impl FnMut(web_sys::Event) + 'static,
) {
    let listener = SendWrapper::new(Listener::new(target, event, capture, handler));
    on_cleanup(move || drop(listener));
}
