//! The reader of sinmun's own data folder (see `docs/format.md`): a
//! manifest, index shards, category shards, one file per article and alias
//! shards. `decode.rs` reads each document.

pub mod decode;

use std::rc::Rc;

use sinmun_model as model;
use sinmun_model::{Article, IndexShard, Manifest, Summary};
use wasm_bindgen::JsValue;

use super::http::Http;
use super::json::{self, Decoded};
use super::{cache, ListPage, ListQuery, LoadError, SiteInfo};

/// What a document that does not fit is said not to be.
pub const FORMAT: &str = "sinmun data";

#[derive(Clone, Debug, PartialEq)]
pub struct SinmunData {
    /// Absolute URL of the folder that holds `manifest.json`, ending in `/`.
    folder: String,
}

impl SinmunData {
    pub fn new(manifest_url: &str) -> Self {
        let folder = match manifest_url.rfind('/') {
            Some(i) => manifest_url.get(..=i).unwrap_or(manifest_url).to_string(),
            None => String::new(),
        };
        SinmunData { folder }
    }

    /// Keep the manifest already fetched at `source_url` (to tell its
    /// format), when it is the one this reader reads and it decodes.
    pub fn prime(&self, source_url: &str, value: &JsValue) {
        let url = self.url(model::MANIFEST_FILE);
        if url != source_url || cache::get::<Manifest>(&url).is_some() {
            return;
        }
        if let Ok(manifest) = decode::manifest(value) {
            cache::put(&url, Rc::new(manifest));
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{}", self.folder, path)
    }

    /// Fetch and decode a document once; later calls are served from memory.
    /// `what` names the document in a version error ("The manifest").
    async fn cached<T: 'static>(
        &self,
        http: &Http,
        path: &str,
        what: &str,
        read: fn(&JsValue) -> Decoded<T>,
    ) -> Result<Rc<T>, LoadError> {
        let url = self.url(path);
        if let Some(hit) = cache::get::<T>(&url) {
            return Ok(hit);
        }
        let value = document(http, &url, what).await?;
        let value: Rc<T> = Rc::new(json::read(&url, FORMAT, &value, read)?);
        cache::put(&url, value.clone());
        Ok(value)
    }

    async fn manifest(&self, http: &Http) -> Result<Rc<Manifest>, LoadError> {
        let url = self.url(model::MANIFEST_FILE);
        let manifest: Rc<Manifest> = self
            .cached(http, model::MANIFEST_FILE, "The manifest", decode::manifest)
            .await?;
        check(manifest.version, "The manifest", &url)?;
        if manifest.shard_size == 0 {
            return Err(LoadError::Decode {
                url,
                format: FORMAT,
                detail: "shard_size must be at least 1".into(),
            });
        }
        Ok(manifest)
    }

    /// Title, categories and total, from the manifest.
    pub async fn site(&self, http: &Http) -> Result<SiteInfo, LoadError> {
        let manifest = self.manifest(http).await?;
        Ok(SiteInfo {
            title: manifest.title.clone(),
            total: manifest.total,
            categories: manifest.categories.clone(),
            home: None,
            #[cfg(feature = "feeds")]
            unread: Vec::new(),
        })
    }

    /// One page of summaries, newest first, for the whole site or one category.
    pub async fn list_page(&self, http: &Http, query: &ListQuery) -> Result<ListPage, LoadError> {
        let manifest = self.manifest(http).await?;
        let category = query.category.as_deref();
        let (total, category_info) = match category {
            None => (manifest.total, None),
            Some(slug) => match manifest.categories.iter().find(|c| c.slug == slug) {
                Some(info) => (info.count, Some(info.clone())),
                None => {
                    return Err(LoadError::NotFound {
                        url: self.url(&model::category_shard_path(slug, 0)),
                    })
                }
            },
        };
        let (page, page_size) = (query.page, query.page_size.max(1));
        let pages = total.div_ceil(page_size).max(1);
        if page == 0 || page > pages {
            return Err(LoadError::NotFound {
                url: format!("page {page}"),
            });
        }
        let first = (page - 1) * page_size;
        let last = first.saturating_add(page_size).min(total); // exclusive
        let items = self
            .summaries(http, category, first..last, manifest.shard_size)
            .await?;
        Ok(ListPage {
            items,
            page,
            pages,
            total,
            category: category_info,
        })
    }

