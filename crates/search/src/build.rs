//! The converter's side: the index files made from a site's articles (see
//! `index` for what each file is). The converter counts the terms of a
//! batch of articles with [`doc_terms`] (in parallel), adds them to the
//! [`Postings`] in doc order (postings are kept encoded, about two bytes
//! each), and [`write_index`] cuts the sorted dictionary into chunks of
//! about [`CHUNK_BYTES`] ([`chunk_files`]) and writes the records. The
//! converter keeps each doc's terms between builds and uses the parts
//! ([`chunk_files`], [`record_bytes`], [`categories_file`]) itself.

use std::collections::HashMap;

use crate::index::{
    encode_chunk_from, encode_doc_categories, Category, ChunkRef, Meta, Posting, PostingsWriter,
    Record, DOCS_DIR, META_FILE,
};
use sinmun_model::CategoryInfo;

use crate::normalize::normalize;
use crate::tokens::each_term;

/// A chunk's size before compression. Smaller chunks mean fewer bytes per
/// query and more files; measured on koreanews (README, search bench).
pub const CHUNK_BYTES: usize = 8 * 1024;

/// How much of an article's text its record keeps for the snippet, in
/// characters: about two thirds of a median koreanews body (1,444), 1.1 KB
/// gzip a result.
pub const RECORD_TEXT_CHARS: usize = 1_000;

/// An article as the index needs it.
pub struct Doc<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub date: &'a str,
    /// Indices into the site's categories.
    pub categories: Vec<u32>,
    /// The body's plain text.
    pub text: &'a str,
}

/// One article's distinct terms and their hits in the title and the body
/// (each capped at 15), in one string (one allocation per article, not one
/// per term: 7,478 koreanews articles have 11 million terms).
#[derive(Default)]
pub struct DocTerms {
    text: String,
    /// (start, end) in `text`, title hits, body hits; sorted by term.
    terms: Vec<(u32, u32, u8, u8)>,
}

impl DocTerms {
    pub fn iter(&self) -> impl Iterator<Item = (&str, u8, u8)> {
        self.terms.iter().filter_map(|&(start, end, title, body)| {
            let term = self.text.get(start as usize..end as usize)?;
            Some((term, title, body))
        })
    }
}

/// The terms of one article (see [`DocTerms`]).
pub fn doc_terms(title: &str, text: &str) -> DocTerms {
    let title = normalize(title);
    let body = normalize(text);
    let mut counts: HashMap<&str, (u8, u8)> = HashMap::new();
    for (source, in_title) in [(&title, true), (&body, false)] {
        each_term(source, |term, _| {
            let entry = counts.entry(term).or_default();
            let slot = if in_title { &mut entry.0 } else { &mut entry.1 };
            *slot = slot.saturating_add(1).min(15);
        });
    }
    let mut sorted: Vec<(&str, (u8, u8))> = counts.into_iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut out = DocTerms {
        text: String::with_capacity(sorted.iter().map(|(t, _)| t.len()).sum()),
        terms: Vec::with_capacity(sorted.len()),
    };
    for (term, (in_title, in_body)) in sorted {
        let start = offset(out.text.len());
        out.text.push_str(term);
        out.terms
            .push((start, offset(out.text.len()), in_title, in_body));
    }
    out
}

fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Every term's postings, built batch by batch of articles.
#[derive(Default)]
pub struct Postings {
    terms: HashMap<Box<str>, PostingsWriter>,
    next_doc: u32,
}

impl Postings {
    /// Adds the next article's terms (articles come in doc id order).
    pub fn add(&mut self, doc_terms: &DocTerms) {
        let doc = self.next_doc;
        self.next_doc += 1;
        for (term, title, body) in doc_terms.iter() {
            let posting = Posting { doc, title, body };
            match self.terms.get_mut(term) {
                Some(writer) => writer.push(posting),
                None => {
                    let mut writer = PostingsWriter::default();
                    writer.push(posting);
                    self.terms.insert(term.into(), writer);
                }
            }
        }
    }
}

/// The site's categories as the index names them (slug and name).
pub fn index_categories(categories: &[CategoryInfo]) -> Vec<Category> {
    categories
        .iter()
        .map(|c| Category {
            slug: c.slug.clone(),
            name: c.name.clone(),
        })
        .collect()
}

