//! `sinmun-convert`: a Jekyll `_posts` folder → a deployable sinmun site folder.
//!
//! A run is a list of named steps (`build.rs`) over one in-memory collection,
//! the [`catalogue::Catalogue`]: an input fills it (`input/`: Jekyll today),
//! the steps settle slugs and aliases on it, and each kind of output file has
//! its own module (`output/`: data, app, prerendered pages, feeds, sitemap,
//! report). Everything goes into a sibling staging folder that replaces the
//! output folder only when the run succeeded, so a failed run leaves the
//! previous site untouched.

mod build;
pub mod catalogue;
pub mod input;
mod options;
mod output;
pub mod render;
mod slug;
pub mod synth;
mod text;

pub use build::{run, IO_THREADS};
pub use options::{Options, DEFAULT_SHARD_SIZE};
pub use output::report::{self, RunResult};
