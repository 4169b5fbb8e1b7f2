//! What to convert and where: the library's side of the `sinmun-convert` CLI.

use std::path::PathBuf;

pub const DEFAULT_SHARD_SIZE: usize = 20;

/// What to convert and where.
#[derive(Debug, Clone)]
pub struct Options {
    pub posts_dir: PathBuf,
    pub out_dir: PathBuf,
    /// `--base-path`; `None` uses `_config.yml` `baseurl`, else `/`.
    pub base_path: Option<String>,
    pub app_dir: Option<PathBuf>,
    /// Write the site even when some posts are unusable.
    pub keep_going: bool,
    /// Keep bodies in the article JSON even when the pages hold them.
    pub bodies_in_data: bool,
    pub shard_size: usize,
    /// Rebuild everything, ignoring the record of the last build.
    pub full: bool,
    /// Show a progress bar (the caller decides: terminal and not quiet).
    pub progress: bool,
    /// Test hook: fail the run after this many articles were written.
    #[doc(hidden)]
    pub fail_after_articles: Option<usize>,
}

impl Options {
    pub fn new(posts_dir: impl Into<PathBuf>, out_dir: impl Into<PathBuf>) -> Options {
        Options {
            posts_dir: posts_dir.into(),
            out_dir: out_dir.into(),
            base_path: None,
            app_dir: None,
            keep_going: false,
            bodies_in_data: false,
            shard_size: DEFAULT_SHARD_SIZE,
            full: false,
            progress: false,
            fail_after_articles: None,
        }
    }
}
