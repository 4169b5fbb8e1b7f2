//! The sinmun data folder (see `docs/format.md`): a manifest, index shards,
//! category shards, one file per article and alias shards.

use std::rc::Rc;

use serde::de::DeserializeOwned;
use sinmun_model as model;
use sinmun_model::{AliasShard, Article, IndexShard, Manifest};

use super::cache;
use super::http::{fetch_json, LoadError};
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
    async fn cached<T: DeserializeOwned + 'static>(&self, path: &str) -> Result<Rc<T>, LoadError> {
        let url = self.url(path);
        if let Some(hit) = cache::get::<T>(&url) {
            return Ok(hit);
        }
        let value: Rc<T> = Rc::new(fetch_json(&url).await?);
        cache::put(&url, value.clone());
        Ok(value)
    }

    pub async fn manifest(&self) -> Result<Rc<Manifest>, LoadError> {
        let manifest: Rc<Manifest> = self.cached(model::MANIFEST_FILE).await?;
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
        let last = (first + page_size).min(total); // exclusive
        let shard_size = manifest.shard_size;
        let mut items = Vec::new();
        for shard in first / shard_size..=last.saturating_sub(1) / shard_size {
            let path = match category {
                None => model::index_shard_path(shard),
                Some(slug) => model::category_shard_path(slug, shard),
            };
            let data: Rc<IndexShard> = self.cached(&path).await?;
            check(data.version, "An index shard", &self.url(&path))?;
            let shard_start = shard * shard_size;
            for (i, item) in data.items.iter().enumerate() {
                let position = shard_start + i as u32;
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
        let article: Rc<Article> = self.cached(&path).await?;
        check(article.version, "The article", &self.url(&path))?;
        Ok(article)
    }

    /// The slug an old URL path (a Jekyll permalink) now lives at, if any.
    pub async fn resolve_alias(&self, site_path: &str) -> Result<Option<String>, LoadError> {
        let key = model::normalise_alias(site_path);
        let path = model::alias_shard_path(model::alias_bucket(&key));
        match self.cached::<AliasShard>(&path).await {
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
