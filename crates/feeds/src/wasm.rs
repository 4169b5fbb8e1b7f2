//! The wasm module's export, used by the app (`src/source/feed.rs`): one
//! [`FeedReader`] per feed source, holding the [`Collection`] read so far.
//! The app hands it each fetched document and asks it what the views need;
//! answers are JSON in sinmun's own document shapes (a manifest, an index
//! shard, an article), so the app reads them with the decoders it has and
//! its first load carries no feed code.

use serde_json::{json, Value};
use wasm_bindgen::prelude::wasm_bindgen;

use crate::collection::Collection;
use crate::{read, Outcome, Received};

#[wasm_bindgen]
#[derive(Default)]
pub struct FeedReader {
    feed: Collection,
}

#[wasm_bindgen]
impl FeedReader {
    #[wasm_bindgen(constructor)]
    pub fn new() -> FeedReader {
        FeedReader::default()
    }

    /// Reads one fetched document into the feed: `{"added": n}`,
    /// `{"follow": url}` (a home page naming its feed), `{"sinmun": true}`
    /// or `{"error": "what it is instead"}`.
    pub fn add(
        &mut self,
        bytes: &[u8],
        url: &str,
        content_type: &str,
        total_pages: &str,
        link: &str,
    ) -> String {
        let received = Received {
            url,
            content_type: Some(content_type).filter(|s| !s.is_empty()),
            total_pages: total_pages.trim().parse().ok(),
            link: Some(link).filter(|s| !s.is_empty()),
        };
        let answer = match read(bytes, &received) {
            Ok(Outcome::Feed { document, .. }) => {
                let before = self.feed.len();
                self.feed.add(document);
                json!({ "added": self.feed.len() - before })
            }
            Ok(Outcome::Follow(next)) => json!({ "follow": next }),
            Ok(Outcome::Sinmun) => json!({ "sinmun": true }),
            Err(error) => json!({ "error": error }),
        };
        answer.to_string()
    }

    /// A later page could not be read: the feed ends where it is.
    pub fn end(&mut self) {
        self.feed.end();
    }

    /// The next page to fetch, or `""`.
    pub fn next(&self) -> String {
        self.feed.next.clone().unwrap_or_default()
    }

    pub fn count(&self) -> u32 {
        u32::try_from(self.feed.len()).unwrap_or(u32::MAX)
    }

    /// The feed as a sinmun manifest, with its `home`, `description` and `language`.
    pub fn site(&self) -> String {
        json!({
            "version": sinmun_model::FORMAT_VERSION,
            "title": self.feed.title,
            "description": self.feed.description,
            "language": self.feed.language,
            "home": self.feed.home,
            "total": self.count(),
            "shard_size": 0,
            "categories": self.feed.categories(),
        })
        .to_string()
    }

    /// A list page as an index shard with `page`, `pages`, `total` and
    /// `category`; `null` for an unknown category or page.
    #[wasm_bindgen(js_name = listPage)]
    pub fn list_page(&self, page: u32, page_size: u32, category: &str) -> String {
        let category = Some(category).filter(|c| !c.is_empty());
        let Some(list) = self.feed.list_page(page, page_size, category) else {
            return Value::Null.to_string();
        };
        json!({
            "version": sinmun_model::FORMAT_VERSION,
            "shard": 0,
            "items": list.items,
            "page": list.page,
            "pages": list.pages,
            "total": list.total,
            "category": list.category,
        })
        .to_string()
    }

    /// The article `slug` as an article document, or `null`.
    pub fn article(&self, slug: &str) -> String {
        match self.feed.article(slug) {
            Some(article) => serde_json::to_string(article).unwrap_or_else(|_| "null".into()),
            None => "null".into(),
        }
    }

    /// The items read so far as a search index (`search.rs`): a `Map` of
    /// file paths to bytes, which the search module reads instead of
    /// fetching a site's `search/` files.
    #[wasm_bindgen(js_name = searchIndex)]
    pub fn search_index(&self) -> js_sys::Map {
        let files = js_sys::Map::new();
        for (path, bytes) in crate::search::search_files(&self.feed) {
            let bytes = js_sys::Uint8Array::from(bytes.as_slice());
            files.set(&path.into(), &bytes.into());
        }
        files
    }
}
