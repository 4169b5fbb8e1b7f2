//! An index held in memory (the files [`crate::build::write_index`] makes,
//! unpacked), searched natively the way the browser module searches
//! fetched files: query, chunk lookup, ranking, records. For tests and
//! tools; the module itself reads files one by one as a query needs them.

use crate::index::{decode_chunk, part_postings, Meta, Record, Terms, DOCS_DIR, META_FILE};
use crate::query::Query;
use crate::rank::rank;

/// The records of `query`'s hits in `files`, best first (`None` when the
/// files are not an index of this version).
pub fn search(files: &[(String, Vec<u8>)], query: &str) -> Option<Vec<Record>> {
    let file = |path: &str| files.iter().find(|(p, _)| p == path).map(|(_, b)| b);
    let meta = Meta::decode(file(META_FILE)?)?;
    let chunks: Vec<(u32, Terms)> = meta
        .chunks
        .iter()
        .filter_map(|c| Some((c.hash, decode_chunk(file(&c.path())?)?)))
        .collect();
    let query = Query::parse(query);
    let hits = rank(&query, |part| {
        part_postings(
            &meta,
            |hash| chunks.iter().find(|(h, _)| *h == hash).map(|(_, t)| t),
            part,
        )
    });
    hits.iter()
        .map(|hit| Record::decode(file(&format!("{DOCS_DIR}/{}.bin", hit.doc))?))
        .collect()
}
