//! The terms of a normalised text (see `normalize`), the same for the
//! index and for queries:
//!
//! - a run of Hangul, kana or CJK ideographs gives each pair of neighbours
//!   (`가계대출` → `가계` `계대` `대출`) and its last character alone
//!   (`출`), so any substring of two or more characters is found by its
//!   pairs and a single character by the terms starting with it;
//! - any other run of letters and digits is a word (`paris`, `2024`),
//!   found by prefix, cut at [`MAX_WORD_CHARS`];
//! - everything else separates terms.

/// Longer words (URLs, hashes) are cut: their first characters still find
/// them, and the dictionary does not fill with one-off strings.
pub const MAX_WORD_CHARS: usize = 24;

/// What kind of run a term comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Two characters of a Hangul/kana/CJK run, or its last one.
    Gram,
    /// A run of other letters and digits.
    Word,
}

/// Whether `c` is written without spaces between words (Hangul, kana, CJK
/// ideographs and their jamo and compatibility forms).
pub fn is_gram_char(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{11FF}'
        | '\u{3040}'..='\u{30FF}'
        | '\u{3130}'..='\u{318F}'
        | '\u{31F0}'..='\u{31FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{A960}'..='\u{A97F}'
        | '\u{AC00}'..='\u{D7AF}'
        | '\u{D7B0}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_gram_char(c)
}

/// One run of `text`: its kind and its characters' byte range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run<'a> {
    pub kind: Kind,
    pub text: &'a str,
}

/// The runs of `text`, in order.
pub fn runs(text: &str) -> impl Iterator<Item = Run<'_>> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let start = rest.find(|c: char| is_gram_char(c) || is_word_char(c))?;
        rest = rest.get(start..)?;
        let first = rest.chars().next()?;
        let kind = if is_gram_char(first) {
            Kind::Gram
        } else {
            Kind::Word
        };
        let same = |c: char| match kind {
            Kind::Gram => is_gram_char(c),
            Kind::Word => is_word_char(c),
        };
        let end = rest.find(|c: char| !same(c)).unwrap_or(rest.len());
        let (run, after) = rest.split_at_checked(end)?;
        rest = after;
        Some(Run { kind, text: run })
    })
}

/// Call `each` with every term of the normalised `text`, in order
/// (repeats included).
pub fn each_term<'a>(text: &'a str, mut each: impl FnMut(&'a str, Kind)) {
    for run in runs(text) {
        match run.kind {
            Kind::Word => each(cut_word(run.text), Kind::Word),
            Kind::Gram => each_gram(run.text, &mut each),
        }
    }
}

fn each_gram<'a>(run: &'a str, each: &mut impl FnMut(&'a str, Kind)) {
    let starts: Vec<usize> = run.char_indices().map(|(at, _)| at).collect();
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 2).copied().unwrap_or(run.len());
        if let Some(term) = run.get(start..end) {
            each(term, Kind::Gram);
        }
    }
}

/// The first [`MAX_WORD_CHARS`] characters of `word`.
pub fn cut_word(word: &str) -> &str {
    match word.char_indices().nth(MAX_WORD_CHARS) {
        Some((at, _)) => word.get(..at).unwrap_or(word),
        None => word,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        each_term(text, |t, _| out.push(t.to_string()));
        out
    }

    #[test]
    fn hangul_runs_become_pairs_and_a_last_character() {
        assert_eq!(terms("가계대출"), ["가계", "계대", "대출", "출"]);
        assert_eq!(terms("서울은"), ["서울", "울은", "은"]);
        assert_eq!(terms("닭"), ["닭"]);
    }

    #[test]
    fn other_letters_and_digits_are_words() {
        assert_eq!(
            terms("2024 파리 올림픽, ai반도체 k-pop"),
            [
                "2024", "파리", "리", "올림", "림픽", "픽", "ai", "반도", "도체", "체", "k", "pop"
            ]
        );
        assert_eq!(
            terms("東京オリンピック"),
            ["東京", "京オ", "オリ", "リン", "ンピ", "ピッ", "ック", "ク"]
        );
    }

    #[test]
    fn long_words_are_cut_and_separators_give_nothing() {
        let long = "a".repeat(100);
        assert_eq!(terms(&long), ["a".repeat(MAX_WORD_CHARS)]);
        assert!(terms("!!! ... <>&").is_empty());
        assert!(terms("").is_empty());
    }
}
