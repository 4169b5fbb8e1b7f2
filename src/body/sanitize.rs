//! The one door from untrusted HTML to DOM nodes: DOMPurify, which parses with
//! the browser's own HTML parser and returns a DocumentFragment. We insert that
//! fragment as nodes; the clean markup is never serialised and parsed again
//! (re-parsing is where mutation XSS lives).

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::DocumentFragment;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = DOMPurify, js_name = sanitize)]
    fn dompurify_sanitize(dirty: &str, config: &JsValue) -> Result<JsValue, JsValue>;
}

/// Tags removed on top of DOMPurify's HTML profile (which already drops
/// scripts, SVG and MathML).
const FORBID_TAGS: &[&str] = &[
    "style", "form", "input", "button", "textarea", "select", "option", "base", "meta", "link",
    "object", "embed", "frame", "frameset", "template", "dialog", "portal", "math", "svg",
];

/// Attributes removed on top of DOMPurify's defaults.
const FORBID_ATTR: &[&str] = &["srcdoc", "formaction", "action", "ping", "background"];

fn strings(items: &[&str]) -> Array {
    items.iter().map(|s| JsValue::from_str(s)).collect()
}

fn config() -> Result<JsValue, JsValue> {
    let config = Object::new();
    let set = |key: &str, value: &JsValue| Reflect::set(&config, &JsValue::from_str(key), value);
    let profiles = Object::new();
    Reflect::set(&profiles, &JsValue::from_str("html"), &JsValue::TRUE)?;
    set("USE_PROFILES", &profiles)?;
    set("RETURN_DOM_FRAGMENT", &JsValue::TRUE)?;
    // Iframes are let through here and then kept only for allowlisted video hosts (enhance.rs).
    set("ADD_TAGS", &strings(&["iframe"]))?;
    set("ADD_ATTR", &strings(&["allowfullscreen", "loading"]))?;
    set("FORBID_TAGS", &strings(FORBID_TAGS))?;
    set("FORBID_ATTR", &strings(FORBID_ATTR))?;
    // ids and names from content are prefixed so they cannot clobber the app's globals.
    set("SANITIZE_NAMED_PROPS", &JsValue::TRUE)?;
    Ok(config.into())
}

/// Sanitise untrusted HTML into inert DOM nodes. `Err` names what went wrong
/// (DOMPurify missing or failing); the caller then shows the text only.
/// DOMPurify itself is loaded on first use (`lazy.rs`).
pub async fn sanitize(dirty: &str, files: &super::lazy::Files) -> Result<DocumentFragment, String> {
    files.load_sanitizer().await?;
    let config = config().map_err(|_| "could not build the sanitiser configuration".to_string())?;
    let result = dompurify_sanitize(dirty, &config)
        .map_err(|_| "the HTML sanitiser (DOMPurify) is not available".to_string())?;
    // DOMPurify returns null for documents it cannot hold in a fragment
    // (a body that starts with <frameset>): nothing of it is shown.
    if result.is_null() || result.is_undefined() {
        return web_sys::window()
            .and_then(|w| w.document())
            .map(|d| d.create_document_fragment())
            .ok_or_else(|| "no document".to_string());
    }
    result
        .dyn_into::<DocumentFragment>()
        .map_err(|_| "the HTML sanitiser returned no document fragment".to_string())
}
