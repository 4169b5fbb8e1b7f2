//! The shape of a JSON document: its syntax checked to the end by the
//! [`Scanner`], and on the way the few facts that tell the formats apart
//! (`json_formats.rs` decides): the top-level keys and a handful of their
//! values, whether a `title` or `content` object has a `rendered` text, and
//! the first list item that is not what its list needs. What lies deeper is
//! only counted, so memory stays small whatever the document.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

use crate::json_formats::{self, item_problem};
use crate::json_scan::{text, Kind, Scanner, SyntaxError, Token};
use crate::text::line_and_column;
use crate::{DetectError, Format};

/// How many top-level keys an unknown object's message lists, and how long each may be.
pub(crate) const KEYS_SHOWN: usize = 8;
pub(crate) const KEY_CHARS: usize = 40;

/// Reads the JSON document at `start` in `bytes` and tells its format.
pub(crate) fn detect(bytes: &[u8], start: usize) -> Result<Format, DetectError> {
    let root = read(bytes, start).map_err(|e| {
        let (line, column) = line_and_column(bytes, e.at);
        DetectError::NotJson {
            line,
            column,
            message: e.message,
        }
    })?;
    json_formats::decide(&root)
}

/// The keys whose values tell the formats apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Key {
    Version,
    Items,
    Total,
    ShardSize,
    Title,
    Generated,
    Categories,
    Shard,
    Slug,
    Body,
    Aliases,
    Code,
    Message,
    Id,
    Content,
    Name,
    Count,
}

const KEYS: [(&str, Key); 17] = [
    ("version", Key::Version),
    ("items", Key::Items),
    ("total", Key::Total),
    ("shard_size", Key::ShardSize),
    ("title", Key::Title),
    ("generated", Key::Generated),
    ("categories", Key::Categories),
    ("shard", Key::Shard),
    ("slug", Key::Slug),
    ("body", Key::Body),
    ("aliases", Key::Aliases),
    ("code", Key::Code),
    ("message", Key::Message),
    ("id", Key::Id),
    ("content", Key::Content),
    ("name", Key::Name),
    ("count", Key::Count),
];

impl Key {
    fn find(raw: &[u8]) -> Option<Key> {
        let find = |name: &[u8]| {
            KEYS.iter()
                .find(|(k, _)| k.as_bytes() == name)
                .map(|(_, key)| *key)
        };
        if raw.contains(&b'\\') {
            find(text(raw, 16).as_bytes())
        } else {
            find(raw)
        }
    }

    /// How many characters of the value's text the checks and messages use.
    fn text_chars(self) -> usize {
        match self {
            Key::Version => 60,
            Key::Message => 200,
            Key::Code | Key::Id | Key::Total | Key::ShardSize | Key::Count => KEY_CHARS,
            _ => 0,
        }
    }
}

/// Is this key `rendered`?
fn is_rendered(raw: &[u8]) -> bool {
    raw == b"rendered" || (raw.contains(&b'\\') && text(raw, 16) == "rendered")
}

/// What a key of interest holds (the last one, when a key is repeated, as
/// `JSON.parse` keeps it).
#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub kind: Kind,
    /// A string's or number's text, as much as [`Key::text_chars`] keeps.
    pub text: String,
    /// An object with a `rendered` string (WordPress' `title`, `content`).
    pub rendered: bool,
    /// A list's items.
    pub list: ListFacts,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ListFacts {
    /// The first item that is not what the list needs: its index and why.
    pub problem: Option<(usize, String)>,
    pub len: usize,
}

/// The keys of interest of one object.
#[derive(Debug)]
pub(crate) struct Facts {
    fields: [Option<Field>; KEYS.len()],
    /// The first [`KEYS_SHOWN`] distinct keys (top-level object only).
    pub keys: Vec<String>,
}

impl Facts {
    fn new() -> Box<Self> {
        Box::new(Facts {
            fields: core::array::from_fn(|_| None),
            keys: Vec::new(),
        })
    }

    pub(crate) fn get(&self, key: Key) -> Option<&Field> {
        self.fields.get(key as usize).and_then(Option::as_ref)
    }

    pub(crate) fn has(&self, key: Key) -> bool {
        self.get(key).is_some()
    }

    fn set(&mut self, key: Key, field: Field) {
        if let Some(slot) = self.fields.get_mut(key as usize) {
            *slot = Some(field);
        }
    }
}

/// What the whole document is.
#[derive(Debug)]
pub(crate) enum Root {
    Scalar(Kind),
    Object(Box<Facts>),
    List(ListFacts),
}

/// Which objects' keys are looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Purpose {
    /// The top-level object.
    Root,
    /// An item of a top-level list: a WordPress post.
    Post,
    /// An item of a manifest's `categories`.
    Category,
}

/// What a list's items must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Items {
    Objects,
    Posts,
    Categories,
}

/// A container being read whose content matters.
enum Frame {
    Object {
        facts: Box<Facts>,
        purpose: Purpose,
        pending: Option<Key>,
    },
    /// The object of a `title` or `content`.
    Rendered {
        pending: bool,
        found: bool,
    },
    List {
        facts: ListFacts,
        items: Items,
    },
}

/// A complete value, handed to the container around it.
pub(crate) enum Value<'a> {
    Scalar(Kind, &'a [u8]),
    /// A container whose content did not matter.
    Skipped(Kind),
    Rendered(bool),
    Object(Box<Facts>),
    List(ListFacts),
}

