//! Markup: the prolog is skipped (XML declaration, processing instructions,
//! comments, the DOCTYPE), then the root element's start tag decides: its
//! name, its namespace (namespace prefixes matter: `atom:feed` bound to the
//! Atom namespace is Atom too) and, for RSS, its `version`. The document
//! after that start tag is not read.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::text::{line_and_column, short};
use crate::{is_space, skip_space, DetectError, Format, RssVersion};

const ATOM: &[u8] = b"http://www.w3.org/2005/Atom";
const ATOM_0_3: &[u8] = b"http://purl.org/atom/ns#";
const RDF: &[u8] = b"http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const RSS_1_0: &[u8] = b"http://purl.org/rss/1.0/";
const RSS_0_90: &[u8] = b"http://my.netscape.com/rdf/simple/0.9/";

/// How much of a name a message shows.
const NAME_CHARS: usize = 40;

/// Tells the format of the markup that starts at `at` (a `<`).
pub(crate) fn detect(bytes: &[u8], at: usize) -> Result<Format, DetectError> {
    let mut reader = Reader { bytes, at };
    let root = reader.root()?;
    decide(&root)
}

/// The root element's start tag.
#[derive(Debug, Default)]
struct Root<'a> {
    /// The prefix before `:` in its name, if any.
    prefix: Option<&'a [u8]>,
    local: &'a [u8],
    /// `xmlns` (prefix `None`) and `xmlns:p` attributes: prefix and namespace.
    namespaces: Vec<(Option<&'a [u8]>, &'a [u8])>,
    /// The `version` attribute.
    version: Option<&'a [u8]>,
}

impl Root<'_> {
    /// The namespace the root element is in (only its own attributes can bind it).
    fn namespace(&self) -> Option<&[u8]> {
        self.namespaces
            .iter()
            .rev()
            .find(|(prefix, _)| *prefix == self.prefix)
            .map(|(_, uri)| *uri)
    }

    fn declares(&self, uri: &[u8]) -> bool {
        self.namespaces.iter().any(|(_, u)| *u == uri)
    }

    fn name(&self) -> String {
        match self.prefix {
            Some(prefix) => {
                let mut name = short(prefix, NAME_CHARS);
                name.push(':');
                name + &short(self.local, NAME_CHARS)
            }
            None => short(self.local, NAME_CHARS),
        }
    }
}

fn decide(root: &Root<'_>) -> Result<Format, DetectError> {
    if let (Some(prefix), None) = (root.prefix, root.namespace()) {
        return Err(DetectError::Malformed {
            format: "XML",
            problem: format!(
                "its root element <{}> uses the prefix `{}`, which it does not declare",
                root.name(),
                short(prefix, NAME_CHARS)
            ),
        });
    }
    match (root.local, root.prefix) {
        (b"rss", None) => rss(root),
        (b"RDF", Some(_)) if root.namespace() == Some(RDF) => rdf(root),
        (b"feed", _) => atom(root),
        _ => Err(DetectError::UnknownXml { root: root.name() }),
    }
}

fn rss(root: &Root<'_>) -> Result<Format, DetectError> {
    const FORMAT: &str = "an RSS feed";
    let Some(version) = root.version else {
        return Err(DetectError::Malformed {
            format: FORMAT,
            problem: "its <rss> element has no version attribute".into(),
        });
    };
    match RssVersion::parse(version) {
        Some(version) => Ok(Format::Rss { version }),
        None => Err(DetectError::UnsupportedVersion {
            format: FORMAT,
            found: format!("{:?}", short(version, NAME_CHARS)),
        }),
    }
}

fn rdf(root: &Root<'_>) -> Result<Format, DetectError> {
    if root.declares(RSS_1_0) {
        Ok(Format::Rdf)
    } else if root.declares(RSS_0_90) {
        Err(DetectError::UnsupportedVersion {
            format: "an RSS feed",
            found: "0.90".into(),
        })
    } else {
        Err(DetectError::Malformed {
            format: "an RSS 1.0 (RDF) feed",
            problem:
                "its root element does not declare the RSS 1.0 namespace (http://purl.org/rss/1.0/)"
                    .into(),
        })
    }
}

