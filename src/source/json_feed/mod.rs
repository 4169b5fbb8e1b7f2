//! The reader of a JSON Feed (1.0, 1.1): every item of the feed's first
//! document, and of its `next_url` pages as far as a view asks for (at most
//! [`MAX_DOCUMENTS`] documents). Items are sorted newest first, duplicates
//! (the same id or link twice) dropped, and each gets a slug unique in the
//! feed; categories are the items' tags. `decode.rs` reads one document.

pub mod decode;

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use sinmun_model::{Article, CategoryInfo, Summary};
use wasm_bindgen::JsValue;

use super::http::Http;
use super::{cache, feed_text, ListPage, ListQuery, LoadError, SiteInfo};

/// What a document that does not fit is said not to be.
pub const FORMAT: &str = "JSON Feed";

/// How many documents (`next_url` pages) one feed may take.
pub const MAX_DOCUMENTS: u32 = 20;

#[derive(Clone, Debug, PartialEq)]
pub struct JsonFeedData {
    url: String,
}

/// The feed as read so far.
#[derive(Default)]
struct Loaded {
    title: String,
    home: Option<String>,
    items: Vec<Rc<Article>>,
    next: Option<String>,
    documents: u32,
    seen_ids: HashSet<String>,
    slugs: HashSet<String>,
}

impl Loaded {
    fn add(&mut self, document: decode::Document) {
        if self.documents == 0 {
            self.title = document.title;
            self.home = document.home;
        }
        self.documents += 1;
        self.next = document.next.filter(|_| self.documents < MAX_DOCUMENTS);
        for mut item in document.items {
            let key = item.url.clone().unwrap_or_else(|| item.slug.clone()) + &item.title;
            if !self.seen_ids.insert(key) {
                continue;
            }
            item.slug = self.unique_slug(&item.slug);
            // Newest first; an undated item goes after the dated ones, and
            // items of one time keep the feed's order. (Inserting in place,
            // not sorting: the standard sort costs the bundle kilobytes.)
            let time = feed_text::utc_minutes(&item.date).unwrap_or(i64::MIN);
            let at = self
                .items
                .partition_point(|a| feed_text::utc_minutes(&a.date).unwrap_or(i64::MIN) >= time);
            self.items.insert(at, Rc::new(item));
        }
    }

    fn unique_slug(&mut self, slug: &str) -> String {
        let mut candidate = slug.to_string();
        let mut n = 2;
        while !self.slugs.insert(candidate.clone()) {
            candidate = format!("{slug}-{n}");
            n += 1;
        }
        candidate
    }

    fn categories(&self) -> Vec<CategoryInfo> {
        let mut out: Vec<CategoryInfo> = Vec::new();
        for name in self.items.iter().flat_map(|a| a.categories.iter()) {
            let count = match out.iter().position(|c| &c.name == name) {
                Some(i) => out.remove(i).count + 1,
                None => 1,
            };
            // Most used first, kept so as each count grows (see `add`).
            let at = out.partition_point(|c| c.count >= count);
            out.insert(
                at,
                CategoryInfo {
                    slug: feed_text::category_slug(name),
                    name: name.clone(),
                    count,
                },
            );
        }
        out
    }
}

