//! The reader of a source that is a feed (RSS, RDF, Atom, JSON Feed,
//! WordPress REST, or a home page that names one). The reading happens in
//! the feed readers' wasm module (`crates/feeds`), loaded on first use, so
//! no feed code is in the first load: each source gets one `FeedReader`
//! there, which this hands every fetched page and asks what the views
//! need. Its answers are sinmun's own document shapes (a manifest, an index
//! shard, an article), read with sinmun's decoders. Pages are fetched only
//! as far as a view needs.

use std::rc::Rc;

use js_sys::{Array, Function, Reflect};
use sinmun_model::{Article, CategoryInfo};
use wasm_bindgen::JsValue;

use super::http::{Fetched, Http};
use super::json::Fields;
use super::sinmun::decode;
use super::{cache, ListPage, ListQuery, LoadError, SiteInfo};

/// How many home pages may be followed to the feed they name.
const MAX_FOLLOWS: u32 = 3;
/// What a garbled answer is said not to be.
const FORMAT: &str = "feed data";

#[derive(Clone, Debug, PartialEq)]
pub struct FeedData {
    url: String,
    module: Option<String>,
}

/// What a source is, once its first document has been read.
pub enum FirstDocument {
    Feed(FeedData),
    /// sinmun's own data after all, as fetched.
    Sinmun(Fetched),
}

/// The module's `FeedReader` for one source.
struct Reader(JsValue);

impl Reader {
    fn call(&self, method: &str, args: &[JsValue]) -> JsValue {
        Reflect::get(&self.0, &JsValue::from_str(method))
            .ok()
            .and_then(|f| wasm_bindgen::JsCast::dyn_into::<Function>(f).ok())
            .and_then(|f| f.apply(&self.0, &args.iter().collect::<Array>()).ok())
            .unwrap_or(JsValue::NULL)
    }

    /// A method's JSON answer, parsed.
    fn ask(&self, method: &str, args: &[JsValue]) -> JsValue {
        self.call(method, args)
            .as_string()
            .and_then(|text| js_sys::JSON::parse(&text).ok())
            .unwrap_or(JsValue::NULL)
    }

    fn add(&self, fetched: &Fetched) -> JsValue {
        let bytes: JsValue = js_sys::Uint8Array::from(fetched.bytes.as_slice()).into();
        let text = |s: &str| JsValue::from_str(s);
        self.ask(
            "add",
            &[
                bytes,
                text(&fetched.url),
                text(&fetched.content_type),
                text(&fetched.total_pages),
                text(&fetched.link),
            ],
        )
    }

    fn count(&self) -> u32 {
        self.call("count", &[]).as_f64().map_or(0, |n| n as u32)
    }

    fn next(&self) -> Option<String> {
        self.call("next", &[]).as_string().filter(|n| !n.is_empty())
    }
}

fn text_of(value: &JsValue, key: &str) -> Option<String> {
    Reflect::get(value, &JsValue::from_str(key))
        .ok()?
        .as_string()
}

impl FeedData {
    /// The source at `url`, whose first document is `first`; `module` is
    /// the feed readers' module file.
    pub async fn first(
        url: &str,
        first: Fetched,
        http: &Http,
        module: &Option<String>,
    ) -> Result<FirstDocument, LoadError> {
        let feed = FeedData {
            url: url.to_string(),
            module: module.clone(),
        };
        let reader = feed.new_reader().await?;
        let mut fetched = first;
        let mut follows = 0;
        loop {
            let answer = reader.add(&fetched);
            if let Some(detail) = text_of(&answer, "error") {
                return Err(LoadError::NotASource {
                    url: fetched.url,
                    detail,
                });
            }
            match text_of(&answer, "follow") {
                Some(next) if follows < MAX_FOLLOWS => {
                    follows += 1;
                    fetched = http.get(&next).await?.fetched().await?;
                }
                Some(next) => {
                    return Err(LoadError::NotASource {
                        url: url.to_string(),
                        detail: [
                            "it leads from page to page without reaching a feed (last: ",
                            &next,
                            ")",
                        ]
                        .concat(),
                    })
                }
                None if has(&answer, "sinmun") => return Ok(FirstDocument::Sinmun(fetched)),
                None if !has(&answer, "added") => {
                    return Err(LoadError::NotASource {
                        url: fetched.url,
                        detail: "the feed reader could not read it".into(),
                    })
                }
                None => break,
            }
        }
        cache::put(&feed.key(), Rc::new(reader));
        Ok(FirstDocument::Feed(feed))
    }

    fn key(&self) -> String {
        ["feed:", &self.url].concat()
    }

    async fn new_reader(&self) -> Result<Reader, LoadError> {
        let files = crate::body::lazy::Files {
            feeds: self.module.clone(),
            ..crate::body::lazy::Files::default()
        };
        let class =
            files
                .feeds_export("FeedReader")
                .await
                .map_err(|detail| LoadError::Network {
                    url: self.url.clone(),
                    detail: ["the feed reader did not load (", &detail, ")"].concat(),
                    cross_origin: false,
                })?;
        Reflect::construct(&class, &Array::new())
            .map(Reader)
            .map_err(|_| LoadError::NotASource {
                url: self.url.clone(),
                detail: "the feed reader could not start".into(),
            })
    }

