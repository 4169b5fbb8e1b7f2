//! The index files and how they are read. A site's index lives in
//! `search/` (paths below are relative to it):
//!
//! - `meta.bin`: the doc count, the categories, and for every term chunk
//!   its first term and file name; fetched first (small, revalidated).
//! - `terms/<hash>.bin`: a chunk of the sorted term dictionary, each term
//!   front-coded against the one before it, with its postings (doc id
//!   deltas and a weight byte: hits in the title, hits in the body). A
//!   query fetches only the chunks its terms fall in; names carry a content
//!   hash, so a browser may keep them forever.
//! - `categories-<hash>.bin`: each doc's categories, for the filter.
//! - `docs/<id>.bin`: one result record per doc (title, slug, date,
//!   categories, the start of the text for the snippet), fetched only for
//!   the results shown.
//!
//! Doc ids run oldest first, so a new post takes the next id and the
//! others keep theirs; a larger id is a newer article.

use crate::format::{Reader, Writer};

/// The first bytes of every index file; a new format changes it, and a
/// reader then says the index is from another version instead of misreading it.
pub const MAGIC: &[u8; 4] = b"SNS1";

/// Limits on counts read from a file (hostile files stay small in memory).
const MAX_ITEMS: usize = 10_000_000;

pub const META_FILE: &str = "meta.bin";
pub const TERMS_DIR: &str = "terms";
pub const DOCS_DIR: &str = "docs";

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Category {
    pub slug: String,
    pub name: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChunkRef {
    /// The chunk's first term (chunks are in term order).
    pub first: String,
    /// A hash of the chunk's bytes, its file name (`terms/<hash>.bin`): four
    /// bytes in the meta file where a name would take twenty.
    pub hash: u32,
}

impl ChunkRef {
    /// The chunk's path below `search/`.
    pub fn path(&self) -> String {
        chunk_path(self.hash)
    }
}

/// The path below `search/` of the chunk whose bytes hash to `hash`.
pub fn chunk_path(hash: u32) -> String {
    format!("{TERMS_DIR}/{hash:08x}.bin")
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    pub docs: u32,
    /// Changes whenever any record does: asked for as `?v=` with every
    /// record, so a browser never mixes records of two builds.
    pub records_stamp: String,
    pub categories: Vec<Category>,
    /// The doc categories' file name.
    pub categories_file: String,
    pub chunks: Vec<ChunkRef>,
}

impl Meta {
    pub fn encode(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.raw(MAGIC);
        w.number(u64::from(self.docs));
        w.text(&self.records_stamp);
        w.number(self.categories.len() as u64);
        for c in &self.categories {
            w.text(&c.slug);
            w.text(&c.name);
        }
        w.text(&self.categories_file);
        w.number(self.chunks.len() as u64);
        for c in &self.chunks {
            w.text(&c.first);
            w.raw(&c.hash.to_le_bytes());
        }
        w.bytes
    }

    pub fn decode(bytes: &[u8]) -> Option<Meta> {
        let mut r = magic(bytes)?;
        let docs = u32::try_from(r.number()?).ok()?;
        let records_stamp = r.text()?.to_string();
        let categories = (0..r.count(MAX_ITEMS)?)
            .map(|_| {
                Some(Category {
                    slug: r.text()?.to_string(),
                    name: r.text()?.to_string(),
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let categories_file = r.text()?.to_string();
        let chunks = (0..r.count(MAX_ITEMS)?)
            .map(|_| {
                let first = r.text()?.to_string();
                let hash = u32::from_le_bytes(r.raw(4)?.try_into().ok()?);
                Some(ChunkRef { first, hash })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Meta {
            docs,
            records_stamp,
            categories,
            categories_file,
            chunks,
        })
    }

    /// The chunks that may hold terms starting with `prefix` (for an exact
    /// term, the one chunk it would be in), as indices into `chunks`.
    pub fn chunks_for_prefix(&self, prefix: &str) -> Vec<usize> {
        let first = self
            .chunks
            .partition_point(|c| c.first.as_str() <= prefix)
            .saturating_sub(1);
        let mut found = vec![first];
        for (i, chunk) in self.chunks.iter().enumerate().skip(first + 1) {
            if !chunk.first.starts_with(prefix) {
                break;
            }
            found.push(i);
        }
        found.retain(|&i| i < self.chunks.len());
        found
    }
}

fn magic(bytes: &[u8]) -> Option<Reader<'_>> {
    let mut r = Reader::new(bytes);
    (r.raw(MAGIC.len())? == MAGIC).then_some(r)
}

/// One doc under one term: its id and how often the term is in its title
/// and in its body (each capped at 15).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Posting {
    pub doc: u32,
    pub title: u8,
    pub body: u8,
}

impl Posting {
    /// The hits in one byte: title in the high four bits, body in the low.
    pub fn weight(&self) -> u8 {
        (self.title.min(15) << 4) | self.body.min(15)
    }

    /// The posting of `doc` whose hits [`Posting::weight`] packed.
    pub fn from_weight(doc: u32, weight: u8) -> Posting {
        Posting {
            doc,
            title: weight >> 4,
            body: weight & 15,
        }
    }
}

/// Terms (sorted) and their postings (by doc id).
pub type Terms = Vec<(String, Vec<Posting>)>;

/// One term's postings as they are written, added doc by doc in id order
/// (the index is built in this form: about two bytes a posting).
#[derive(Default)]
pub struct PostingsWriter {
    last: u32,
    count: u32,
    bytes: Writer,
}

impl PostingsWriter {
    pub fn push(&mut self, p: Posting) {
        self.bytes
            .number(u64::from(p.doc.saturating_sub(self.last)));
        self.bytes.byte(p.weight());
        self.last = p.doc;
        self.count += 1;
    }

    /// Encoded size, about.
    pub fn len(&self) -> usize {
        self.bytes.bytes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}

/// A chunk file of `terms` (sorted).
pub fn encode_chunk_from(terms: &[(&str, &PostingsWriter)]) -> Vec<u8> {
    let mut w = Writer::default();
    w.raw(MAGIC);
    w.number(terms.len() as u64);
    let mut previous: &str = "";
    for (term, postings) in terms {
        let shared = common_prefix(previous, term);
        w.number(shared as u64);
        w.text(term.get(shared..).unwrap_or(""));
        w.number(u64::from(postings.count));
        w.raw(&postings.bytes.bytes);
        previous = term;
    }
    w.bytes
}

/// [`encode_chunk_from`] for decoded terms (tests, small indexes).
pub fn encode_chunk(terms: &[(String, Vec<Posting>)]) -> Vec<u8> {
    let writers: Vec<PostingsWriter> = terms
        .iter()
        .map(|(_, postings)| {
            let mut writer = PostingsWriter::default();
            postings.iter().for_each(|p| writer.push(*p));
            writer
        })
        .collect();
    let pairs: Vec<(&str, &PostingsWriter)> = terms
        .iter()
        .map(|(t, _)| t.as_str())
        .zip(writers.iter())
        .collect();
    encode_chunk_from(&pairs)
}

pub fn decode_chunk(bytes: &[u8]) -> Option<Terms> {
    let mut r = magic(bytes)?;
    let count = r.count(MAX_ITEMS)?;
    let mut terms: Terms = Vec::with_capacity(count.min(100_000));
    let mut previous = String::new();
    for _ in 0..count {
        let shared = r.count(previous.len())?;
        let mut term = previous.get(..shared)?.to_string();
        term.push_str(r.text()?);
        let postings = decode_postings(&mut r)?;
        previous.clone_from(&term);
        terms.push((term, postings));
    }
    Some(terms)
}

fn decode_postings(r: &mut Reader) -> Option<Vec<Posting>> {
    let n = r.count(MAX_ITEMS)?;
    let mut postings = Vec::with_capacity(n.min(100_000));
    let mut doc = 0u32;
    for _ in 0..n {
        doc = doc.checked_add(u32::try_from(r.number()?).ok()?)?;
        postings.push(Posting::from_weight(doc, r.byte()?));
    }
    Some(postings)
}

/// A query part's postings from the chunks at hand (`chunk` gives a
/// chunk's terms by its hash, `None` when not fetched): one term's, or for a
/// prefix every matching term's, merged.
pub fn part_postings<'a>(
    meta: &Meta,
    chunk: impl Fn(u32) -> Option<&'a Terms>,
    part: &crate::query::Part,
) -> Vec<Posting> {
    use crate::query::Part;
    let mut lists: Vec<&[Posting]> = Vec::new();
    for i in meta.chunks_for_prefix(part.text()) {
        let Some(terms) = meta.chunks.get(i).and_then(|c| chunk(c.hash)) else {
            continue;
        };
        match part {
            Part::Exact(term) => {
                if let Ok(at) = terms.binary_search_by(|(t, _)| t.as_str().cmp(term)) {
                    lists.extend(terms.get(at).map(|(_, p)| p.as_slice()));
                }
            }
            Part::Prefix(prefix) => {
                let from = terms.partition_point(|(t, _)| t.as_str() < prefix.as_str());
                lists.extend(
                    terms
                        .iter()
                        .skip(from)
                        .take_while(|(t, _)| t.starts_with(prefix.as_str()))
                        .map(|(_, p)| p.as_slice()),
                );
            }
        }
    }
    crate::rank::merge(&lists)
}

/// Bytes shared by the starts of `a` and `b`, at a char boundary.
fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((at, _), _)| at)
}

/// What a result shows: read from `docs/<id>.bin`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Record {
    pub title: String,
    pub slug: String,
    /// `YYYY-MM-DD` (or the date as the article has it).
    pub date: String,
    /// Indices into [`Meta::categories`].
    pub categories: Vec<u32>,
    /// The start of the body's text (NFC), for the snippet.
    pub text: String,
}

impl Record {
    pub fn encode(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.raw(MAGIC);
        w.text(&self.title);
        w.text(&self.slug);
        w.text(&self.date);
        w.number(self.categories.len() as u64);
        for c in &self.categories {
            w.number(u64::from(*c));
        }
        w.text(&self.text);
        w.bytes
    }

    pub fn decode(bytes: &[u8]) -> Option<Record> {
        let mut r = magic(bytes)?;
        Some(Record {
            title: r.text()?.to_string(),
            slug: r.text()?.to_string(),
            date: r.text()?.to_string(),
            categories: read_categories(&mut r)?,
            text: r.text()?.to_string(),
        })
    }
}

fn read_categories(r: &mut Reader) -> Option<Vec<u32>> {
    (0..r.count(MAX_ITEMS)?)
        .map(|_| u32::try_from(r.number()?).ok())
        .collect()
}

/// Every doc's categories, by doc id.
pub fn encode_doc_categories(docs: &[Vec<u32>]) -> Vec<u8> {
    let mut w = Writer::default();
    w.raw(MAGIC);
    w.number(docs.len() as u64);
    for cats in docs {
        w.number(cats.len() as u64);
        for c in cats {
            w.number(u64::from(*c));
        }
    }
    w.bytes
}

pub fn decode_doc_categories(bytes: &[u8]) -> Option<Vec<Vec<u32>>> {
    let mut r = magic(bytes)?;
    (0..r.count(MAX_ITEMS)?)
        .map(|_| read_categories(&mut r))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(doc: u32, title: u8, body: u8) -> Posting {
        Posting { doc, title, body }
    }

    #[test]
    fn chunks_round_trip() {
        let terms: Terms = vec![
            ("서울".into(), vec![p(0, 1, 2), p(5, 0, 15)]),
            ("서울시".into(), vec![p(3, 0, 1)]),
            ("울은".into(), vec![p(7, 15, 0)]),
        ];
        assert_eq!(decode_chunk(&encode_chunk(&terms)), Some(terms));
        assert_eq!(decode_chunk(b"SNS1\x05"), None);
        assert_eq!(decode_chunk(b"XXXX"), None);
    }

    #[test]
    fn meta_and_records_round_trip() {
        let meta = Meta {
            docs: 3,
            records_stamp: "ab".into(),
            categories: vec![Category {
                slug: "경제".into(),
                name: "경제".into(),
            }],
            categories_file: "categories-1.bin".into(),
            chunks: vec![
                ChunkRef {
                    first: "".into(),
                    hash: 1,
                },
                ChunkRef {
                    first: "서울".into(),
                    hash: u32::MAX,
                },
            ],
        };
        assert_eq!(Meta::decode(&meta.encode()), Some(meta));
        let record = Record {
            title: "제목".into(),
            slug: "2024-06-12-10".into(),
            date: "2024-06-12".into(),
            categories: vec![0, 2],
            text: "본문".into(),
        };
        assert_eq!(Record::decode(&record.encode()), Some(record));
        let cats = vec![vec![0], vec![], vec![1, 2]];
        assert_eq!(
            decode_doc_categories(&encode_doc_categories(&cats)),
            Some(cats)
        );
    }

    #[test]
    fn finds_the_chunks_of_a_prefix() {
        let chunk = |first: &str| ChunkRef {
            first: first.into(),
            hash: 0,
        };
        let meta = Meta {
            chunks: vec![
                chunk(""),
                chunk("b"),
                chunk("pa"),
                chunk("par"),
                chunk("pb"),
            ],
            ..Meta::default()
        };
        assert_eq!(meta.chunks_for_prefix("a"), [0]);
        assert_eq!(meta.chunks_for_prefix("pa"), [2, 3]);
        assert_eq!(meta.chunks_for_prefix("p"), [1, 2, 3, 4]);
        assert_eq!(meta.chunks_for_prefix("zz"), [4]);
        assert_eq!(Meta::default().chunks_for_prefix("a"), Vec::<usize>::new());
    }
}
