//! The `format_detection` target: `sinmun_detect`, the format sniffing the
//! browser app runs, on anything. Beyond "no panic", its answers are checked
//! against `serde_json` (JSON it calls invalid is invalid; what it calls a
//! manifest, a JSON Feed or a posts list reads as one), against documents
//! whose format is known by construction (a manifest serde_json writes from
//! `sinmun_model::Manifest`; every feed root after a prolog built from the
//! input), and against itself (bytes and text agree; markup is decided by
//! its root start tag, whatever follows it).

use serde_json::Value;
use sinmun_detect::{detect, detect_bytes, DetectError, Format, JsonFeedVersion, RssVersion};
use sinmun_model::{CategoryInfo, Manifest, FORMAT_VERSION};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// `sinmun_detect::detect_bytes` (and `detect` on the same text) on anything.
pub fn format_detection(data: &[u8]) {
    let found = detect_bytes(data);
    assert_eq!(found, detect_bytes(data), "deterministic");
    if let Ok(text) = std::str::from_utf8(data) {
        assert_eq!(detect(text), found, "text and bytes agree");
    }
    let message = match &found {
        Ok(format) => format.to_string(),
        Err(e) => e.to_string(),
    };
    assert!(!message.is_empty());
    assert!(
        message.chars().count() < 1_000,
        "messages stay short: {message}"
    );
    if data.starts_with(b"\xFF\xFE") || data.starts_with(b"\xFE\xFF") {
        assert_eq!(found, Err(DetectError::Utf16));
    } else {
        let body = data.strip_prefix(BOM).unwrap_or(data);
        match body.iter().find(|b| !b" \t\r\n".contains(b)) {
            None => assert_eq!(found, Err(DetectError::Empty)),
            Some(b'<') => check_markup(data, &found),
            Some(_) => check_json(body, &found),
        }
    }
    check_written_manifest(data);
    check_feed_roots(data);
}

/// Markup gets a markup answer, and what follows the root start tag does not change it.
fn check_markup(data: &[u8], found: &Result<Format, DetectError>) {
    match found {
        Ok(Format::Rss { .. } | Format::Rdf | Format::Atom) => {
            let longer = [data, b"<x y=\"\xff{\"></rss>--]]>"].concat();
            assert_eq!(
                &detect_bytes(&longer),
                found,
                "more after the root start tag"
            );
        }
        Err(
            DetectError::Html
            | DetectError::NotXml { .. }
            | DetectError::UnknownXml { .. }
            | DetectError::Malformed { .. }
            | DetectError::UnsupportedVersion { .. },
        ) => {}
        other => panic!("markup read as {other:?}"),
    }
}

/// What `serde_json` refuses but the browser's `JSON.parse` reads: numbers
/// beyond `f64`, nesting over 128 levels, lone surrogates in `\u` escapes
/// (and, from bytes, strings that are not UTF-8, which the browser decodes
/// with replacement characters).
fn refused_by_serde_only(e: &serde_json::Error) -> bool {
    let e = e.to_string();
    [
        "number out of range",
        "recursion limit exceeded",
        "lone leading surrogate",
        "unexpected end of hex escape",
        "invalid unicode code point",
    ]
    .iter()
    .any(|m| e.contains(m))
}

/// JSON: valid JSON is never called invalid, invalid JSON is, and each
/// format's answer holds for what serde_json reads.
fn check_json(body: &[u8], found: &Result<Format, DetectError>) {
    let value = match (found, serde_json::from_slice::<Value>(body)) {
        (Err(DetectError::NotJson { .. }), Ok(_)) => panic!("valid JSON called invalid"),
        (Err(DetectError::NotJson { line, column, .. }), Err(_)) => {
            assert!(*line >= 1 && *column >= 1);
            return;
        }
        (_, Err(e)) if refused_by_serde_only(&e) => return,
        (_, Err(e)) => panic!("{found:?} for invalid JSON ({e})"),
        (_, Ok(value)) => value,
    };
    match found {
        Ok(Format::SinmunManifest) => {
            let manifest: Manifest =
                serde_json::from_value(value).expect("a manifest reads as one");
            assert_eq!(manifest.version, FORMAT_VERSION);
        }
        Ok(Format::JsonFeed { version }) => check_json_feed(&value, *version),
        Ok(Format::WordPressPosts) => {
            let posts = value.as_array().expect("a posts list is a list");
            assert!(posts.iter().all(is_wordpress_post), "{value}");
        }
        Ok(other) => panic!("JSON read as {other}"),
        Err(DetectError::Html | DetectError::NotXml { .. } | DetectError::UnknownXml { .. }) => {
            panic!("JSON read as markup: {found:?}")
        }
        Err(_) => assert!(
            !reads_as_manifest(&value),
            "a manifest not detected: {found:?}"
        ),
    }
}

