//! The body pipeline: source text → HTML (Markdown via pulldown-cmark) →
//! sanitised DOM (DOMPurify) → enhanced DOM (ids, TOC, links, images), the
//! style pass and enhancing in the enhance module (`crates/enhance`).
//! One stage per file; the result is inert nodes ready to insert.

pub mod adopt;
mod enhance;
pub mod lazy;
mod markdown;
mod page;
mod sanitize;

#[cfg(test)]
mod props;

use sinmun_model::{Body, BodyFormat};
use wasm_bindgen::JsCast;
use web_sys::DocumentFragment;

pub use enhance::{EnhanceOptions, TocEntry};

pub struct Rendered {
    pub fragment: DocumentFragment,
    pub toc: Vec<TocEntry>,
    /// The description of the page a body was read from (a site's article
    /// JSON leaves it to the page).
    pub description: Option<String>,
}

/// Render a body into sanitised DOM nodes, or take them from the page when
/// it is prerendered (`adopt.rs`). `class` names the body's element there
/// and in a page the body is kept in (`BodyFormat::Page`): the article body
/// or the banner text. `prerendered` is the host element holding the page's
/// shell when the page in view is the article's. Asynchronous because
/// Markdown needs the Markdown module, which is loaded on first use; HTML
/// and text bodies finish in the first poll.
pub async fn render(
    body: &Body,
    options: &EnhanceOptions<'_>,
    files: &lazy::Files,
    class: &str,
    prerendered: Option<&web_sys::Element>,
) -> Result<Rendered, String> {
    if let Some(adopted) = prerendered.and_then(|host| adopt::adopt(host, class, options.headings))
    {
        return Ok(adopted);
    }
    // Styled from the first frame it is shown in; unstyled if the styles
    // cannot be loaded, rather than not at all.
    let _ = files.load_body_style().await;
    let fragment = match body.format {
        // Kept in the article's page, sanitised and enhanced there already.
        BodyFormat::Page => {
            let page = lazy::wait(
                &body.source,
                page::start(&body.source, options.base_path, files),
            )
            .await?;
            let page: &web_sys::Element = page.unchecked_ref();
            let description = page.get_attribute("data-description");
            return adopt::adopt(page, class, options.headings)
                .map(|adopted| Rendered {
                    description,
                    ..adopted
                })
                .ok_or_else(|| [&body.source, " holds no .", class].concat());
        }
        BodyFormat::Markdown => {
            let html = markdown::to_html(&body.source, files).await?;
            let html = enhance::defer_style_attributes(&html, files).await?;
            sanitize::sanitize(&html, files).await?
        }
        BodyFormat::Html => {
            let html = enhance::defer_style_attributes(&body.source, files).await?;
            sanitize::sanitize(&html, files).await?
        }
        BodyFormat::Text => text_fragment(&body.source),
    };
    let toc = enhance::enhance(&fragment, options, files).await?;
    Ok(Rendered {
        fragment,
        toc,
        description: None,
    })
}

#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/browser.js")]
extern "C" {
    #[wasm_bindgen(js_name = textBody)]
    fn text_body_js(text: &str) -> DocumentFragment;
}

/// Plain text as paragraphs (runs of lines between blank lines, trimmed),
/// built from text nodes: nothing is interpreted. In browser.js, where it
/// costs a tenth of its Rust in the first load (tested in
/// `tests/e2e/chromium/hostile.test.mjs`).
pub fn text_fragment(text: &str) -> DocumentFragment {
    text_body_js(text)
}
