//! Prerendered pages are written minified, as a site generator's
//! `--minify` does: some 9 % of the koreanews site, which is mostly pages.
//! minify-html (the library Zola's `minify_html` uses) leaves out quotes
//! an attribute value does not need, end tags the parser implies (`</li>`,
//! `</p>`, `</td>`), white space between blocks and `=""`; the document a
//! browser builds from it is the same (tests/minify.rs checks that on the
//! koreanews pages and the XSS corpus). Scripts (the JSON-LD) and the CSP
//! are left as they are.

use minify_html::Cfg;

/// What the minifier may change: nothing a browser would see.
fn settings() -> Cfg {
    let mut cfg = Cfg::new();
    cfg.do_not_minify_doctype = true;
    cfg.ensure_spec_compliant_unquoted_attribute_values = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.keep_spaces_between_attributes = true;
    cfg.minify_css = false;
    cfg.minify_js = false;
    cfg
}

/// `page` minified; the page itself if the result is not UTF-8 (it is
/// always, for UTF-8 input).
pub fn page(page: &str) -> String {
    let out = minify_html::minify(page.as_bytes(), &settings());
    match String::from_utf8(out) {
        Ok(out) => with_terminated_amps(&out),
        Err(_) => page.to_string(),
    }
}

/// minify-html 0.15 writes a `&` that would start a character reference as
/// `&amp` without its `;`. In text that reads as `&`, but in an attribute
/// it does not when a letter follows (`alt="&ampcopy-2"` stays literally
/// that): every such `&amp` gets its `;` back, outside scripts (whose text
/// is not decoded and which the minifier leaves as they are).
fn with_terminated_amps(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 16);
    let mut rest = html;
    while !rest.is_empty() {
        let (text, script) = rest.split_at(rest.find("<script").unwrap_or(rest.len()));
        terminate_amps(text, &mut out);
        // A script's text up to its end tag, as it is.
        let (kept, after) = script.split_at(script.find("</script").unwrap_or(script.len()));
        out.push_str(kept);
        rest = after;
    }
    out
}

/// `text` onto `out`, each `&amp` followed by its `;`.
fn terminate_amps(text: &str, out: &mut String) {
    for (i, piece) in text.split("&amp").enumerate() {
        if i > 0 {
            out.push_str("&amp");
            if !piece.starts_with(';') {
                out.push(';');
            }
        }
        out.push_str(piece);
    }
}

#[cfg(test)]
mod tests {
    use super::page;
    use crate::output::prerender::Pages;
    use kuchikiki::traits::TendrilSink;
    use kuchikiki::NodeRef;
    use minify_html_common::gen::attrs::ATTRS;
    use minify_html_common::spec::tag::ns::Namespace;
    use sinmun_model::{Article, Body, BodyFormat, SiteConfig};
    use std::path::Path;

    /// What a browser renders of a document, as a token list: elements
    /// with their sorted attributes, and text with white space collapsed
    /// as CSS collapses it (runs to one space, none at a block's edges or
    /// after a space), kept as it is in `pre` and `textarea`.
    fn rendered(html: &str) -> Vec<String> {
        let document = kuchikiki::parse_html().one(html).document_node;
        let mut tokens = Vec::new();
        walk(&document, false, &mut tokens);
        tokens.retain(|t| t != "\"\"");
        tokens
    }

    /// An attribute as minify-html may write it by the HTML spec's
    /// rules for that attribute (its default value, an empty `src` or
    /// `class` left out, a case-insensitive value lowercased, white space
    /// trimmed and collapsed where it means nothing).
    fn attribute(tag: &str, name: &str, value: &str) -> Option<String> {
        let rules = ATTRS.get(Namespace::Html, tag.as_bytes(), name.as_bytes());
        let mut value = value.to_string();
        if let Some(rules) = rules {
            if rules.trim {
                value = value
                    .trim_matches(|c: char| c.is_ascii_whitespace())
                    .to_string();
            }
            if rules.collapse {
                value = value.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
            }
            if rules.case_insensitive {
                value = value.to_ascii_lowercase();
            }
            let redundant = (value.is_empty() && rules.redundant_if_empty)
                || rules.default_value == Some(value.as_bytes());
            if redundant {
                return None;
            }
        }
        Some(format!("{name}={value:?}"))
    }

