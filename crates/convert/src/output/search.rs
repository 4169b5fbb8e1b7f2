//! The "search index" step: `search/` (see `sinmun_search::index` for its
//! files) made from the collection the converter already holds: no second
//! read of the articles. Each article's terms are counted in parallel,
//! a batch at a time; every file is written gzip-compressed (`pack`); an
//! update rewrites only the chunks and records whose bytes changed.

use rayon::prelude::*;
use sinmun_model::CategoryInfo;
use sinmun_search::build::{
    category_indices, doc_terms, index_categories, pack, write_index, Doc, Postings,
};

use super::last_build::stamp;
use super::safe::SafeOut;
use crate::catalogue::Catalogue;
use crate::text::plain_text;

/// The folder of the index below the site root (the app's search module
/// reads it from there).
pub const SEARCH_DIR: &str = "search";

/// Articles whose terms are counted at once: the counts of a batch are
/// held until they join the postings (koreanews: about 60 KB an article).
const BATCH: usize = 256;

pub fn write(
    out: &SafeOut,
    catalogue: &Catalogue,
    categories: &[CategoryInfo],
) -> std::io::Result<()> {
    let texts: Vec<String> = catalogue
        .oldest_first()
        .collect::<Vec<_>>()
        .par_iter()
        .map(|item| plain_text(&item.article.body.source, item.article.body.format))
        .collect();
    let docs: Vec<Doc> = catalogue
        .oldest_first()
        .zip(&texts)
        .map(|(item, text)| Doc {
            slug: &item.article.slug,
            title: &item.article.title,
            date: &item.article.date,
            categories: category_indices(&item.article.categories, categories),
            text,
        })
        .collect();
    let mut postings = Postings::default();
    for batch in docs.chunks(BATCH) {
        let counted: Vec<_> = batch
            .par_iter()
            .map(|doc| doc_terms(doc.title, doc.text))
            .collect();
        counted.iter().for_each(|terms| postings.add(terms));
    }
    let files = write_index(&docs, postings, index_categories(categories));
    // Keyed by the unpacked bytes: a file the last build wrote the same is
    // neither compressed nor compared again (most chunks, in an update).
    files.par_iter().try_for_each(|(path, bytes)| {
        out.write_keyed(&format!("{SEARCH_DIR}/{path}"), stamp(bytes), || {
            Some(pack(bytes))
        })
    })
}
