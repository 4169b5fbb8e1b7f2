//! Turning a Jekyll post's source into the HTML body sinmun stores: its
//! Liquid (`liquid/`), then its kramdown-flavoured Markdown (`kramdown/`),
//! with code highlighted at build time (`highlight.rs`).

pub mod highlight;
pub mod liquid;

/// Markdown as Jekyll's kramdown renders it (`markdownify`, Markdown posts).
pub fn markdown_to_html(markdown: &str) -> String {
    sinmun_markdown::to_html(markdown)
}
