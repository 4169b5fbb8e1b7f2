//! The text a result shows, with the query's words marked: a window of the
//! record's text around the first match (or its start), split into
//! [`Segment`]s the module renders as text and `<mark>` elements, never as
//! HTML, so a record can inject no markup.
//!
//! Matches are found in the normalised text (so `ＳＥＯＵＬ` marks `Seoul`)
//! and mapped back to the original characters.

use crate::normalize::normalize_mapped;
use crate::query::Query;
use crate::tokens::{is_gram_char, Kind};

/// About two lines of a result, in characters.
pub const SNIPPET_CHARS: usize = 140;
/// How much text comes before the first match.
const LEAD_CHARS: usize = 30;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    /// A match of the query.
    pub hit: bool,
}

/// `text` whole, with the query's matches marked (for titles).
pub fn highlight(text: &str, query: &Query) -> Vec<Segment> {
    let ranges = matches(text, query);
    segments(text, &ranges, 0, text.len())
}

/// A window of `text` around its first match, marked; `…` where cut.
pub fn snippet(text: &str, query: &Query) -> Vec<Segment> {
    let ranges = matches(text, query);
    let first = ranges.first().map_or(0, |r| r.0);
    let start = back_chars(text, first, LEAD_CHARS);
    let start = if start < first {
        word_start(text, start)
    } else {
        start
    };
    let end = forward_chars(text, start, SNIPPET_CHARS);
    let mut out = segments(text, &ranges, start, end);
    if start > 0 {
        out.insert(0, plain("…"));
    }
    if end < text.len() {
        out.push(plain("…"));
    }
    out
}

fn plain(text: &str) -> Segment {
    Segment {
        text: text.to_string(),
        hit: false,
    }
}

/// The original byte ranges of every match, sorted and merged.
fn matches(text: &str, query: &Query) -> Vec<(usize, usize)> {
    let mapped = normalize_mapped(text);
    let mut ranges = Vec::new();
    for (needle, kind) in query.terms.iter().flat_map(|t| &t.runs) {
        for (at, _) in mapped.text.match_indices(needle.as_str()) {
            if *kind == Kind::Word && !starts_word(&mapped.text, at) {
                continue;
            }
            ranges.push(mapped.original_range(at, at + needle.len()));
        }
    }
    // ascending by start, then end (one sort for the whole module: `by_key_desc`)
    let mut ranges =
        crate::rank::by_key_desc(&ranges, |&(from, to)| ((from as u64) << 32) | to as u64);
    ranges.reverse();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (from, to) in ranges {
        match merged.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => merged.push((from, to)),
        }
    }
    merged
}

/// A Latin word matches at the start of a word only (`art` not in `start`).
fn starts_word(text: &str, at: usize) -> bool {
    let before = text.get(..at).and_then(|t| t.chars().next_back());
    before.is_none_or(|c| !c.is_alphanumeric() || is_gram_char(c))
}

/// `text[start..end]` split at the `ranges`.
fn segments(text: &str, ranges: &[(usize, usize)], start: usize, end: usize) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut at = start;
    for &(from, to) in ranges {
        let (from, to) = (from.max(start), to.min(end));
        if from >= to || from < at {
            continue;
        }
        push(&mut out, text.get(at..from), false);
        push(&mut out, text.get(from..to), true);
        at = to;
    }
    push(&mut out, text.get(at..end), false);
    out
}

fn push(out: &mut Vec<Segment>, text: Option<&str>, hit: bool) {
    if let Some(text) = text.filter(|t| !t.is_empty()) {
        out.push(Segment {
            text: text.to_string(),
            hit,
        });
    }
}

fn back_chars(text: &str, from: usize, n: usize) -> usize {
    text.get(..from)
        .and_then(|t| t.char_indices().rev().nth(n.saturating_sub(1)))
        .map_or(0, |(at, _)| at)
}

fn forward_chars(text: &str, from: usize, n: usize) -> usize {
    text.get(from..)
        .and_then(|t| t.char_indices().nth(n))
        .map_or(text.len(), |(at, _)| from + at)
}

/// The start of the word `at` is in the middle of (a window does not open
/// with half a word), unless that is far back.
fn word_start(text: &str, at: usize) -> usize {
    let after_space = text
        .get(at..)
        .and_then(|t| t.find(char::is_whitespace).filter(|i| *i < 24))
        .map(|i| at + i + 1);
    after_space.filter(|i| *i <= text.len()).unwrap_or(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(segments: &[Segment]) -> String {
        segments
            .iter()
            .map(|s| {
                if s.hit {
                    format!("[{}]", s.text)
                } else {
                    s.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn marks_words_inside_words_and_latin_prefixes() {
        let q = Query::parse("대출 olymp");
        assert_eq!(
            shown(&highlight("가계대출이 Olympics를 restart olymp", &q)),
            "가계[대출]이 [Olymp]ics를 restart [olymp]"
        );
        let q = Query::parse("ＳＥＯＵＬ");
        assert_eq!(
            shown(&highlight("Seoul, ＳＥＯＵＬ", &q)),
            "[Seoul], [ＳＥＯＵＬ]"
        );
    }

    #[test]
    fn the_window_opens_near_the_first_match() {
        let text = format!("{} 끝에 대출 이야기", "앞 문장 ".repeat(40));
        let s = shown(&snippet(&text, &Query::parse("대출")));
        assert!(s.starts_with('…'), "{s}");
        assert!(s.contains("[대출]"), "{s}");
        let s = shown(&snippet("짧은 글", &Query::parse("없음")));
        assert_eq!(s, "짧은 글");
    }

    #[test]
    fn markup_in_records_stays_text() {
        let q = Query::parse("script");
        let out = highlight("<script>alert(1)</script>", &q);
        assert_eq!(shown(&out), "<[script]>alert(1)</[script]>");
    }
}