/// The positions in the site's `categories` of an article's category names
/// (a [`Doc`]'s `categories`).
pub fn category_indices(names: &[String], categories: &[CategoryInfo]) -> Vec<u32> {
    names
        .iter()
        .filter_map(|name| categories.iter().position(|c| &c.name == name))
        .filter_map(|i| u32::try_from(i).ok())
        .collect()
}

/// Every index file, as (path below `search/`, bytes); doc ids are
/// positions in `docs`, whose terms `postings` holds.
pub fn write_index(
    docs: &[Doc],
    postings: Postings,
    categories: Vec<Category>,
) -> Vec<(String, Vec<u8>)> {
    let mut sorted: Vec<(&str, &PostingsWriter)> = postings
        .terms
        .iter()
        .map(|(term, writer)| (term.as_ref(), writer))
        .collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let (chunks, mut files) = chunk_files(&sorted);
    let (records_stamp, record_files) = records(docs);
    let doc_categories: Vec<Vec<u32>> = docs.iter().map(|d| d.categories.clone()).collect();
    let (categories_file, categories_bytes) = categories_file(&doc_categories);
    files.push((categories_file.clone(), categories_bytes));
    let meta = Meta {
        docs: u32::try_from(docs.len()).unwrap_or(u32::MAX),
        records_stamp,
        categories,
        categories_file,
        chunks,
    };
    files.push((META_FILE.to_string(), meta.encode()));
    files.extend(record_files);
    files
}

/// A chunk is not cut before it holds this many bytes...
const MIN_CHUNK_BYTES: usize = CHUNK_BYTES * 3 / 4;
/// ...and always once it holds this many.
const MAX_CHUNK_BYTES: usize = CHUNK_BYTES * 3;
/// Between the two, it ends after a term whose hash is 0 modulo this.
const CUT_EVERY: u32 = 32;

/// The sorted dictionary `sorted` cut into chunk files of about
/// [`CHUNK_BYTES`]: what the meta file says of them, and the files.
///
/// Where a chunk ends depends on the terms, not on the running size alone
/// (content-defined chunking, as rsync and restic do): past
/// [`MIN_CHUNK_BYTES`] a chunk ends after a term whose hash says so. A
/// change to some terms' postings then changes only the chunks holding
/// them; with cuts by size alone, every chunk after the first change would
/// shift, and a rebuild would rewrite (and browsers fetch again) all of them.
pub fn chunk_files(sorted: &[(&str, &PostingsWriter)]) -> (Vec<ChunkRef>, Vec<(String, Vec<u8>)>) {
    let mut refs = Vec::new();
    let mut files = Vec::new();
    let mut start = 0;
    let mut size = 0;
    for (i, (term, writer)) in sorted.iter().enumerate() {
        size += term.len() + 2 + writer.len();
        let cut_here = size >= MAX_CHUNK_BYTES
            || (size >= MIN_CHUNK_BYTES && hash(term.as_bytes()).is_multiple_of(CUT_EVERY));
        if cut_here || i + 1 == sorted.len() {
            if let Some(chunk) = sorted.get(start..=i) {
                refs.push(chunk_file(chunk, &mut files));
            }
            start = i + 1;
            size = 0;
        }
    }
    (refs, files)
}

fn chunk_file(chunk: &[(&str, &PostingsWriter)], files: &mut Vec<(String, Vec<u8>)>) -> ChunkRef {
    let bytes = encode_chunk_from(chunk);
    let chunk_ref = ChunkRef {
        first: chunk
            .first()
            .map(|(t, _)| t.to_string())
            .unwrap_or_default(),
        hash: hash(&bytes),
    };
    files.push((chunk_ref.path(), bytes));
    chunk_ref
}

/// Every doc's categories (`categories-<hash>.bin`): its name and bytes.
pub fn categories_file(doc_categories: &[Vec<u32>]) -> (String, Vec<u8>) {
    let bytes = encode_doc_categories(doc_categories);
    (format!("categories-{:08x}.bin", hash(&bytes)), bytes)
}

/// The path below `search/` of doc `id`'s record.
pub fn record_path(id: usize) -> String {
    format!("{DOCS_DIR}/{id}.bin")
}

