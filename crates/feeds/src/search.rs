//! A feed's loaded items as a search index, made in memory: the same files
//! the converter writes for a site (`sinmun_search::build`), so a site whose
//! source is a feed is searched with the same matching, ranking and
//! snippets. The app hands them to the search module (`searchIndex` in
//! `wasm.rs`), which reads them from memory instead of fetching.

use sinmun_model::{Article, BodyFormat};
use sinmun_search::build::{
    category_indices, doc_terms, index_categories, write_index, Doc, Postings,
};

use crate::collection::Collection;
use crate::text::plain_text;

/// Every index file of the feed's items read so far, as (path, bytes),
/// unpacked. Doc ids count from the oldest item (the index's "newer"
/// is the larger id).
pub fn search_files(feed: &Collection) -> Vec<(String, Vec<u8>)> {
    let categories = feed.categories();
    let oldest_first: Vec<&Article> = {
        let mut items: Vec<&Article> = feed.articles().collect();
        items.reverse();
        items
    };
    let texts: Vec<String> = oldest_first.iter().map(|a| body_text(a)).collect();
    let docs: Vec<Doc> = oldest_first
        .iter()
        .zip(&texts)
        .map(|(article, text)| Doc {
            slug: &article.slug,
            title: &article.title,
            date: &article.date,
            categories: category_indices(&article.categories, &categories),
            text,
        })
        .collect();
    let mut postings = Postings::default();
    for doc in &docs {
        postings.add(&doc_terms(doc.title, doc.text));
    }
    write_index(&docs, postings, index_categories(&categories))
}

/// What a reader reads of an item: an HTML body's text, or the text as it is.
fn body_text(article: &Article) -> String {
    match article.body.format {
        BodyFormat::Html => plain_text(&article.body.source),
        // A path to a page, not text (no feed item has one).
        BodyFormat::Page => String::new(),
        BodyFormat::Markdown | BodyFormat::Text => article.body.source.clone(),
    }
}
