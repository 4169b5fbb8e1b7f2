//! `crates/model` promises that one definition keeps the app and the
//! converter from drifting. The converter writes the model types with serde
//! (serde_json); the app reads them by hand from browser-parsed JSON
//! (`src/source/sinmun/decode.rs`, `src/source/site_config.rs`). This test
//! writes every model type the way the converter does, lets the browser
//! parse it as `Response.json()` would, reads it back with the app's decoder
//! and asserts equality: a decoder that reads a field under another name, or
//! drops one, fails here.
//!
//! Every "full" value below is a struct literal without `..Default`, so a
//! field added to the model must be set here too, or this does not compile.
//!
//! Runs in a browser: `cargo xtask test` (xtask/src/wasm_test.rs), or
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
//! cargo test --target wasm32-unknown-unknown --test model_roundtrip`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure
#![cfg(target_arch = "wasm32")]

use std::collections::BTreeMap;

use serde::Serialize;
use sinmun::source::sinmun::decode;
use sinmun::source::site_config;
use sinmun_model::{
    AliasShard, Article, Body, BodyFormat, CategoryInfo, IndexShard, Manifest, SiteConfig, Summary,
    FORMAT_VERSION,
};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// `value` as the converter writes it, parsed by the browser.
fn written<T: Serialize>(value: &T) -> JsValue {
    let json = serde_json::to_string(value).expect("the model serialises");
    js_sys::JSON::parse(&json).expect("serde_json writes JSON")
}

/// Write `value` and read it back with `read`: it must come back unchanged.
fn round_trip<T>(value: T, read: fn(&JsValue) -> Result<T, String>)
where
    T: Serialize + PartialEq + std::fmt::Debug,
{
    assert_eq!(read(&written(&value)), Ok(value));
}

fn body(format: BodyFormat, source: &str) -> Body {
    Body {
        format,
        source: source.into(),
    }
}

#[wasm_bindgen_test]
fn site_config_round_trips() {
    round_trip(
        SiteConfig {
            title: "신문".into(),
            description: "매일의 소식".into(),
            lang: "en-GB".into(),
            url: "https://news.example".into(),
            page_size: 25,
            category_page_size: Some(40),
            base_path: "/blog/".into(),
            source: "feeds/manifest.json".into(),
        },
        site_config::site_config,
    );
    round_trip(SiteConfig::default(), site_config::site_config);
}

#[wasm_bindgen_test]
fn manifest_round_trips() {
    round_trip(
        Manifest {
            version: FORMAT_VERSION,
            title: "신문".into(),
            total: u32::MAX,
            shard_size: 50,
            categories: vec![
                CategoryInfo {
                    slug: "정치".into(),
                    name: "정치".into(),
                    count: 7,
                },
                CategoryInfo {
                    slug: "world-news".into(),
                    name: "World News".into(),
                    count: 0,
                },
            ],
            generated: "2026-11-30T09:00:00+09:00".into(),
        },
        decode::manifest,
    );
    round_trip(Manifest::default(), decode::manifest);
}

fn full_summary() -> Summary {
    Summary {
        slug: "2024-06-12-안녕".into(),
        title: "안녕 \"세계\"".into(),
        date: "2024-06-12T09:00:00+01:00".into(),
        categories: vec!["정치".into(), "World News".into()],
        excerpt: "첫 문단…".into(),
        thumbnail: Some("/assets/a.jpg".into()),
        url: Some("https://example.org/2024/06/hello".into()),
    }
}

#[wasm_bindgen_test]
fn index_shard_round_trips() {
    let minimal = Summary {
        slug: "a".into(),
        title: "A".into(),
        date: "2024-01-01T00:00:00+00:00".into(),
        ..Default::default()
    };
    round_trip(
        IndexShard {
            version: FORMAT_VERSION,
            shard: 3,
            items: vec![full_summary(), minimal],
        },
        decode::index_shard,
    );
    round_trip(IndexShard::default(), decode::index_shard);
}

fn full_article() -> Article {
    Article {
        version: FORMAT_VERSION,
        slug: "2024-06-12-안녕".into(),
        title: "안녕".into(),
        date: "2024-06-12T09:00:00+01:00".into(),
        updated: Some("2024-06-13T10:00:00+01:00".into()),
        categories: vec!["정치".into()],
        tags: vec!["선거".into(), "tag two".into()],
        excerpt: "첫 문단".into(),
        feature_text: Some(body(BodyFormat::Markdown, "# 제목\n\n부제")),
        feature_image: Some("/assets/banner.jpg".into()),
        image: Some("https://cdn.example/social.png".into()),
        body: body(BodyFormat::Html, "<p>본문 <b>굵게</b></p>"),
        reading_minutes: 4,
        aliases: vec!["/2024/06/12/hello.html".into(), "/old/안녕/".into()],
        url: Some("https://example.org/2024/06/hello".into()),
        authors: vec!["김기자".into(), "Jane \"J\" Doe".into()],
        lang: Some("en".into()),
    }
}

#[wasm_bindgen_test]
fn article_round_trips_with_every_optional_field_set() {
    round_trip(full_article(), decode::article);
}

#[wasm_bindgen_test]
fn article_round_trips_with_every_optional_field_unset() {
    let article = Article {
        version: FORMAT_VERSION,
        slug: "a".into(),
        title: "A".into(),
        date: "2024-01-01T00:00:00+00:00".into(),
        body: body(BodyFormat::Text, "just text\n\nin paragraphs"),
        ..Default::default()
    };
    round_trip(article, decode::article);
}

#[wasm_bindgen_test]
fn every_body_format_round_trips() {
    for format in [BodyFormat::Markdown, BodyFormat::Html, BodyFormat::Text] {
        let article = Article {
            feature_text: Some(body(format, "banner")),
            body: body(format, "body"),
            ..full_article()
        };
        round_trip(article, decode::article);
    }
}

#[wasm_bindgen_test]
fn alias_shard_round_trips() {
    let aliases = BTreeMap::from([
        ("/2024/06/12/hello.html".to_string(), "hello".to_string()),
        ("/old/안녕/".to_string(), "2024-06-12-안녕".to_string()),
    ]);
    round_trip(
        AliasShard {
            version: FORMAT_VERSION,
            aliases,
        },
        decode::alias_shard,
    );
    round_trip(AliasShard::default(), decode::alias_shard);
}

/// The reader checks a document's version before decoding it (so a future
/// format is reported as "version 2"); it must find it in every document.
#[wasm_bindgen_test]
fn the_version_is_read_from_every_document() {
    let version = FORMAT_VERSION + 1;
    let documents = [
        written(&Manifest {
            version,
            ..Default::default()
        }),
        written(&IndexShard {
            version,
            ..Default::default()
        }),
        written(&Article {
            version,
            ..full_article()
        }),
        written(&AliasShard {
            version,
            ..Default::default()
        }),
    ];
    for document in &documents {
        assert_eq!(decode::version(document), Some(version));
    }
}
