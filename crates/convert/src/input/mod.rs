//! Inputs: what fills the [`Catalogue`](crate::catalogue::Catalogue). Today a
//! Jekyll site; feeds (JSON Feed, RSS, WordPress) are to come beside it.

pub mod jekyll;
