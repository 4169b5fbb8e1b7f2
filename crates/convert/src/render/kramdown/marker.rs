//! Tokens the source passes put in the text for pulldown-cmark to carry
//! through as plain text: a block IAL's place, a raw HTML part (a
//! `{::nomarkdown}` or a `markdown="0"` element), a span-mode element's
//! paragraph to unwrap, a table of contents. A token is a kind letter and a
//! number between the noncharacters U+FDD0 and U+FDD1, which no text
//! carries (the input's own are replaced first), and which Markdown treats
//! as plain letters.

use std::borrow::Cow;

pub(super) const OPEN: char = '\u{FDD0}';
pub(super) const CLOSE: char = '\u{FDD1}';

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A block IAL, by its index in the IAL table.
    Ial,
    /// Raw HTML, by its index in the raw table.
    Raw,
    /// The paragraph that starts with it is not written (a span element's).
    Unwrap,
    /// A table of contents, by its index in the table of contents' table.
    Toc,
}

impl Kind {
    fn letter(self) -> char {
        match self {
            Kind::Ial => 'I',
            Kind::Raw => 'R',
            Kind::Unwrap => 'U',
            Kind::Toc => 'T',
        }
    }
}

pub(super) fn token(kind: Kind, index: usize) -> String {
    format!("{OPEN}{}{index}{CLOSE}", kind.letter())
}

/// A piece of a text: plain text, or a token.
#[derive(Debug, PartialEq)]
pub(super) enum Piece<'s> {
    Text(&'s str),
    Token(Kind, usize),
}

/// The token at the start of `s`, and its length in bytes.
pub(super) fn token_at(s: &str) -> Option<(Kind, usize, usize)> {
    let rest = s.strip_prefix(OPEN)?;
    let mut chars = rest.chars();
    let kind = match chars.next()? {
        'I' => Kind::Ial,
        'R' => Kind::Raw,
        'U' => Kind::Unwrap,
        'T' => Kind::Toc,
        _ => return None,
    };
    let digits = rest.get(1..)?;
    let end = digits.find(CLOSE)?;
    let index = digits.get(..end)?.parse().ok()?;
    Some((kind, index, OPEN.len_utf8() + 1 + end + CLOSE.len_utf8()))
}

/// `s` cut into text and tokens.
pub(super) fn pieces(s: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = s;
    while let Some(at) = rest.find(OPEN) {
        let (before, from) = rest.split_at(at);
        match token_at(from) {
            Some((kind, index, len)) => {
                if !before.is_empty() {
                    pieces.push(Piece::Text(before));
                }
                pieces.push(Piece::Token(kind, index));
                rest = from.get(len..).unwrap_or_default();
            }
            None => {
                let skip = at + OPEN.len_utf8();
                pieces.push(Piece::Text(rest.get(..skip).unwrap_or_default()));
                rest = rest.get(skip..).unwrap_or_default();
            }
        }
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest));
    }
    pieces
}

/// The input with the marker characters, and numeric character references
/// to them, replaced by U+FFFD, so that no token can come from the text.
pub(super) fn clean_input(s: &str) -> Cow<'_, str> {
    if !s.contains([OPEN, CLOSE]) && !s.contains("&#") {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find([OPEN, CLOSE, '&']) {
        out.push_str(rest.get(..at).unwrap_or_default());
        let from = rest.get(at..).unwrap_or_default();
        let len = match from.chars().next() {
            Some('&') => marker_reference(from).unwrap_or(0),
            Some(c) => c.len_utf8(),
            None => 0,
        };
        match len {
            0 => out.push('&'),
            _ => out.push('\u{FFFD}'),
        }
        rest = from.get(len.max(1)..).unwrap_or_default();
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The length of `&#…;` at the start of `s` if it names U+FDD0 or U+FDD1.
fn marker_reference(s: &str) -> Option<usize> {
    let body = s.strip_prefix("&#")?;
    let (hex, digits) = match body.strip_prefix(['x', 'X']) {
        Some(digits) => (true, digits),
        None => (false, body),
    };
    let end = digits.find(';')?;
    let number = digits.get(..end)?;
    if number.is_empty() || number.len() > 8 {
        return None;
    }
    let value = u32::from_str_radix(number, if hex { 16 } else { 10 }).ok()?;
    let prefix = 2 + usize::from(hex);
    (value == 0xFDD0 || value == 0xFDD1).then_some(prefix + end + 1)
}

/// The written HTML with the tokens left where nothing used them (in raw
/// HTML, code, attributes) removed; a raw HTML part there is shown as text.
pub(super) fn finish(html: &str, raws: &[String]) -> String {
    if !html.contains([OPEN, CLOSE]) {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    for piece in pieces(html) {
        match piece {
            Piece::Text(text) => out.push_str(&text.replace([OPEN, CLOSE], "")),
            Piece::Token(Kind::Raw, index) => {
                super::escape::body(&mut out, raws.get(index).map_or("", String::as_str));
            }
            Piece::Token(..) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_and_input_cannot_forge_them() {
        let text = format!("a{}b{}", token(Kind::Ial, 12), token(Kind::Raw, 0));
        assert_eq!(
            pieces(&text),
            [
                Piece::Text("a"),
                Piece::Token(Kind::Ial, 12),
                Piece::Text("b"),
                Piece::Token(Kind::Raw, 0)
            ]
        );
        let raws = ["<b>".to_string()];
        assert_eq!(finish(&format!("{text}\u{FDD1}"), &raws), "ab&lt;b&gt;");
        let forged = "\u{FDD0}R0\u{FDD1} &#xFDD0;R0&#64977; &#65; &amp; &";
        assert_eq!(
            clean_input(forged),
            "\u{FFFD}R0\u{FFFD} \u{FFFD}R0\u{FFFD} &#65; &amp; &"
        );
    }
}
