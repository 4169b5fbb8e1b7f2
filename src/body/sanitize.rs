//! The one door from untrusted HTML to DOM nodes: DOMPurify, which parses with
//! the browser's own HTML parser and returns a DocumentFragment. We insert that
//! fragment as nodes; the clean markup is never serialised and parsed again
//! (re-parsing is where mutation XSS lives).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::DocumentFragment;

#[wasm_bindgen]
extern "C" {
    /// DOMPurify with the bodies' configuration, defined by the sanitiser's
    /// lazy file (`src/body/sanitizer.js`, appended to DOMPurify), so the
    /// configuration is not in the first load.
    #[wasm_bindgen(catch, js_namespace = sinmunBody, js_name = sanitize)]
    fn sanitize_body_js(dirty: &str) -> Result<JsValue, JsValue>;
}

/// Sanitise untrusted HTML into inert DOM nodes. `Err` names what went wrong
/// (DOMPurify missing or failing); the caller then shows the text only.
/// DOMPurify itself is loaded on first use (`lazy.rs`).
pub async fn sanitize(dirty: &str, files: &super::lazy::Files) -> Result<DocumentFragment, String> {
    files.load_sanitizer().await?;
    let result = sanitize_body_js(dirty)
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
