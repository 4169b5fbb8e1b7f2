//! An article body as a prerendered page carries it: the browser's body
//! pipeline done natively. Sanitised with ammonia (`policy.rs`), then the
//! app's enhancing step (`crates/enhance`) replayed on the clean tree with
//! the same rules (`sinmun_model::body_rules`): heading ids and the table
//! of contents (each heading's link to itself is the app's to add, when it
//! takes the page over: a page holds its id once, not three times), link and image rules, video iframes only, Tistory
//! spacer paragraphs and default size presets (`tistory_sizes.rs`) dropped, tables in a scrolling box, the link to a feed
//! item's own page. The colours and alignment authors may keep (`style`
//! attributes, which a strict CSP blocks in HTML) stay as checked
//! declarations in `data-sinmun-style`: the app applies them with CSSOM
//! when it takes the body over (`src/body/adopt.rs`).

use html5ever::{ns, LocalName, QualName};
use kuchikiki::traits::TendrilSink;
use kuchikiki::NodeRef;
use sinmun_model::body_rules::*;
use sinmun_model::{Body, BodyFormat};
use sinmun_style::style_attrs::{defer_style_attributes, DEFERRED_STYLE};
use sinmun_style::style_filter::allowed_declarations;

use super::policy;
use crate::output::xml::xml_escape;

/// One entry of the table of contents (an h2 or h3).
#[derive(Debug, Clone, PartialEq)]
pub struct TocEntry {
    pub id: String,
    pub text: String,
    pub level: u8,
}

pub struct PageBody {
    /// Sanitised, enhanced HTML: safe to write into the page as it is.
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// Top-level elements (a long body gets `LONG_BODY_CLASS`).
    pub blocks: usize,
}

/// What enhancing needs to know, as in the app's `EnhanceOptions`.
pub struct Options<'a> {
    pub base_path: &'a str,
    pub headings: bool,
    /// A feed item's own page and the words for the link to it.
    pub original: Option<(&'a str, &'a str)>,
}

pub fn render(body: &Body, options: &Options) -> PageBody {
    let raw = match body.format {
        BodyFormat::Markdown => sinmun_markdown::to_html(&body.source),
        BodyFormat::Html => body.source.clone(),
        BodyFormat::Text => text_paragraphs(&body.source),
        BodyFormat::Page => String::new(),
    };
    let clean = policy::builder()
        .clean(&defer_style_attributes(&raw))
        .to_string();
    let document = kuchikiki::parse_html()
        .one(format!("<body>{clean}</body>"))
        .document_node;
    let Ok(root) = document.select_first("body") else {
        return PageBody {
            html: String::new(),
            toc: Vec::new(),
            blocks: 0,
        };
    };
    let root = root.as_node().clone();
    check_styles(&root);
    fix_links(&root, options.base_path);
    fix_images(&root, options.base_path);
    fix_media(&root, options.base_path);
    keep_only_video_iframes(&root);
    collapse_spacers(&root);
    super::tistory_sizes::drop_default_sizes(&root);
    wrap_tables(&root);
    if let Some((url, label)) = options.original {
        link_to_original(&root, url, label);
    }
    let toc = if options.headings {
        number_headings(&root)
    } else {
        Vec::new()
    };
    let blocks = root.children().filter(|n| n.as_element().is_some()).count();
    PageBody {
        html: inner_html(&root),
        toc,
        blocks,
    }
}

/// Plain text as paragraphs, as the app shows it (`src/body/mod.rs`).
fn text_paragraphs(text: &str) -> String {
    let mut html = String::new();
    for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        html.push_str("<p>");
        html.push_str(&xml_escape(paragraph));
        html.push_str("</p>");
    }
    html
}

