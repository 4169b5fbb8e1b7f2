//! What the views ask a source for and get back, whatever the format behind
//! it: the views' own terms, not any format's documents.

use sinmun_model::CategoryInfo;

/// What a site is, as the masthead and the lists need it.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct SiteInfo {
    /// The title the data gives (the app prefers `config.json`'s).
    pub title: String,
    /// Number of articles.
    pub total: u32,
    /// Categories with their slugs and counts, most used first.
    pub categories: Vec<CategoryInfo>,
    /// The source's own home page, when it is another site's feed (a JSON
    /// Feed's `home_page_url`): where a widget's "more" link goes.
    pub home: Option<String>,
    /// Sources of a merged site that could not be read, each as a message
    /// naming it and what went wrong (the others are shown).
    #[cfg(feature = "feeds")]
    pub unread: Vec<String>,
}

/// Which list page a view wants.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListQuery {
    /// 1-based page number.
    pub page: u32,
    pub page_size: u32,
    /// A category's slug, or `None` for the whole site.
    pub category: Option<String>,
}

/// One page of a list view (the feed readers' module makes them too).
pub use sinmun_model::ListPage;
