//! Inputs: what fills the [`Catalogue`]. A Jekyll site (a `_posts` folder)
//! or a feed (a file or an http(s) URL: RSS, RDF, Atom, JSON Feed,
//! WordPress REST), told apart by what the path names.

pub mod feed;
pub mod jekyll;

use crate::catalogue::Catalogue;
use feed::FeedSite;
use jekyll::JekyllSite;
use sinmun_model::SiteConfig;
use std::path::{Path, PathBuf};

/// Where a run's articles come from.
pub enum Input {
    Jekyll(JekyllSite),
    Feed(FeedSite),
}

impl Input {
    /// A feed when `path` is a file or a URL, else a Jekyll `_posts` folder.
    pub fn open(path: &Path, warnings: &mut Vec<String>) -> Result<Input, String> {
        if FeedSite::is_feed(path) {
            FeedSite::open(path, warnings).map(Input::Feed)
        } else {
            JekyllSite::open(path, warnings).map(Input::Jekyll)
        }
    }

    pub fn site_config(&self, base_path: Option<&str>) -> SiteConfig {
        match self {
            Input::Jekyll(site) => site.settings.site_config(base_path),
            Input::Feed(feed) => feed.site_config(base_path),
        }
    }

    /// The site's own files to copy as they are (Jekyll's `assets/`).
    pub fn assets_dir(&self) -> Option<PathBuf> {
        match self {
            Input::Jekyll(site) => Some(site.assets_dir()),
            Input::Feed(_) => None,
        }
    }

    /// A Jekyll site without `lang` in `_config.yml` gets the language its
    /// posts are written in (`jekyll/language.rs`).
    pub fn settle_language(&self, config: &mut SiteConfig, catalogue: &Catalogue) {
        if let Input::Jekyll(site) = self {
            if !site.settings.lang_given {
                config.lang = jekyll::language::of_posts(catalogue).to_string();
            }
        }
    }

    /// A folder the site must not be written over (the posts' own).
    pub fn source_dir(&self) -> Option<&Path> {
        match self {
            Input::Jekyll(site) => Some(&site.posts_dir),
            Input::Feed(_) => None,
        }
    }

    /// The "read inputs" step. A Jekyll site's posts converted before are
    /// taken from the memo at `memo` (when given), which is brought up to date.
    pub fn read(&self, progress: bool, memo: Option<&Path>) -> Result<Catalogue, String> {
        match self {
            Input::Jekyll(site) => {
                let context = site.memo_context();
                let remembered = memo.map_or_else(jekyll::Memo::default, |path| {
                    jekyll::Memo::load(path, context)
                });
                let mut read = site.read(progress, remembered)?;
                if let (Some(path), true) = (memo, read.memo_changed) {
                    // a memo that cannot be saved only costs the next run time
                    let _ = jekyll::save_memo(
                        path,
                        context,
                        read.catalogue.sources_mut(),
                        &read.stamps,
                        &read.memo_read,
                    );
                }
                Ok(read.catalogue)
            }
            Input::Feed(feed) => Ok(feed.read()),
        }
    }
}