    fn is_block(name: &str) -> bool {
        const BLOCKS: &[&str] = &[
            "html",
            "head",
            "body",
            "title",
            "meta",
            "link",
            "script",
            "style",
            "base",
            "address",
            "article",
            "aside",
            "blockquote",
            "details",
            "summary",
            "dd",
            "div",
            "dl",
            "dt",
            "figcaption",
            "figure",
            "footer",
            "header",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "hr",
            "li",
            "main",
            "nav",
            "ol",
            "p",
            "pre",
            "section",
            "table",
            "caption",
            "thead",
            "tbody",
            "tfoot",
            "tr",
            "td",
            "th",
            "ul",
            "br",
            "noscript",
            "iframe",
            "video",
            "audio",
            "source",
        ];
        BLOCKS.contains(&name)
    }

    fn walk(node: &NodeRef, preformatted: bool, out: &mut Vec<String>) {
        for child in node.children() {
            if let Some(element) = child.as_element() {
                let name = element.name.local.to_string();
                let mut attributes: Vec<String> = element
                    .attributes
                    .borrow()
                    .map
                    .iter()
                    .filter_map(|(k, v)| attribute(&name, &k.local, &v.value))
                    .collect();
                attributes.sort();
                let block = is_block(&name);
                if block {
                    trim_end(out);
                }
                out.push(format!("<{name} {}>", attributes.join(" ")));
                let pre = preformatted || matches!(name.as_str(), "pre" | "textarea");
                walk(&child, pre, out);
                if block {
                    trim_end(out);
                }
                out.push(format!("</{name}>"));
            } else if let Some(text) = child.as_text() {
                let text = text.borrow().to_string();
                if preformatted {
                    out.push(format!("{text:?}"));
                } else {
                    push_collapsed(&text, out);
                }
            }
        }
    }

    /// A text's white space collapsed, after what came before it.
    fn push_collapsed(text: &str, out: &mut Vec<String>) {
        let mut collapsed = String::new();
        let mut space = after_space(out);
        for c in text.chars() {
            if c.is_ascii_whitespace() {
                if !space {
                    collapsed.push(' ');
                }
                space = true;
            } else {
                collapsed.push(c);
                space = false;
            }
        }
        out.push(format!("{collapsed:?}"));
    }

    /// Whether white space here would follow a space or a block's edge
    /// (and so is not shown): looks back across inline tags.
    fn after_space(out: &[String]) -> bool {
        for token in out.iter().rev() {
            if token.starts_with('"') {
                if token == "\"\"" {
                    continue;
                }
                return token.ends_with(" \"");
            }
            if token.starts_with("<img") {
                return false;
            }
            if !is_inline_tag(token) {
                return true;
            }
        }
        true
    }

    /// Drops the white space that ends the text before a block's edge.
    fn trim_end(out: &mut [String]) {
        for token in out.iter_mut().rev() {
            if !token.starts_with('"') {
                if is_inline_tag(token) {
                    continue;
                }
                return;
            }
            if token.ends_with(" \"") {
                *token = format!("{}\"", token.trim_end_matches('"').trim_end());
            }
            return;
        }
    }

    fn is_inline_tag(token: &str) -> bool {
        let name = token.trim_start_matches("</").trim_start_matches('<');
        !is_block(name.split([' ', '>']).next().unwrap_or(""))
    }

