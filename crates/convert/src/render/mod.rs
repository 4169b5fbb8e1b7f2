//! Turning a Jekyll post's source into the HTML body sinmun stores: its
//! Liquid (`liquid/`), then its kramdown-flavoured Markdown (`kramdown/`),
//! with code highlighted at build time (`highlight.rs`).

pub mod highlight;
