//! Post-sanitise touches on the inert fragment, before it is inserted:
//! heading ids and anchors, the table of contents, kept colour styles moved to
//! CSSOM (a strict CSP blocks `style` attributes, not CSSOM), link and image
//! rules, Tistory spacer paragraphs, allowlisted video iframes.

use wasm_bindgen::JsCast;
use web_sys::{DocumentFragment, Element, HtmlElement};

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
    paragraph.set_class_name("original-link");
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

/// Resolve a root-relative URL (`/assets/x.png`) against the site's base:
/// a path (`/blog/`) for the page, or the site's absolute URL
/// (`https://news.example/blog/`) for a widget on another site's page.
fn rebase(url: &str, base: &str) -> Option<String> {
    if !url.starts_with('/') || url.starts_with("//") {
        return None;
    }
    let (origin, path) = split_origin(base);
    let path = path.trim_end_matches('/');
    let inside = path.is_empty() || url == path || url.starts_with(&format!("{path}/"));
    match (inside, origin.is_empty()) {
        (true, true) => None,
        (true, false) => Some(format!("{origin}{url}")),
        (false, _) => Some(format!("{origin}{path}{url}")),
    }
}

/// `("https://site", "/blog/")` for an absolute URL, `("", base)` for a path.
fn split_origin(base: &str) -> (&str, &str) {
    let Some(scheme_end) = base.find("://") else {
        return ("", base);
    };
    let after = scheme_end + 3;
    match base.get(after..).and_then(|rest| rest.find('/')) {
        Some(slash) => base.split_at(after + slash),
        None => (base, "/"),
    }
}

fn scheme_of(url: &str) -> Option<String> {
    // Browsers ignore ASCII whitespace and control characters inside schemes.
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let colon = cleaned.find(':')?;
    let scheme = cleaned.get(..colon)?;
    if scheme
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    {
        Some(scheme.to_string())
    } else {
        None
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
                let _ = link.set_attribute("rel", "noopener noreferrer nofollow ugc");
            }
            Some("mailto") | Some("tel") => {}
            Some(_) => {
                // javascript:, vbscript:, data: and anything unknown.
                let _ = link.remove_attribute("href");
            }
        }
    }
}

fn is_raster_data_image(src: &str) -> bool {
    let lower = src.trim_start().to_ascii_lowercase();
    ["png", "jpeg", "jpg", "gif", "webp", "avif", "bmp"]
        .iter()
        .any(|kind| {
            lower.starts_with(&format!("data:image/{kind};"))
                || lower.starts_with(&format!("data:image/{kind},"))
        })
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
        let _ = image.set_attribute("decoding", "async");
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

const VIDEO_HOSTS: &[&str] = &[
    "https://www.youtube.com/embed/",
    "https://youtube.com/embed/",
    "https://www.youtube-nocookie.com/embed/",
    "https://player.vimeo.com/video/",
];

fn keep_only_video_iframes(root: &DocumentFragment) {
    for frame in elements(root, "iframe") {
        let src = frame.get_attribute("src").unwrap_or_default();
        if !VIDEO_HOSTS.iter().any(|host| src.starts_with(host)) {
            frame.remove();
            continue;
        }
        let keep = ["src", "width", "height", "title", "allowfullscreen"];
        let names: Vec<String> = frame
            .get_attribute_names()
            .iter()
            .filter_map(|n| n.as_string())
            .collect();
        for name in names {
            if !keep.contains(&name.as_str()) {
                let _ = frame.remove_attribute(&name);
            }
        }
        let _ = frame.set_attribute(
            "sandbox",
            "allow-scripts allow-same-origin allow-presentation allow-popups",
        );
        let _ = frame.set_attribute("referrerpolicy", "strict-origin-when-cross-origin");
        let _ = frame.set_attribute("loading", "lazy");
        let _ = frame.class_list().add_1("video-embed");
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
        wrapper.set_class_name("table-scroll");
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
    let slug: String = js_sys::JsString::from(text)
        .to_lower_case()
        .replace_by_pattern(&non_word, "-")
        .replace_by_pattern(&edges, "")
        .into();
    let slug: String = slug.chars().take(80).collect();
    match slug.trim_end_matches('-') {
        "" => "untitled".to_string(),
        slug => slug.to_string(),
    }
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
        let base = ["h-", &heading_slug(&text)].concat();
        let mut id = base.clone();
        let mut n = 2;
        while !used.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        let _ = heading.set_attribute("id", &id);
        if let Ok(anchor) = document.create_element("a") {
            let _ = anchor.set_attribute("href", &format!("#{id}"));
            let _ = anchor.set_attribute("class", "heading-anchor");
            let _ = anchor.set_attribute("aria-label", &format!("Link to “{text}”"));
            anchor.set_text_content(Some("#"));
            let _ = heading.append_child(&anchor);
        }
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

#[cfg(test)]
mod tests {
    use super::rebase;

    #[test]
    fn rebases_root_relative_urls_onto_a_path_or_a_site() {
        assert_eq!(rebase("/a.png", "/"), None);
        assert_eq!(rebase("/a.png", "/blog/"), Some("/blog/a.png".into()));
        assert_eq!(rebase("/blog/a.png", "/blog/"), None);
        assert_eq!(rebase("//cdn/a.png", "/blog/"), None);
        assert_eq!(rebase("a.png", "https://s.example/"), None);
        assert_eq!(
            rebase("/a.png", "https://s.example/"),
            Some("https://s.example/a.png".into())
        );
        assert_eq!(
            rebase("/a.png", "https://s.example/blog/"),
            Some("https://s.example/blog/a.png".into())
        );
        assert_eq!(
            rebase("/blog/a.png", "https://s.example/blog/"),
            Some("https://s.example/blog/a.png".into())
        );
        assert_eq!(
            rebase("/a.png", "https://s.example"),
            Some("https://s.example/a.png".into())
        );
    }
}
