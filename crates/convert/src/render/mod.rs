//! Turning a Jekyll post's source into the HTML body sinmun stores: its
//! Liquid (`liquid/`), then its kramdown-flavoured Markdown (`kramdown/`),
//! with code highlighted at build time (`highlight.rs`).

pub mod highlight;
pub mod kramdown;
pub mod liquid;

/// Markdown as Jekyll's kramdown renders it (`markdownify`, Markdown posts):
/// kramdown's extensions, fenced code with a language highlighted.
pub fn markdown_to_html(markdown: &str) -> String {
    kramdown::to_html(markdown)
}
