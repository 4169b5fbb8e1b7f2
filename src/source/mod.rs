//! Data access, kept apart from the views and free of Leptos: every view asks
//! a [`Source`] in its own terms (site info, a list page, an article, an
//! alias) and gets the same types back whatever the format behind it.
//!
//! A [`Source`] is the URL of the data, the instance's HTTP settings
//! ([`Http`]) and where the feed readers' module is; which reader reads it
//! (`sinmun/` for sinmun's own data, `feed/` for every feed format) is told
//! from the first document's content, not its URL or Content-Type, once per
//! URL (`detect.rs`). Readers fetch through `http.rs` and read JSON with the
//! generic `json.rs`; each words its own decoding errors.

pub mod cache;
mod detect;
mod early;
mod error;
#[cfg(feature = "feeds")]
pub mod feed;
pub mod http;
pub(crate) mod json;
#[cfg(feature = "feeds")]
pub mod merged;
pub mod sinmun;
pub mod site_config;
mod types;

use std::rc::Rc;

use sinmun_model::Article;

pub use detect::Reader;
pub use error::LoadError;
pub use http::Http;
pub use types::{ListPage, ListQuery, SiteInfo};

/// One instance's data: where it is, read with that instance's HTTP settings.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    url: String,
    http: Http,
    /// The feed readers' module file (`crates/feeds`), for a feed source.
    feeds: Option<String>,
    /// Several sources merged into one (config.json's `source` as a list);
    /// empty for one source, the one at `url`.
    #[cfg(feature = "feeds")]
    parts: Vec<merged::Part>,
}

impl Source {
    /// The source at `url` (config.json's `source`, already made absolute),
    /// fetched with `http`.
    pub fn new(url: &str, http: Http) -> Self {
        Source {
            url: url.to_string(),
            http,
            feeds: None,
            #[cfg(feature = "feeds")]
            parts: Vec::new(),
        }
    }

    /// The same source made of `parts` (none: the one at its URL).
    #[cfg(feature = "feeds")]
    pub fn with_parts(self, parts: Vec<merged::Part>) -> Self {
        Source { parts, ..self }
    }

    /// The same source, reading feeds with the module at `feeds`.
    pub fn with_feeds(self, feeds: Option<String>) -> Self {
        Source { feeds, ..self }
    }

    pub fn http(&self) -> &Http {
        &self.http
    }

    async fn reader(&self) -> Result<Rc<Reader>, LoadError> {
        detect::reader(&self.url, &self.http, &self.feeds).await
    }

    /// Title, categories and total; fails when the data cannot be read at all.
    pub async fn site(&self) -> Result<SiteInfo, LoadError> {
        #[cfg(feature = "feeds")]
        if !self.parts.is_empty() {
            return merged::site(self, &self.parts).await;
        }
        match &*self.reader().await? {
            Reader::Sinmun(data) => data.site(&self.http).await,
            #[cfg(feature = "feeds")]
            Reader::Feed(feed) => feed.site(&self.http).await,
        }
    }

    /// A page of summaries, newest first; an unknown page or category is
    /// [`LoadError::NotFound`].
    pub async fn list_page(&self, query: &ListQuery) -> Result<ListPage, LoadError> {
        #[cfg(feature = "feeds")]
        if !self.parts.is_empty() {
            return merged::list_page(self, &self.parts, query).await;
        }
        match &*self.reader().await? {
            Reader::Sinmun(data) => data.list_page(&self.http, query).await,
            #[cfg(feature = "feeds")]
            Reader::Feed(feed) => feed.list_page(&self.http, query).await,
        }
    }

    pub async fn article(&self, slug: &str) -> Result<Rc<Article>, LoadError> {
        #[cfg(feature = "feeds")]
        if !self.parts.is_empty() {
            return merged::article(self, &self.parts, slug).await;
        }
        match &*self.reader().await? {
            Reader::Sinmun(data) => data.article(&self.http, slug).await,
            #[cfg(feature = "feeds")]
            Reader::Feed(feed) => feed.article(&self.http, slug).await,
        }
    }

    /// For a source that is one feed: its loaded items as a search index in
    /// memory (the feed readers' `searchIndex`, a `Map` of file paths to
    /// bytes), for the search module. `None` for sinmun's own data (its
    /// index is the site's `search/` files) and for merged sources.
    #[cfg(feature = "feeds")]
    pub async fn feed_search_index(&self) -> Option<wasm_bindgen::JsValue> {
        if !self.parts.is_empty() {
            return None;
        }
        match &*self.reader().await.ok()? {
            Reader::Feed(feed) => feed.search_index(&self.http).await.ok(),
            Reader::Sinmun(_) => None,
        }
    }

    /// The slug an old site path (a Jekyll permalink) now lives at, if any.
    pub async fn resolve_alias(&self, site_path: &str) -> Result<Option<String>, LoadError> {
        #[cfg(feature = "feeds")]
        if !self.parts.is_empty() {
            return merged::resolve_alias(self, &self.parts, site_path).await;
        }
        match &*self.reader().await? {
            Reader::Sinmun(data) => data.resolve_alias(&self.http, site_path).await,
            // A feed's items have no earlier addresses in this app.
            #[cfg(feature = "feeds")]
            Reader::Feed(_) => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_source_keeps_its_own_time_limit() {
        let url = "https://example.org/data/manifest.json";
        let slow = Source::new(url, Http::with_time_limit_ms(60_000));
        let quick = Source::new(url, Http::with_time_limit_ms(1_500));
        assert_eq!(slow.http().time_limit_ms(), 60_000);
        assert_eq!(quick.http().time_limit_ms(), 1_500);
        assert_ne!(slow, quick);
    }
}
