//! Ranking, as a reader would call it right: articles with every query
//! term above those with some, then those with more terms in the title,
//! then those where the terms weigh more (hits, on a log scale, so one
//! more mention does not beat a newer article), then newer above older.

use crate::index::Posting;
use crate::query::{Part, Query};

/// A doc that has at least one query term.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub doc: u32,
    /// How many query terms it has.
    pub terms: u8,
    /// How many of them are in its title.
    pub in_title: u8,
    /// Hits of all its terms (title counted three times).
    pub weight: u32,
}

impl Hit {
    /// The ranking as one number (terms, title terms, weight's bit length,
    /// doc id), so that every sort in the browser module is one of `u64`s.
    fn key(&self) -> u64 {
        let bucket = u64::from(u32::BITS - self.weight.leading_zeros());
        (u64::from(self.terms) << 56)
            | (u64::from(self.in_title) << 48)
            | (bucket << 40)
            | u64::from(self.doc)
    }
}

/// The docs that have any term of `query`, best first. `postings` gives a
/// part's postings sorted by doc id (for a prefix, every term's, merged:
/// see [`merge`]).
pub fn rank(query: &Query, postings: impl Fn(&Part) -> Vec<Posting>) -> Vec<Hit> {
    let mut hits: Vec<Hit> = Vec::new();
    for term in &query.terms {
        let mut parts = term.parts.iter();
        let Some(first) = parts.next() else { continue };
        let mut docs = postings(first);
        for part in parts {
            docs = intersect(&docs, &postings(part));
        }
        add_term(&mut hits, &docs);
    }
    by_key_desc(&hits, Hit::key)
}

/// `items` sorted by `key`, largest first (equal keys: later items first).
/// Every sort of the browser module goes through this one sort of `u128`s:
/// a sort per item type costs the module several KB each.
pub fn by_key_desc<T: Copy>(items: &[T], key: impl Fn(&T) -> u64) -> Vec<T> {
    let mut keyed: Vec<u128> = items
        .iter()
        .enumerate()
        .map(|(i, item)| (u128::from(key(item)) << 64) | i as u128)
        .collect();
    keyed.sort_unstable();
    keyed
        .iter()
        .rev()
        .filter_map(|k| items.get((*k as u64) as usize).copied())
        .collect()
}

/// Docs in both `a` and `b` (sorted by doc), with the smaller counts: a
/// word is in a title as often as its rarest pair is.
fn intersect(a: &[Posting], b: &[Posting]) -> Vec<Posting> {
    let mut out = Vec::with_capacity(a.len().min(b.len()));
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.doc.cmp(&y.doc) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(Posting {
                    doc: x.doc,
                    title: x.title.min(y.title),
                    body: x.body.min(y.body),
                });
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// Several terms' postings as one list sorted by doc (counts added,
/// capped): pairwise merges of sorted lists, no sort (one sort less in the
/// browser module).
pub fn merge(lists: &[&[Posting]]) -> Vec<Posting> {
    let mut merged: Vec<Posting> = Vec::new();
    for list in lists {
        merged = merge_two(&merged, list, |a, b| Posting {
            doc: a.doc,
            title: a.title.saturating_add(b.title).min(15),
            body: a.body.saturating_add(b.body).min(15),
        });
    }
    merged
}

/// `a` and `b` (each sorted by doc, one entry per doc) as one sorted list;
/// `both` combines a doc found in each.
fn merge_two<T: Copy + Doc>(a: &[T], b: &[T], both: impl Fn(&T, &T) -> T) -> Vec<T> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    loop {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x.doc() == y.doc() => {
                out.push(both(x, y));
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x.doc() < y.doc() => {
                out.push(*x);
                i += 1;
            }
            (_, Some(y)) => {
                out.push(*y);
                j += 1;
            }
            (Some(x), None) => {
                out.push(*x);
                i += 1;
            }
            (None, None) => return out,
        }
    }
}

trait Doc {
    fn doc(&self) -> u32;
}

impl Doc for Posting {
    fn doc(&self) -> u32 {
        self.doc
    }
}

impl Doc for Hit {
    fn doc(&self) -> u32 {
        self.doc
    }
}

/// Count one term's docs into `hits` (both sorted by doc).
fn add_term(hits: &mut Vec<Hit>, docs: &[Posting]) {
    let found: Vec<Hit> = docs
        .iter()
        .map(|p| Hit {
            doc: p.doc,
            terms: 1,
            in_title: u8::from(p.title > 0),
            weight: u32::from(p.title) * 3 + u32::from(p.body),
        })
        .collect();
    *hits = merge_two(hits, &found, |a, b| Hit {
        doc: a.doc,
        terms: a.terms.saturating_add(1),
        in_title: a.in_title.saturating_add(b.in_title),
        weight: a.weight.saturating_add(b.weight),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn p(doc: u32, title: u8, body: u8) -> Posting {
        Posting { doc, title, body }
    }

    fn ranked(query: &str, index: &HashMap<&str, Vec<Posting>>) -> Vec<u32> {
        let q = Query::parse(query);
        rank(&q, |part| {
            index.get(part.text()).cloned().unwrap_or_default()
        })
        .iter()
        .map(|h| h.doc)
        .collect()
    }

    #[test]
    fn all_terms_then_title_then_weight_then_newer() {
        let index: HashMap<&str, Vec<Posting>> = [
            (
                "서울",
                vec![p(1, 0, 1), p(2, 1, 0), p(3, 0, 1), p(4, 0, 9), p(5, 0, 1)],
            ),
            ("경제", vec![p(1, 0, 1)]),
        ]
        .into_iter()
        .collect();
        // 1 has both words; 2 has it in the title; 4 says it often; then newer first
        assert_eq!(ranked("서울 경제", &index), [1, 2, 4, 5, 3]);
    }

    #[test]
    fn a_word_needs_all_its_pairs() {
        let index: HashMap<&str, Vec<Posting>> = [
            ("가계", vec![p(1, 0, 1), p(2, 0, 1)]),
            ("계대", vec![p(1, 0, 1)]),
            ("대출", vec![p(1, 0, 2), p(2, 0, 3)]),
        ]
        .into_iter()
        .collect();
        assert_eq!(ranked("가계대출", &index), [1]);
        assert_eq!(ranked("대출", &index), [2, 1]);
        assert!(ranked("없는말", &index).is_empty());
    }

    #[test]
    fn merges_prefix_postings() {
        let a = [p(1, 1, 2), p(3, 0, 1)];
        let b = [p(1, 15, 15), p(2, 0, 1)];
        assert_eq!(merge(&[&a, &b]), [p(1, 15, 15), p(2, 0, 1), p(3, 0, 1)]);
    }
}
