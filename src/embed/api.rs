//! The JavaScript entry point of the widget build: `mountEmbedded(element,
//! options)` returns a handle whose `unmount()` removes the instance and
//! everything it registered. `embed.js` calls it for each `<sinmun-feed>`.
//! `startPage()` starts a page instance, for a page the page build hands
//! over (its source is not sinmun data: `src/handover.rs`).
//!
//! `options`: `{ config, styles?: [url], files?: { sanitizer, bodyStyle,
//! markdown, enhance, feeds }, limit?, category?, open?, lang?, target? }`; relative
//! URLs resolve against the page's base. The site is the folder of `config`.

use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use crate::body::lazy::Files;
use crate::config::{absolute_url, document_base, normalise_base_path, MountOptions, Open, Widget};
use crate::host::Mode;
use crate::instance::{mount, Instance};
use crate::routes::route_href;
use sinmun_model::Route;

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

/// Start the page instance, as the page build does: a page whose source is
/// not sinmun data is handed to this build (`src/handover.rs`).
#[wasm_bindgen(js_name = startPage)]
pub fn start_page() {
    // The page build's instance left its hidden mount element beside a
    // prerendered shell (`prerendered.rs`): this instance makes its own.
    if let Some(host) = crate::config::find_host() {
        if let Ok(Some(left)) = host.query_selector(&[".", crate::prerendered::APP].concat()) {
            left.remove();
        }
    }
    crate::start();
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

fn text(object: &JsValue, key: &str) -> Option<String> {
    Reflect::get(object, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_string())
        .filter(|v| !v.trim().is_empty())
}

fn embedded_options(options: &JsValue) -> Result<MountOptions, JsError> {
    let base = document_base();
    let url = |object: &JsValue, key: &str| text(object, key).map(|u| absolute_url(&u, &base));
    let config_url =
        url(options, "config").ok_or_else(|| JsError::new("sinmun: options.config is missing"))?;
    let site_url = absolute_url("./", &config_url);
    let base_path = normalise_base_path(
        &web_sys::Url::new(&site_url)
            .map(|u| u.pathname())
            .unwrap_or_default(),
    );
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
    let widget = widget_settings(options, site_url, &base_path);
    Ok(MountOptions {
        config_url,
        base_path,
        mode: Mode::Embedded,
        files: Files {
            sanitizer: url(&files, "sanitizer"),
            body_style: url(&files, "bodyStyle"),
            markdown: url(&files, "markdown"),
            enhance: url(&files, "enhance"),
            feeds: url(&files, "feeds"),
            style_root: None,
        },
        styles,
        widget: Some(widget),
    })
}

/// The `<sinmun-feed>` attributes; a value that makes no sense is ignored.
fn widget_settings(options: &JsValue, site_url: String, base_path: &str) -> Widget {
    let limit = text(options, "limit")
        .and_then(|l| l.trim().parse::<usize>().ok())
        .filter(|l| *l > 0);
    let start = match text(options, "category") {
        Some(category) => route_href(base_path, &Route::list(1, Some(category.trim()))),
        None => base_path.to_string(),
    };
    Widget {
        site_url,
        limit,
        open: text(options, "open").map_or(Open::Link, |o| Open::parse(&o)),
        lang: text(options, "lang").map(|l| l.trim().to_string()),
        target: text(options, "target").filter(|t| t.starts_with('_')),
        start,
    }
}
