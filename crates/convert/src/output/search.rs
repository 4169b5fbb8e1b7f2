//! The "search index" step: `search/` (see `sinmun_search::index` for its
//! files) made from the collection the converter already holds: no second
//! read of the articles.
//!
//! Each article's terms are counted once and kept in the search memo
//! (`search_memo.rs`) under a key of everything they come from; a rebuild
//! counts only the articles not found there and builds the postings from
//! the memo's terms. Counting runs in parallel a batch at a time, and each
//! article's result record is written as it is counted. Every file is
//! written gzip-compressed (`pack`) and keyed by its unpacked bytes, so an
//! update compresses and writes only the files whose content changed.

use rayon::prelude::*;
use sinmun_model::CategoryInfo;
use sinmun_search::build::{
    categories_file, category_indices, chunk_files, doc_terms, index_categories, pack,
    record_bytes, record_path, Doc, DocTerms,
};
use sinmun_search::index::{Meta, Posting, PostingsWriter, META_FILE};
use std::borrow::Cow;
use std::collections::HashMap;
use std::io;
use std::path::Path;

use super::last_build::{converter_stamp, stamp, StampWriter};
use super::safe::SafeOut;
use super::search_memo::{DocEntry, SearchMemo};
use crate::catalogue::{Catalogue, Item};
use crate::text::plain_text;

/// The folder of the index below the site root (the app's search module
/// reads it from there).
pub const SEARCH_DIR: &str = "search";

/// Articles whose terms are counted at once: the counts of a batch are
/// held until they join the dictionary (koreanews: about 60 KB an article).
const BATCH: usize = 256;

/// Where the search memo is, and whether to trust it (not under `--full`).
pub struct MemoFile<'a> {
    pub path: &'a Path,
    pub load: bool,
}

/// One article as the index sees it.
struct Article<'a> {
    item: &'a Item,
    categories: Vec<u32>,
    /// A stamp of everything its terms and record are made from.
    key: u64,
}

impl<'a> Article<'a> {
    fn new(item: &'a Item, categories: &[CategoryInfo]) -> Article<'a> {
        let categories = category_indices(&item.article.categories, categories);
        let article = &item.article;
        let mut key = StampWriter::default();
        key.add(article.slug.as_bytes())
            .add(article.title.as_bytes())
            .add(article.date.as_bytes())
            .add(format!("{:?}", article.body.format).as_bytes())
            .add(article.body.source.as_bytes());
        for c in &categories {
            key.add(&c.to_le_bytes());
        }
        Article {
            item,
            categories,
            key: key.finish(),
        }
    }

    fn doc<'t>(&'t self, text: &'t str) -> Doc<'t> {
        Doc {
            slug: &self.item.article.slug,
            title: &self.item.article.title,
            date: &self.item.article.date,
            categories: self.categories.clone(),
            text,
        }
    }

    fn text(&self) -> String {
        let body = &self.item.article.body;
        plain_text(&body.source, body.format)
    }
}

pub fn write(
    out: &SafeOut,
    catalogue: &Catalogue,
    categories: &[CategoryInfo],
    memo_file: Option<MemoFile>,
) -> io::Result<()> {
    let context = converter_stamp();
    let memo = match &memo_file {
        Some(file) if file.load => SearchMemo::load(file.path, context),
        _ => SearchMemo::default(),
    };
    let articles: Vec<Article> = catalogue
        .oldest_first()
        .map(|item| Article::new(item, categories))
        .collect();
    let SearchMemo { terms, docs } = memo;
    let mut dictionary = Dictionary::new(terms);
    let entries = count_and_write_records(out, &articles, &docs, &mut dictionary)?;
    let order = dictionary.sorted_live(&entries);
    write_index_files(out, &articles, &entries, &dictionary, &order, categories)?;
    let unchanged =
        docs.len() == entries.len() && entries.iter().all(|e| matches!(e, Cow::Borrowed(_)));
    match memo_file {
        // a memo that cannot be saved only costs the next run time
        Some(file) if !unchanged => {
            let _ = save_memo(file.path, context, &articles, &entries, &dictionary, &order);
        }
        _ => {}
    }
    Ok(())
}

/// Every article's entry, oldest first: the memo's, or counted now (a
/// batch at a time, in parallel). Each article's record is written on the way.
fn count_and_write_records<'m>(
    out: &SafeOut,
    articles: &[Article],
    memo: &'m HashMap<u64, DocEntry>,
    dictionary: &mut Dictionary,
) -> io::Result<Vec<Cow<'m, DocEntry>>> {
    let mut entries = Vec::with_capacity(articles.len());
    for (batch_no, batch) in articles.chunks(BATCH).enumerate() {
        let first_id = batch_no * BATCH;
        let counted: Vec<Counted> = batch
            .par_iter()
            .enumerate()
            .map(|(i, article)| count_one(out, first_id + i, article, memo.get(&article.key)))
            .collect::<io::Result<_>>()?;
        entries.extend(counted.into_iter().map(|counted| match counted {
            Counted::Remembered(entry) => Cow::Borrowed(entry),
            Counted::Now(terms, record) => Cow::Owned(dictionary.entry(&terms, record)),
        }));
    }
    Ok(entries)
}

