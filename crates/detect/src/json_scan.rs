//! A JSON tokenizer over bytes that checks the grammar of RFC 8259 (the one
//! the browser's `JSON.parse` reads) and yields the tokens without building
//! values. Linear time; nesting costs one bit per level; strings are kept as
//! their raw bytes, decoded only when asked ([`text`]).

use alloc::string::String;
use alloc::vec::Vec;

use crate::skip_space;
use crate::text::push_short;

/// What a JSON value is, in the words messages use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Null,
    Boolean,
    Number,
    String,
    List,
    Object,
}

impl Kind {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Boolean => "boolean",
            Kind::Number => "number",
            Kind::String => "string",
            Kind::List => "list",
            Kind::Object => "object",
        }
    }

    /// The name with its article: "a list", "an object", "null".
    pub(crate) fn with_article(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Boolean => "a boolean",
            Kind::Number => "a number",
            Kind::String => "a string",
            Kind::List => "a list",
            Kind::Object => "an object",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Token<'a> {
    Open(Kind),
    Close(Kind),
    /// An object key: the raw bytes between its quotes.
    Key(&'a [u8]),
    /// A string (raw bytes between its quotes), number, boolean or null.
    Scalar(Kind, &'a [u8]),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    /// The byte where the document stops being JSON.
    pub at: usize,
    pub message: &'static str,
}

#[derive(Clone, Copy)]
enum Expect {
    Value,
    ValueOrClose,
    Key,
    KeyOrClose,
    Colon,
    CommaOrClose,
    Nothing,
}

pub(crate) struct Scanner<'a> {
    bytes: &'a [u8],
    at: usize,
    open: Containers,
    expect: Expect,
}

impl<'a> Scanner<'a> {
    pub(crate) fn new(bytes: &'a [u8], at: usize) -> Self {
        Scanner {
            bytes,
            at,
            open: Containers::default(),
            expect: Expect::Value,
        }
    }

    /// The next token; `None` at the end of a complete document.
    pub(crate) fn next_token(&mut self) -> Result<Option<Token<'a>>, SyntaxError> {
        loop {
            self.at = skip_space(self.bytes, self.at);
            let Some(&b) = self.bytes.get(self.at) else {
                return match self.expect {
                    Expect::Nothing => Ok(None),
                    _ => Err(self.error(self.at, "the document ends too early")),
                };
            };
            match self.expect {
                Expect::Colon if b == b':' => {
                    self.at += 1;
                    self.expect = Expect::Value;
                }
                Expect::Colon => return Err(self.error(self.at, "expected `:` after a key")),
                Expect::CommaOrClose if b == b',' => {
                    self.at += 1;
                    self.expect = match self.open.top() {
                        Some(true) => Expect::Key,
                        _ => Expect::Value,
                    };
                }
                Expect::CommaOrClose => return self.close_or_fail(b).map(Some),
                Expect::Nothing => {
                    return Err(self.error(self.at, "more text after the end of the JSON value"))
                }
                Expect::KeyOrClose if b == b'}' => return Ok(Some(self.close())),
                Expect::ValueOrClose if b == b']' => return Ok(Some(self.close())),
                Expect::Key | Expect::KeyOrClose if b == b'"' => {
                    let raw = self.string()?;
                    self.expect = Expect::Colon;
                    return Ok(Some(Token::Key(raw)));
                }
                Expect::Key | Expect::KeyOrClose => {
                    return Err(self.error(self.at, "expected a key in double quotes"))
                }
                Expect::Value | Expect::ValueOrClose => return self.value(b).map(Some),
            }
        }
    }

    fn error(&self, at: usize, message: &'static str) -> SyntaxError {
        SyntaxError { at, message }
    }

    fn close_or_fail(&mut self, b: u8) -> Result<Token<'a>, SyntaxError> {
        match (b, self.open.top()) {
            (b'}', Some(true)) | (b']', Some(false)) => Ok(self.close()),
            (_, Some(true)) => Err(self.error(self.at, "expected `,` or `}`")),
            _ => Err(self.error(self.at, "expected `,` or `]`")),
        }
    }

    fn open(&mut self, object: bool) -> Token<'a> {
        self.open.push(object);
        self.at += 1;
        if object {
            self.expect = Expect::KeyOrClose;
            Token::Open(Kind::Object)
        } else {
            self.expect = Expect::ValueOrClose;
            Token::Open(Kind::List)
        }
    }

    fn close(&mut self) -> Token<'a> {
        let object = self.open.pop();
        self.at += 1;
        self.after_value();
        Token::Close(if object { Kind::Object } else { Kind::List })
    }

    fn after_value(&mut self) {
        self.expect = if self.open.is_empty() {
            Expect::Nothing
        } else {
            Expect::CommaOrClose
        };
    }

    fn value(&mut self, b: u8) -> Result<Token<'a>, SyntaxError> {
        let (kind, raw) = match b {
            b'{' => return Ok(self.open(true)),
            b'[' => return Ok(self.open(false)),
            b'"' => (Kind::String, self.string()?),
            b'-' | b'0'..=b'9' => (Kind::Number, self.number()?),
            b't' => (Kind::Boolean, self.literal(b"true")?),
            b'f' => (Kind::Boolean, self.literal(b"false")?),
            b'n' => (Kind::Null, self.literal(b"null")?),
            _ => return Err(self.error(self.at, "expected a value")),
        };
        self.after_value();
        Ok(Token::Scalar(kind, raw))
    }

    fn literal(&mut self, word: &'static [u8]) -> Result<&'a [u8], SyntaxError> {
        let rest = self.bytes.get(self.at..).unwrap_or_default();
        if !rest.starts_with(word) {
            return Err(self.error(self.at, "expected a value"));
        }
        self.at += word.len();
        Ok(word)
    }

    /// A string starting at the opening quote; returns the bytes inside.
    fn string(&mut self) -> Result<&'a [u8], SyntaxError> {
        let start = self.at + 1;
        let mut i = start;
        loop {
            match self.bytes.get(i) {
                None => return Err(self.error(self.at, "a string is not closed")),
                Some(b'"') => break,
                Some(b'\\') => i += self.escape_len(i)?,
                Some(c) if *c < 0x20 => {
                    return Err(self.error(i, "a control character inside a string"))
                }
                Some(_) => i += 1,
            }
        }
        self.at = i + 1;
        Ok(self.bytes.get(start..i).unwrap_or_default())
    }

    /// The length of the escape sequence at `at` (a backslash).
    fn escape_len(&self, at: usize) -> Result<usize, SyntaxError> {
        match self.bytes.get(at + 1) {
            Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => Ok(2),
            Some(b'u') if (2..6).all(|k| self.hex_digit(at + k).is_some()) => Ok(6),
            Some(b'u') => Err(self.error(at, "`\\u` needs four hexadecimal digits")),
            _ => Err(self.error(at, "an unknown escape inside a string")),
        }
    }

    fn hex_digit(&self, at: usize) -> Option<u32> {
        self.bytes.get(at).and_then(|&b| char::from(b).to_digit(16))
    }

    fn number(&mut self) -> Result<&'a [u8], SyntaxError> {
        let start = self.at;
        let mut i = start;
        if self.bytes.get(i) == Some(&b'-') {
            i += 1;
        }
        match self.bytes.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => i = self.digits(i),
            _ => return Err(self.error(i, "a number needs digits")),
        }
        if self.bytes.get(i) == Some(&b'.') {
            i = self.required_digits(i + 1, "a number needs digits after its decimal point")?;
        }
        if matches!(self.bytes.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(self.bytes.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            i = self.required_digits(i, "a number needs digits in its exponent")?;
        }
        self.at = i;
        Ok(self.bytes.get(start..i).unwrap_or_default())
    }

    fn digits(&self, mut i: usize) -> usize {
        while self.bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        i
    }

    fn required_digits(&self, i: usize, message: &'static str) -> Result<usize, SyntaxError> {
        match self.digits(i) {
            end if end > i => Ok(end),
            _ => Err(self.error(i, message)),
        }
    }
}

