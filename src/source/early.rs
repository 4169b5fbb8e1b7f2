//! Requests started by the page before the app ran (`early.js`, put in front
//! of the start script by the build): config.json, the manifest and the
//! first document of the page the URL names download while the wasm is
//! fetched and compiled. Each is handed over once, with its AbortController,
//! so `http.rs` applies its time limit and abort-on-drop as to any request.

use js_sys::{Map, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::AbortController;

pub struct EarlyRequest {
    /// Resolves to the `Response`.
    pub response: Promise,
    pub controller: AbortController,
}

/// The early request for `url`, if the page started one and nobody took it yet.
pub fn take(url: &str) -> Option<EarlyRequest> {
    let window = web_sys::window()?;
    let early = Reflect::get(&window, &JsValue::from_str("__sinmunEarly"))
        .ok()?
        .dyn_into::<Map>()
        .ok()?;
    // Compare as the browser writes URLs (percent-encoded Korean slugs).
    let key = JsValue::from_str(&web_sys::Url::new(url).ok()?.href());
    let entry = early.get(&key);
    if entry.is_undefined() {
        return None;
    }
    early.delete(&key);
    Some(EarlyRequest {
        response: Reflect::get(&entry, &JsValue::from_str("response"))
            .ok()?
            .dyn_into()
            .ok()?,
        controller: Reflect::get(&entry, &JsValue::from_str("controller"))
            .ok()?
            .dyn_into()
            .ok()?,
    })
}
