//! Which format a document is in, told from its text alone: a sinmun
//! manifest (`docs/format.md`), a JSON Feed, a WordPress REST API posts list,
//! an RSS 0.9x/2.0, RSS 1.0 (RDF) or Atom feed. When it is none of them, the
//! error says what was found instead, in words a person setting up a source
//! understands.
//!
//! The browser app runs this before it reads a source, and the fuzz target
//! `format_detection` fuzzes this same code, so it has no dependencies (the
//! app does not link serde_json, 27 KB gzip) and no tables: a linear scanner
//! over the bytes. XML is read up to the root element's start tag (its name
//! and namespaces decide); JSON is checked for syntax to the end, and only
//! the few keys that tell the formats apart are kept. It never panics, and
//! [`detect_bytes`] works on undecoded bytes, so a feed in EUC-KR is told
//! apart by its ASCII structure before the browser decodes it with the
//! charset its prolog names.

#![no_std]

extern crate alloc;
#[cfg(test)]
extern crate std;

mod error;
mod format;
mod json;
mod json_formats;
mod json_scan;
mod text;
mod xml;

pub use error::DetectError;
pub use format::{Format, JsonFeedVersion, RssVersion, SINMUN_FORMAT_VERSION};

/// The byte-order mark of UTF-8.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Tells which [`Format`] `text` is in.
pub fn detect(text: &str) -> Result<Format, DetectError> {
    detect_bytes(text.as_bytes())
}

/// Tells which [`Format`] `bytes` are in, without decoding them: JSON is
/// UTF-8, and XML in any ASCII-compatible charset (EUC-KR, EUC-JP,
/// Shift_JIS, …) has its markup in ASCII.
pub fn detect_bytes(bytes: &[u8]) -> Result<Format, DetectError> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(DetectError::Utf16);
    }
    let start = if bytes.starts_with(UTF8_BOM) {
        UTF8_BOM.len()
    } else {
        0
    };
    match skip_space(bytes, start) {
        at if at >= bytes.len() => Err(DetectError::Empty),
        at if bytes.get(at) == Some(&b'<') => xml::detect(bytes, at),
        _ => json::detect(bytes, start),
    }
}

/// White space of both JSON and XML: space, tab, line feed, carriage return.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// The first position at or after `at` that is not white space (or the end).
fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).copied().is_some_and(is_space) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dispatches_on_the_first_character() {
        assert_eq!(detect(""), Err(DetectError::Empty));
        assert_eq!(detect(" \r\n\t"), Err(DetectError::Empty));
        assert_eq!(detect("\u{feff}\n"), Err(DetectError::Empty));
        assert_eq!(detect_bytes(b"\xFF\xFE<\0r\0"), Err(DetectError::Utf16));
        assert_eq!(
            detect("\u{feff}<feed xmlns='http://www.w3.org/2005/Atom'>"),
            Ok(Format::Atom)
        );
        assert!(matches!(
            detect("\u{feff} {\"version\": \"1.1\", \"items\": []}"),
            Ok(Format::JsonFeed { .. })
        ));
    }

    #[test]
    fn text_and_bytes_agree() {
        for text in ["", "<rss version=\"2.0\">", "[]", "{", "한국어", "\u{a0}"] {
            assert_eq!(detect(text), detect_bytes(text.as_bytes()), "{text:?}");
        }
    }
}
