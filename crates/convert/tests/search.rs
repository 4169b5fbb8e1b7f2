//! The search index on the real corpus (`../shared/corpus/koreanews`): the
//! converter writes it, and the queries of `tests/fixtures/search-queries.json`
//! (in-word, compound, particle, mixed, Latin and title queries, each with
//! the articles that contain it) are run against the files as the browser
//! module runs them (same crate: query, chunk lookup, ranking). Hostile
//! queries too. Skipped, loudly, when the corpus is absent.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use sinmun_convert::{run, Options};
use sinmun_search::build::unpack;
use sinmun_search::index::{decode_chunk, part_postings, Meta, Record, Terms, DOCS_DIR, META_FILE};
use sinmun_search::query::Query;
use sinmun_search::rank::rank;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The corpus converted once (data, feeds and the index; no pages).
fn index_dir() -> Option<&'static PathBuf> {
    static DIR: OnceLock<Option<PathBuf>> = OnceLock::new();
    DIR.get_or_init(|| {
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/koreanews");
        if !corpus.join("_posts").is_dir() {
            eprintln!(
                "\n\n!!!!! NOTE: {} is absent: search was NOT checked on the real corpus !!!!!\n\n",
                corpus.display()
            );
            return None;
        }
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("search-koreanews/site");
        let _ = fs::remove_dir_all(&out);
        let mut options = Options::new(corpus.join("_posts"), &out);
        options.keep_going = true;
        options.full = true;
        assert!(run(&options).unwrap().written);
        Some(out.join("search"))
    })
    .as_ref()
}

/// The index files as the browser module reads them.
struct Index {
    dir: PathBuf,
    meta: Meta,
    chunks: RefCell<HashMap<u32, &'static Terms>>,
}

impl Index {
    fn open(dir: &Path) -> Index {
        let meta = Meta::decode(&read(&dir.join(META_FILE))).unwrap();
        Index {
            dir: dir.to_path_buf(),
            meta,
            chunks: RefCell::default(),
        }
    }

    /// Slugs of the hits, best first, and the bytes of chunks read.
    fn search(&self, text: &str) -> (Vec<String>, usize) {
        let query = Query::parse(text);
        let mut fetched = 0;
        for part in query.parts() {
            for i in self.meta.chunks_for_prefix(part.text()) {
                let chunk = &self.meta.chunks[i];
                if self.chunks.borrow().contains_key(&chunk.hash) {
                    continue;
                }
                let bytes = read(&self.dir.join(chunk.path()));
                fetched += bytes.len();
                let terms: &'static Terms = Box::leak(Box::new(decode_chunk(&bytes).unwrap()));
                self.chunks.borrow_mut().insert(chunk.hash, terms);
            }
        }
        let chunks = self.chunks.borrow();
        let hits = rank(&query, |part| {
            part_postings(&self.meta, |h| chunks.get(&h).copied(), part)
        });
        let slugs = hits
            .iter()
            .take(10)
            .map(|h| self.record(h.doc).slug)
            .collect();
        (slugs, fetched)
    }

    fn record(&self, doc: u32) -> Record {
        let path = self.dir.join(DOCS_DIR).join(format!("{doc}.bin"));
        Record::decode(&read(&path)).unwrap()
    }
}

/// An index file, unpacked (they are written gzip-compressed).
fn read(path: &Path) -> Vec<u8> {
    unpack(&fs::read(path).unwrap()).unwrap()
}

#[derive(serde::Deserialize)]
struct Known {
    query: String,
    kind: String,
    expected: Vec<String>,
}

#[test]
fn known_queries_find_their_articles() {
    let Some(dir) = index_dir() else { return };
    let index = Index::open(dir);
    let table = include_str!("../../../tests/fixtures/search-queries.json");
    let known: Vec<Known> = serde_json::from_str(table).unwrap();
    assert!(known.len() >= 30, "{} queries", known.len());
    let mut missed = Vec::new();
    for k in &known {
        let (top, read) = index.search(&k.query);
        let all_found = k.expected.iter().all(|e| top.contains(e));
        println!(
            "{:<10} {:<28} {} ({} KB of chunks) top: {:?}",
            k.kind,
            k.query,
            if all_found { "found" } else { "MISSED" },
            read / 1024,
            &top[..top.len().min(3)]
        );
        if !all_found {
            missed.push(format!(
                "{} ({}): expected {:?}, top 10 {:?}",
                k.query, k.kind, k.expected, top
            ));
        }
    }
    assert!(missed.is_empty(), "missed:\n{}", missed.join("\n"));
}

#[test]
fn a_title_match_ranks_first() {
    let Some(dir) = index_dir() else { return };
    let index = Index::open(dir);
    // a rare word that is in one article's title and in other bodies
    let titled = (0..index.meta.docs)
        .map(|d| (d, index.record(d)))
        .find(|(_, r)| r.title.contains("딥페이크"));
    let Some((_, record)) = titled else {
        panic!("no title with 딥페이크")
    };
    let (top, _) = index.search("딥페이크");
    let first = index.record_by_slug(&top[0]);
    assert!(
        first.title.contains("딥페이크"),
        "first hit {:?} (the titled one is {})",
        first.title,
        record.slug
    );
}

impl Index {
    fn record_by_slug(&self, slug: &str) -> Record {
        (0..self.meta.docs)
            .map(|d| self.record(d))
            .find(|r| r.slug == slug)
            .unwrap()
    }
}

#[test]
fn hostile_queries_are_answered_small() {
    let Some(dir) = index_dir() else { return };
    let index = Index::open(dir);
    for query in [
        "!!! ??? ...",
        "",
        "<script>alert(1)</script>",
        "zzzzqqqxxjj",
        "쀍쀍쀍",
    ] {
        let (top, _) = index.search(query);
        assert!(top.len() <= 10, "{query}");
    }
    let long: String = "가나다라마바사아자차카타파하 ".repeat(80);
    let (_, read) = index.search(&long);
    assert!(
        read < 2_000_000,
        "a 1,000-character query read {read} bytes of chunks"
    );
    assert!(index.search("zzzzqqqxxjj").0.is_empty());
}
