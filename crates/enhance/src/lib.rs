//! The steps of an article body's pipeline that only article bodies need, as
//! their own wasm module: the style-attribute pass before the sanitiser
//! (`sinmun_style`) and the enhancing after it (`enhance.rs`: heading ids and
//! the table of contents, CSSOM colours, links, images, spacers, tables, the
//! link to a feed item's own page).
//!
//! The app does not link this crate: in the first load it cost about 9 KB
//! gzip of the 150 KB budget, though the front page never renders a body.
//! `cargo xtask` builds it like the Markdown module and the app imports it
//! with the first body (`src/body/lazy.rs`), alongside the sanitiser.

mod enhance;

pub use enhance::{enhance, EnhanceOptions, TocEntry};

#[cfg(all(target_arch = "wasm32", feature = "module"))]
mod exports {
    use wasm_bindgen::prelude::*;
    use web_sys::DocumentFragment;

    // Smaller than Rust's default allocator, as in the app.
    #[global_allocator]
    static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

    /// Untrusted HTML with its `style` attributes renamed, so that the
    /// sanitiser and a strict CSP leave them to `enhance`.
    #[wasm_bindgen(js_name = deferStyleAttributes)]
    pub fn defer_style_attributes(html: &str) -> String {
        sinmun_style::style_attrs::defer_style_attributes(html)
    }

    /// Enhance the sanitised `fragment`; returns the table of contents as
    /// `[id, text, level]` triples.
    #[wasm_bindgen(js_name = enhanceBody)]
    pub fn enhance_body(
        fragment: &DocumentFragment,
        base_path: &str,
        headings: bool,
        original: Option<String>,
        original_label: Option<String>,
    ) -> js_sys::Array {
        let options = super::EnhanceOptions {
            base_path,
            headings,
            original: original.as_deref().zip(original_label.as_deref()),
        };
        super::enhance(fragment, &options)
            .into_iter()
            .map(|entry| {
                js_sys::Array::of3(
                    &JsValue::from_str(&entry.id),
                    &JsValue::from_str(&entry.text),
                    &JsValue::from(entry.level),
                )
            })
            .collect()
    }
}
