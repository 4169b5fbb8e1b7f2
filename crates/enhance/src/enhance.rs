//! Post-sanitise touches on the inert fragment, before it is inserted:
//! heading ids and anchors, the table of contents, kept colour styles moved to
//! CSSOM (a strict CSP blocks `style` attributes, not CSSOM), link and image
//! rules, Tistory spacer paragraphs, allowlisted video iframes.

use wasm_bindgen::JsCast;
use web_sys::{DocumentFragment, Element, HtmlElement};

use sinmun_model::body_rules::{
    heading_id, is_raster_data_image, is_video_embed, rebase, scheme_of, unique_id, EXTERNAL_REL,
    HEADING_ANCHOR_CLASS, ORIGINAL_LINK_CLASS, TABLE_SCROLL_CLASS, VIDEO_ATTRIBUTES, VIDEO_CLASS,
    VIDEO_REFERRER_POLICY, VIDEO_SANDBOX,
};
use sinmun_style::style_attrs::DEFERRED_STYLE;
use sinmun_style::style_filter::allowed_declarations;

/// One entry of the table of contents.
#[derive(Clone, Debug, PartialEq)]
pub struct TocEntry {
    pub id: String,
    pub text: String,
    pub level: u8,
}

/// What enhancing needs to know about the site.
pub struct EnhanceOptions<'a> {
    /// The site's base path, e.g. `/` or `/blog/`: root-relative URLs in
    /// Jekyll content mean "the root of the site", so they are resolved against it.
    pub base_path: &'a str,
    /// Add ids and anchors to headings and collect the table of contents.
    pub headings: bool,
    /// The article's own page elsewhere and the words for it: the body ends
    /// with a link there, when it is an http(s) address (data is hostile).
    pub original: Option<(&'a str, &'a str)>,
}

fn elements(root: &DocumentFragment, selector: &str) -> Vec<Element> {
    let mut out = Vec::new();
    if let Ok(list) = root.query_selector_all(selector) {
        for i in 0..list.length() {
            if let Some(element) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                out.push(element);
            }
        }
    }
    out
}

pub fn enhance(root: &DocumentFragment, options: &EnhanceOptions) -> Vec<TocEntry> {
    move_styles_to_cssom(root);
    fix_links(root, options.base_path);
    fix_images(root, options.base_path);
    fix_media(root, options.base_path);
    keep_only_video_iframes(root);
    collapse_spacers(root);
    wrap_tables(root);
    if let Some((url, label)) = options.original {
        link_to_original(root, url, label);
    }
    if options.headings {
        number_headings(root)
    } else {
        Vec::new()
    }
}

