//! The sanitiser policy of prerendered bodies: ammonia, configured to keep
//! what the browser's DOMPurify configuration (`purify` in `src/browser.js`: its
//! HTML profile, minus the tags and attributes forbidden there) keeps, so a
//! page reads the same before and after the app takes over. Where the two
//! cannot match, the page keeps less: `style` attributes (a strict CSP would
//! block them; the app applies their colours), and `name`.
//! The e2e suite checks the two against each other (`tests/e2e/chromium/prerendered.test.mjs`).

use std::collections::HashSet;

/// DOMPurify 3.5's HTML tags, minus `FORBID_TAGS` of `purify` in `src/browser.js`
/// and the document structure a body cannot have; `iframe` as added there
/// (then kept only for video players, `body.rs`).
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "bdi",
    "bdo",
    "big",
    "blink",
    "blockquote",
    "br",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "dir",
    "div",
    "dl",
    "dt",
    "em",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "i",
    "iframe",
    "img",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "main",
    "map",
    "mark",
    "marquee",
    "menu",
    "meter",
    "nav",
    "nobr",
    "ol",
    "p",
    "picture",
    "pre",
    "progress",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "search",
    "section",
    "small",
    "source",
    "spacer",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
];

/// DOMPurify 3.5's HTML attributes that mean something in an article,
/// minus `FORBID_ATTR` of `purify` in `src/browser.js` (srcdoc, formaction,
/// action, ping, background), plus the `allowfullscreen` and `loading`
/// added there. Form and scripting hooks (`nonce`, `popover…`, `command…`)
/// have nothing to act on in a body and are left out.
const ATTRIBUTES: &[&str] = &[
    "align",
    "allowfullscreen",
    "alt",
    "bgcolor",
    "border",
    "cellpadding",
    "cellspacing",
    "cite",
    "class",
    "clear",
    "color",
    "cols",
    "colspan",
    "controls",
    "coords",
    "datetime",
    "decoding",
    "default",
    "dir",
    "download",
    "face",
    "headers",
    "height",
    "hidden",
    "high",
    "href",
    "hreflang",
    "id",
    "ismap",
    "kind",
    "label",
    "lang",
    "loading",
    "loop",
    "low",
    "max",
    "media",
    "min",
    "muted",
    "noshade",
    "nowrap",
    "open",
    "optimum",
    "playsinline",
    "poster",
    "preload",
    "pubdate",
    "rel",
    "rev",
    "reversed",
    "role",
    "rows",
    "rowspan",
    "scope",
    "shape",
    "size",
    "sizes",
    "span",
    "src",
    "srclang",
    "start",
    "summary",
    "tabindex",
    "title",
    "translate",
    "type",
    "usemap",
    "valign",
    "value",
    "width",
];

/// DOMPurify's `IS_ALLOWED_URI`; `data:` too, which DOMPurify allows on
/// media tags only: `body.rs` removes it everywhere else, as the app's
/// enhancing step does.
const URL_SCHEMES: &[&str] = &[
    "http", "https", "mailto", "ftp", "tel", "sms", "cid", "xmpp", "matrix", "data",
];

/// Elements removed with everything inside, as DOMPurify removes them:
/// script and style, raw-text elements whose content a browser reads as
/// text (ammonia would keep it as visible text: `<script>alert(1)</script>`
/// on the page), and the SVG and MathML DOMPurify's HTML profile drops.
pub(crate) const WITH_CONTENT: &[&str] = &[
    "script",
    "style",
    "title",
    "noscript",
    "noembed",
    "noframes",
    "xmp",
    "plaintext",
    "template",
    "svg",
    "math",
];

/// ids are prefixed as DOMPurify's `SANITIZE_NAMED_PROPS` does.
pub const ID_PREFIX: &str = "user-content-";

pub fn builder() -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::empty();
    builder
        .tags(TAGS.iter().copied().collect::<HashSet<_>>())
        .generic_attributes(ATTRIBUTES.iter().copied().collect::<HashSet<_>>())
        .generic_attribute_prefixes(["data-", "aria-"].into_iter().collect::<HashSet<_>>())
        .url_schemes(URL_SCHEMES.iter().copied().collect::<HashSet<_>>())
        .clean_content_tags(WITH_CONTENT.iter().copied().collect::<HashSet<_>>())
        .link_rel(None)
        .id_prefix(Some(ID_PREFIX))
        .strip_comments(true);
    builder
}

#[cfg(test)]
mod tests {
    use super::builder;

    fn clean(html: &str) -> String {
        builder().clean(html).to_string()
    }

    #[test]
    fn script_handlers_and_forbidden_tags_go_and_content_stays() {
        let out = clean(
            "<p onclick=\"x()\" class=\"a\">글<script>alert(1)</script><style>p{}</style></p>\
             <form action=\"/x\"><input value=\"v\"></form><svg><circle/></svg>\
             <a href=\"javascript:alert(1)\">j</a><img src=\"x.png\" onerror=\"x()\">",
        );
        assert_eq!(out, "<p class=\"a\">글</p><a>j</a><img src=\"x.png\">");
    }

    #[test]
    fn raw_text_svg_and_math_go_with_their_content() {
        assert_eq!(
            clean("<p>a</p><noscript><img src=x onerror=alert(1)></noscript><title><b>t</b></title><math><a href=x>CLICK</a></math><svg><text>s</text></svg>"),
            "<p>a</p>"
        );
    }

    #[test]
    fn ids_are_prefixed_and_styles_left_to_the_app() {
        assert_eq!(
            clean("<h2 id=\"top\" style=\"color:red\" data-ke-size=\"size26\">t</h2>"),
            "<h2 id=\"user-content-top\" data-ke-size=\"size26\">t</h2>"
        );
    }
}
