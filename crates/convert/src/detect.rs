//! Which data format a document is: a sinmun manifest (`docs/format.md`), a
//! JSON Feed (1.0 or 1.1) or a WordPress REST API posts list
//! (`/wp-json/wp/v2/posts`). When it is none of them, the error says what was
//! found instead, in words a person setting up a source understands.
//!
//! Detection looks at the shape only (a few keys), so a document it accepts
//! may still fail to load later; it never panics and is linear in the input.

use serde_json::{Map, Value};
use sinmun_model::FORMAT_VERSION;
use std::fmt;

/// A data format the app can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataFormat {
    /// `data/manifest.json` of a sinmun site, in this reader's format version.
    SinmunManifest,
    /// A JSON Feed with this many items.
    JsonFeed {
        version: JsonFeedVersion,
        items: usize,
    },
    /// A WordPress REST API posts list (`/wp-json/wp/v2/posts`) with this many posts.
    WordPressPosts { posts: usize },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonFeedVersion {
    V1_0,
    V1_1,
}

/// Why a document is not one of the [`DataFormat`]s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DetectError {
    /// Nothing but white space.
    Empty,
    /// Markup rather than JSON: `what` is "an RSS feed", "an Atom feed", "an HTML page" or "XML".
    Markup { what: &'static str },
    /// Not JSON at all (1-based line and column of the syntax error).
    NotJson {
        line: usize,
        column: usize,
        message: String,
    },
    /// JSON, but a bare value (`"null"`, `"a string"`, `42`, …).
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

impl fmt::Display for DataFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DataFormat::SinmunManifest => {
                write!(f, "a sinmun manifest (format version {FORMAT_VERSION})")
            }
            DataFormat::JsonFeed { version, items } => {
                let v = match version {
                    JsonFeedVersion::V1_0 => "1.0",
                    JsonFeedVersion::V1_1 => "1.1",
                };
                write!(f, "a JSON Feed {v} with {items} item(s)")
            }
            DataFormat::WordPressPosts { posts } => {
                write!(f, "a WordPress REST API posts list with {posts} post(s)")
            }
        }
    }
}

impl fmt::Display for DetectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const WANTED: &str =
            "expected a sinmun manifest, a JSON Feed or a WordPress REST API posts list";
        match self {
            DetectError::Empty => write!(f, "the document is empty; {WANTED}"),
            DetectError::Markup { what } => {
                write!(f, "this is {what}, not JSON; {WANTED}")
            }
            DetectError::NotJson {
                line,
                column,
                message,
            } => write!(
                f,
                "not valid JSON (line {line}, column {column}: {message}); {WANTED}"
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
            DetectError::UnknownObject { keys } => {
                if keys.is_empty() {
                    write!(f, "the JSON document is an empty object; {WANTED}")
                } else {
                    write!(
                        f,
                        "a JSON object of unknown format (keys: {}); {WANTED}",
                        keys.join(", ")
                    )
                }
            }
            DetectError::UnknownList { index, problem } => write!(
                f,
                "a JSON list, but item {index} {problem}, so it is not a WordPress posts list; {WANTED}"
            ),
        }
    }
}

impl std::error::Error for DetectError {}

/// How many keys an [`DetectError::UnknownObject`] lists, and how long each may be.
const KEYS_SHOWN: usize = 8;
const KEY_CHARS: usize = 40;

/// Tells which [`DataFormat`] `text` is in.
pub fn detect_format(text: &str) -> Result<DataFormat, DetectError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err(DetectError::Empty);
    }
    if trimmed.starts_with('<') {
        return Err(DetectError::Markup {
            what: markup_kind(trimmed),
        });
    }
    let value: Value = serde_json::from_str(text).map_err(|e| DetectError::NotJson {
        line: e.line(),
        column: e.column(),
        message: short(&e.to_string(), 120),
    })?;
    match value {
        Value::Object(map) => detect_object(&map),
        Value::Array(items) => detect_list(&items),
        other => Err(DetectError::Scalar { kind: kind(&other) }),
    }
}

