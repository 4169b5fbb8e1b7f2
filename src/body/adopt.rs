//! Taking over a prerendered body: the converter already wrote the article's
//! body and banner into the page, sanitised and enhanced with the app's own
//! rules (`crates/convert/src/output/prerender/`), so the app moves those
//! nodes into its view instead of rendering them again. An article deep link
//! then needs neither the sanitiser nor the enhance module: the first
//! browser-side sanitising happens for the first body that arrives as data.
//! The colours kept in `data-sinmun-style` are applied here with CSSOM (a
//! strict CSP blocks them as HTML), and the table of contents is read back
//! from the page's own.

use js_sys::Array;
use wasm_bindgen::prelude::*;

use super::TocEntry;

#[wasm_bindgen(inline_js = r#"
export function adoptBody(host, from, to, tocSelector) {
  const source = host.querySelector(from);
  if (!source || source.dataset.adopted) return null;
  source.dataset.adopted = '1';
  to.className = source.className;
  to.append(...source.childNodes);
  for (const node of to.querySelectorAll('[data-sinmun-style]')) {
    for (const declaration of node.dataset.sinmunStyle.split(';')) {
      const [name, value] = declaration.split(':');
      if (name === 'color' || name === 'background-color' || name === 'text-align') node.style.setProperty(name, value);
    }
    delete node.dataset.sinmunStyle;
  }
  return Array.from(host.querySelectorAll(tocSelector), (a) =>
    [a.getAttribute('href').slice(1), a.textContent, +a.parentNode.className.slice(-1)]);
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = adoptBody)]
    fn adopt_body_js(
        host: &web_sys::Element,
        from: &str,
        to: &web_sys::Element,
        toc_selector: &str,
    ) -> JsValue;
}

/// Move the prerendered shell's `.{class}` content into `container`; the
/// table of contents when `headings`. `None` when the shell has none (or
/// gave it away already): render the body as usual.
pub fn adopt(
    host: &web_sys::Element,
    class: &str,
    container: &web_sys::Element,
    headings: bool,
) -> Option<Vec<TocEntry>> {
    let shell = [".", sinmun_model::classes::PRERENDERED_SHELL, " "].concat();
    let from = [shell.as_str(), ".", class].concat();
    let toc = if headings {
        [shell.as_str(), ".toc a"].concat()
    } else {
        // Matches nothing: only an article body has a table of contents.
        ":not(*)".to_string()
    };
    let entries = adopt_body_js(host, &from, container, &toc);
    if entries.is_null() {
        return None;
    }
    Some(
        Array::from(&entries)
            .iter()
            .filter_map(super::enhance::toc_entry)
            .collect(),
    )
}
