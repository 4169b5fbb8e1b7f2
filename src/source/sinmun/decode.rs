//! sinmun's data format (`docs/format.md`, the types of `crates/model`) read
//! out of browser-parsed JSON with the generic reader (`source/json.rs`).
//! `tests/model_roundtrip.rs` checks these against the converter's serde
//! output, so the two cannot drift.

use std::collections::BTreeMap;

use sinmun_model::{
    AliasShard, Article, Body, BodyFormat, CategoryInfo, IndexShard, Manifest, Summary,
};
use wasm_bindgen::JsValue;

use crate::source::json::{Decoded, Fields};

fn body(value: &JsValue, path: &str) -> Decoded<Body> {
    let f = Fields::of(value, path)?;
    let format = match f.text("format")?.as_str() {
        "markdown" => BodyFormat::Markdown,
        "html" => BodyFormat::Html,
        "text" => BodyFormat::Text,
        "page" => BodyFormat::Page,
        other => {
            return Err([
                "`",
                &f.path_of("format"),
                "` should be markdown, html, text or page, found \"",
                other,
                "\"",
            ]
            .concat())
        }
    };
    Ok(Body {
        format,
        source: f.text("source")?,
    })
}

fn opt_body(f: &Fields, key: &str) -> Decoded<Option<Body>> {
    match f.get(key) {
        None => Ok(None),
        Some(v) => body(&v, &f.path_of(key)).map(Some),
    }
}

/// The `version` of a document, when it has a readable one: read first, so
/// a future format is reported as "version 2", not as a missing field.
pub fn version(value: &JsValue) -> Option<u32> {
    Fields::of(value, "").ok()?.opt_count("version").ok()?
}

pub fn manifest(value: &JsValue) -> Decoded<Manifest> {
    let f = Fields::of(value, "")?;
    Ok(Manifest {
        version: f.count("version")?,
        title: f.text_or("title", "")?,
        total: f.count("total")?,
        shard_size: f.count("shard_size")?,
        categories: f.list("categories", |v, path| {
            let c = Fields::of(v, path)?;
            Ok(CategoryInfo {
                slug: c.text("slug")?,
                name: c.text("name")?,
                count: c.count("count")?,
            })
        })?,
        generated: f.text_or("generated", "")?,
    })
}

pub fn index_shard(value: &JsValue) -> Decoded<IndexShard> {
    let f = Fields::of(value, "")?;
    if f.get("items").is_none() {
        return Err(f.missing("items"));
    }
    Ok(IndexShard {
        version: f.count("version")?,
        shard: f.count("shard")?,
        items: f.list("items", |v, path| {
            let s = Fields::of(v, path)?;
            Ok(Summary {
                slug: s.text("slug")?,
                title: s.text("title")?,
                date: s.text("date")?,
                categories: s.texts("categories")?,
                excerpt: s.text_or("excerpt", "")?,
                thumbnail: s.opt_text("thumbnail")?,
                url: s.opt_text("url")?,
            })
        })?,
    })
}

pub fn article(value: &JsValue) -> Decoded<Article> {
    let f = Fields::of(value, "")?;
    Ok(Article {
        version: f.count("version")?,
        slug: f.text("slug")?,
        title: f.text("title")?,
        date: f.text("date")?,
        updated: f.opt_text("updated")?,
        categories: f.texts("categories")?,
        tags: f.texts("tags")?,
        excerpt: f.text_or("excerpt", "")?,
        feature_text: opt_body(&f, "feature_text")?,
        feature_image: f.opt_text("feature_image")?,
        image: f.opt_text("image")?,
        body: opt_body(&f, "body")?.ok_or_else(|| f.missing("body"))?,
        reading_minutes: f.opt_count("reading_minutes")?.unwrap_or(0),
        aliases: f.texts("aliases")?,
        url: f.opt_text("url")?,
        authors: f.texts("authors")?,
        lang: f.opt_text("lang")?,
    })
}

pub fn alias_shard(value: &JsValue) -> Decoded<AliasShard> {
    let f = Fields::of(value, "")?;
    let aliases = f.text_map("aliases")?.ok_or_else(|| f.missing("aliases"))?;
    Ok(AliasShard {
        version: f.count("version")?,
        aliases: aliases.into_iter().collect::<BTreeMap<_, _>>(),
    })
}