    /// The summaries at `positions` of the index (or of `category`'s). They
    /// may straddle two shards (page size and shard size are independent so
    /// a deployer can change the page size).
    async fn summaries(
        &self,
        http: &Http,
        category: Option<&str>,
        positions: std::ops::Range<u32>,
        shard_size: u32,
    ) -> Result<Vec<Summary>, LoadError> {
        let mut items = Vec::new();
        // An empty site (total 0) has one empty page and needs no shard.
        let shards = if positions.is_empty() {
            None
        } else {
            Some(positions.start / shard_size..=(positions.end - 1) / shard_size)
        };
        for shard in shards.into_iter().flatten() {
            let path = match category {
                None => model::index_shard_path(shard),
                Some(slug) => model::category_shard_path(slug, shard),
            };
            let data = self.shard(http, &path).await?;
            let shard_start = shard.saturating_mul(shard_size);
            for (i, item) in data.items.iter().enumerate() {
                let position = shard_start.saturating_add(u32::try_from(i).unwrap_or(u32::MAX));
                if positions.contains(&position) {
                    items.push(item.clone());
                }
            }
        }
        Ok(items)
    }

    /// An index shard the manifest promised: its absence is broken data (an
    /// error naming the file), not an unknown page.
    async fn shard(&self, http: &Http, path: &str) -> Result<Rc<IndexShard>, LoadError> {
        let data: Rc<IndexShard> = match self
            .cached(http, path, "An index shard", decode::index_shard)
            .await
        {
            Ok(data) => data,
            Err(LoadError::NotFound { url }) => return Err(LoadError::Status { url, status: 404 }),
            Err(error) => return Err(error),
        };
        check(data.version, "An index shard", &self.url(path))?;
        Ok(data)
    }

    pub async fn article(&self, http: &Http, slug: &str) -> Result<Rc<Article>, LoadError> {
        let path = model::article_path(slug);
        let article: Rc<Article> = self
            .cached(http, &path, "The article", decode::article)
            .await?;
        check(article.version, "The article", &self.url(&path))?;
        Ok(article)
    }

    /// The slug an old URL path (a Jekyll permalink) now lives at, if any.
    pub async fn resolve_alias(
        &self,
        http: &Http,
        site_path: &str,
    ) -> Result<Option<String>, LoadError> {
        let key = model::normalise_alias(site_path);
        let path = model::alias_shard_path(model::alias_bucket(&key));
        match self
            .cached(http, &path, "An alias shard", decode::alias_shard)
            .await
        {
            Ok(shard) => Ok(shard.aliases.get(&key).cloned()),
            Err(error) if error.is_not_found() => Ok(None),
            Err(error) => Err(error),
        }
    }
}

/// Fetch a document and check its version (not generic: one copy).
async fn document(http: &Http, url: &str, what: &str) -> Result<JsValue, LoadError> {
    let value = http.get(url).await?.json(FORMAT).await?;
    // The version first: another format version may well have other
    // fields, and the reader should then hear "version 2", not "missing
    // field title". A document without a readable version falls through
    // to the full decode, which names what is wrong.
    if let Some(v) = decode::version(&value) {
        check(v, what, url)?;
    }
    Ok(value)
}

fn check(version: u32, what: &str, url: &str) -> Result<(), LoadError> {
    model::check_version(version, what).map_err(|detail| LoadError::Version {
        url: url.to_string(),
        detail,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_live_next_to_the_manifest() {
        let data = SinmunData::new("https://example.org/blog/data/manifest.json");
        assert_eq!(
            data.url("index/0.json"),
            "https://example.org/blog/data/index/0.json"
        );
        assert_eq!(SinmunData::new("manifest.json").url("a"), "a");
    }
}
