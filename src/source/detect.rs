//! Which reader reads a source, told from its first document's content
//! (servers get URLs and Content-Types wrong): sinmun's own manifest is
//! read here (it is JSON with a `shard_size`, and the page's first load
//! must not wait for more); anything else goes to the feed readers' module,
//! which tells RSS, RDF, Atom, JSON Feed, WordPress and HTML pages apart
//! (`crates/detect`) and says what a document is when it is none of them.
//! The document is handed to the reader, so telling costs no second
//! request, and the answer is kept per URL.

use std::rc::Rc;

#[cfg(feature = "feeds")]
use wasm_bindgen::JsValue;

#[cfg(feature = "feeds")]
use super::cache;
#[cfg(feature = "feeds")]
use super::feed::{FeedData, FirstDocument};
#[cfg(feature = "feeds")]
use super::http::Fetched;
use super::http::Http;
use super::sinmun::SinmunData;
use super::LoadError;

/// One variant per kind of source.
#[derive(Clone, Debug, PartialEq)]
pub enum Reader {
    Sinmun(SinmunData),
    #[cfg(feature = "feeds")]
    Feed(FeedData),
}

/// The reader of the source at `url`: the page build reads sinmun's own
/// data only (Cargo.toml's `feeds` feature), so it need not fetch to tell.
#[cfg(not(feature = "feeds"))]
pub async fn reader(
    url: &str,
    _http: &Http,
    _feeds: &Option<String>,
) -> Result<Rc<Reader>, LoadError> {
    Ok(Rc::new(Reader::Sinmun(SinmunData::new(url))))
}

#[cfg(feature = "feeds")]
fn key(url: &str) -> String {
    ["reader:", url].concat()
}

/// The reader of the source at `url`, fetching its first document once;
/// `feeds` is the feed readers' module file.
#[cfg(feature = "feeds")]
pub async fn reader(
    url: &str,
    http: &Http,
    feeds: &Option<String>,
) -> Result<Rc<Reader>, LoadError> {
    if let Some(known) = cache::get::<Reader>(&key(url)) {
        return Ok(known);
    }
    let fetched = http.get(url).await?.fetched().await?;
    adopt(url, fetched, http, feeds).await
}

/// The reader for `fetched`, the first document of the source at `url`.
#[cfg(feature = "feeds")]
pub async fn adopt(
    url: &str,
    fetched: Fetched,
    http: &Http,
    feeds: &Option<String>,
) -> Result<Rc<Reader>, LoadError> {
    let reader = match sinmun_manifest(&fetched.bytes) {
        Some(value) => sinmun(url, &value),
        None => match FeedData::first(url, fetched, http, feeds).await? {
            FirstDocument::Feed(feed) => Reader::Feed(feed),
            FirstDocument::Sinmun(fetched) => {
                let value = json_of(&fetched.bytes).unwrap_or(JsValue::NULL);
                sinmun(url, &value)
            }
        },
    };
    let reader = Rc::new(reader);
    cache::put(&key(url), reader.clone());
    Ok(reader)
}

#[cfg(feature = "feeds")]
fn sinmun(url: &str, value: &JsValue) -> Reader {
    let data = SinmunData::new(url);
    data.prime(url, value);
    Reader::Sinmun(data)
}

/// `bytes` parsed as JSON when they are a sinmun manifest.
#[cfg(feature = "feeds")]
fn sinmun_manifest(bytes: &[u8]) -> Option<JsValue> {
    let value = json_of(bytes)?;
    js_sys::Reflect::has(&value, &JsValue::from_str("shard_size"))
        .unwrap_or(false)
        .then_some(value)
}

/// `bytes` (UTF-8) parsed as a JSON object or list by the browser.
#[cfg(feature = "feeds")]
pub fn json_of(bytes: &[u8]) -> Option<JsValue> {
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace())?;
    if !matches!(first, b'{' | b'[') {
        return None;
    }
    let text = std::str::from_utf8(bytes).ok()?;
    js_sys::JSON::parse(text).ok().filter(|v| v.is_object())
}
