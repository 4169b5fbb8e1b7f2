//! The one form search compares text in: Unicode NFKC (full-width `ＡＢＣ`
//! and half-width `ｶﾅ` become `ABC` and `カナ`, decomposed Hangul jamo
//! become syllables, compatibility jamo become jamo), then lowercase.
//!
//! Natively NFKC comes from `unicode-normalization`; in the browser from
//! `String.prototype.normalize`, so the module carries no tables. Both
//! follow the Unicode standard; they can differ only on characters added
//! in a Unicode version one of them lacks.

/// `text` in the compared form: NFKC, then lowercase.
pub fn normalize(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    nfkc_lowercase(text)
}

/// `text` normalised char by char, with where each original char went: for
/// highlighting a match found in the normalised text in the original one.
/// (Char by char is whole-text NFKC for text already in NFC, which the
/// converter stores.)
pub fn normalize_mapped(text: &str) -> Mapped {
    let mut out = String::with_capacity(text.len());
    let mut starts = Vec::with_capacity(text.len());
    let mut buf = [0u8; 4];
    for (at, c) in text.char_indices() {
        starts.push((out.len(), at));
        if is_stable(c) {
            out.push(c.to_ascii_lowercase());
        } else {
            out.push_str(&normalize(c.encode_utf8(&mut buf)));
        }
    }
    Mapped {
        text: out,
        starts,
        original_len: text.len(),
    }
}

/// Normalised text and, for each original char, (offset in the normalised
/// text, offset in the original).
pub struct Mapped {
    pub text: String,
    starts: Vec<(usize, usize)>,
    original_len: usize,
}

impl Mapped {
    /// The original byte range of the normalised range `start..end`.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        let from = self
            .starts
            .iter()
            .rev()
            .find(|(norm, _)| *norm <= start)
            .map_or(0, |(_, at)| *at);
        let to = self
            .starts
            .iter()
            .find(|(norm, _)| *norm >= end)
            .map_or(self.original_len, |(_, at)| *at);
        (from, to.max(from))
    }
}

/// Characters NFKC leaves alone and that have no case but ASCII's: no
/// normaliser call for the bulk of Korean, Chinese and Latin text.
fn is_stable(c: char) -> bool {
    c.is_ascii()
        || ('\u{AC00}'..='\u{D7A3}').contains(&c)
        || ('\u{4E00}'..='\u{9FFF}').contains(&c)
        || ('\u{3041}'..='\u{3096}').contains(&c)
        || ('\u{30A1}'..='\u{30FA}').contains(&c)
}

#[cfg(not(target_arch = "wasm32"))]
fn nfkc_lowercase(text: &str) -> String {
    use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};
    // most text is NFKC already: checking is several times faster than normalising
    if is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        return text.chars().flat_map(char::to_lowercase).collect();
    }
    text.nfkc().flat_map(char::to_lowercase).collect()
}

/// The browser's own NFKC and lowercase: the module carries neither table
/// (they differ from Rust's only in Greek final sigma, which JS lowercases
/// by context).
#[cfg(target_arch = "wasm32")]
fn nfkc_lowercase(text: &str) -> String {
    js_sys::JsString::from(text)
        .normalize("NFKC")
        .to_lower_case()
        .as_string()
        .unwrap_or_else(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_case_and_jamo() {
        assert_eq!(normalize("ＳＥＯＵＬ"), "seoul");
        assert_eq!(normalize("ｿｳﾙ"), "ソウル");
        assert_eq!(normalize("Paris 2024"), "paris 2024");
        // decomposed Hangul (as macOS writes it) composes
        assert_eq!(
            normalize("\u{1109}\u{1165}\u{110B}\u{116E}\u{11AF}"),
            "서울"
        );
        assert_eq!(normalize("①"), "1");
        assert_eq!(normalize("ㄱ"), "\u{1100}");
    }

    #[test]
    fn maps_matches_back_to_the_original() {
        let mapped = normalize_mapped("ＡＢ서울");
        assert_eq!(mapped.text, "ab서울");
        let start = mapped.text.find("서울").unwrap_or_default();
        let (from, to) = mapped.original_range(start, start + "서울".len());
        assert_eq!(&"ＡＢ서울"[from..to], "서울");
        let (from, to) = mapped.original_range(0, 1);
        assert_eq!(&"ＡＢ서울"[from..to], "Ａ");
    }
}
