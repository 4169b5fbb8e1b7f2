//! Which reader reads a source, told from its first document's content
//! (servers get URLs and Content-Types wrong): a JSON Feed names
//! jsonfeed.org in its `version`; anything else is read as sinmun's own
//! data, whose reader then says what is wrong with it. The document is
//! handed to the reader, so telling costs no second request, and the answer
//! is kept per URL.
//!
//! The page build reads only sinmun's own data so far (Cargo.toml's
//! `json-feed` feature): it skips telling, which would cost its first load
//! bytes for nothing.

use super::sinmun::SinmunData;

/// One variant per format.
#[derive(Clone, Debug, PartialEq)]
pub enum Reader {
    Sinmun(SinmunData),
    #[cfg(feature = "json-feed")]
    JsonFeed(super::json_feed::JsonFeedData),
}

/// The reader of the source at `url`.
#[cfg(not(feature = "json-feed"))]
pub async fn reader(
    url: &str,
    _http: &super::http::Http,
) -> Result<std::rc::Rc<Reader>, super::LoadError> {
    Ok(std::rc::Rc::new(Reader::Sinmun(SinmunData::new(url))))
}

#[cfg(feature = "json-feed")]
pub use telling::{adopt, reader};

#[cfg(feature = "json-feed")]
mod telling {
    use std::rc::Rc;

    use wasm_bindgen::JsValue;

    use super::super::http::Http;
    use super::super::json_feed::{decode::is_json_feed, JsonFeedData};
    use super::super::sinmun;
    use super::super::{cache, LoadError};
    use super::{Reader, SinmunData};

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
        let reader = if is_json_feed(value) {
            let feed = JsonFeedData::new(url);
            feed.prime(value)?;
            Reader::JsonFeed(feed)
        } else {
            let data = SinmunData::new(url);
            data.prime(url, value);
            Reader::Sinmun(data)
        };
        let reader = Rc::new(reader);
        cache::put(&key(url), reader.clone());
        Ok(reader)
    }
}
