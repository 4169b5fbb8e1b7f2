//! Taking over a prerendered body: the converter already wrote the article's
//! body and banner into the page, sanitised and enhanced with the app's own
//! rules (`crates/convert/src/output/prerender/`), so the app moves those
//! nodes into its view instead of rendering them again. An article deep link
//! then needs neither the sanitiser nor the enhance module: the first
//! browser-side sanitising happens for the first body that arrives as data.
//! The colours kept in `data-sinmun-style` are applied here with CSSOM (a
//! strict CSP blocks them as HTML), and the table of contents is read back
//! from the page's own. Each heading's link to itself is added here: the
//! page holds only its id.

use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::Rendered;

#[wasm_bindgen(module = "/src/browser.js")]
extern "C" {
    #[wasm_bindgen(js_name = adoptBody)]
    fn adopt_body_js(
        host: &web_sys::Element,
        from: &str,
        toc_selector: &str,
        anchor_class: &str,
    ) -> JsValue;
}

/// The prerendered shell's `.{class}` content, moved out of the shell, and
/// the table of contents when `headings`. `None` when the shell has none
/// (or gave it away already): render the body as usual.
pub fn adopt(host: &web_sys::Element, class: &str, headings: bool) -> Option<Rendered> {
    let shell = [".", sinmun_model::classes::PRERENDERED_SHELL, " "].concat();
    let from = [shell.as_str(), ".", class].concat();
    let toc = if headings {
        [shell.as_str(), ".toc a"].concat()
    } else {
        // Matches nothing: only an article body has a table of contents.
        ":not(*)".to_string()
    };
    // The page keeps each heading's id; its link to itself is added here.
    let anchor_class = if headings {
        sinmun_model::body_rules::HEADING_ANCHOR_CLASS
    } else {
        ""
    };
    let adopted = adopt_body_js(host, &from, &toc, anchor_class);
    if adopted.is_null() {
        return None;
    }
    let adopted = Array::from(&adopted);
    Some(Rendered {
        fragment: adopted.get(0).dyn_into().ok()?,
        toc: Array::from(&adopted.get(1))
            .iter()
            .filter_map(super::enhance::toc_entry)
            .collect(),
        description: None,
    })
}
