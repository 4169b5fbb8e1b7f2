//! What the shape reader keeps, and that it stays small on big documents.

use super::*;
use alloc::format;

fn root(text: &str) -> Root {
    read(text.as_bytes(), 0).unwrap()
}

fn object(text: &str) -> Box<Facts> {
    match root(text) {
        Root::Object(facts) => facts,
        other => panic!("{other:?}"),
    }
}

#[test]
fn keeps_the_keys_of_interest() {
    let facts = object(
        "{\"version\": \"1.1\", \"title\": {\"rendered\": \"t\"}, \"items\": [{}, 2, {}], \"other\": [1]}",
    );
    let version = facts.get(Key::Version).unwrap();
    assert_eq!((version.kind, version.text.as_str()), (Kind::String, "1.1"));
    assert!(facts.get(Key::Title).unwrap().rendered);
    let items = &facts.get(Key::Items).unwrap().list;
    assert_eq!(items.len, 3);
    assert_eq!(
        items.problem,
        Some((1, "is a number, not an object".into()))
    );
    assert_eq!(facts.keys, ["version", "title", "items", "other"]);
    assert!(!facts.has(Key::Total));
}

#[test]
fn shows_the_first_distinct_keys() {
    let keys: alloc::vec::Vec<String> = (0..20).map(|i| format!("\"k{}\": 0", i % 10)).collect();
    let facts = object(&format!("{{{}}}", keys.join(", ")));
    assert_eq!(facts.keys.len(), KEYS_SHOWN);
    assert_eq!(facts.keys.first().map(String::as_str), Some("k0"));
}

#[test]
fn roots_of_every_kind() {
    assert!(matches!(root("3"), Root::Scalar(Kind::Number)));
    assert!(matches!(
        root("[]"),
        Root::List(ListFacts {
            len: 0,
            problem: None
        })
    ));
    assert!(matches!(
        root("[[], {}]"),
        Root::List(ListFacts {
            len: 2,
            problem: Some((0, _))
        })
    ));
}

#[test]
fn deep_and_wide_documents_are_read() {
    let n = 100_000;
    let deep = format!(
        "{{\"version\": 1, \"x\": {}0{}, \"total\": 1, \"shard_size\": 2}}",
        "[{\"a\":".repeat(n),
        "}]".repeat(n)
    );
    let facts = object(&deep);
    assert!(facts.has(Key::Total) && facts.has(Key::ShardSize));
    let wide = format!(
        "[{}]",
        alloc::vec![
            "{\"id\": 1, \"title\": {\"rendered\": \"t\"}, \"categories\": [1, 2]}";
            n
        ]
        .join(",")
    );
    assert!(matches!(root(&wide), Root::List(ListFacts { len, problem: None }) if len == n));
}