fn atom(root: &Root<'_>) -> Result<Format, DetectError> {
    match root.namespace() {
        Some(ATOM) => Ok(Format::Atom),
        Some(ATOM_0_3) => Err(DetectError::UnsupportedVersion {
            format: "an Atom feed",
            found: "0.3".into(),
        }),
        _ => Err(DetectError::Malformed {
            format: "an Atom feed",
            problem:
                "its <feed> element is not in the Atom namespace (http://www.w3.org/2005/Atom)"
                    .into(),
        }),
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn rest(&self) -> &'a [u8] {
        self.bytes.get(self.at..).unwrap_or_default()
    }

    fn error(&self, at: usize, message: String) -> DetectError {
        let (line, column) = line_and_column(self.bytes, at);
        DetectError::NotXml {
            line,
            column,
            message,
        }
    }

    /// Skips the prolog and reads the root element's start tag.
    fn root(&mut self) -> Result<Root<'a>, DetectError> {
        loop {
            self.at = skip_space(self.bytes, self.at);
            let rest = self.rest();
            if rest.starts_with(b"<?") {
                self.skip_past(2, b"?>", "a processing instruction `<?…` is not closed")?;
            } else if rest.starts_with(b"<!--") {
                self.skip_past(4, b"-->", "a comment `<!--` is not closed")?;
            } else if starts_with_ignore_case(rest, b"<!DOCTYPE") {
                self.doctype()?;
            } else if rest.first() == Some(&b'<') && rest.get(1).is_some_and(|&b| starts_name(b)) {
                return self.start_tag();
            } else if rest.is_empty() {
                return Err(self.error(self.at, "the document ends before its root element".into()));
            } else {
                return Err(self.error(self.at, "expected the root element".into()));
            }
        }
    }

    /// Skips what starts at `at` with an opener `opener` bytes long, up to and including `end`.
    fn skip_past(&mut self, opener: usize, end: &[u8], message: &str) -> Result<(), DetectError> {
        let inside = self.rest().get(opener..).unwrap_or_default();
        match find(inside, end) {
            Some(found) => {
                self.at += opener + found + end.len();
                Ok(())
            }
            None => Err(self.error(self.at, message.into())),
        }
    }

    /// `<!DOCTYPE name …>`, its internal subset `[…]` with quoted strings
    /// and comments included. `<!DOCTYPE html>` is an HTML page.
    fn doctype(&mut self) -> Result<(), DetectError> {
        let start = self.at;
        self.at = skip_space(self.bytes, self.at + b"<!DOCTYPE".len());
        let name = self.name();
        if name.eq_ignore_ascii_case(b"html") {
            return Err(DetectError::Html);
        }
        let mut quote = None;
        let mut subset = false;
        while let Some(&b) = self.bytes.get(self.at) {
            match (quote, b) {
                (Some(q), _) if b == q => quote = None,
                (Some(_), _) => {}
                (None, b'"' | b'\'') => quote = Some(b),
                (None, b'[') => subset = true,
                (None, b']') => subset = false,
                (None, b'<') if subset && self.rest().starts_with(b"<!--") => {
                    self.skip_past(4, b"-->", "a comment `<!--` is not closed")?;
                    continue;
                }
                (None, b'>') if !subset => {
                    self.at += 1;
                    return Ok(());
                }
                (None, _) => {}
            }
            self.at += 1;
        }
        Err(self.error(start, "the DOCTYPE is not closed".into()))
    }

    /// A name at `at`: everything up to white space, `/`, `>` or `=`.
    fn name(&mut self) -> &'a [u8] {
        let rest = self.rest();
        let len = rest
            .iter()
            .position(|&b| is_space(b) || matches!(b, b'/' | b'>' | b'=' | b'<'))
            .unwrap_or(rest.len());
        self.at += len;
        rest.get(..len).unwrap_or_default()
    }

    /// The root element's start tag, from its `<`.
    fn start_tag(&mut self) -> Result<Root<'a>, DetectError> {
        let start = self.at;
        self.at += 1;
        let qname = self.name();
        if [&b"html"[..], b"head", b"body"]
            .iter()
            .any(|html| qname.eq_ignore_ascii_case(html))
        {
            return Err(DetectError::Html);
        }
        let (prefix, local) = split_prefix(qname);
        let mut root = Root {
            prefix,
            local,
            ..Root::default()
        };
        loop {
            self.at = skip_space(self.bytes, self.at);
            let rest = self.rest();
            if rest.first() == Some(&b'>') || rest.starts_with(b"/>") {
                return Ok(root);
            }
            if rest.is_empty() {
                let tag = short(qname, NAME_CHARS);
                return Err(self.error(start, format!("the start tag <{tag} is not closed")));
            }
            let (name, value) = self.attribute()?;
            match split_prefix(name) {
                (None, b"xmlns") => root.namespaces.push((None, value)),
                (Some(b"xmlns"), prefix) => root.namespaces.push((Some(prefix), value)),
                (None, b"version") => root.version = Some(value),
                _ => {}
            }
        }
    }

    /// `name="value"` or `name='value'` (white space allowed around `=`).
    fn attribute(&mut self) -> Result<(&'a [u8], &'a [u8]), DetectError> {
        let start = self.at;
        let name = self.name();
        let shown = || short(name, NAME_CHARS);
        if name.is_empty() {
            return Err(self.error(
                start,
                "expected an attribute or the end of the start tag".into(),
            ));
        }
        self.at = skip_space(self.bytes, self.at);
        if self.bytes.get(self.at) != Some(&b'=') {
            return Err(self.error(self.at, format!("the attribute `{}` has no value", shown())));
        }
        self.at = skip_space(self.bytes, self.at + 1);
        let quote = match self.bytes.get(self.at) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => {
                let message = format!("the value of `{}` is not in quotes", shown());
                return Err(self.error(self.at, message));
            }
        };
        let value_start = self.at + 1;
        let rest = self.bytes.get(value_start..).unwrap_or_default();
        let Some(len) = rest.iter().position(|&b| b == quote) else {
            let message = format!("the value of `{}` is not closed", shown());
            return Err(self.error(self.at, message));
        };
        self.at = value_start + len + 1;
        Ok((name, rest.get(..len).unwrap_or_default()))
    }
}

/// Can `b` start an element name? (ASCII letters, `_`, `:` or any non-ASCII byte.)
fn starts_name(b: u8) -> bool {
    b.is_ascii_alphabetic() || matches!(b, b'_' | b':') || b >= 0x80
}

/// `prefix:local` → (`Some(prefix)`, `local`); a name without `:` has no prefix.
fn split_prefix(name: &[u8]) -> (Option<&[u8]>, &[u8]) {
    match name.iter().position(|&b| b == b':') {
        Some(colon) => (name.get(..colon), name.get(colon + 1..).unwrap_or_default()),
        None => (None, name),
    }
}

fn starts_with_ignore_case(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// Where `needle` first occurs in `haystack` (linear for the short needles used here).
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests;
