//! What a reader's query asks for. Each space-separated word of the
//! normalised query is one [`QueryTerm`]; a doc has the term when it has
//! every one of its [`Part`]s:
//!
//! - a Hangul/CJK run of two or more characters needs all its pairs
//!   (`가계대출` needs `가계`, `계대`, `대출`): found inside longer words;
//! - a single such character needs some term starting with it (`닭`: `닭`,
//!   `닭고`, …);
//! - a Latin or digit word of two or more characters is a prefix (`olymp`
//!   finds `olympics`); a single one must be a whole word (a one-letter
//!   prefix would fetch a good part of the index).
//!
//! Limits keep a pasted essay from fetching the whole index: the first
//! [`MAX_QUERY_CHARS`] characters, [`MAX_TERMS`] words, [`MAX_PARTS`] parts
//! per word (spread along it).

use crate::normalize::normalize;
use crate::tokens::{cut_word, runs, Kind};

pub const MAX_QUERY_CHARS: usize = 200;
pub const MAX_TERMS: usize = 8;
pub const MAX_PARTS: usize = 12;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    Exact(String),
    Prefix(String),
}

impl Part {
    pub fn text(&self) -> &str {
        match self {
            Part::Exact(t) | Part::Prefix(t) => t,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryTerm {
    pub parts: Vec<Part>,
    /// The term's runs as normalised text, for highlighting (`ai`, `반도체`).
    pub runs: Vec<(String, Kind)>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<QueryTerm>,
}

impl Query {
    pub fn parse(text: &str) -> Query {
        let cut: String = text.chars().take(MAX_QUERY_CHARS).collect();
        let normal = normalize(&cut);
        let mut terms: Vec<QueryTerm> = Vec::new();
        for word in normal.split_whitespace() {
            let Some(term) = QueryTerm::parse(word) else {
                continue;
            };
            if !terms.contains(&term) {
                terms.push(term);
            }
            if terms.len() == MAX_TERMS {
                break;
            }
        }
        Query { terms }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Every part of every term, once.
    pub fn parts(&self) -> Vec<&Part> {
        let mut all: Vec<&Part> = Vec::new();
        for part in self.terms.iter().flat_map(|t| &t.parts) {
            if !all.contains(&part) {
                all.push(part);
            }
        }
        all
    }
}

impl QueryTerm {
    fn parse(word: &str) -> Option<QueryTerm> {
        let mut parts = Vec::new();
        let mut kept_runs = Vec::new();
        for run in runs(word) {
            kept_runs.push((run.text.to_string(), run.kind));
            match run.kind {
                Kind::Word => parts.push(word_part(cut_word(run.text))),
                Kind::Gram => parts.extend(gram_parts(run.text)),
            }
        }
        let mut unique: Vec<Part> = Vec::with_capacity(parts.len());
        for part in parts {
            if !unique.contains(&part) {
                unique.push(part);
            }
        }
        let parts = spread(unique, MAX_PARTS);
        (!parts.is_empty()).then_some(QueryTerm {
            parts,
            runs: kept_runs,
        })
    }
}

fn word_part(word: &str) -> Part {
    if word.chars().count() < 2 {
        Part::Exact(word.to_string())
    } else {
        Part::Prefix(word.to_string())
    }
}

fn gram_parts(run: &str) -> Vec<Part> {
    let chars: Vec<char> = run.chars().collect();
    if chars.len() == 1 {
        return vec![Part::Prefix(run.to_string())];
    }
    chars
        .windows(2)
        .map(|pair| Part::Exact(pair.iter().collect()))
        .collect()
}

/// At most `max` of `parts`, taken evenly along them (first and last kept).
fn spread(parts: Vec<Part>, max: usize) -> Vec<Part> {
    if parts.len() <= max || max < 2 {
        return parts;
    }
    let last = parts.len() - 1;
    (0..max)
        .filter_map(|i| parts.get(i * last / (max - 1)).cloned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(query: &str) -> Vec<Vec<Part>> {
        Query::parse(query)
            .terms
            .into_iter()
            .map(|t| t.parts)
            .collect()
    }

    fn exact(t: &str) -> Part {
        Part::Exact(t.into())
    }

    fn prefix(t: &str) -> Part {
        Part::Prefix(t.into())
    }

    #[test]
    fn korean_words_need_their_pairs() {
        assert_eq!(
            parts("가계대출"),
            [vec![exact("가계"), exact("계대"), exact("대출")]]
        );
        assert_eq!(parts("닭"), [vec![prefix("닭")]]);
    }

    #[test]
    fn mixed_and_latin_queries() {
        assert_eq!(
            parts("2024 파리 올림픽"),
            [
                vec![prefix("2024")],
                vec![exact("파리")],
                vec![exact("올림"), exact("림픽")]
            ]
        );
        assert_eq!(
            parts("Ｏｌｙｍｐ AI반도체"),
            [
                vec![prefix("olymp")],
                vec![prefix("ai"), exact("반도"), exact("도체")]
            ]
        );
        assert_eq!(
            parts("a k-pop"),
            [vec![exact("a")], vec![exact("k"), prefix("pop")]]
        );
    }

    #[test]
    fn hostile_queries_stay_small() {
        assert!(Query::parse("!!! ??? <> ... ").is_empty());
        assert!(Query::parse("").is_empty());
        let long = "가나다라마바사아자차카타파하".repeat(100);
        let q = Query::parse(&long);
        assert_eq!(q.terms.len(), 1);
        assert!(q.terms.iter().all(|t| t.parts.len() <= MAX_PARTS));
        let many = (0..50)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(Query::parse(&many).terms.len(), MAX_TERMS);
        assert_eq!(parts("<script>alert(1)</script>").len(), 1);
    }
}
