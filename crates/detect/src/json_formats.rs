//! The JSON formats' rules, applied to a document's shape (`json.rs`): a
//! sinmun manifest (as `sinmun_model::Manifest` reads it), a JSON Feed, a
//! WordPress REST API posts list, and what else a source might have been
//! pointed at (another sinmun document, a single post, an error answer).

use alloc::format;
use alloc::string::String;

use crate::format::SINMUN_FORMAT_VERSION;
use crate::json::{Facts, Field, Items, Key, Root, Value};
use crate::json_scan::Kind;
use crate::{DetectError, Format, JsonFeedVersion};

pub(crate) fn decide(root: &Root) -> Result<Format, DetectError> {
    match root {
        Root::Scalar(kind) => Err(DetectError::Scalar { kind: kind.name() }),
        // An empty list is what WordPress answers past the last page or for a
        // category without posts: a posts list with nothing in it.
        Root::List(list) => match &list.problem {
            None => Ok(Format::WordPressPosts),
            Some((index, problem)) => Err(DetectError::UnknownList {
                index: *index,
                problem: problem.clone(),
            }),
        },
        Root::Object(facts) => object(facts),
    }
}

fn object(facts: &Facts) -> Result<Format, DetectError> {
    match facts.get(Key::Version) {
        Some(v)
            if v.kind == Kind::String
                && (is_json_feed_version(&v.text) || facts.has(Key::Items)) =>
        {
            return json_feed(facts, &v.text);
        }
        Some(v) if v.kind == Kind::Number => return sinmun_document(facts, v),
        _ => {}
    }
    // A single post (`/wp/v2/posts/123`) or an error (`rest_no_route`, …).
    if post_problem(facts).is_none() {
        return Err(DetectError::Malformed {
            format: "WordPress REST API data",
            problem: "it is a single post; use the posts list (/wp-json/wp/v2/posts)".into(),
        });
    }
    if let (Some(code), Some(message)) = (string(facts, Key::Code), string(facts, Key::Message)) {
        return Err(DetectError::WordPressError {
            code: code.text.clone(),
            message: message.text.clone(),
        });
    }
    Err(unknown(facts))
}

fn unknown(facts: &Facts) -> DetectError {
    DetectError::UnknownObject {
        keys: facts.keys.clone(),
    }
}

fn string(facts: &Facts, key: Key) -> Option<&Field> {
    facts.get(key).filter(|f| f.kind == Kind::String)
}

/// `https://jsonfeed.org/version/1.1` (the spec's form), `http://…`, or the bare
/// `1.1` some generators write.
fn is_json_feed_version(v: &str) -> bool {
    json_feed_version(v).is_some() || v.contains("jsonfeed.org/version/")
}

fn json_feed_version(v: &str) -> Option<JsonFeedVersion> {
    let v = v.trim().trim_end_matches('/');
    let v = v
        .strip_prefix("https://jsonfeed.org/version/")
        .or_else(|| v.strip_prefix("http://jsonfeed.org/version/"))
        .unwrap_or(v);
    match v {
        "1" | "1.0" => Some(JsonFeedVersion::V1_0),
        "1.1" => Some(JsonFeedVersion::V1_1),
        _ => None,
    }
}

fn json_feed(facts: &Facts, version: &str) -> Result<Format, DetectError> {
    const FORMAT: &str = "a JSON Feed";
    let Some(version) = json_feed_version(version) else {
        return Err(DetectError::UnsupportedVersion {
            format: FORMAT,
            found: format!("{version:?}"),
        });
    };
    let malformed = |problem: String| DetectError::Malformed {
        format: FORMAT,
        problem,
    };
    match facts.get(Key::Items) {
        None => Err(malformed("it has no `items`".into())),
        Some(items) if items.kind != Kind::List => Err(malformed(format!(
            "its `items` is {}, not a list",
            items.kind.with_article()
        ))),
        Some(items) => match &items.list.problem {
            Some((index, problem)) => Err(malformed(format!("item {index} {problem}"))),
            None => Ok(Format::JsonFeed { version }),
        },
    }
}

