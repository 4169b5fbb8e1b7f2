//! Which reader reads a source, told from its first document's content
//! (servers get URLs and Content-Types wrong): a JSON Feed names
//! jsonfeed.org in its `version`; anything else is read as sinmun's own
//! data, whose reader then says what is wrong with it. The document is
//! handed to the reader, so telling costs no second request, and the answer
//! is kept per URL.

use std::rc::Rc;

use wasm_bindgen::JsValue;

use super::http::Http;
use super::json_feed;
#[cfg(feature = "json-feed")]
use super::json_feed::JsonFeedData;
use super::sinmun::{self, SinmunData};
use super::{cache, LoadError};

/// One variant per format.
#[derive(Clone, Debug, PartialEq)]
pub enum Reader {
    Sinmun(SinmunData),
    #[cfg(feature = "json-feed")]
    JsonFeed(JsonFeedData),
}

#[cfg(feature = "json-feed")]
fn json_feed_reader(url: &str, value: &JsValue) -> Result<Reader, LoadError> {
    let feed = JsonFeedData::new(url);
    feed.prime(value)?;
    Ok(Reader::JsonFeed(feed))
}

/// The page build reads only sinmun's own data so far (see Cargo.toml's
/// `json-feed` feature): say so rather than "missing field".
#[cfg(not(feature = "json-feed"))]
fn json_feed_reader(url: &str, _value: &JsValue) -> Result<Reader, LoadError> {
    Err(LoadError::Decode {
        url: url.to_string(),
        format: sinmun::FORMAT,
        detail: "it is a JSON Feed, which only the widget reads so far".into(),
    })
}

fn key(url: &str) -> String {
    ["reader:", url].concat()
}

/// The reader of the source at `url`, fetching its first document once.
pub async fn reader(url: &str, http: &Http) -> Result<Rc<Reader>, LoadError> {
    if let Some(known) = cache::get::<Reader>(&key(url)) {
        return Ok(known);
    }
    let value = http.get(url).await?.json(sinmun::FORMAT).await?;
    adopt(url, &value)
}

/// The reader for `value`, the document at `url`, primed with it.
pub fn adopt(url: &str, value: &JsValue) -> Result<Rc<Reader>, LoadError> {
    let reader = if json_feed::decode::is_json_feed(value) {
        json_feed_reader(url, value)?
    } else {
        let data = SinmunData::new(url);
        data.prime(url, value);
        Reader::Sinmun(data)
    };
    let reader = Rc::new(reader);
    cache::put(&key(url), reader.clone());
    Ok(reader)
}