/// One record file per doc, and a stamp that changes with any of them.
fn records(docs: &[Doc]) -> (String, Vec<(String, Vec<u8>)>) {
    let mut all = Fnv::default();
    let files = docs
        .iter()
        .enumerate()
        .map(|(id, doc)| {
            let bytes = record_bytes(doc);
            all.write(&bytes);
            (record_path(id), bytes)
        })
        .collect();
    (format!("{:016x}", all.0), files)
}

/// A doc's result record (`docs/<id>.bin`).
pub fn record_bytes(doc: &Doc) -> Vec<u8> {
    Record {
        title: nfc(doc.title),
        slug: doc.slug.to_string(),
        date: doc.date.get(..10).unwrap_or(doc.date).to_string(),
        categories: doc.categories.clone(),
        text: nfc(&doc.text.chars().take(RECORD_TEXT_CHARS).collect::<String>()),
    }
    .encode()
}

#[cfg(not(target_arch = "wasm32"))]
fn nfc(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfc().collect()
}

#[cfg(target_arch = "wasm32")]
fn nfc(text: &str) -> String {
    text.to_string()
}

/// An index file as it is written: gzip (see the crate's Cargo.toml; the
/// module unpacks it with the browser's `DecompressionStream`).
#[cfg(not(target_arch = "wasm32"))]
pub fn pack(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    match encoder.write_all(bytes).and_then(|()| encoder.finish()) {
        Ok(packed) => packed,
        Err(_) => bytes.to_vec(),
    }
}

/// What [`pack`] wrote (tests, tools); `None` for anything else.
#[cfg(not(target_arch = "wasm32"))]
pub fn unpack(bytes: &[u8]) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .ok()?;
    Some(out)
}

/// FNV-1a, 64 bits: file names that change with their content.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// 32 bits of FNV-1a: a chunk's name only has to change with its bytes.
fn hash(bytes: &[u8]) -> u32 {
    let mut h = Fnv::default();
    h.write(bytes);
    (h.0 ^ (h.0 >> 32)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::{decode_chunk, Meta, Record};

    #[test]
    fn counts_title_and_body_hits() {
        let terms = doc_terms("서울 경제", "서울은 서울시");
        let find = |t: &str| {
            terms
                .iter()
                .find(|(x, _, _)| *x == t)
                .map(|(_, a, b)| (a, b))
        };
        assert_eq!(find("서울"), Some((1, 2)));
        assert_eq!(find("경제"), Some((1, 0)));
        assert_eq!(find("울시"), Some((0, 1)));
        assert_eq!(find("없음"), None);
    }

    #[test]
    fn packs_and_unpacks() {
        let text = "서울 ".repeat(100);
        let packed = pack(text.as_bytes());
        assert!(packed.len() < text.len() / 4);
        assert_eq!(unpack(&packed), Some(text.into_bytes()));
        assert_eq!(unpack(b"not gzip"), None);
    }

    #[test]
    fn writes_meta_chunks_and_records() {
        let docs = [
            Doc {
                slug: "a",
                title: "First",
                date: "2024-01-01T00:00:00Z",
                categories: vec![0],
                text: "가계대출 늘었다",
            },
            Doc {
                slug: "b",
                title: "둘째",
                date: "2024-01-02",
                categories: vec![],
                text: "대출 규제",
            },
        ];
        let mut terms = Postings::default();
        for d in &docs {
            terms.add(&doc_terms(d.title, d.text));
        }
        let cats = vec![Category {
            slug: "경제".into(),
            name: "경제".into(),
        }];
        let files = write_index(&docs, terms, cats);
        let get = |name: &str| {
            files
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, b)| b.clone())
        };
        let meta = Meta::decode(&get(META_FILE).unwrap_or_default()).unwrap_or_default();
        assert_eq!(meta.docs, 2);
        assert_eq!(meta.chunks.len(), 1);
        let chunk = get(&meta.chunks[0].path()).unwrap_or_default();
        let terms = decode_chunk(&chunk).unwrap_or_default();
        let daechul = terms
            .iter()
            .find(|(t, _)| t == "대출")
            .map(|(_, p)| p.len());
        assert_eq!(daechul, Some(2));
        let record = Record::decode(&get("docs/0.bin").unwrap_or_default()).unwrap_or_default();
        assert_eq!(record.date, "2024-01-01");
        assert_eq!(record.text, "가계대출 늘었다");
        assert!(get(&meta.categories_file).is_some());
    }
}