impl Value<'_> {
    pub(crate) fn kind(&self) -> Kind {
        match self {
            Value::Scalar(kind, _) | Value::Skipped(kind) => *kind,
            Value::Rendered(_) | Value::Object(_) => Kind::Object,
            Value::List(_) => Kind::List,
        }
    }

    fn into_field(self, key: Key) -> Field {
        let mut field = Field {
            kind: self.kind(),
            text: String::new(),
            rendered: false,
            list: ListFacts::default(),
        };
        match self {
            Value::Scalar(_, raw) if key.text_chars() > 0 => {
                field.text = text(raw, key.text_chars())
            }
            Value::Rendered(found) => field.rendered = found,
            Value::List(list) => field.list = list,
            Value::Scalar(..) | Value::Skipped(_) | Value::Object(_) => {}
        }
        field
    }
}

fn read(bytes: &[u8], start: usize) -> Result<Root, SyntaxError> {
    let mut scanner = Scanner::new(bytes, start);
    let mut reader = Reader::default();
    while let Some(token) = scanner.next_token()? {
        reader.token(token);
    }
    // A complete document always has delivered its root.
    Ok(reader.root.unwrap_or(Root::Scalar(Kind::Null)))
}

#[derive(Default)]
struct Reader {
    frames: Vec<Frame>,
    /// How deep inside a container whose content does not matter.
    skipped: usize,
    root: Option<Root>,
}

impl Reader {
    fn token(&mut self, token: Token<'_>) {
        if self.skipped > 0 {
            match token {
                Token::Open(_) => self.skipped += 1,
                Token::Close(kind) => {
                    self.skipped -= 1;
                    if self.skipped == 0 {
                        self.deliver(Value::Skipped(kind));
                    }
                }
                Token::Key(_) | Token::Scalar(..) => {}
            }
            return;
        }
        match token {
            Token::Key(raw) => self.key(raw),
            Token::Scalar(kind, raw) => self.deliver(Value::Scalar(kind, raw)),
            Token::Open(kind) => match self.frame_for(kind) {
                Some(frame) => self.frames.push(frame),
                None => self.skipped = 1,
            },
            Token::Close(_) => {
                let value = match self.frames.pop() {
                    Some(Frame::Object { facts, .. }) => Value::Object(facts),
                    Some(Frame::Rendered { found, .. }) => Value::Rendered(found),
                    Some(Frame::List { facts, .. }) => Value::List(facts),
                    None => return,
                };
                self.deliver(value);
            }
        }
    }

    fn key(&mut self, raw: &[u8]) {
        match self.frames.last_mut() {
            Some(Frame::Object {
                facts,
                purpose,
                pending,
            }) => {
                *pending = Key::find(raw);
                if *purpose == Purpose::Root && facts.keys.len() < KEYS_SHOWN {
                    let shown = text(raw, KEY_CHARS);
                    if !facts.keys.contains(&shown) {
                        facts.keys.push(shown);
                    }
                }
            }
            Some(Frame::Rendered { pending, .. }) => *pending = is_rendered(raw),
            Some(Frame::List { .. }) | None => {}
        }
    }

    /// The frame a container opened here needs, or `None` to skip its content.
    fn frame_for(&self, kind: Kind) -> Option<Frame> {
        let object = |purpose| Frame::Object {
            facts: Facts::new(),
            purpose,
            pending: None,
        };
        let list = |items| Frame::List {
            facts: ListFacts::default(),
            items,
        };
        match (self.frames.last(), kind) {
            (None, Kind::Object) => Some(object(Purpose::Root)),
            (None, _) => Some(list(Items::Posts)),
            (
                Some(Frame::Object {
                    purpose,
                    pending: Some(key),
                    ..
                }),
                _,
            ) => match (purpose, key, kind) {
                (Purpose::Root | Purpose::Post, Key::Title | Key::Content, Kind::Object) => {
                    Some(Frame::Rendered {
                        pending: false,
                        found: false,
                    })
                }
                (Purpose::Root, Key::Items, Kind::List) => Some(list(Items::Objects)),
                (Purpose::Root, Key::Categories, Kind::List) => Some(list(Items::Categories)),
                _ => None,
            },
            (Some(Frame::List { items, .. }), Kind::Object) => match items {
                Items::Posts => Some(object(Purpose::Post)),
                Items::Categories => Some(object(Purpose::Category)),
                Items::Objects => None,
            },
            _ => None,
        }
    }

    fn deliver(&mut self, value: Value<'_>) {
        match self.frames.last_mut() {
            None => {
                self.root = Some(match value {
                    Value::Object(facts) => Root::Object(facts),
                    Value::List(list) => Root::List(list),
                    other => Root::Scalar(other.kind()),
                })
            }
            Some(Frame::Object { facts, pending, .. }) => {
                if let Some(key) = pending.take() {
                    facts.set(key, value.into_field(key));
                }
            }
            Some(Frame::Rendered { pending, found }) => {
                if core::mem::take(pending) {
                    *found = value.kind() == Kind::String;
                }
            }
            Some(Frame::List { facts, items }) => {
                if facts.problem.is_none() {
                    facts.problem = item_problem(*items, &value).map(|p| (facts.len, p));
                }
                facts.len += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests;
