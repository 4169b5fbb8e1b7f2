//! The browser side of a query: which index files it needs (fetched once
//! per page and kept), its ranked hits and the records of those shown.
//! The files are a site's (fetched from its `search/` folder) or, for a
//! source that is a feed, made in memory from its loaded items by the feed
//! readers' module with the same build code (`searchIndex` in
//! `crates/feeds`): the same matching and ranking either way.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Map, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::fetch::{bytes, start};
use crate::index::{
    chunk_path, decode_chunk, decode_doc_categories, part_postings, Meta, Posting, Record, Terms,
    DOCS_DIR, META_FILE,
};
use crate::query::{Part, Query};
use crate::rank::{rank, Hit};

/// What a page has fetched of one site's index.
#[derive(Default)]
pub struct Cache {
    meta: Option<Rc<Meta>>,
    /// Chunks and records by hash and doc id: a page keeps tens of them,
    /// so a list (a map costs the module its hashing code).
    chunks: Vec<(u32, Rc<Terms>)>,
    categories: Option<Rc<Vec<Vec<u32>>>>,
    records: Vec<(u32, Rc<Record>)>,
}

pub struct Engine {
    /// The index folder's URL, ending in `/` (for a feed, a name for messages).
    pub url: String,
    pub cache: RefCell<Cache>,
    /// A feed's index files by path (unpacked), instead of fetching them.
    pub memory: Option<Map>,
}

/// An index file on its way: a started request, or one read from memory.
enum Pending {
    Network(Option<JsFuture>),
    Memory(Option<Vec<u8>>),
}

/// A query's outcome: every hit (best first) after the category filter,
/// and the number of hits in each category before it.
pub struct Found {
    pub hits: Vec<Hit>,
    /// Hits before the category filter.
    pub all: usize,
    pub per_category: Vec<(u32, usize)>,
    pub meta: Rc<Meta>,
}

impl Engine {
    /// Start reading the index file at `path` (below the index folder).
    fn request(&self, path: &str, revalidate: bool) -> (String, Pending) {
        let url = [self.url.as_str(), path].concat();
        let pending = match &self.memory {
            Some(files) => {
                let key = path.split('?').next().unwrap_or(path);
                let file = files.get(&JsValue::from_str(key));
                Pending::Memory(file.dyn_into::<Uint8Array>().ok().map(|a| a.to_vec()))
            }
            None => Pending::Network(start(&url, revalidate)),
        };
        (url, pending)
    }

    pub async fn meta(&self) -> Result<Rc<Meta>, String> {
        if let Some(meta) = self.cache.borrow().meta.clone() {
            return Ok(meta);
        }
        let (url, request) = self.request(META_FILE, true);
        let file = read(request, &url).await?;
        let meta = Rc::new(Meta::decode(&file).ok_or_else(|| unreadable(&url))?);
        self.cache.borrow_mut().meta = Some(meta.clone());
        Ok(meta)
    }

    /// The ranked hits of `query`, narrowed to the category `filter` (a slug).
    pub async fn find(&self, query: &Query, filter: Option<&str>) -> Result<Found, String> {
        let meta = self.meta().await?;
        let categories = self.fetch_needed(query, &meta).await?;
        let cache = self.cache.borrow();
        let all = rank(query, |part| postings(&cache, &meta, part));
        let per_category = count_categories(&all, &categories);
        let unfiltered = all.len();
        let wanted = filter.and_then(|slug| meta.categories.iter().position(|c| c.slug == slug));
        let hits = match wanted.and_then(|i| u32::try_from(i).ok()) {
            Some(category) => all
                .into_iter()
                .filter(|h| in_category(&categories, h.doc, category))
                .collect(),
            None => all,
        };
        Ok(Found {
            hits,
            all: unfiltered,
            per_category,
            meta: meta.clone(),
        })
    }

