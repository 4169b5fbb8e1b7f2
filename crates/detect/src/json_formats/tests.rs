//! The JSON formats' rules, on small documents (ported from the converter's
//! former `detect.rs`, whose cases all still hold, plus the manifest's field
//! checks that `serde_json` did there).

use super::*;
use crate::detect;
use alloc::string::ToString;

fn message(text: &str) -> String {
    match detect(text) {
        Ok(format) => panic!("{text:?} read as {format}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn says_what_it_found_instead() {
    let cases: &[(&str, &str)] = &[
        ("", "empty"),
        ("  \n", "empty"),
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
        ("{\"version\": \"1.1\", \"items\": {}}", "`items` is an object"),
        ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"t\"}", "no `items`"),
        ("{\"version\": \"1\", \"items\": [3]}", "item 0 is a number"),
        ("{\"code\": \"rest_no_route\", \"message\": \"No route was found\", \"data\": {\"status\": 404}}", "error (rest_no_route): No route"),
        ("{\"version\": 1, \"aliases\": {}}", "an alias shard"),
        ("{\"version\": 1}", "keys: version"),
        ("{\"id\": 5, \"title\": {\"rendered\": \"x\"}}", "single post"),
    ];
    for (text, want) in cases {
        let message = message(text);
        assert!(message.contains(want), "{text:?}: {message}");
    }
}

#[test]
fn small_documents_of_each_kind() {
    assert_eq!(
        detect("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"t\", \"items\": [{\"id\": \"1\"}]}"),
        Ok(Format::JsonFeed { version: JsonFeedVersion::V1_1 })
    );
    assert_eq!(
        detect("{\"version\": \"http://jsonfeed.org/version/1/\", \"items\": []}"),
        Ok(Format::JsonFeed {
            version: JsonFeedVersion::V1_0
        })
    );
    // an empty list: WordPress' answer past the last page
    assert_eq!(detect("[]"), Ok(Format::WordPressPosts));
    assert_eq!(
        detect("[{\"id\": 5, \"content\": {\"rendered\": \"<p>x</p>\"}}]"),
        Ok(Format::WordPressPosts)
    );
    assert_eq!(
        detect("{\"version\": 1, \"total\": 0, \"shard_size\": 20}"),
        Ok(Format::SinmunManifest)
    );
}

/// The manifest's fields are checked as `sinmun_model::Manifest` reads them.
#[test]
fn manifest_fields_are_checked() {
    let base = "\"version\": 1, \"total\": 3, \"shard_size\": 20";
    let ok = |extra: &str| detect(&alloc::format!("{{{base}{extra}}}"));
    for good in [
        "",
        ", \"title\": \"t\", \"generated\": \"2026\"",
        ", \"categories\": []",
        ", \"categories\": [{\"slug\": \"a\", \"name\": \"A\", \"count\": 4294967295, \"x\": null}]",
        ", \"unknown\": [[{}]]",
        ", \"total\": 4",
    ] {
        assert_eq!(ok(good), Ok(Format::SinmunManifest), "{good}");
    }
    for (bad, want) in [
        (", \"title\": null", "null as `title`, not text"),
        (", \"generated\": 5", "a number as `generated`"),
        (
            ", \"categories\": {}",
            "an object as `categories`, not a list",
        ),
        (
            ", \"categories\": [1]",
            "`categories[0]` is a number, not an object",
        ),
        (
            ", \"categories\": [{\"slug\": \"a\", \"name\": \"A\"}]",
            "`categories[0]` has no `count`",
        ),
        (
            ", \"categories\": [{\"slug\": \"a\", \"name\": \"A\", \"count\": 1}, {\"slug\": 2}]",
            "`categories[1]` has a number as `slug`",
        ),
        (
            ", \"total\": 4294967296",
            "has `total` 4294967296, not a whole number",
        ),
        (", \"total\": -1", "has `total` -1"),
        (", \"total\": 1.0", "has `total` 1.0"),
        (", \"shard_size\": \"20\"", "a string as `shard_size`"),
    ] {
        let found = ok(bad).map_err(|e| e.to_string());
        assert!(
            matches!(&found, Err(m) if m.contains("looks like a sinmun manifest") && m.contains(want)),
            "{bad}: {found:?}"
        );
    }
    // a version written otherwise than `1` is not version 1 (serde's `u32`)
    for version in ["1.0", "-1", "1e0", "10000000000000000000000"] {
        let text = alloc::format!("{{\"version\": {version}, \"total\": 1, \"shard_size\": 1}}");
        assert!(message(&text).contains("version"), "{text}");
    }
}

#[test]
fn the_last_of_repeated_keys_counts() {
    assert_eq!(
        detect("{\"version\": \"x\", \"version\": 1, \"total\": 1, \"shard_size\": 1}"),
        Ok(Format::SinmunManifest)
    );
    assert!(detect("{\"version\": \"1.1\", \"items\": [], \"items\": 3}").is_err());
    assert_eq!(
        detect("[{\"id\": 1, \"title\": {\"rendered\": 1, \"rendered\": \"t\"}}]"),
        Ok(Format::WordPressPosts)
    );
}

#[test]
fn escaped_keys_are_keys() {
    assert_eq!(
        detect("{\"\\u0076ersion\": \"https:\\/\\/jsonfeed.org\\/version\\/1.1\", \"items\": []}"),
        Ok(Format::JsonFeed {
            version: JsonFeedVersion::V1_1
        })
    );
    assert_eq!(
        detect("[{\"id\": 1, \"title\": {\"r\\u0065ndered\": \"t\"}}]"),
        Ok(Format::WordPressPosts)
    );
}

#[test]
fn long_keys_and_messages_are_shortened() {
    let key = "k".repeat(1000);
    let err = message(&alloc::format!("{{\"{key}\": 1}}"));
    assert!(err.len() < 400, "{err}");
    let long = "x".repeat(100_000);
    let err = message(&alloc::format!(
        "{{\"code\": \"{long}\", \"message\": \"{long}\"}}"
    ));
    assert!(err.chars().count() < 400, "{err}");
    let err = message(&alloc::format!(
        "{{\"version\": \"{long}\", \"items\": []}}"
    ));
    assert!(err.chars().count() < 400, "{err}");
}

#[test]
fn whole_numbers_are_serdes_u64() {
    assert_eq!(whole_number("0"), Some(0));
    assert_eq!(whole_number("18446744073709551615"), Some(u64::MAX));
    assert_eq!(whole_number("18446744073709551616"), None);
    for not in ["", "-0", "1.0", "1e3", "+1", "1…"] {
        assert_eq!(whole_number(not), None, "{not}");
    }
}