fn inner_html(root: &NodeRef) -> String {
    let mut out = Vec::new();
    for child in root.children() {
        let _ = child.serialize(&mut out);
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn select(root: &NodeRef, selector: &str) -> Vec<NodeRef> {
    match root.select(selector) {
        Ok(found) => found.map(|e| e.as_node().clone()).collect(),
        Err(()) => Vec::new(),
    }
}

fn attribute(node: &NodeRef, name: &str) -> Option<String> {
    node.as_element()?
        .attributes
        .borrow()
        .get(name)
        .map(str::to_string)
}

fn set_attribute(node: &NodeRef, name: &str, value: &str) {
    if let Some(element) = node.as_element() {
        element
            .attributes
            .borrow_mut()
            .insert(name, value.to_string());
    }
}

fn remove_attribute(node: &NodeRef, name: &str) {
    if let Some(element) = node.as_element() {
        element.attributes.borrow_mut().remove(name);
    }
}

fn element(name: &str, attributes: &[(&str, &str)]) -> NodeRef {
    let node = NodeRef::new_element(
        QualName::new(None, ns!(html), LocalName::from(name)),
        Vec::new(),
    );
    for (name, value) in attributes {
        set_attribute(&node, name, value);
    }
    node
}

/// Only the declarations the app would apply stay, as `name:value;…`.
fn check_styles(root: &NodeRef) {
    for node in select(root, &format!("[{DEFERRED_STYLE}]")) {
        let style = attribute(&node, DEFERRED_STYLE).unwrap_or_default();
        let kept: Vec<String> = allowed_declarations(&style)
            .into_iter()
            .map(|(name, value)| format!("{name}:{value}"))
            .collect();
        if kept.is_empty() {
            remove_attribute(&node, DEFERRED_STYLE);
        } else {
            set_attribute(&node, DEFERRED_STYLE, &kept.join(";"));
        }
    }
}

fn fix_links(root: &NodeRef, base_path: &str) {
    for link in select(root, "a[href]") {
        let href = attribute(&link, "href").unwrap_or_default();
        match scheme_of(&href).as_deref() {
            None => {
                if let Some(rebased) = rebase(&href, base_path) {
                    set_attribute(&link, "href", &rebased);
                }
                remove_attribute(&link, "target");
            }
            Some("http") | Some("https") => set_attribute(&link, "rel", EXTERNAL_REL),
            Some("mailto") | Some("tel") => {}
            Some(_) => remove_attribute(&link, "href"),
        }
    }
}

fn fix_images(root: &NodeRef, base_path: &str) {
    for image in select(root, "img") {
        let src = attribute(&image, "src").unwrap_or_default();
        match scheme_of(&src).as_deref() {
            None => {
                if let Some(rebased) = rebase(&src, base_path) {
                    set_attribute(&image, "src", &rebased);
                }
            }
            Some("http") | Some("https") => {}
            Some("data") if is_raster_data_image(&src) => {}
            Some(_) => remove_attribute(&image, "src"),
        }
        remove_attribute(&image, "srcset");
        set_attribute(&image, "loading", "lazy");
        if attribute(&image, "alt").is_none() {
            set_attribute(&image, "alt", "");
        }
    }
}

fn fix_media(root: &NodeRef, base_path: &str) {
    for media in select(root, "video, audio, source, track") {
        for name in ["src", "poster"] {
            let Some(url) = attribute(&media, name) else {
                continue;
            };
            match scheme_of(&url).as_deref() {
                None => {
                    if let Some(rebased) = rebase(&url, base_path) {
                        set_attribute(&media, name, &rebased);
                    }
                }
                Some("http") | Some("https") => {}
                Some("data") if name == "poster" && is_raster_data_image(&url) => {}
                Some(_) => remove_attribute(&media, name),
            }
        }
        remove_attribute(&media, "srcset");
    }
    // data: is for media and images only (DOMPurify's DATA_URI_TAGS), and a
    // quotation's source is a web address or nothing.
    for node in select(root, "[href]") {
        if attribute(&node, "href")
            .and_then(|u| scheme_of(&u))
            .as_deref()
            == Some("data")
        {
            remove_attribute(&node, "href");
        }
    }
    for node in select(root, "[cite]") {
        let scheme = attribute(&node, "cite").and_then(|u| scheme_of(&u));
        if !matches!(scheme.as_deref(), None | Some("http") | Some("https")) {
            remove_attribute(&node, "cite");
        }
    }
}

fn keep_only_video_iframes(root: &NodeRef) {
    for frame in select(root, "iframe") {
        let src = attribute(&frame, "src").unwrap_or_default();
        if !is_video_embed(&src) {
            frame.detach();
            continue;
        }
        if let Some(element) = frame.as_element() {
            let mut attributes = element.attributes.borrow_mut();
            let names: Vec<String> = attributes.map.keys().map(|k| k.local.to_string()).collect();
            for name in names
                .iter()
                .filter(|n| !VIDEO_ATTRIBUTES.contains(&n.as_str()))
            {
                attributes.remove(name.as_str());
            }
        }
        set_attribute(&frame, "sandbox", VIDEO_SANDBOX);
        set_attribute(&frame, "referrerpolicy", VIDEO_REFERRER_POLICY);
        set_attribute(&frame, "loading", "lazy");
        set_attribute(&frame, "class", VIDEO_CLASS);
    }
}

fn collapse_spacers(root: &NodeRef) {
    for paragraph in select(root, "p") {
        let blank = paragraph
            .text_contents()
            .chars()
            .all(|c| c.is_whitespace() || c == '\u{a0}');
        let has_media = !select(&paragraph, "img, iframe, video, picture").is_empty();
        if blank && !has_media {
            paragraph.detach();
        }
    }
}

fn wrap_tables(root: &NodeRef) {
    for table in select(root, "table") {
        let wrapper = element("div", &[("class", TABLE_SCROLL_CLASS)]);
        table.insert_before(wrapper.clone());
        wrapper.append(table);
    }
}

fn link_to_original(root: &NodeRef, url: &str, label: &str) {
    let url = url.trim();
    if !matches!(scheme_of(url).as_deref(), Some("http") | Some("https")) {
        return;
    }
    let paragraph = element("p", &[("class", ORIGINAL_LINK_CLASS)]);
    let link = element("a", &[("href", url), ("rel", "noopener")]);
    link.append(NodeRef::new_text(label));
    paragraph.append(link);
    root.append(paragraph);
}

/// The browser's `[^\p{L}\p{N}]+` → `-` on the lowercased text, in Rust
/// (also the ids kramdown's tables of contents link to).
pub(crate) fn heading_slug(text: &str) -> String {
    let mut slug = String::new();
    let mut gap = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphabetic() || c.is_numeric() {
            if gap && !slug.is_empty() {
                slug.push('-');
            }
            gap = false;
            slug.push(c);
        } else {
            gap = true;
        }
    }
    slug
}

fn number_headings(root: &NodeRef) -> Vec<TocEntry> {
    let mut used = std::collections::HashSet::new();
    let mut toc = Vec::new();
    for heading in select(root, "h1, h2, h3, h4, h5, h6") {
        let text = heading.text_contents().trim().to_string();
        if text.is_empty() {
            continue;
        }
        let id = unique_id(&mut used, heading_id(&heading_slug(&text)));
        set_attribute(&heading, "id", &id);
        let level = match heading
            .as_element()
            .map(|e| e.name.local.to_string())
            .as_deref()
        {
            Some("h2") => 2,
            Some("h3") => 3,
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
    use super::*;

    fn page(html: &str) -> PageBody {
        let body = Body {
            format: BodyFormat::Html,
            source: html.into(),
        };
        render(
            &body,
            &Options {
                base_path: "/blog/",
                headings: true,
                original: None,
            },
        )
    }

    #[test]
    fn headings_get_the_ids_and_contents_the_app_gives_them() {
        let out = page("<h2>한국어 웹 타이포그래피</h2><h3>Second  Part!</h3><h2>한국어 웹 타이포그래피</h2><h2> </h2>");
        let ids: Vec<&str> = out.toc.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "h-한국어-웹-타이포그래피",
                "h-second-part",
                "h-한국어-웹-타이포그래피-2"
            ]
        );
        // The app links each heading to itself when it takes the page over
        // (`src/browser.js`, adoptBody): the page keeps only the ids.
        assert!(
            out.html
                .contains("<h2 id=\"h-한국어-웹-타이포그래피\">한국어 웹 타이포그래피</h2>"),
            "{}",
            out.html
        );
    }

    #[test]
    fn links_images_and_frames_follow_the_apps_rules() {
        let out = page(
            "<p><a href=\"/2024/old.html\" target=\"_blank\">old</a> <a href=\"https://x.kr\">out</a> \
             <a href=\"data:text/html,x\">d</a></p><p><img src=\"/assets/a.png\" srcset=\"b.png 2x\"></p>\
             <iframe src=\"https://evil.example/\"></iframe><iframe src=\"https://www.youtube.com/embed/v\" onload=\"x\" style=\"a\"></iframe>\
             <p>&nbsp;</p><table><tr><td>1</td></tr></table>",
        );
        let html = &out.html;
        assert!(
            html.contains("<a href=\"/blog/2024/old.html\">old</a>"),
            "{html}"
        );
        assert!(
            html.contains(
                "<a href=\"https://x.kr\" rel=\"noopener noreferrer nofollow ugc\">out</a>"
            ),
            "{html}"
        );
        assert!(html.contains("<a>d</a>"), "{html}");
        let quoted = page("<blockquote cite=\"java&#x09;script:alert(1)\">q</blockquote><q cite=\"https://a.kr/\">r</q>").html;
        assert_eq!(
            quoted,
            "<blockquote>q</blockquote><q cite=\"https://a.kr/\">r</q>"
        );
        assert!(
            html.contains("<img src=\"/blog/assets/a.png\" loading=\"lazy\" alt=\"\">"),
            "{html}"
        );
        assert!(!html.contains("evil"), "{html}");
        assert!(html.contains("class=\"video-embed\""), "{html}");
        assert!(!html.contains("onload"), "{html}");
        assert!(
            !html.contains("&nbsp;") && !html.contains('\u{a0}'),
            "{html}"
        );
        assert!(
            html.contains("<div class=\"table-scroll\"><table>"),
            "{html}"
        );
    }

    #[test]
    fn text_is_escaped_and_a_feed_item_links_to_its_page() {
        let body = Body {
            format: BodyFormat::Text,
            source: "<b>1</b>\n\n둘".into(),
        };
        let options = Options {
            base_path: "/",
            headings: false,
            original: Some(("https://a.kr/1", "원문")),
        };
        let out = render(&body, &options);
        assert_eq!(
            out.html,
            "<p>&lt;b&gt;1&lt;/b&gt;</p><p>둘</p><p class=\"original-link\"><a href=\"https://a.kr/1\" rel=\"noopener\">원문</a></p>"
        );
        let options = Options {
            original: Some(("javascript:x", "원문")),
            ..options
        };
        assert!(!render(&body, &options).html.contains("original-link"));
    }
}
