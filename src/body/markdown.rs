//! Markdown (CommonMark + GFM extensions, raw HTML allowed) to an HTML string.
//! The string is untrusted: it only ever goes to the sanitiser, never to the DOM.

use pulldown_cmark::{html, Options, Parser};

pub fn to_html(source: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let mut out = String::with_capacity(source.len() + source.len() / 4);
    html::push_html(&mut out, Parser::new_ext(source, options));
    out
}
