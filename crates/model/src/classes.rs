//! The class names a prerendered article page (the converter's
//! `output/prerender/`) shares with the app's own views, so the page looks
//! the same before and after the app takes over. Both sides use these
//! constants; the styles are `style/main.css`.

/// The element holding a prerendered page's static copy (`src/prerendered.rs` removes it).
pub const PRERENDERED_SHELL: &str = "sinmun-prerendered";
/// The attribute naming the article a prerendered page shows (the app
/// takes its body over only for that article).
pub const ARTICLE_SLUG: &str = "data-sinmun-slug";
/// The containers of an article's body and banner text, in the app's view
/// and in a prerendered page.
pub const ARTICLE_BODY: &str = "article-body";
pub const BANNER_TEXT: &str = "banner-text";
pub const MASTHEAD: &str = "masthead";
pub const MASTHEAD_INNER: &str = "masthead-inner";
pub const SITE_TITLE: &str = "site-title";
/// The main area of every view.
pub const PAGE: &str = "page";
pub const ARTICLE: &str = "article";
pub const ARTICLE_HEAD: &str = "article-head";
pub const ARTICLE_TITLE: &str = "article-title";
