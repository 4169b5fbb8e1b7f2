//! Fetching index files: the request starts when [`start`] is called, so
//! several can run at once and be awaited one after the other.

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableWritablePair, RequestCache, RequestInit, Response};

/// A started request for `url`; `revalidate` asks the server whether a
/// cached copy is still current (the meta file, whose name never changes).
pub fn start(url: &str, revalidate: bool) -> Option<JsFuture> {
    let init = RequestInit::new();
    if revalidate {
        init.set_cache(RequestCache::NoCache);
    }
    let window = web_sys::window()?;
    Some(JsFuture::from(window.fetch_with_str_and_init(url, &init)))
}

#[wasm_bindgen]
extern "C" {
    /// The browser's gzip decoder (web-sys has it behind its unstable APIs).
    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
}

/// The body of a started request, unpacked (the converter writes every
/// index file gzip-compressed), or what went wrong (naming `url`).
pub async fn bytes(request: Option<JsFuture>, url: &str) -> Result<Vec<u8>, String> {
    let failed = |why: &str| format!("{url}: {why}");
    let response = request
        .ok_or_else(|| failed("no window"))?
        .await
        .map_err(|_| failed("network error"))?
        .dyn_into::<Response>()
        .map_err(|_| failed("not a response"))?;
    if !response.ok() {
        return Err(failed(&format!("HTTP {}", response.status())));
    }
    let unpacker = DecompressionStream::new("gzip").map_err(|_| failed("no gzip decoder"))?;
    let body = response.body().ok_or_else(|| failed("no body"))?;
    let unpacked = body.pipe_through(unpacker.unchecked_ref::<ReadableWritablePair>());
    let response = Response::new_with_opt_readable_stream(Some(&unpacked))
        .map_err(|_| failed("unreadable body"))?;
    let buffer = response
        .array_buffer()
        .map_err(|_| failed("unreadable body"))?;
    let buffer = JsFuture::from(buffer)
        .await
        .map_err(|_| failed("unreadable body"))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}
