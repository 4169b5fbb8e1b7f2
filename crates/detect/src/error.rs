//! Why a document is not one of the formats, worded for the person who set
//! up the source: what was found instead, and where.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// Why a document is not one of the [`Format`](crate::Format)s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DetectError {
    /// Nothing but white space.
    Empty,
    /// UTF-16 (a UTF-16 byte-order mark): neither JSON nor a feed this reader reads.
    Utf16,
    /// An HTML page (a root `<html>` or `<!DOCTYPE html>`), say a site's home page.
    Html,
    /// Not JSON (1-based line and column where it stops being JSON).
    NotJson {
        line: usize,
        column: usize,
        message: &'static str,
    },
    /// Markup that is not well-formed XML before or in its root element's start tag.
    NotXml {
        line: usize,
        column: usize,
        message: String,
    },
    /// XML whose root element is none of the feeds'.
    UnknownXml { root: String },
    /// JSON, but a bare value (`null`, `"a string"`, `42`, …).
    Scalar { kind: &'static str },
    /// A known format, but a version this reader does not understand.
    UnsupportedVersion { format: &'static str, found: String },
    /// A known format whose required parts are missing or of the wrong type.
    Malformed {
        format: &'static str,
        problem: String,
    },
    /// Another sinmun data document (an index shard, an article, …).
    OtherSinmunDocument { what: &'static str },
    /// A WordPress REST API error response (`{"code": …, "message": …}`).
    WordPressError { code: String, message: String },
    /// A JSON object of no known format; `keys` are its first few keys.
    UnknownObject { keys: Vec<String> },
    /// A JSON list whose items are not WordPress posts.
    UnknownList { index: usize, problem: String },
}

/// What a source may be, said after every "this is not it".
const WANTED: &str = "expected a sinmun manifest, a JSON Feed, a WordPress REST API posts list, \
                      or an RSS or Atom feed";

impl fmt::Display for DetectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DetectError::Empty => write!(f, "the document is empty; {WANTED}"),
            DetectError::Utf16 => write!(
                f,
                "the document is UTF-16 text, which this reader does not read; serve it as UTF-8"
            ),
            DetectError::Html => write!(f, "this is an HTML page, not a feed; {WANTED}"),
            DetectError::NotJson {
                line,
                column,
                message,
            } => write!(
                f,
                "not valid JSON (line {line}, column {column}: {message}); {WANTED}"
            ),
            DetectError::NotXml {
                line,
                column,
                message,
            } => write!(
                f,
                "not well-formed XML (line {line}, column {column}: {message}); {WANTED}"
            ),
            DetectError::UnknownXml { root } => write!(
                f,
                "an XML document whose root element is <{root}>, not a feed's <rss>, <rdf:RDF> or <feed>; {WANTED}"
            ),
            DetectError::Scalar { kind } => {
                write!(f, "the JSON document is a single {kind}; {WANTED}")
            }
            DetectError::UnsupportedVersion { format, found } => write!(
                f,
                "{format} of version {found}, which this reader does not understand"
            ),
            DetectError::Malformed { format, problem } => {
                write!(f, "looks like {format}, but {problem}")
            }
            DetectError::OtherSinmunDocument { what } => write!(
                f,
                "this is {what} of a sinmun site; point the source at its data/manifest.json"
            ),
            DetectError::WordPressError { code, message } => write!(
                f,
                "the WordPress site answered with an error ({code}): {message}"
            ),
            DetectError::UnknownObject { keys } if keys.is_empty() => {
                write!(f, "the JSON document is an empty object; {WANTED}")
            }
            DetectError::UnknownObject { keys } => write!(
                f,
                "a JSON object of unknown format (keys: {}); {WANTED}",
                keys.join(", ")
            ),
            DetectError::UnknownList { index, problem } => write!(
                f,
                "a JSON list, but item {index} {problem}, so it is not a WordPress posts list; {WANTED}"
            ),
        }
    }
}

impl core::error::Error for DetectError {}