/// The `version` says JSON Feed (the spec's URL, `http://` or bare), and
/// `items` is a list of objects.
fn check_json_feed(value: &Value, version: JsonFeedVersion) {
    let text = value["version"]
        .as_str()
        .expect("a JSON Feed's version is text");
    let text = text.trim().trim_end_matches('/');
    let number = text
        .strip_prefix("https://jsonfeed.org/version/")
        .or_else(|| text.strip_prefix("http://jsonfeed.org/version/"))
        .unwrap_or(text);
    let expected = match version {
        JsonFeedVersion::V1_0 => ["1", "1.0"].as_slice(),
        JsonFeedVersion::V1_1 => ["1.1"].as_slice(),
    };
    assert!(expected.contains(&number), "{version:?} from {text:?}");
    let items = value["items"].as_array().expect("items is a list");
    assert!(items.iter().all(Value::is_object));
}

fn is_wordpress_post(post: &Value) -> bool {
    let rendered = |k: &str| post[k].get("rendered").is_some_and(Value::is_string);
    post.get("id").is_some_and(Value::is_u64) && (rendered("title") || rendered("content"))
}

/// Would the app's `Manifest` (as serde reads an object of objects) take it?
fn reads_as_manifest(value: &Value) -> bool {
    // serde also reads a struct from a list of its fields; detection does not
    let objects_only = value.is_object()
        && value["categories"]
            .as_array()
            .is_none_or(|c| c.iter().all(Value::is_object));
    objects_only
        && serde_json::from_value::<Manifest>(value.clone())
            .is_ok_and(|m| m.version == FORMAT_VERSION)
}

/// A manifest made from the input, as the converter writes it, is one.
fn check_written_manifest(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.lines();
    let number = |at: usize| {
        let bytes: [u8; 4] = std::array::from_fn(|i| data.get(at + i).copied().unwrap_or(0));
        u32::from_le_bytes(bytes)
    };
    let manifest = Manifest {
        version: FORMAT_VERSION,
        title: lines.next().unwrap_or_default().to_string(),
        total: number(0),
        shard_size: number(4),
        generated: lines.next().unwrap_or_default().to_string(),
        categories: lines
            .take(8)
            .enumerate()
            .map(|(i, line)| CategoryInfo {
                slug: line.chars().rev().collect(),
                name: line.to_string(),
                count: number(i),
            })
            .collect(),
    };
    for json in [
        serde_json::to_vec(&manifest).expect("a manifest serialises"),
        serde_json::to_vec_pretty(&manifest).expect("a manifest serialises"),
    ] {
        assert_eq!(
            detect_bytes(&json),
            Ok(Format::SinmunManifest),
            "{}",
            String::from_utf8_lossy(&json)
        );
    }
}

/// Every feed root is found after a prolog made of the input (in a
/// comment, a processing instruction and a DOCTYPE's quoted id), and the
/// input after the root start tag does not matter.
fn check_feed_roots(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let comment = text.replace('-', "- ");
    let instruction = text.replace("?>", "? >");
    let quoted = text.replace('"', "'");
    let prolog = format!(
        "<?xml version=\"1.0\"?>\n<!--{comment}-->\n<?x {instruction}?>\n<!DOCTYPE x SYSTEM \"{quoted}\">\n"
    );
    let rss = |version| Format::Rss { version };
    let roots = [
        ("<rss version=\"2.0\">", rss(RssVersion::V2_0)),
        ("<rss version='0.91'>", rss(RssVersion::V0_91)),
        ("<feed xmlns=\"http://www.w3.org/2005/Atom\">", Format::Atom),
        ("<a:feed xmlns:a='http://www.w3.org/2005/Atom' a:x='y'>", Format::Atom),
        (
            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\">",
            Format::Rdf,
        ),
    ];
    for (root, want) in roots {
        let document = format!("{prolog}{root}{text}");
        assert_eq!(detect(&document), Ok(want), "{document}");
    }
}