/// An article's terms: the memo's entry, or counted now (with the stamp
/// of its record).
enum Counted<'m> {
    Remembered(&'m DocEntry),
    Now(DocTerms, u64),
}

/// Writes article `id`'s record, and counts its terms unless the memo has
/// them (`remembered`).
fn count_one<'m>(
    out: &SafeOut,
    id: usize,
    article: &Article,
    remembered: Option<&'m DocEntry>,
) -> io::Result<Counted<'m>> {
    let path = format!("{SEARCH_DIR}/{}", record_path(id));
    if let Some(entry) = remembered {
        // the record is made again only if the last build wrote another one here
        out.write_keyed(&path, entry.record, || {
            Some(pack(&record_bytes(&article.doc(&article.text()))))
        })?;
        return Ok(Counted::Remembered(entry));
    }
    let text = article.text();
    let doc = article.doc(&text);
    let record = record_bytes(&doc);
    let record_stamp = stamp(&record);
    out.write_keyed(&path, record_stamp, || Some(pack(&record)))?;
    Ok(Counted::Now(doc_terms(doc.title, doc.text), record_stamp))
}

/// The term chunks, the doc categories and the meta file.
fn write_index_files(
    out: &SafeOut,
    articles: &[Article],
    entries: &[Cow<DocEntry>],
    dictionary: &Dictionary,
    order: &[u32],
    categories: &[CategoryInfo],
) -> io::Result<()> {
    let writers = postings(entries, dictionary.terms.len());
    let sorted: Vec<(&str, &PostingsWriter)> = order
        .iter()
        .filter_map(|&id| Some((dictionary.term(id)?, writers.get(id as usize)?)))
        .collect();
    let (chunks, mut files) = chunk_files(&sorted);
    let doc_categories: Vec<Vec<u32>> = articles.iter().map(|a| a.categories.clone()).collect();
    let (categories_name, categories_bytes) = categories_file(&doc_categories);
    files.push((categories_name.clone(), categories_bytes));
    let mut records = StampWriter::default();
    entries.iter().for_each(|e| {
        records.add(&e.record.to_le_bytes());
    });
    let meta = Meta {
        docs: u32::try_from(entries.len()).unwrap_or(u32::MAX),
        records_stamp: format!("{:016x}", records.finish()),
        categories: index_categories(categories),
        categories_file: categories_name,
        chunks,
    };
    files.push((META_FILE.to_string(), meta.encode()));
    files.par_iter().try_for_each(|(path, bytes)| {
        out.write_keyed(&format!("{SEARCH_DIR}/{path}"), stamp(bytes), || {
            Some(pack(bytes))
        })
    })
}

/// Every term's postings (by term id), from the articles' entries in doc
/// id order. A counting sort: the (doc, hits) pairs are placed term by
/// term in one array, then each term's run is encoded (in parallel).
/// Pushing to 56,000 writers doc by doc instead missed the cache on nearly
/// every one of koreanews' million postings (50 ms against 15).
fn postings(entries: &[Cow<DocEntry>], term_count: usize) -> Vec<PostingsWriter> {
    let mut starts = vec![0usize; term_count + 1];
    for entry in entries {
        for &(id, _) in &entry.terms {
            if let Some(count) = starts.get_mut(id as usize + 1) {
                *count += 1;
            }
        }
    }
    for i in 1..starts.len() {
        let before = starts.get(i - 1).copied().unwrap_or(0);
        if let Some(start) = starts.get_mut(i) {
            *start += before;
        }
    }
    let mut placed = vec![(0u32, 0u8); starts.last().copied().unwrap_or(0)];
    let mut next = starts.clone();
    for (doc, entry) in entries.iter().enumerate() {
        let doc = u32::try_from(doc).unwrap_or(u32::MAX);
        for &(id, weight) in &entry.terms {
            if let Some(at) = next.get_mut(id as usize) {
                if let Some(slot) = placed.get_mut(*at) {
                    *slot = (doc, weight);
                }
                *at += 1;
            }
        }
    }
    starts
        .par_windows(2)
        .map(|run| {
            let mut writer = PostingsWriter::default();
            if let [start, end] = *run {
                for &(doc, weight) in placed.get(start..end).unwrap_or_default() {
                    writer.push(Posting::from_weight(doc, weight));
                }
            }
            writer
        })
        .collect()
}

