//! A Jekyll post's Markdown as kramdown (Jekyll's renderer) would write it,
//! on pulldown-cmark: CommonMark and GFM as the app renders Markdown
//! (`sinmun_markdown`), plus kramdown's definition lists, header ids,
//! footnotes, abbreviations, attribute lists, table of contents, extensions
//! and `markdown` attribute. Plain CommonMark gives exactly the HTML
//! `sinmun_markdown::to_html` gives.
//!
//! pulldown-cmark has no hooks for these, so the work is done around it:
//!
//! 1. `marker`: the input's own marker characters are neutralised.
//! 2. `extensions`: `{::comment}`, `{::options}` removed, `{::nomarkdown}`
//!    kept aside as raw HTML (a token stands in its place).
//! 3. `html_blocks`: `markdown="1"` elements opened to Markdown.
//! 4. `lines`: abbreviation and attribute list definitions taken out, block
//!    IAL lines made tokens (outside code and HTML blocks, which a first
//!    parse locates).
//! 5. The parse; `events`: tokens and span IALs applied to the events.
//! 6. `abbr`: abbreviations marked up in text.
//! 7. `writer`: pulldown-cmark's HTML writer, with attributes.
//! 8. `toc`: tables of contents built from the written headings.
//!
//! Each pass is linear in the size of the post, and none can panic.

mod abbr;
mod attrs;
mod escape;
mod events;
mod extensions;
mod fences;
mod html_blocks;
mod html_tag;
mod lines;
mod marker;
mod toc;
mod writer;

#[cfg(test)]
mod tests;

use pulldown_cmark::{Event, Options, Parser, TextMergeStream};

/// `sinmun_markdown`'s dialect plus kramdown's definition lists and header
/// attributes (`# Head {#id .cls}`).
fn options() -> Options {
    sinmun_markdown::options()
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// A Jekyll post's Markdown (after Liquid) as HTML, with kramdown's extensions.
pub fn to_html(markdown: &str) -> String {
    let source = marker::clean_input(markdown);
    let mut raws = Vec::new();
    let source = extensions::expand(&source, &mut raws);
    let source = html_blocks::expand(&source, &mut raws);
    let mut definitions = lines::Definitions::default();
    let source = lines::extract(&source, &mut definitions);
    let events: Vec<Event<'_>> =
        TextMergeStream::new(Parser::new_ext(&source, options())).collect();
    let mut tocs = Vec::new();
    let items = events::apply(events, &definitions, &raws, &mut tocs);
    let abbreviations = abbr::Abbreviations::new(&definitions.abbreviations);
    let items = abbr::apply(items, &abbreviations);
    let html = writer::write(items.into_iter(), source.len() + source.len() / 4);
    let html = toc::insert(html, &tocs);
    marker::finish(&html, &raws)
}