/// A document with a numeric `version`: the manifest or another sinmun file.
fn sinmun_document(facts: &Facts, version: &Field) -> Result<Format, DetectError> {
    let has = |k| facts.has(k);
    let what = if has(Key::Total) && has(Key::ShardSize) {
        None
    } else if has(Key::Shard) && has(Key::Items) {
        Some("an index or category shard")
    } else if has(Key::Slug) && has(Key::Body) {
        Some("an article")
    } else if has(Key::Aliases) {
        Some("an alias shard")
    } else {
        return Err(unknown(facts));
    };
    if whole_number(&version.text) != Some(SINMUN_FORMAT_VERSION) {
        return Err(DetectError::UnsupportedVersion {
            format: "sinmun site data",
            found: version.text.clone(),
        });
    }
    if let Some(what) = what {
        return Err(DetectError::OtherSinmunDocument { what });
    }
    match manifest_problem(facts) {
        None => Ok(Format::SinmunManifest),
        Some(problem) => Err(DetectError::Malformed {
            format: "a sinmun manifest",
            problem,
        }),
    }
}

/// What keeps `facts` from being read as a `sinmun_model::Manifest`: the
/// counts are whole numbers that fit 32 bits, the texts are strings, each
/// category has all three of its fields (the version is checked before).
fn manifest_problem(facts: &Facts) -> Option<String> {
    let own = count_problem(facts, Key::Total, "total")
        .or_else(|| count_problem(facts, Key::ShardSize, "shard_size"))
        .or_else(|| text_problem(facts, Key::Title, "title", false))
        .or_else(|| text_problem(facts, Key::Generated, "generated", false));
    if let Some(problem) = own {
        return Some(format!("it {problem}"));
    }
    let categories = facts.get(Key::Categories)?;
    if categories.kind != Kind::List {
        return Some(format!(
            "it {}",
            wrong("categories", "a list", categories.kind)
        ));
    }
    let (index, problem) = categories.list.problem.as_ref()?;
    Some(format!("its `categories[{index}]` {problem}"))
}

/// What keeps a manifest's category from being read as a `sinmun_model::CategoryInfo`.
fn category_problem(facts: &Facts) -> Option<String> {
    text_problem(facts, Key::Slug, "slug", true)
        .or_else(|| text_problem(facts, Key::Name, "name", true))
        .or_else(|| count_problem(facts, Key::Count, "count"))
}

/// A WordPress REST post: a numeric `id` and `title` / `content` as
/// `{ "rendered": … }` objects (the `_fields` parameter may leave out one).
pub(crate) fn post_problem(facts: &Facts) -> Option<String> {
    let id = facts.get(Key::Id);
    if !id.is_some_and(|id| id.kind == Kind::Number && whole_number(&id.text).is_some()) {
        return Some("has no numeric `id`".into());
    }
    let rendered = |k| facts.get(k).is_some_and(|f| f.rendered);
    if rendered(Key::Title) || rendered(Key::Content) {
        None
    } else {
        Some("has no `title.rendered` or `content.rendered`".into())
    }
}

/// Why an item of a list is not what the list needs.
pub(crate) fn item_problem(items: Items, item: &Value<'_>) -> Option<String> {
    match item {
        Value::Object(facts) => match items {
            Items::Objects => None,
            Items::Posts => post_problem(facts),
            Items::Categories => category_problem(facts),
        },
        other if other.kind() == Kind::Object => None,
        other => Some(format!("is {}, not an object", other.kind().with_article())),
    }
}

/// Why a required count is missing or not one, said of the object that has it.
fn count_problem(facts: &Facts, key: Key, name: &str) -> Option<String> {
    const COUNT: &str = "a whole number from 0 to 4294967295";
    match facts.get(key) {
        None => Some(format!("has no `{name}`")),
        Some(f) if f.kind != Kind::Number => Some(wrong(name, COUNT, f.kind)),
        Some(f) => match whole_number(&f.text) {
            Some(n) if n <= u64::from(u32::MAX) => None,
            _ => Some(format!("has `{name}` {}, not {COUNT}", f.text)),
        },
    }
}

/// Why a text is missing or not one, said of the object that has it.
fn text_problem(facts: &Facts, key: Key, name: &str, required: bool) -> Option<String> {
    match facts.get(key) {
        None if required => Some(format!("has no `{name}`")),
        Some(f) if f.kind != Kind::String => Some(wrong(name, "text", f.kind)),
        _ => None,
    }
}

fn wrong(name: &str, expected: &str, found: Kind) -> String {
    format!("has {} as `{name}`, not {expected}", found.with_article())
}

/// A JSON number written as a whole number that fits 64 bits (`7`, not
/// `7.0`, `-0` or `7e0`: serde's `u64` and `u32` read only those).
pub(crate) fn whole_number(text: &str) -> Option<u64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.bytes().try_fold(0u64, |n, b| {
        n.checked_mul(10)?.checked_add(u64::from(b - b'0'))
    })
}

#[cfg(test)]
mod tests;
