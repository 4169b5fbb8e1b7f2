//! The JavaScript entry points for pages that mount sinmun themselves (the
//! `<sinmun-feed>` element builds on these): `mountEmbedded(element, options)`
//! returns a handle whose `unmount()` removes the instance and everything it
//! registered. Trunk's loader exposes them as `window.wasmBindings`.
//!
//! `options`: `{ config, basePath?, styles?: [url], files?: { sanitizer,
//! bodyStyle, markdown, enhance } }`; relative URLs resolve against the page's base.

use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use crate::body::lazy::Files;
use crate::config::{absolute_url, document_base, normalise_base_path, MountOptions};
use crate::host::Mode;
use crate::instance::{mount, Instance};

/// A mounted instance, as JavaScript holds it.
#[wasm_bindgen]
pub struct SinmunInstance {
    instance: Option<Instance>,
}

#[wasm_bindgen]
impl SinmunInstance {
    /// Unmount the instance (a second call does nothing).
    pub fn unmount(&mut self) {
        self.instance = None;
    }
}

/// Mount an embedded instance into `element`'s shadow root.
#[wasm_bindgen(js_name = mountEmbedded)]
pub fn mount_embedded(element: HtmlElement, options: JsValue) -> Result<SinmunInstance, JsError> {
    let options = embedded_options(&options)?;
    let instance = mount(element, options)
        .ok_or_else(|| JsError::new("sinmun: this element cannot hold a shadow root"))?;
    Ok(SinmunInstance {
        instance: Some(instance),
    })
}

fn embedded_options(options: &JsValue) -> Result<MountOptions, JsError> {
    let base = document_base();
    let text = |object: &JsValue, key: &str| {
        Reflect::get(object, &JsValue::from_str(key))
            .ok()
            .and_then(|v| v.as_string())
    };
    let url = |object: &JsValue, key: &str| text(object, key).map(|u| absolute_url(&u, &base));
    let config_url =
        url(options, "config").ok_or_else(|| JsError::new("sinmun: options.config is missing"))?;
    let files = Reflect::get(options, &JsValue::from_str("files")).unwrap_or(JsValue::UNDEFINED);
    let styles = Reflect::get(options, &JsValue::from_str("styles"))
        .ok()
        .filter(Array::is_array)
        .map(|list| {
            Array::from(&list)
                .iter()
                .filter_map(|s| s.as_string())
                .map(|s| absolute_url(&s, &base))
                .collect()
        })
        .unwrap_or_default();
    Ok(MountOptions {
        config_url,
        base_path: normalise_base_path(&text(options, "basePath").unwrap_or_default()),
        mode: Mode::Embedded,
        files: Files {
            sanitizer: url(&files, "sanitizer"),
            body_style: url(&files, "bodyStyle"),
            markdown: url(&files, "markdown"),
            enhance: url(&files, "enhance"),
            style_root: None,
        },
        styles,
    })
}