fn detect_object(map: &Map<String, Value>) -> Result<DataFormat, DetectError> {
    match map.get("version") {
        Some(Value::String(v)) if is_json_feed_version(v) || map.contains_key("items") => {
            return json_feed(map, v);
        }
        Some(Value::Number(_)) => return sinmun_document(map),
        _ => {}
    }
    // A single post (`/wp/v2/posts/123`) or an error (`rest_no_route`, …).
    if is_wordpress_post(map).is_ok() {
        return Err(DetectError::Malformed {
            format: "WordPress REST API data",
            problem: "it is a single post; use the posts list (/wp-json/wp/v2/posts)".into(),
        });
    }
    if let (Some(Value::String(code)), Some(Value::String(message))) =
        (map.get("code"), map.get("message"))
    {
        return Err(DetectError::WordPressError {
            code: short(code, KEY_CHARS),
            message: short(message, 200),
        });
    }
    Err(DetectError::UnknownObject {
        keys: map
            .keys()
            .take(KEYS_SHOWN)
            .map(|k| short(k, KEY_CHARS))
            .collect(),
    })
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

fn json_feed(map: &Map<String, Value>, version: &str) -> Result<DataFormat, DetectError> {
    const FORMAT: &str = "a JSON Feed";
    let Some(version) = json_feed_version(version) else {
        return Err(DetectError::UnsupportedVersion {
            format: FORMAT,
            found: format!("{:?}", short(version, 60)),
        });
    };
    let items = match map.get("items") {
        Some(Value::Array(items)) => items,
        Some(other) => {
            return Err(DetectError::Malformed {
                format: FORMAT,
                problem: format!("its `items` is a {}, not a list", kind(other)),
            })
        }
        None => {
            return Err(DetectError::Malformed {
                format: FORMAT,
                problem: "it has no `items`".into(),
            })
        }
    };
    if let Some((index, item)) = items.iter().enumerate().find(|(_, i)| !i.is_object()) {
        return Err(DetectError::Malformed {
            format: FORMAT,
            problem: format!("item {index} is a {}, not an object", kind(item)),
        });
    }
    Ok(DataFormat::JsonFeed {
        version,
        items: items.len(),
    })
}

/// A document with a numeric `version`: the manifest or another sinmun file.
fn sinmun_document(map: &Map<String, Value>) -> Result<DataFormat, DetectError> {
    let has = |k: &str| map.contains_key(k);
    let what = if has("total") && has("shard_size") {
        None
    } else if has("shard") && has("items") {
        Some("an index or category shard")
    } else if has("slug") && has("body") {
        Some("an article")
    } else if has("aliases") {
        Some("an alias shard")
    } else {
        return Err(DetectError::UnknownObject {
            keys: map
                .keys()
                .take(KEYS_SHOWN)
                .map(|k| short(k, KEY_CHARS))
                .collect(),
        });
    };
    let version = map.get("version").and_then(Value::as_u64);
    if version != Some(u64::from(FORMAT_VERSION)) {
        let found = map.get("version").map(Value::to_string).unwrap_or_default();
        return Err(DetectError::UnsupportedVersion {
            format: "sinmun site data",
            found: short(&found, 40),
        });
    }
    if let Some(what) = what {
        return Err(DetectError::OtherSinmunDocument { what });
    }
    let value = Value::Object(map.clone());
    serde_json::from_value::<sinmun_model::Manifest>(value).map_err(|e| {
        DetectError::Malformed {
            format: "a sinmun manifest",
            problem: short(&e.to_string(), 120),
        }
    })?;
    Ok(DataFormat::SinmunManifest)
}

fn detect_list(items: &[Value]) -> Result<DataFormat, DetectError> {
    // An empty list is what WordPress answers past the last page or for a
    // category without posts: a posts list with nothing in it.
    for (index, item) in items.iter().enumerate() {
        let problem = match item {
            Value::Object(post) => is_wordpress_post(post).err(),
            other => Some(format!("is a {}, not an object", kind(other))),
        };
        if let Some(problem) = problem {
            return Err(DetectError::UnknownList { index, problem });
        }
    }
    Ok(DataFormat::WordPressPosts { posts: items.len() })
}

/// A WordPress REST post: a numeric `id` and `title` / `content` as
/// `{ "rendered": … }` objects (the `_fields` parameter may leave out one).
fn is_wordpress_post(post: &Map<String, Value>) -> Result<(), String> {
    if !post.get("id").is_some_and(Value::is_u64) {
        return Err("has no numeric `id`".into());
    }
    let rendered = |k: &str| {
        post.get(k)
            .and_then(|v| v.get("rendered"))
            .is_some_and(Value::is_string)
    };
    if rendered("title") || rendered("content") {
        Ok(())
    } else {
        Err("has no `title.rendered` or `content.rendered`".into())
    }
}

fn markup_kind(text: &str) -> &'static str {
    let head: String = text
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.contains("<rss") || head.contains("<rdf:rdf") {
        "an RSS feed"
    } else if head.contains("<feed") {
        "an Atom feed"
    } else if head.contains("<html") || head.contains("<!doctype html") {
        "an HTML page"
    } else {
        "XML or HTML"
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "list",
        Value::Object(_) => "object",
    }
}

