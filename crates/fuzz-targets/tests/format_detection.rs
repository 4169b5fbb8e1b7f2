//! JSON made of the keys and shapes `sinmun_detect` looks at, through the
//! `format_detection` target's body (its serde_json oracles): random bytes
//! and mutated seeds (`corpus.rs`) rarely make a manifest or a posts list
//! whose fields are almost right. Ported from the converter's former
//! `detect.rs` property test.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use proptest::prelude::*;
use serde_json::Value;
use sinmun_fuzz_targets::format_detection;

fn json_like() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (0u64..3).prop_map(Value::from),
        Just(Value::from(4_294_967_296u64)),
        Just(Value::from(-1)),
        Just(Value::from(1.5)),
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
            Just("categories"),
            Just("slug"),
            Just("name"),
            Just("count"),
            Just("generated"),
            Just("id"),
            Just("title"),
            Just("content"),
            Just("rendered"),
            Just("code"),
            Just("message"),
            Just("shard"),
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
    fn json_like_documents_pass_the_target(value in json_like(), pretty in any::<bool>()) {
        let text = if pretty {
            serde_json::to_string_pretty(&value)
        } else {
            serde_json::to_string(&value)
        };
        format_detection(text.expect("a value serialises").as_bytes());
    }
}
