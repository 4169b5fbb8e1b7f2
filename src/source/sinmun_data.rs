//! The sinmun data folder (see `docs/format.md`): a manifest, index shards,
//! category shards, one file per article and alias shards.

use std::rc::Rc;

use sinmun_model as model;
use sinmun_model::{Article, IndexShard, Manifest};
use wasm_bindgen::JsValue;

use super::cache;
use super::decode::{self, Decoded};
use super::http::{self, LoadError};
use super::ListPage;

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

    fn url(&self, path: &str) -> String {
        format!("{}{}", self.folder, path)
    }

    /// Fetch and decode a document once; later calls are served from memory.
    /// `what` names the document in a version error ("The manifest").
    async fn cached<T: 'static>(
        &self,
        path: &str,
        what: &str,
        read: fn(&JsValue) -> Decoded<T>,
    ) -> Result<Rc<T>, LoadError> {
        let url = self.url(path);
        if let Some(hit) = cache::get::<T>(&url) {
            return Ok(hit);
        }
        let value = self.document(&url, what).await?;
        let value: Rc<T> = Rc::new(http::decode(&url, &value, read)?);
        cache::put(&url, value.clone());
        Ok(value)
    }

    /// Fetch a document and check its version (not generic: one copy).
    async fn document(&self, url: &str, what: &str) -> Result<JsValue, LoadError> {
        let value = http::fetch_json(url).await?;
        // The version first: another format version may well have other
        // fields, and the reader should then hear "version 2", not "missing
        // field title". A document without a readable version falls through
        // to the full decode, which names what is wrong.
        if let Some(v) = decode::version(&value) {
            check(v, what, url)?;
        }
        Ok(value)
    }

    pub async fn manifest(&self) -> Result<Rc<Manifest>, LoadError> {
        let manifest: Rc<Manifest> = self
            .cached(model::MANIFEST_FILE, "The manifest", decode::manifest)
            .await?;
        check(
            manifest.version,
            "The manifest",
            &self.url(model::MANIFEST_FILE),
        )?;
        if manifest.shard_size == 0 {
            return Err(LoadError::Decode {
                url: self.url(model::MANIFEST_FILE),
                detail: "shard_size must be at least 1".into(),
            });
        }
        Ok(manifest)
    }

    /// One page of summaries, newest first, for the whole site or one category.
    pub async fn list_page(
        &self,
        page: u32,
        page_size: u32,
        category: Option<&str>,
    ) -> Result<ListPage, LoadError> {
        let manifest = self.manifest().await?;
        let page_size = page_size.max(1);
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
        let pages = total.div_ceil(page_size).max(1);
        if page == 0 || page > pages {
            return Err(LoadError::NotFound {
                url: format!("page {page}"),
            });
        }
        // The summaries of this page may straddle two shards (page size and
        // shard size are independent so a deployer can change the page size).
        let first = (page - 1) * page_size;
        let last = first.saturating_add(page_size).min(total); // exclusive
        let shard_size = manifest.shard_size;
        let mut items = Vec::new();
        // An empty site (total 0) has one empty page and needs no shard.
        let shards = if first < last {
            Some(first / shard_size..=(last - 1) / shard_size)
        } else {
            None
        };
        for shard in shards.into_iter().flatten() {
            let path = match category {
                None => model::index_shard_path(shard),
                Some(slug) => model::category_shard_path(slug, shard),
            };
            let data: Rc<IndexShard> = match self
                .cached(&path, "An index shard", decode::index_shard)
                .await
            {
                Ok(data) => data,
                // The manifest promised this shard: its absence is broken
                // data (an error naming the file), not an unknown page.
                Err(LoadError::NotFound { url }) => {
                    return Err(LoadError::Status { url, status: 404 })
                }
                Err(error) => return Err(error),
            };
            check(data.version, "An index shard", &self.url(&path))?;
            let shard_start = shard.saturating_mul(shard_size);
            for (i, item) in data.items.iter().enumerate() {
                let position = shard_start.saturating_add(u32::try_from(i).unwrap_or(u32::MAX));
                if position >= first && position < last {
                    items.push(item.clone());
                }
            }
        }
        Ok(ListPage {
            items,
            page,
            pages,
            total,
            category: category_info,
        })
    }

    pub async fn article(&self, slug: &str) -> Result<Rc<Article>, LoadError> {
        let path = model::article_path(slug);
        let article: Rc<Article> = self.cached(&path, "The article", decode::article).await?;
        check(article.version, "The article", &self.url(&path))?;
        Ok(article)
    }

    /// The slug an old URL path (a Jekyll permalink) now lives at, if any.
    pub async fn resolve_alias(&self, site_path: &str) -> Result<Option<String>, LoadError> {
        let key = model::normalise_alias(site_path);
        let path = model::alias_shard_path(model::alias_bucket(&key));
        match self
            .cached(&path, "An alias shard", decode::alias_shard)
            .await
        {
            Ok(shard) => Ok(shard.aliases.get(&key).cloned()),
            Err(error) if error.is_not_found() => Ok(None),
            Err(error) => Err(error),
        }
    }
}

fn check(version: u32, what: &str, url: &str) -> Result<(), LoadError> {
    model::check_version(version, what).map_err(|detail| LoadError::Version {
        url: url.to_string(),
        detail,
    })
}