fn summary(article: &Article) -> Summary {
    Summary {
        slug: article.slug.clone(),
        title: article.title.clone(),
        date: article.date.clone(),
        categories: article.categories.clone(),
        excerpt: article.excerpt.clone(),
        thumbnail: article
            .image
            .clone()
            .or_else(|| article.feature_image.clone()),
        url: article.url.clone(),
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl JsonFeedData {
    pub fn new(url: &str) -> Self {
        JsonFeedData {
            url: url.to_string(),
        }
    }

    fn key(&self) -> String {
        ["json-feed:", &self.url].concat()
    }

    /// Keep the feed's first document, already fetched (to tell its format).
    pub fn prime(&self, value: &JsValue) -> Result<(), LoadError> {
        let document = read(&self.url, value)?;
        let mut loaded = Loaded::default();
        loaded.add(document);
        cache::put(&self.key(), Rc::new(RefCell::new(loaded)));
        Ok(())
    }

    /// The feed with at least `wanted` items, or all of it.
    async fn loaded(&self, http: &Http, wanted: usize) -> Result<Rc<RefCell<Loaded>>, LoadError> {
        let state = match cache::get::<RefCell<Loaded>>(&self.key()) {
            Some(state) => state,
            None => {
                let value = http.get(&self.url).await?.json(FORMAT).await?;
                self.prime(&value)?;
                cache::get::<RefCell<Loaded>>(&self.key()).ok_or_else(|| LoadError::Decode {
                    url: self.url.clone(),
                    format: FORMAT,
                    detail: "it could not be kept".into(),
                })?
            }
        };
        loop {
            let next = {
                let loaded = state.borrow();
                if loaded.items.len() >= wanted {
                    break;
                }
                loaded.next.clone()
            };
            let Some(next) = next else { break };
            // A later page that fails ends the feed there: what was read stays.
            let document = match http.get(&next).await {
                Ok(response) => match response.json(FORMAT).await {
                    Ok(value) => read(&next, &value).ok(),
                    Err(_) => None,
                },
                Err(_) => None,
            };
            let mut loaded = state.borrow_mut();
            match document {
                Some(document) => loaded.add(document),
                None => loaded.next = None,
            }
        }
        Ok(state)
    }

    pub async fn site(&self, http: &Http) -> Result<SiteInfo, LoadError> {
        let state = self.loaded(http, 0).await?;
        let loaded = state.borrow();
        Ok(SiteInfo {
            title: loaded.title.clone(),
            total: count(loaded.items.len()),
            categories: loaded.categories(),
            home: loaded.home.clone(),
        })
    }

    pub async fn list_page(&self, http: &Http, query: &ListQuery) -> Result<ListPage, LoadError> {
        let page_size = query.page_size.max(1) as usize;
        let page = query.page as usize;
        // One item past the page tells whether there is another.
        let wanted = page.saturating_mul(page_size).saturating_add(1);
        let state = self.loaded(http, wanted).await?;
        let loaded = state.borrow();
        let category = match &query.category {
            None => None,
            Some(slug) => Some(
                loaded
                    .categories()
                    .into_iter()
                    .find(|c| &c.slug == slug)
                    .ok_or_else(|| LoadError::NotFound {
                        url: ["category ", slug].concat(),
                    })?,
            ),
        };
        let matching: Vec<&Rc<Article>> = loaded
            .items
            .iter()
            .filter(|a| {
                category
                    .as_ref()
                    .is_none_or(|c| a.categories.contains(&c.name))
            })
            .collect();
        let known_pages = matching.len().div_ceil(page_size).max(1);
        let pages = known_pages + usize::from(loaded.next.is_some());
        if page == 0 || page > pages {
            return Err(LoadError::NotFound {
                url: format!("page {page}"),
            });
        }
        let items = matching
            .iter()
            .skip((page - 1) * page_size)
            .take(page_size)
            .map(|a| summary(a))
            .collect();
        Ok(ListPage {
            items,
            page: query.page,
            pages: count(pages),
            total: count(matching.len()),
            category,
        })
    }

    pub async fn article(&self, http: &Http, slug: &str) -> Result<Rc<Article>, LoadError> {
        let mut wanted = 0;
        loop {
            let state = self.loaded(http, wanted).await?;
            let loaded = state.borrow();
            if let Some(found) = loaded.items.iter().find(|a| a.slug == slug) {
                return Ok(found.clone());
            }
            if loaded.next.is_none() {
                return Err(LoadError::NotFound {
                    url: [self.url.as_str(), " (item ", slug, ")"].concat(),
                });
            }
            wanted = loaded.items.len() + 1;
        }
    }
}

fn read(url: &str, value: &JsValue) -> Result<decode::Document, LoadError> {
    decode::document(value, url).map_err(|detail| LoadError::Decode {
        url: url.to_string(),
        format: FORMAT,
        detail,
    })
}