    /// The source's reader with at least `wanted` items, or all there are.
    async fn reader(&self, http: &Http, wanted: u32) -> Result<Rc<Reader>, LoadError> {
        let reader = match cache::get::<Reader>(&self.key()) {
            Some(reader) => reader,
            None => {
                // Dropped from the cache: read the first document again.
                let first = http.get(&self.url).await?.fetched().await?;
                FeedData::first(&self.url, first, http, &self.module).await?;
                cache::get::<Reader>(&self.key())
                    .ok_or_else(|| self.garbled("it could not be kept"))?
            }
        };
        while reader.count() < wanted {
            let Some(next) = reader.next() else { break };
            // A later page that fails ends the feed there: what was read stays.
            let added = match http.get(&next).await {
                Ok(response) => match response.fetched().await {
                    Ok(fetched) => has(&reader.add(&fetched), "added"),
                    Err(_) => false,
                },
                Err(_) => false,
            };
            if !added {
                reader.call("end", &[]);
            }
        }
        Ok(reader)
    }

    fn garbled(&self, detail: &str) -> LoadError {
        LoadError::Decode {
            url: self.url.clone(),
            format: FORMAT,
            detail: detail.to_string(),
        }
    }

    pub async fn site(&self, http: &Http) -> Result<SiteInfo, LoadError> {
        let site = self.reader(http, 0).await?.ask("site", &[]);
        let manifest = decode::manifest(&site).map_err(|e| self.garbled(&e))?;
        Ok(SiteInfo {
            title: manifest.title,
            total: manifest.total,
            categories: manifest.categories,
            home: text_of(&site, "home"),
            unread: Vec::new(),
        })
    }

    /// The feed's own title, description and language (a widget whose `src`
    /// is a feed takes its settings from them).
    pub async fn about(&self, http: &Http) -> Result<(String, String, Option<String>), LoadError> {
        let site = self.reader(http, 0).await?.ask("site", &[]);
        let text = |key: &str| text_of(&site, key).unwrap_or_default();
        Ok((
            text("title"),
            text("description"),
            text_of(&site, "language"),
        ))
    }

    pub async fn list_page(&self, http: &Http, query: &ListQuery) -> Result<ListPage, LoadError> {
        // One item past the page tells whether there is another.
        let wanted = query
            .page
            .saturating_mul(query.page_size.max(1))
            .saturating_add(1);
        let reader = self.reader(http, wanted).await?;
        let category = JsValue::from_str(query.category.as_deref().unwrap_or(""));
        let args = [
            JsValue::from(query.page),
            JsValue::from(query.page_size),
            category,
        ];
        let list = reader.ask("listPage", &args);
        if list.is_null() {
            return Err(LoadError::NotFound {
                url: match &query.category {
                    Some(slug) => ["category ", slug, " page ", &query.page.to_string()].concat(),
                    None => ["page ", &query.page.to_string()].concat(),
                },
            });
        }
        let read = || -> Result<ListPage, String> {
            let f = Fields::of(&list, "")?;
            let category = match f.get("category").filter(|c| c.is_object()) {
                Some(c) => {
                    let c = Fields::of(&c, "category")?;
                    Some(CategoryInfo {
                        slug: c.text("slug")?,
                        name: c.text("name")?,
                        count: c.count("count")?,
                    })
                }
                None => None,
            };
            Ok(ListPage {
                items: decode::index_shard(&list)?.items,
                page: f.count("page")?,
                pages: f.count("pages")?,
                total: f.count("total")?,
                category,
            })
        };
        read().map_err(|e| self.garbled(&e))
    }

    /// The items read so far as a search index (see `crates/feeds`' `search.rs`).
    pub async fn search_index(&self, http: &Http) -> Result<JsValue, LoadError> {
        Ok(self.reader(http, 0).await?.call("searchIndex", &[]))
    }

    pub async fn article(&self, http: &Http, slug: &str) -> Result<Rc<Article>, LoadError> {
        let mut wanted = 0;
        loop {
            let reader = self.reader(http, wanted).await?;
            let found = reader.ask("article", &[JsValue::from_str(slug)]);
            if !found.is_null() {
                return decode::article(&found)
                    .map(Rc::new)
                    .map_err(|e| self.garbled(&e));
            }
            if reader.next().is_none() {
                return Err(LoadError::NotFound {
                    url: [self.url.as_str(), " (item ", slug, ")"].concat(),
                });
            }
            wanted = reader.count() + 1;
        }
    }
}

fn has(value: &JsValue, key: &str) -> bool {
    value.is_object() && Reflect::has(value, &JsValue::from_str(key)).unwrap_or(false)
}
