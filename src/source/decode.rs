//! Reading the model types out of JSON the browser has already parsed.
//!
//! The app does not link serde_json: the browser's own JSON parser (behind
//! `Response.json()`) does the parsing, and this file only walks the result.
//! That keeps about 27 KB gzip (serde_json, serde's derived visitors and the
//! float formatting their messages need) out of the bundle.
//!
//! External data is hostile, so nothing here assumes a shape: every field is
//! checked, and an error names the field and what was found instead
//! ("`items[3].title` should be text, found a number (7)").

use std::collections::BTreeMap;

use js_sys::{Array, Object, Reflect};
use sinmun_model::{
    AliasShard, Article, Body, BodyFormat, CategoryInfo, IndexShard, Manifest, SiteConfig, Summary,
};
use wasm_bindgen::{JsCast, JsValue};

pub type Decoded<T> = Result<T, String>;

/// A JSON object being read, with the path that names it in messages.
struct Fields<'a> {
    object: &'a Object,
    path: &'a str,
}

fn describe(value: &JsValue) -> String {
    if value.is_null() {
        "null".into()
    } else if value.is_undefined() {
        "nothing".into()
    } else if let Some(text) = value.as_string() {
        let short: String = text.chars().take(40).collect();
        let more = if short.len() < text.len() { "…" } else { "" };
        ["text \"", &short, more, "\""].concat()
    } else if value.as_f64().is_some() {
        ["a number (", &js_text(value), ")"].concat()
    } else if let Some(b) = value.as_bool() {
        if b { "true" } else { "false" }.into()
    } else if Array::is_array(value) {
        "a list".into()
    } else {
        "an object".into()
    }
}

/// JavaScript's own rendering of a value (no float formatting in wasm).
fn js_text(value: &JsValue) -> String {
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        [path, ".", key].concat()
    }
}

fn as_object<'a>(value: &'a JsValue, path: &str) -> Decoded<&'a Object> {
    if value.is_object() && !Array::is_array(value) {
        Ok(value.unchecked_ref::<Object>())
    } else if path.is_empty() {
        Err(["expected an object, found ", &describe(value)].concat())
    } else {
        Err(["`", path, "` should be an object, found ", &describe(value)].concat())
    }
}

fn wrong(path: &str, expected: &str, found: &JsValue) -> String {
    [
        "`",
        path,
        "` should be ",
        expected,
        ", found ",
        &describe(found),
    ]
    .concat()
}

impl<'a> Fields<'a> {
    fn of(value: &'a JsValue, path: &'a str) -> Decoded<Self> {
        Ok(Fields {
            object: as_object(value, path)?,
            path,
        })
    }

    /// The field's value; `None` when absent or null (JSON's "no value").
    fn get(&self, key: &str) -> Option<JsValue> {
        Reflect::get(self.object, &JsValue::from_str(key))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    }

    fn missing(&self, key: &str) -> String {
        ["missing field `", &child(self.path, key), "`"].concat()
    }

    fn opt_text(&self, key: &str) -> Decoded<Option<String>> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => v
                .as_string()
                .map(Some)
                .ok_or_else(|| wrong(&child(self.path, key), "text", &v)),
        }
    }

    fn text(&self, key: &str) -> Decoded<String> {
        self.opt_text(key)?.ok_or_else(|| self.missing(key))
    }

    fn text_or(&self, key: &str, default: &str) -> Decoded<String> {
        Ok(self.opt_text(key)?.unwrap_or_else(|| default.to_string()))
    }

    fn opt_count(&self, key: &str) -> Decoded<Option<u32>> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => match v.as_f64() {
                Some(n) if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) => {
                    Ok(Some(n as u32))
                }
                _ => Err(wrong(
                    &child(self.path, key),
                    "a whole number from 0 to 4294967295",
                    &v,
                )),
            },
        }
    }

    fn count(&self, key: &str) -> Decoded<u32> {
        self.opt_count(key)?.ok_or_else(|| self.missing(key))
    }

    /// A list field (absent means empty); `item` reads one element.
    fn list<T>(&self, key: &str, item: impl Fn(&JsValue, &str) -> Decoded<T>) -> Decoded<Vec<T>> {
        let Some(value) = self.get(key) else {
            return Ok(Vec::new());
        };
        let path = child(self.path, key);
        if !Array::is_array(&value) {
            return Err(wrong(&path, "a list", &value));
        }
        let array = value.unchecked_ref::<Array>();
        let mut out = Vec::with_capacity(array.length().min(10_000) as usize);
        for (i, element) in array.iter().enumerate() {
            let element_path = [path.as_str(), "[", &i.to_string(), "]"].concat();
            out.push(item(&element, &element_path)?);
        }
        Ok(out)
    }

    fn texts(&self, key: &str) -> Decoded<Vec<String>> {
        self.list(key, |v, path| {
            v.as_string().ok_or_else(|| wrong(path, "text", v))
        })
    }

    fn opt_body(&self, key: &str) -> Decoded<Option<Body>> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => body(&v, &child(self.path, key)).map(Some),
        }
    }
}

fn body(value: &JsValue, path: &str) -> Decoded<Body> {
    let f = Fields::of(value, path)?;
    let format = match f.text("format")?.as_str() {
        "markdown" => BodyFormat::Markdown,
        "html" => BodyFormat::Html,
        "text" => BodyFormat::Text,
        other => {
            return Err([
                "`",
                &child(path, "format"),
                "` should be markdown, html or text, found \"",
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

/// The `version` of a document, when it has a readable one: read first, so
/// a future format is reported as "version 2", not as a missing field.
pub fn version(value: &JsValue) -> Option<u32> {
    Fields::of(value, "").ok()?.opt_count("version").ok()?
}

pub fn site_config(value: &JsValue) -> Decoded<SiteConfig> {
    let f = Fields::of(value, "")?;
    let d = SiteConfig::default();
    Ok(SiteConfig {
        title: f.text_or("title", &d.title)?,
        description: f.text_or("description", &d.description)?,
        lang: f.text_or("lang", &d.lang)?,
        url: f.text_or("url", &d.url)?,
        page_size: f.opt_count("page_size")?.unwrap_or(d.page_size),
        base_path: f.text_or("base_path", &d.base_path)?,
        source: f.text_or("source", &d.source)?,
    })
}

/// `timeout_ms` of config.json: read by the app only (see docs/format.md).
pub fn timeout_ms(value: &JsValue) -> Decoded<Option<u32>> {
    Fields::of(value, "")?.opt_count("timeout_ms")
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
        feature_text: f.opt_body("feature_text")?,
        feature_image: f.opt_text("feature_image")?,
        image: f.opt_text("image")?,
        body: f.opt_body("body")?.ok_or_else(|| f.missing("body"))?,
        reading_minutes: f.opt_count("reading_minutes")?.unwrap_or(0),
        aliases: f.texts("aliases")?,
    })
}

pub fn alias_shard(value: &JsValue) -> Decoded<AliasShard> {
    let f = Fields::of(value, "")?;
    let aliases = f.get("aliases").ok_or_else(|| f.missing("aliases"))?;
    let map = as_object(&aliases, "aliases")?;
    let mut out = BTreeMap::new();
    for entry in Object::entries(map).iter() {
        let pair = entry.unchecked_ref::<Array>();
        let (key, slug) = (pair.get(0).as_string(), pair.get(1));
        if let (Some(key), Some(slug)) = (key, slug.as_string()) {
            out.insert(key, slug);
        } else {
            return Err(wrong("aliases.*", "text", &slug));
        }
    }
    Ok(AliasShard {
        version: f.count("version")?,
        aliases: out,
    })
}
