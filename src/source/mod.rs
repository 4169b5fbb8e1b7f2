//! Data loading, kept apart from the views: every view asks a [`Source`] and
//! gets model types back. New kinds of source (JSON Feed, WordPress REST) are
//! new variants here; the views do not change.

pub mod cache;
pub mod cancel;
pub mod decode;
mod early;
pub mod http;
mod sinmun_data;

use std::rc::Rc;

use sinmun_model::{Article, CategoryInfo, Manifest, Summary};

pub use http::LoadError;
pub use sinmun_data::SinmunData;

/// One page of a list view.
#[derive(Clone, Debug, PartialEq)]
pub struct ListPage {
    pub items: Vec<Summary>,
    /// 1-based page number.
    pub page: u32,
    pub pages: u32,
    pub total: u32,
    /// Set for category lists.
    pub category: Option<CategoryInfo>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    Sinmun(SinmunData),
}

impl Source {
    /// The source named by `config.json`'s `source`, already made absolute.
    pub fn from_url(url: &str) -> Self {
        Source::Sinmun(SinmunData::new(url))
    }

    pub async fn manifest(&self) -> Result<Rc<Manifest>, LoadError> {
        match self {
            Source::Sinmun(data) => data.manifest().await,
        }
    }

    pub async fn list_page(
        &self,
        page: u32,
        page_size: u32,
        category: Option<&str>,
    ) -> Result<ListPage, LoadError> {
        match self {
            Source::Sinmun(data) => data.list_page(page, page_size, category).await,
        }
    }

    pub async fn article(&self, slug: &str) -> Result<Rc<Article>, LoadError> {
        match self {
            Source::Sinmun(data) => data.article(slug).await,
        }
    }

    pub async fn resolve_alias(&self, site_path: &str) -> Result<Option<String>, LoadError> {
        match self {
            Source::Sinmun(data) => data.resolve_alias(site_path).await,
        }
    }
}