/// Saves the memo. Term ids stay as they are (entries need no renumbering
/// or sorting, a third of this step's time after an edit) until more than
/// a quarter of the terms are in no article; then only the terms still in
/// use are kept, renumbered in term order.
fn save_memo(
    path: &Path,
    context: u64,
    articles: &[Article],
    entries: &[Cow<DocEntry>],
    dictionary: &Dictionary,
    order: &[u32],
) -> io::Result<()> {
    let keys = articles.iter().map(|a| a.key);
    let dead = dictionary.terms.len() - order.len();
    if dead * 4 <= dictionary.terms.len() {
        let terms: Vec<&str> = dictionary.terms.iter().map(AsRef::as_ref).collect();
        return SearchMemo::save(
            path,
            context,
            &terms,
            keys.zip(entries.iter().map(AsRef::as_ref)),
        );
    }
    let mut renumber = vec![u32::MAX; dictionary.terms.len()];
    for (new, &old) in order.iter().enumerate() {
        if let Some(slot) = renumber.get_mut(old as usize) {
            *slot = u32::try_from(new).unwrap_or(u32::MAX);
        }
    }
    let renumbered: Vec<DocEntry> = entries
        .iter()
        .map(|entry| {
            let mut terms: Vec<(u32, u8)> = entry
                .terms
                .iter()
                .filter_map(|&(id, w)| Some((*renumber.get(id as usize)?, w)))
                .collect();
            terms.sort_unstable();
            DocEntry {
                record: entry.record,
                terms,
            }
        })
        .collect();
    let terms: Vec<&str> = order.iter().filter_map(|&id| dictionary.term(id)).collect();
    SearchMemo::save(path, context, &terms, keys.zip(renumbered.iter()))
}

/// The terms by id: the memo's, then the new ones as they are met.
struct Dictionary {
    terms: Vec<Box<str>>,
    /// Made when the first new article is counted.
    ids: Option<HashMap<Box<str>, u32>>,
}

impl Dictionary {
    fn new(terms: Vec<Box<str>>) -> Dictionary {
        Dictionary { terms, ids: None }
    }

    fn term(&self, id: u32) -> Option<&str> {
        self.terms.get(id as usize).map(AsRef::as_ref)
    }

    /// An article's entry, its terms given ids (new terms join).
    fn entry(&mut self, counted: &DocTerms, record: u64) -> DocEntry {
        let mut terms: Vec<(u32, u8)> = counted
            .iter()
            .map(|(term, title, body)| {
                let hits = Posting {
                    doc: 0,
                    title,
                    body,
                };
                (self.id(term), hits.weight())
            })
            .collect();
        terms.sort_unstable();
        DocEntry { record, terms }
    }

    fn id(&mut self, term: &str) -> u32 {
        let terms = &mut self.terms;
        let ids = self.ids.get_or_insert_with(|| {
            terms
                .iter()
                .enumerate()
                .map(|(id, t)| (t.clone(), u32::try_from(id).unwrap_or(u32::MAX)))
                .collect()
        });
        if let Some(&id) = ids.get(term) {
            return id;
        }
        let id = u32::try_from(terms.len()).unwrap_or(u32::MAX);
        terms.push(term.into());
        ids.insert(term.into(), id);
        id
    }

    /// The ids of the terms some article has, in term order.
    fn sorted_live(&self, entries: &[Cow<DocEntry>]) -> Vec<u32> {
        let mut live = vec![false; self.terms.len()];
        for entry in entries {
            for &(id, _) in &entry.terms {
                if let Some(slot) = live.get_mut(id as usize) {
                    *slot = true;
                }
            }
        }
        let mut order: Vec<u32> = (0..self.terms.len())
            .filter(|&id| live.get(id).copied().unwrap_or(false))
            .filter_map(|id| u32::try_from(id).ok())
            .collect();
        order.sort_unstable_by(|&a, &b| self.term(a).cmp(&self.term(b)));
        order
    }
}