/// `<p class="original-link"><a href=url>label</a></p>` at the end, built
/// with DOM calls (no HTML is parsed), for an http(s) `url` only.
fn link_to_original(root: &DocumentFragment, url: &str, label: &str) {
    let url = url.trim();
    let scheme = url.get(..8).unwrap_or("").to_ascii_lowercase();
    if !(scheme.starts_with("http://") || scheme == "https://") {
        return;
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (Ok(paragraph), Ok(link)) = (document.create_element("p"), document.create_element("a"))
    else {
        return;
    };
    paragraph.set_class_name(ORIGINAL_LINK_CLASS);
    let _ = link.set_attribute("href", url);
    let _ = link.set_attribute("rel", "noopener");
    link.set_text_content(Some(label));
    let _ = paragraph.append_child(&link);
    let _ = root.append_child(&paragraph);
}

/// Only `color`, `background-color` and `text-align` survive, with validated values.
fn move_styles_to_cssom(root: &DocumentFragment) {
    for element in elements(root, &format!("[style], [{DEFERRED_STYLE}]")) {
        let declarations = element
            .get_attribute(DEFERRED_STYLE)
            .or_else(|| element.get_attribute("style"))
            .map(|style| allowed_declarations(&style))
            .unwrap_or_default();
        let _ = element.remove_attribute("style");
        let _ = element.remove_attribute(DEFERRED_STYLE);
        if let Some(html) = element.dyn_ref::<HtmlElement>() {
            for (property, value) in declarations {
                let _ = html.style().set_property(property, &value);
            }
        }
    }
}

fn fix_links(root: &DocumentFragment, base_path: &str) {
    for link in elements(root, "a[href]") {
        let href = link.get_attribute("href").unwrap_or_default();
        match scheme_of(&href).as_deref() {
            None => {
                if let Some(rebased) = rebase(&href, base_path) {
                    let _ = link.set_attribute("href", &rebased);
                }
                let _ = link.remove_attribute("target");
            }
            Some("http") | Some("https") => {
                let _ = link.set_attribute("rel", EXTERNAL_REL);
            }
            Some("mailto") | Some("tel") => {}
            Some(_) => {
                // javascript:, vbscript:, data: and anything unknown.
                let _ = link.remove_attribute("href");
            }
        }
    }
}

fn fix_images(root: &DocumentFragment, base_path: &str) {
    for image in elements(root, "img") {
        let src = image.get_attribute("src").unwrap_or_default();
        match scheme_of(&src).as_deref() {
            None => {
                if let Some(rebased) = rebase(&src, base_path) {
                    let _ = image.set_attribute("src", &rebased);
                }
            }
            Some("http") | Some("https") => {}
            Some("data") if is_raster_data_image(&src) => {}
            Some(_) => {
                let _ = image.remove_attribute("src");
            }
        }
        let _ = image.remove_attribute("srcset");
        let _ = image.set_attribute("loading", "lazy");
        if !image.has_attribute("alt") {
            let _ = image.set_attribute("alt", "");
        }
    }
}

/// `<video>`, `<audio>`, `<source>` and `<track>` URLs: DOMPurify lets any
/// `data:` URI through on these tags (its DATA_URI_TAGS), e.g.
/// `<video src="data:text/html,…">` or `<source src="data:image/svg+xml,…">`.
/// None of them runs script in today's browsers, but a document-typed or SVG
/// data: URI has no business in an article, so media URLs follow the image
/// rules: relative, http(s), or a raster data: image (posters). `srcset` on
/// `<source>` goes like it does on `<img>` (DOMPurify only checks a srcset's
/// first candidate).
fn fix_media(root: &DocumentFragment, base_path: &str) {
    for element in elements(root, "video, audio, source, track") {
        for attribute in ["src", "poster"] {
            let Some(url) = element.get_attribute(attribute) else {
                continue;
            };
            match scheme_of(&url).as_deref() {
                None => {
                    if let Some(rebased) = rebase(&url, base_path) {
                        let _ = element.set_attribute(attribute, &rebased);
                    }
                }
                Some("http") | Some("https") => {}
                Some("data") if attribute == "poster" && is_raster_data_image(&url) => {}
                Some(_) => {
                    let _ = element.remove_attribute(attribute);
                }
            }
        }
        let _ = element.remove_attribute("srcset");
    }
}

fn keep_only_video_iframes(root: &DocumentFragment) {
    for frame in elements(root, "iframe") {
        let src = frame.get_attribute("src").unwrap_or_default();
        if !is_video_embed(&src) {
            frame.remove();
            continue;
        }
        let names: Vec<String> = frame
            .get_attribute_names()
            .iter()
            .filter_map(|n| n.as_string())
            .collect();
        for name in names {
            if !VIDEO_ATTRIBUTES.contains(&name.as_str()) {
                let _ = frame.remove_attribute(&name);
            }
        }
        let _ = frame.set_attribute("sandbox", VIDEO_SANDBOX);
        let _ = frame.set_attribute("referrerpolicy", VIDEO_REFERRER_POLICY);
        let _ = frame.set_attribute("loading", "lazy");
        let _ = frame.class_list().add_1(VIDEO_CLASS);
    }
}

/// Tistory's editor separates paragraphs with `<p>&nbsp;</p>`; CSS margins give
/// an even rhythm instead, so the empty paragraphs go.
fn collapse_spacers(root: &DocumentFragment) {
    for paragraph in elements(root, "p") {
        let text = paragraph.text_content().unwrap_or_default();
        let blank = text.chars().all(|c| c.is_whitespace() || c == '\u{a0}');
        let has_media = paragraph
            .query_selector("img, iframe, video, picture")
            .ok()
            .flatten()
            .is_some();
        if blank && !has_media {
            paragraph.remove();
        }
    }
}

/// Wide tables scroll inside their own box instead of widening the page.
fn wrap_tables(root: &DocumentFragment) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    for table in elements(root, "table") {
        let Some(parent) = table.parent_node() else {
            continue;
        };
        let Ok(wrapper) = document.create_element("div") else {
            continue;
        };
        wrapper.set_class_name(TABLE_SCROLL_CLASS);
        if parent.insert_before(&wrapper, Some(&table)).is_ok() {
            let _ = wrapper.append_child(&table);
        }
    }
}

/// Ids that work for Korean text (`h-` + slug), unique within the article and
/// prefixed so they cannot collide with the app's own ids.
/// A heading's id: its letters and digits of any script, lowercased, other
/// runs turned into `-` (`h-한국어-웹-타이포그래피`), at most 80 characters.
/// The browser's Unicode-aware RegExp and toLowerCase do it: Rust's Unicode
/// tables for the same would add about 8 KB gzip to the bundle.
fn heading_slug(text: &str) -> String {
    let non_word = js_sys::RegExp::new("[^\\p{L}\\p{N}]+", "gu");
    let edges = js_sys::RegExp::new("^-+|-+$", "g");
    js_sys::JsString::from(text)
        .to_lower_case()
        .replace_by_pattern(&non_word, "-")
        .replace_by_pattern(&edges, "")
        .into()
}

/// The heading's content becomes a link to the heading (its text names the
/// link, as on MDN), unless it holds a link already: links do not nest.
fn link_heading(document: &web_sys::Document, heading: &Element, id: &str) {
    if heading.query_selector("a").ok().flatten().is_some() {
        return;
    }
    let Ok(anchor) = document.create_element("a") else {
        return;
    };
    let _ = anchor.set_attribute("href", &format!("#{id}"));
    let _ = anchor.set_attribute("class", HEADING_ANCHOR_CLASS);
    while let Some(child) = heading.first_child() {
        if anchor.append_child(&child).is_err() {
            break;
        }
    }
    let _ = heading.append_child(&anchor);
}

fn number_headings(root: &DocumentFragment) -> Vec<TocEntry> {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return Vec::new();
    };
    let mut used = std::collections::HashSet::new();
    let mut toc = Vec::new();
    for heading in elements(root, "h1, h2, h3, h4, h5, h6") {
        let text = heading
            .text_content()
            .unwrap_or_default()
            .trim()
            .to_string();
        if text.is_empty() {
            continue;
        }
        let id = unique_id(&mut used, heading_id(&heading_slug(&text)));
        let _ = heading.set_attribute("id", &id);
        link_heading(&document, &heading, &id);
        let level = match heading.tag_name().as_str() {
            "H2" => 2,
            "H3" => 3,
            _ => 0,
        };
        if level > 0 {
            toc.push(TocEntry { id, text, level });
        }
    }
    toc
}