    /// Fetch the chunks `query` needs and the doc categories, at once.
    async fn fetch_needed(&self, query: &Query, meta: &Meta) -> Result<Rc<Vec<Vec<u32>>>, String> {
        let mut wanted: Vec<u32> = Vec::new();
        for part in query.parts() {
            for i in meta.chunks_for_prefix(part.text()) {
                let Some(chunk) = meta.chunks.get(i) else {
                    continue;
                };
                if !wanted.contains(&chunk.hash) && !self.cache.borrow().has_chunk(chunk.hash) {
                    wanted.push(chunk.hash);
                }
            }
        }
        let categories = match self.cache.borrow().categories.clone() {
            Some(c) => Ok(c),
            None => Err(self.request(&meta.categories_file, false)),
        };
        let started: Vec<(u32, String, _)> = wanted
            .into_iter()
            .map(|hash| {
                let (url, request) = self.request(&chunk_path(hash), false);
                (hash, url, request)
            })
            .collect();
        for (hash, url, request) in started {
            let chunk =
                decode_chunk(&read(request, &url).await?).ok_or_else(|| unreadable(&url))?;
            self.cache.borrow_mut().chunks.push((hash, Rc::new(chunk)));
        }
        match categories {
            Ok(c) => Ok(c),
            Err((categories_url, request)) => {
                let file = read(request, &categories_url).await?;
                let decoded =
                    decode_doc_categories(&file).ok_or_else(|| unreadable(&categories_url))?;
                let decoded = Rc::new(decoded);
                self.cache.borrow_mut().categories = Some(decoded.clone());
                Ok(decoded)
            }
        }
    }

    /// The records of `docs` (fetched at once where not kept yet).
    pub async fn records(&self, docs: &[u32], stamp: &str) -> Vec<(u32, Option<Rc<Record>>)> {
        let started: Vec<(u32, String, _)> = docs
            .iter()
            .filter(|d| self.cache.borrow().record(**d).is_none())
            .map(|&doc| {
                let (url, request) =
                    self.request(&format!("{DOCS_DIR}/{doc}.bin?v={stamp}"), false);
                (doc, url, request)
            })
            .collect();
        for (doc, url, request) in started {
            if let Some(record) = read(request, &url)
                .await
                .ok()
                .and_then(|b| Record::decode(&b))
            {
                self.cache.borrow_mut().records.push((doc, Rc::new(record)));
            }
        }
        let cache = self.cache.borrow();
        docs.iter().map(|d| (*d, cache.record(*d))).collect()
    }
}

/// The bytes of an index file read with [`Engine::request`].
async fn read(pending: Pending, url: &str) -> Result<Vec<u8>, String> {
    match pending {
        Pending::Network(request) => bytes(request, url).await,
        Pending::Memory(file) => file.ok_or_else(|| format!("{url}: not in the index")),
    }
}

fn unreadable(url: &str) -> String {
    format!("{url}: not a search index file of this version")
}

impl Cache {
    fn has_chunk(&self, hash: u32) -> bool {
        self.chunks.iter().any(|(h, _)| *h == hash)
    }

    fn chunk(&self, hash: u32) -> Option<&Terms> {
        self.chunks
            .iter()
            .find(|(h, _)| *h == hash)
            .map(|(_, c)| c.as_ref())
    }

    fn record(&self, doc: u32) -> Option<Rc<Record>> {
        self.records
            .iter()
            .find(|(d, _)| *d == doc)
            .map(|(_, r)| r.clone())
    }
}

fn postings(cache: &Cache, meta: &Meta, part: &Part) -> Vec<Posting> {
    part_postings(meta, |hash| cache.chunk(hash), part)
}

fn in_category(categories: &[Vec<u32>], doc: u32, category: u32) -> bool {
    categories
        .get(doc as usize)
        .is_some_and(|c| c.contains(&category))
}

/// Hits per category (by index), most first.
fn count_categories(hits: &[Hit], categories: &[Vec<u32>]) -> Vec<(u32, usize)> {
    let mut counts: Vec<(u32, usize)> = Vec::new();
    for hit in hits {
        for c in categories.get(hit.doc as usize).into_iter().flatten() {
            match counts.iter_mut().find(|(k, _)| k == c) {
                Some((_, n)) => *n += 1,
                None => counts.push((*c, 1)),
            }
        }
    }
    // most first, then by index
    crate::rank::by_key_desc(&counts, |&(category, count)| {
        ((count as u64) << 32) | u64::from(u32::MAX - category)
    })
}