/// At most `max` characters of `s`, with `…` when cut.
fn short(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", s.get(..cut).unwrap_or(s)),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    /// The shared feed fixtures (`../shared/fixtures/feeds` beside the repository).
    fn fixtures(kind: &str) -> Vec<PathBuf> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/fixtures/feeds")
            .join(kind);
        if !dir.is_dir() {
            // Like the whole-corpus test: say so loudly, do not fail a
            // checkout that has no `shared/` beside it.
            eprintln!(
                "\n!!!!! NOTE: {} is absent: the fixture tests did NOT run !!!!!\n",
                dir.display()
            );
            return Vec::new();
        }
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e} (the shared feed fixtures)", dir.display()))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        assert!(!files.is_empty(), "no fixtures in {}", dir.display());
        files
    }

    fn detect_file(path: &Path) -> Result<DataFormat, DetectError> {
        let text =
            std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        detect_format(&text)
    }

    #[test]
    fn every_json_feed_fixture_is_a_json_feed() {
        for path in fixtures("jsonfeed") {
            let found = detect_file(&path);
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let want = if name.contains("-10-") {
                JsonFeedVersion::V1_0
            } else {
                JsonFeedVersion::V1_1
            };
            match found {
                Ok(DataFormat::JsonFeed { version, items }) => {
                    assert_eq!(version, want, "{name}");
                    assert!(items > 0, "{name}");
                }
                other => panic!("{name}: {other:?}"),
            }
        }
    }

    #[test]
    fn every_wordpress_fixture_is_a_posts_list() {
        for path in fixtures("wordpress") {
            let found = detect_file(&path);
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            assert!(
                matches!(found, Ok(DataFormat::WordPressPosts { posts }) if posts > 0),
                "{name}: {found:?}"
            );
        }
    }

    #[test]
    fn fixture_counts() {
        let dir = |k: &str| fixtures(k);
        let by_name = |k: &str, part: &str| {
            let path = dir(k)
                .into_iter()
                .find(|p| p.to_string_lossy().contains(part))
                .unwrap();
            detect_file(&path).unwrap()
        };
        assert_eq!(
            by_name("jsonfeed", "inessential"),
            DataFormat::JsonFeed {
                version: JsonFeedVersion::V1_0,
                items: 20
            }
        );
        assert_eq!(
            by_name("wordpress", "python-wp"),
            DataFormat::WordPressPosts { posts: 10 }
        );
        assert_eq!(
            by_name("wordpress", "telemark"),
            DataFormat::WordPressPosts { posts: 7 }
        );
    }

    #[test]
    fn a_single_wordpress_post_is_not_a_list() {
        let path = fixtures("wordpress").into_iter().next().unwrap();
        let text = std::fs::read_to_string(path).unwrap();
        let list: Vec<Value> = serde_json::from_str(&text).unwrap();
        let one = serde_json::to_string(&list[0]).unwrap();
        let err = detect_format(&one).unwrap_err();
        assert!(err.to_string().contains("single post"), "{err}");
    }

    #[test]
    fn the_sample_site_manifest_is_a_manifest() {
        let manifest = serde_json::to_string(&sinmun_model::Manifest {
            version: FORMAT_VERSION,
            title: "신문".into(),
            total: 7478,
            shard_size: 20,
            categories: vec![],
            generated: "2026-11-27T11:00:00Z".into(),
        })
        .unwrap();
        assert_eq!(detect_format(&manifest), Ok(DataFormat::SinmunManifest));
        // the example of docs/format.md, with a BOM and a trailing newline
        let doc = "\u{feff}{ \"version\": 1, \"title\": \"신문 Sinmun\", \"total\": 7478, \"shard_size\": 20,\n  \"generated\": \"2026-11-27T11:00:00Z\",\n  \"categories\": [ { \"slug\": \"news\", \"name\": \"News\", \"count\": 7478 } ] }\n";
        assert_eq!(detect_format(doc), Ok(DataFormat::SinmunManifest));
    }

    #[test]
    fn says_what_it_found_instead() {
        let cases: &[(&str, &str)] = &[
            ("", "empty"),
            ("  \n", "empty"),
            ("<?xml version=\"1.0\"?><rss version=\"2.0\">", "RSS feed"),
            ("<feed xmlns=\"http://www.w3.org/2005/Atom\">", "Atom feed"),
            ("<!DOCTYPE html><html>", "HTML page"),
            ("---\ntitle: a\n---\n", "not valid JSON (line 1"),
            ("{\"version\": 1,", "not valid JSON"),
            ("null", "single null"),
            ("\"text\"", "single string"),
            ("{}", "empty object"),
            ("{\"a\": 1, \"b\": 2}", "keys: a, b"),
            ("[1]", "item 0 is a number"),
            ("[{\"id\": 1, \"title\": {\"rendered\": \"x\"}}, {\"id\": \"2\"}]", "item 1 has no numeric `id`"),
            ("{\"version\": 2, \"total\": 1, \"shard_size\": 20}", "version 2"),
            ("{\"version\": 1, \"total\": \"many\", \"shard_size\": 20}", "looks like a sinmun manifest"),
            ("{\"version\": 1, \"shard\": 0, \"items\": []}", "index or category shard"),
            ("{\"version\": 1, \"slug\": \"a\", \"body\": {}}", "an article"),
            ("{\"version\": \"https://jsonfeed.org/version/2\", \"items\": []}", "JSON Feed of version \"https://jsonfeed.org/version/2\""),
            ("{\"version\": \"1.1\", \"items\": {}}", "`items` is a object"),
            ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"t\"}", "no `items`"),
            ("{\"version\": \"1\", \"items\": [3]}", "item 0 is a number"),
            ("{\"code\": \"rest_no_route\", \"message\": \"No route was found\", \"data\": {\"status\": 404}}", "error (rest_no_route): No route"),
        ];
        for (text, want) in cases {
            let err = detect_format(text).expect_err(text);
            let message = err.to_string();
            assert!(message.contains(want), "{text:?}: {message}");
        }
    }

    #[test]
    fn small_documents_of_each_kind() {
        assert_eq!(
            detect_format("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"t\", \"items\": [{\"id\": \"1\"}]}"),
            Ok(DataFormat::JsonFeed { version: JsonFeedVersion::V1_1, items: 1 })
        );
        assert_eq!(
            detect_format("[]"),
            Ok(DataFormat::WordPressPosts { posts: 0 })
        );
        assert_eq!(
            detect_format("[{\"id\": 5, \"content\": {\"rendered\": \"<p>x</p>\"}}]"),
            Ok(DataFormat::WordPressPosts { posts: 1 })
        );
        assert!(DataFormat::WordPressPosts { posts: 1 }
            .to_string()
            .contains("WordPress"));
    }

    #[test]
    fn long_keys_and_messages_are_shortened() {
        let key = "k".repeat(1000);
        let err = detect_format(&format!("{{\"{key}\": 1}}")).unwrap_err();
        assert!(err.to_string().len() < 400, "{err}");
        assert_eq!(short("한국어", 2), "한국…");
        assert_eq!(short("ab", 2), "ab");
    }

    mod random {
        use super::*;
        use proptest::prelude::*;

        /// JSON made of the keys and shapes the detector looks at.
        fn json_like() -> impl Strategy<Value = Value> {
            let leaf = prop_oneof![
                Just(Value::Null),
                any::<bool>().prop_map(Value::Bool),
                (0u64..3).prop_map(Value::from),
                prop_oneof![
                    Just("1.1"),
                    Just("https://jsonfeed.org/version/1"),
                    Just("https://jsonfeed.org/version/1.1"),
                    Just("x"),
                ]
                .prop_map(Value::from),
            ];
            leaf.prop_recursive(4, 32, 6, |inner| {
                let key = prop_oneof![
                    Just("version"),
                    Just("items"),
                    Just("total"),
                    Just("shard_size"),
                    Just("id"),
                    Just("title"),
                    Just("content"),
                    Just("rendered"),
                    Just("code"),
                    Just("message"),
                    Just("shard"),
                    Just("slug"),
                    Just("body"),
                ];
                prop_oneof![
                    prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                    prop::collection::vec((key, inner), 0..6).prop_map(|kv| {
                        Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
                    }),
                ]
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(512))]

            #[test]
            fn any_text_gets_an_answer(text in any::<String>()) {
                let found = detect_format(&text);
                let message = match &found { Ok(f) => f.to_string(), Err(e) => e.to_string() };
                prop_assert!(!message.is_empty() && message.chars().count() < 1000);
            }

            #[test]
            fn json_like_documents_agree_with_serde(value in json_like()) {
                let text = value.to_string();
                match detect_format(&text) {
                    Ok(DataFormat::WordPressPosts { posts }) => {
                        prop_assert_eq!(value.as_array().map(Vec::len), Some(posts))
                    }
                    Ok(DataFormat::JsonFeed { items, .. }) => prop_assert_eq!(
                        value.get("items").and_then(Value::as_array).map(Vec::len),
                        Some(items)
                    ),
                    Ok(DataFormat::SinmunManifest) => prop_assert!(
                        serde_json::from_value::<sinmun_model::Manifest>(value.clone()).is_ok()
                    ),
                    Err(DetectError::NotJson { .. } | DetectError::Empty | DetectError::Markup { .. }) => {
                        prop_assert!(false, "valid JSON {} not read", text)
                    }
                    Err(_) => {}
                }
            }
        }
    }
}
