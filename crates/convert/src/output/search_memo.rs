//! What the search step keeps between builds: every article's terms (a
//! forward index) and the stamp of its result record, keyed by a stamp of
//! everything they are made from. Counting an article's terms is most of
//! the step (0.85 s of CPU for the 7,478 koreanews articles); with the memo
//! a rebuild counts only the articles that changed, and builds the postings
//! from the remembered terms (some 10 ms).
//!
//! The memo is `.<site>.sinmun-search.bin` beside the output folder, like the
//! build's record (`last_build.rs`), so it is never deployed. It is an
//! accelerator only: an entry is used when its key matches, whatever built
//! the folder, and a memo that is missing, damaged, or made by another
//! converter reads as empty (the step then counts everything). It is written
//! with `last_build::write_replacing`, so a run stopped half-way leaves the
//! old memo or the new one.
//!
//! Layout (the index's own byte format, `sinmun_search::format`): magic,
//! the converter's stamp, the terms (sorted), then per article its key, its
//! record's stamp and its terms as (id delta, hits byte) pairs.

use sinmun_search::format::{Reader, Writer};
use std::collections::HashMap;
use std::io;
use std::path::Path;

const MAGIC: &[u8; 4] = b"SNM1";
/// More terms or articles than this is not a memo this converter wrote.
const MAX_ITEMS: usize = 100_000_000;

/// One article as the memo keeps it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocEntry {
    /// A stamp of the article's record file (`docs/<id>.bin`).
    pub record: u64,
    /// (term id, hits byte as `Posting::weight` packs them), by term id.
    pub terms: Vec<(u32, u8)>,
}

/// The memo as read.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SearchMemo {
    /// Term ids index this.
    pub terms: Vec<Box<str>>,
    /// Entries by article key.
    pub docs: HashMap<u64, DocEntry>,
}

impl SearchMemo {
    /// The memo at `path` if this converter (`context`) wrote it, else an
    /// empty one.
    pub fn load(path: &Path, context: u64) -> SearchMemo {
        std::fs::read(path)
            .ok()
            .and_then(|bytes| decode(&bytes, context))
            .unwrap_or_default()
    }

    /// Writes `terms` and `docs` (term ids into `terms`) at `path`.
    pub fn save<'a>(
        path: &Path,
        context: u64,
        terms: &[&str],
        docs: impl ExactSizeIterator<Item = (u64, &'a DocEntry)>,
    ) -> io::Result<()> {
        super::last_build::write_replacing(path, &encode(context, terms, docs))
    }
}

fn encode<'a>(
    context: u64,
    terms: &[&str],
    docs: impl ExactSizeIterator<Item = (u64, &'a DocEntry)>,
) -> Vec<u8> {
    let mut w = Writer::default();
    w.raw(MAGIC);
    w.raw(&context.to_le_bytes());
    w.number(terms.len() as u64);
    for term in terms {
        w.text(term);
    }
    w.number(docs.len() as u64);
    for (key, entry) in docs {
        w.raw(&key.to_le_bytes());
        w.raw(&entry.record.to_le_bytes());
        w.number(entry.terms.len() as u64);
        let mut last = 0;
        for &(id, weight) in &entry.terms {
            w.number(u64::from(id.saturating_sub(last)));
            w.byte(weight);
            last = id;
        }
    }
    w.bytes
}

fn decode(bytes: &[u8], context: u64) -> Option<SearchMemo> {
    let mut r = Reader::new(bytes);
    if r.raw(MAGIC.len())? != MAGIC || read_u64(&mut r)? != context {
        return None;
    }
    let term_count = r.count(MAX_ITEMS)?;
    let terms = (0..term_count)
        .map(|_| Some(Box::from(r.text()?)))
        .collect::<Option<Vec<_>>>()?;
    let doc_count = r.count(MAX_ITEMS)?;
    let mut docs = HashMap::with_capacity(doc_count.min(1_000_000));
    for _ in 0..doc_count {
        let key = read_u64(&mut r)?;
        let record = read_u64(&mut r)?;
        let entry = DocEntry {
            record,
            terms: read_terms(&mut r, term_count)?,
        };
        docs.insert(key, entry);
    }
    r.is_done().then_some(SearchMemo { terms, docs })
}

fn read_terms(r: &mut Reader, term_count: usize) -> Option<Vec<(u32, u8)>> {
    let n = r.count(term_count)?;
    let mut terms = Vec::with_capacity(n);
    let mut id: u32 = 0;
    for _ in 0..n {
        id = id.checked_add(u32::try_from(r.number()?).ok()?)?;
        if id as usize >= term_count {
            return None;
        }
        terms.push((id, r.byte()?));
    }
    Some(terms)
}

fn read_u64(r: &mut Reader) -> Option<u64> {
    Some(u64::from_le_bytes(r.raw(8)?.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn memo() -> SearchMemo {
        let entry = DocEntry {
            record: 7,
            terms: vec![(0, 0x11), (2, 0x03)],
        };
        SearchMemo {
            terms: vec!["가계".into(), "대출".into(), "서울".into()],
            docs: HashMap::from([(42, entry)]),
        }
    }

    fn bytes(memo: &SearchMemo, context: u64) -> Vec<u8> {
        let terms: Vec<&str> = memo.terms.iter().map(AsRef::as_ref).collect();
        encode(context, &terms, memo.docs.iter().map(|(k, e)| (*k, e)))
    }

    #[test]
    fn round_trips() {
        let memo = memo();
        assert_eq!(decode(&bytes(&memo, 9), 9), Some(memo));
    }

    #[test]
    fn another_converter_or_damage_reads_as_nothing() {
        let good = bytes(&memo(), 9);
        assert_eq!(decode(&good, 8), None);
        for cut in 0..good.len() {
            assert_eq!(decode(good.get(..cut).unwrap_or_default(), 9), None);
        }
        let mut extra = good.clone();
        extra.push(0);
        assert_eq!(decode(&extra, 9), None);
        // a term id past the table
        let mut bad = memo();
        if let Some(entry) = bad.docs.get_mut(&42) {
            entry.terms.push((3, 1));
        }
        assert_eq!(decode(&bytes(&bad, 9), 9), None);
    }

    #[test]
    fn saves_and_loads_beside_a_site() {
        let dir = std::env::temp_dir().join(format!("sinmun-search-memo-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join(".site.sinmun-search.bin");
        let memo = memo();
        let terms: Vec<&str> = memo.terms.iter().map(AsRef::as_ref).collect();
        let saved = SearchMemo::save(&path, 5, &terms, memo.docs.iter().map(|(k, e)| (*k, e)));
        assert!(saved.is_ok());
        assert_eq!(SearchMemo::load(&path, 5), memo);
        assert_eq!(SearchMemo::load(&path, 6), SearchMemo::default());
        assert_eq!(
            SearchMemo::load(&dir.join("none"), 5),
            SearchMemo::default()
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