    const TEMPLATE: &str = "<!DOCTYPE html>\n<html lang=\"ko\">\n<head>\n  <meta charset=\"utf-8\">\n  <title>sinmun</title>\n  <meta name=\"description\" content=\"\">\n</head>\n<body class=\"sinmun-page\">\n  <div id=\"sinmun\" class=\"sinmun\">\n    <p class=\"status status-boot\" role=\"status\">불러오는 중…</p>\n  </div>\n</body>\n</html>\n";

    fn assert_same_rendering(title: &str, body: &str) {
        let config = SiteConfig::default();
        let pages = Pages::new(TEMPLATE, &config, &[]);
        let article = Article {
            slug: "a".into(),
            title: title.into(),
            date: "2024-06-20".into(),
            excerpt: title.into(),
            body: Body {
                format: BodyFormat::Html,
                source: body.into(),
            },
            ..Default::default()
        };
        let Some(full) = pages.article_page(&article, None) else {
            panic!("no page");
        };
        let small = page(&full);
        let (a, b) = (rendered(&full), rendered(&small));
        if let Some(at) = (0..a.len().max(b.len())).find(|&i| a.get(i) != b.get(i)) {
            let near = |t: &[String]| {
                t.get(at.saturating_sub(3)..(at + 3).min(t.len()))
                    .map(<[String]>::to_vec)
            };
            panic!("{body}\n→ {small}\n{:?}\n{:?}", near(&a), near(&b));
        }
    }

    #[test]
    fn leaves_out_quotes_end_tags_and_layout_space() {
        assert_eq!(
            page("<ul>\n  <li class=\"a\"><a href=\"/x/\">x</a></li>\n</ul>"),
            "<ul><li class=a><a href=/x/>x</a></ul>"
        );
    }

    #[test]
    fn an_amp_before_a_letter_keeps_its_semicolon() {
        assert_eq!(
            page("<p><img alt=\"&amp;copy-2\" src=\"?a=&amp;lt;\">&amp;lt;</p>"),
            "<p><img src=\"?a=&amp;lt;\" alt=&amp;copy-2>&amp;lt;"
        );
        let script = "<script type=\"application/ld+json\">{\"a\":\"&ampx\"}</script>";
        assert_eq!(
            page(script),
            script.replace("\"application/ld+json\"", "application/ld+json")
        );
    }

    #[test]
    fn pages_render_the_same_minified() {
        for body in [
            "<p>a <b>b</b> <i>c</i></p>\n<p>  two\n  lines </p>",
            "<pre>  a\n   &lt;b&gt; &amp;amp;\n</pre><p>&lt;img src=x onerror=alert(1)&gt;</p>",
            "<p title=\"a&quot;b c\">x</p><p><span>a</span> <span>b</span></p>",
            "<table><tr><td> 1 </td><td>2</td></tr></table><ul><li>a <li>b</ul>",
        ] {
            assert_same_rendering("t", body);
        }
    }

    /// Every XSS vector as a title, an excerpt and a body.
    #[test]
    fn the_xss_corpus_renders_the_same_minified() {
        let file =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/xss/vectors.json");
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let vectors: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap_or_default();
        assert!(vectors.len() > 50, "the XSS corpus is read");
        for vector in vectors {
            let vector = vector["vector"].as_str().unwrap_or("");
            assert_same_rendering(vector, vector);
        }
    }

    /// A sample of the koreanews posts (Tistory bodies) and the seed.
    #[test]
    fn koreanews_bodies_render_the_same_minified() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
        let mut posts: Vec<_> = std::fs::read_dir(root.join("corpus/koreanews/_posts"))
            .map(|dir| dir.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        if posts.is_empty() {
            eprintln!(
                "\n!!!!! NOTE: the koreanews corpus is absent: minify test did NOT run on it\n"
            );
        }
        posts.sort();
        posts.push(root.join("seed/000_1352fee889d67fa2.txt"));
        for post in posts.iter().step_by(37) {
            let text = std::fs::read_to_string(post).unwrap_or_default();
            let body = text.splitn(3, "\n---").nth(2).unwrap_or(&text);
            assert_same_rendering("t", body);
        }
    }
}
