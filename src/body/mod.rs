//! The body pipeline: source text → HTML (Markdown via pulldown-cmark) →
//! sanitised DOM (DOMPurify) → enhanced DOM (ids, TOC, links, images), the
//! style pass and enhancing in the enhance module (`crates/enhance`).
//! One stage per file; the result is inert nodes ready to insert.

pub mod adopt;
mod enhance;
pub mod lazy;
mod markdown;
mod sanitize;

#[cfg(test)]
mod props;

use sinmun_model::{Body, BodyFormat};
use web_sys::DocumentFragment;

pub use enhance::{EnhanceOptions, TocEntry};

pub struct Rendered {
    pub fragment: DocumentFragment,
    pub toc: Vec<TocEntry>,
}

/// A prerendered page's body to take over instead of rendering it: the
/// host element holding the page's shell and the body's class there.
pub struct Prerendered<'a> {
    pub host: &'a web_sys::Element,
    pub class: &'a str,
}

/// Render a body into sanitised DOM nodes, or take them from the page when
/// it is prerendered (`adopt.rs`). Asynchronous because Markdown needs the
/// Markdown module, which is loaded on first use; HTML and text bodies
/// finish in the first poll.
pub async fn render(
    body: &Body,
    options: &EnhanceOptions<'_>,
    files: &lazy::Files,
    prerendered: Option<Prerendered<'_>>,
) -> Result<Rendered, String> {
    if let Some(adopted) = prerendered.and_then(|p| adopt::adopt(p.host, p.class, options.headings))
    {
        return Ok(adopted);
    }
    // Styled from the first frame it is shown in; unstyled if the styles
    // cannot be loaded, rather than not at all.
    let _ = files.load_body_style().await;
    let fragment = match body.format {
        BodyFormat::Markdown => {
            let html = markdown::to_html(&body.source, files).await?;
            let html = enhance::defer_style_attributes(&html, files).await?;
            sanitize::sanitize(&html, files).await?
        }
        BodyFormat::Html => {
            let html = enhance::defer_style_attributes(&body.source, files).await?;
            sanitize::sanitize(&html, files).await?
        }
        BodyFormat::Text => text_fragment(&body.source)?,
    };
    let toc = enhance::enhance(&fragment, options, files).await?;
    Ok(Rendered { fragment, toc })
}

/// Plain text as paragraphs, built from text nodes: nothing is interpreted.
/// The paragraphs of plain text: runs of lines between blank lines, trimmed.
/// Line by line (a `char` split, not a `&str` one): no substring search
/// and its panic paths in the first load.
fn paragraphs(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut current = String::new();
    for line in text.split('\n') {
        if line.trim().is_empty() {
            if !current.trim().is_empty() {
                found.push(current.trim().to_string());
            }
            current.clear();
        } else {
            if !current.is_empty() {
                current.push('\n');
            }
            current.push_str(line);
        }
    }
    if !current.trim().is_empty() {
        found.push(current.trim().to_string());
    }
    found
}

pub fn text_fragment(text: &str) -> Result<DocumentFragment, String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let fragment = document.create_document_fragment();
    for paragraph in paragraphs(text) {
        let p = document
            .create_element("p")
            .map_err(|_| "cannot create a paragraph")?;
        p.set_text_content(Some(&paragraph));
        let _ = fragment.append_child(&p);
    }
    Ok(fragment)
}

#[cfg(test)]
mod tests {
    use super::paragraphs;

    #[test]
    fn plain_text_paragraphs_are_split_at_blank_lines() {
        assert_eq!(
            paragraphs("  첫 문단\n둘째 줄\n\n\n셋째  \r\n \r\n넷째\n"),
            ["첫 문단\n둘째 줄", "셋째", "넷째"]
        );
        assert!(paragraphs("\n \n").is_empty());
    }
}