/// The open containers, one bit each (set: object), so that nesting a
/// million levels deep costs 125 KB.
#[derive(Default)]
struct Containers {
    bits: Vec<u64>,
    depth: usize,
}

impl Containers {
    fn push(&mut self, object: bool) {
        let (word, bit) = (self.depth / 64, self.depth % 64);
        if word == self.bits.len() {
            self.bits.push(0);
        }
        if let Some(w) = self.bits.get_mut(word) {
            *w = (*w & !(1 << bit)) | (u64::from(object) << bit);
        }
        self.depth += 1;
    }

    /// The innermost container (`true`: an object), if any.
    fn top(&self) -> Option<bool> {
        let last = self.depth.checked_sub(1)?;
        let word = self.bits.get(last / 64)?;
        Some(word >> (last % 64) & 1 == 1)
    }

    fn pop(&mut self) -> bool {
        let top = self.top().unwrap_or(false);
        self.depth = self.depth.saturating_sub(1);
        top
    }

    fn is_empty(&self) -> bool {
        self.depth == 0
    }
}

/// The text of a string's raw bytes, escapes decoded (a lone surrogate
/// becomes U+FFFD, as do bytes that are not UTF-8), at most `max` characters
/// and then `…`.
pub(crate) fn text(raw: &[u8], max: usize) -> String {
    let mut out = String::new();
    let mut rest = raw;
    while !rest.is_empty() {
        let run = rest.iter().position(|&b| b == b'\\').unwrap_or(rest.len());
        let (plain, escaped) = rest.split_at(run);
        // at most `max` characters are needed, so at most 4 bytes each
        let plain = plain.get(..max.saturating_mul(4) + 1).unwrap_or(plain);
        if !push_short(&mut out, &String::from_utf8_lossy(plain), max) {
            return out;
        }
        if escaped.is_empty() {
            break;
        }
        let (c, used) = unescape(escaped);
        if !push_short(&mut out, c.encode_utf8(&mut [0; 4]), max) {
            return out;
        }
        rest = escaped.get(used..).unwrap_or_default();
    }
    out
}

