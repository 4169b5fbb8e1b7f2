//! The class names a prerendered article page (the converter's
//! `output/prerender.rs`) shares with the app's own views, so the page looks
//! the same before and after the app takes over. Both sides use these
//! constants; the styles are `style/main.css`.

/// The element holding a prerendered page's static copy (`src/prerendered.rs` removes it).
pub const PRERENDERED_SHELL: &str = "sinmun-prerendered";
/// The excerpt a prerendered page shows until the app has the body.
pub const PRERENDERED_EXCERPT: &str = "prerendered-excerpt";
pub const MASTHEAD: &str = "masthead";
pub const MASTHEAD_INNER: &str = "masthead-inner";
pub const SITE_TITLE: &str = "site-title";
/// The main area of every view.
pub const PAGE: &str = "page";
pub const ARTICLE: &str = "article";
pub const ARTICLE_HEAD: &str = "article-head";
pub const ARTICLE_TITLE: &str = "article-title";
