//! The steps of the body pipeline that live in the enhance module
//! (`crates/enhance`, loaded with the first body, see `lazy.rs`): the
//! style-attribute pass before the sanitiser and the enhancing after it.
//! Keeping them out of the app keeps them out of every first load.

use js_sys::Array;
use wasm_bindgen::prelude::*;
use web_sys::DocumentFragment;

pub use sinmun_enhance::{EnhanceOptions, TocEntry};

use super::lazy::Files;

/// Untrusted HTML with its `style` attributes put aside for [`enhance`].
pub async fn defer_style_attributes(html: &str, files: &Files) -> Result<String, String> {
    files
        .enhance_export("deferStyleAttributes")
        .await?
        .call1(&JsValue::NULL, &JsValue::from_str(html))
        .ok()
        .and_then(|html| html.as_string())
        .ok_or_else(|| "the style-attribute pass failed".to_string())
}

/// Enhance the sanitised `fragment` in place; the table of contents.
pub async fn enhance(
    fragment: &DocumentFragment,
    options: &EnhanceOptions<'_>,
    files: &Files,
) -> Result<Vec<TocEntry>, String> {
    let entries = files
        .enhance_export("enhanceBody")
        .await?
        .apply(
            &JsValue::NULL,
            &Array::of5(
                fragment,
                &JsValue::from_str(options.base_path),
                &JsValue::from_bool(options.headings),
                &options
                    .original
                    .map_or(JsValue::NULL, |(url, _)| url.into()),
                &options
                    .original
                    .map_or(JsValue::NULL, |(_, label)| label.into()),
            ),
        )
        .map_err(|_| "enhancing the body failed".to_string())?;
    Ok(Array::from(&entries).iter().filter_map(toc_entry).collect())
}

/// `[id, text, level]` as the module returns it.
pub(super) fn toc_entry(triple: JsValue) -> Option<TocEntry> {
    let triple = Array::from(&triple);
    Some(TocEntry {
        id: triple.get(0).as_string()?,
        text: triple.get(1).as_string()?,
        level: u8::try_from(triple.get(2).as_f64()? as u32).ok()?,
    })
}