/// The character an escape (starting with its backslash) stands for, and how
/// many bytes it takes (a surrogate pair is two `\u` escapes).
fn unescape(escape: &[u8]) -> (char, usize) {
    let simple = match escape.get(1) {
        Some(b'b') => '\u{8}',
        Some(b'f') => '\u{c}',
        Some(b'n') => '\n',
        Some(b'r') => '\r',
        Some(b't') => '\t',
        Some(b'u') => return unicode_escape(escape),
        Some(&other) => char::from(other),
        None => return ('\\', 1),
    };
    (simple, 2)
}

fn unicode_escape(escape: &[u8]) -> (char, usize) {
    let Some(high) = hex4(escape.get(2..6)) else {
        return ('\u{fffd}', escape.len().min(2));
    };
    if (0xD800..0xDC00).contains(&high) && escape.get(6..8) == Some(b"\\u") {
        if let Some(low) = hex4(escape.get(8..12)).filter(|l| (0xDC00..0xE000).contains(l)) {
            let c = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
            return (char::from_u32(c).unwrap_or('\u{fffd}'), 12);
        }
    }
    (char::from_u32(high).unwrap_or('\u{fffd}'), 6)
}

fn hex4(digits: Option<&[u8]>) -> Option<u32> {
    let digits = digits?;
    digits
        .iter()
        .try_fold(0, |n, &b| char::from(b).to_digit(16).map(|d| n * 16 + d))
}

#[cfg(test)]
mod tests;
