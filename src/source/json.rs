//! A generic reader of JSON the browser has already parsed, for every reader
//! of a JSON format (sinmun's own data, later JSON Feed and WordPress).
//!
//! The app does not link serde_json: the browser's own JSON parser (behind
//! `Response.json()`) does the parsing, and this file only walks the result.
//! That keeps about 27 KB gzip (serde_json, serde's derived visitors and the
//! float formatting their messages need) out of the bundle.
//!
//! External data is hostile, so nothing here assumes a shape: every field is
//! checked, and an error names the field and what was found instead
//! ("`items[3].title` should be text, found a number (7)").

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use super::LoadError;

/// A decoded value, or what is wrong with the document.
pub type Decoded<T> = Result<T, String>;

/// Read a parsed document with `read`, naming its URL and the `format`
/// expected when it does not fit.
pub fn read<T>(
    url: &str,
    format: &'static str,
    value: &JsValue,
    read: fn(&JsValue) -> Decoded<T>,
) -> Result<T, LoadError> {
    read(value).map_err(|detail| LoadError::Decode {
        url: url.to_string(),
        format,
        detail,
    })
}

/// A JSON object being read, with the path that names it in messages.
pub struct Fields<'a> {
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

/// The path of field `key` inside `path` (`items[3]` + `title`).
fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        [path, ".", key].concat()
    }
}

/// `value` as an object, or an error naming `path`.
fn as_object<'a>(value: &'a JsValue, path: &str) -> Decoded<&'a Object> {
    if value.is_object() && !Array::is_array(value) {
        Ok(value.unchecked_ref::<Object>())
    } else if path.is_empty() {
        Err(["expected an object, found ", &describe(value)].concat())
    } else {
        Err(["`", path, "` should be an object, found ", &describe(value)].concat())
    }
}

/// "`path` should be `expected`, found …".
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
    pub fn of(value: &'a JsValue, path: &'a str) -> Decoded<Self> {
        Ok(Fields {
            object: as_object(value, path)?,
            path,
        })
    }

    /// The path of field `key` of this object.
    pub fn path_of(&self, key: &str) -> String {
        child(self.path, key)
    }

    /// The field's value; `None` when absent or null (JSON's "no value").
    pub fn get(&self, key: &str) -> Option<JsValue> {
        Reflect::get(self.object, &JsValue::from_str(key))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    }

    pub fn missing(&self, key: &str) -> String {
        ["missing field `", &self.path_of(key), "`"].concat()
    }

    pub fn opt_text(&self, key: &str) -> Decoded<Option<String>> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => v
                .as_string()
                .map(Some)
                .ok_or_else(|| wrong(&self.path_of(key), "text", &v)),
        }
    }

    pub fn text(&self, key: &str) -> Decoded<String> {
        self.opt_text(key)?.ok_or_else(|| self.missing(key))
    }

    pub fn text_or(&self, key: &str, default: &str) -> Decoded<String> {
        Ok(self.opt_text(key)?.unwrap_or_else(|| default.to_string()))
    }

    pub fn opt_count(&self, key: &str) -> Decoded<Option<u32>> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => match v.as_f64() {
                Some(n) if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) => {
                    Ok(Some(n as u32))
                }
                _ => Err(wrong(
                    &self.path_of(key),
                    "a whole number from 0 to 4294967295",
                    &v,
                )),
            },
        }
    }

    pub fn count(&self, key: &str) -> Decoded<u32> {
        self.opt_count(key)?.ok_or_else(|| self.missing(key))
    }

    /// A list field (absent means empty); `item` reads one element.
    pub fn list<T>(
        &self,
        key: &str,
        item: impl Fn(&JsValue, &str) -> Decoded<T>,
    ) -> Decoded<Vec<T>> {
        let Some(value) = self.get(key) else {
            return Ok(Vec::new());
        };
        let path = self.path_of(key);
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

    pub fn texts(&self, key: &str) -> Decoded<Vec<String>> {
        self.list(key, |v, path| {
            v.as_string().ok_or_else(|| wrong(path, "text", v))
        })
    }

    /// An object field mapping keys to text (`{"old/path": "slug"}`); an
    /// entry that is not text is named `key.*`.
    pub fn text_map(&self, key: &str) -> Decoded<Option<Vec<(String, String)>>> {
        let Some(value) = self.get(key) else {
            return Ok(None);
        };
        let path = self.path_of(key);
        let map = as_object(&value, &path)?;
        let mut out = Vec::new();
        for entry in Object::entries(map).iter() {
            let pair = entry.unchecked_ref::<Array>();
            let (name, text) = (pair.get(0).as_string(), pair.get(1));
            match (name, text.as_string()) {
                (Some(name), Some(text)) => out.push((name, text)),
                _ => return Err(wrong(&[path.as_str(), ".*"].concat(), "text", &text)),
            }
        }
        Ok(Some(out))
    }
}
