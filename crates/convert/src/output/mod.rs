//! Outputs: everything written into the site folder, one module per kind of
//! file, each reading the [`Catalogue`](crate::catalogue::Catalogue) (never the
//! disk) and writing through [`safe::SafeOut`] into the staging folder, or into
//! the site built before when only some of its files change (`update.rs`,
//! `last_build.rs`).

pub mod app;
pub mod base_href;
pub mod data;
pub mod feeds;
pub mod last_build;
pub mod onward;
pub mod prerender;
pub mod report;
pub mod safe;
pub mod search;
pub mod search_memo;
pub mod sitemap;
pub mod staging;
pub mod update;
pub mod urls;
pub mod xml;
