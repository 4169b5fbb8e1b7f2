//! Just enough HTML for the index.html Trunk writes: its start tags and their
//! attributes (to find the files the page names), and adding tags to `<head>`.
//! Not a general parser: comments are skipped and the text of `<script>` and
//! `<style>` is not read for tags.

/// A start tag: lower-case name, attributes in order (names lower-case,
/// values as written: index.html's URLs carry no entities).
#[derive(Debug, PartialEq)]
pub struct Tag {
    pub name: String,
    pub attributes: Vec<(String, String)>,
}

impl Tag {
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Every start tag of `html`, in order.
pub fn start_tags(html: &str) -> Vec<Tag> {
    let mut tags = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        if let Some(after) = rest.strip_prefix("!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let (tag, after) = read_tag(rest);
        rest = after;
        if tag.name == "script" || tag.name == "style" {
            let close = format!("</{}", tag.name);
            rest = find_ascii_case_insensitive(rest, &close).map_or("", |end| &rest[end..]);
        }
        tags.push(tag);
    }
    tags
}

/// Reads `name attr="v" …>` (after the `<`); returns the tag and what follows it.
fn read_tag(text: &str) -> (Tag, &str) {
    let name_end = text
        .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
        .unwrap_or(text.len());
    let mut tag = Tag {
        name: text[..name_end].to_ascii_lowercase(),
        attributes: Vec::new(),
    };
    let mut rest = &text[name_end..];
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if rest.is_empty() {
            return (tag, rest);
        }
        if let Some(after) = rest.strip_prefix('>') {
            return (tag, after);
        }
        let name_end = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '>' || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = rest[name_end..].trim_start();
        let value = match rest.strip_prefix('=') {
            Some(after) => {
                let (value, after) = read_value(after.trim_start());
                rest = after;
                value
            }
            None => String::new(),
        };
        tag.attributes.push((name, value));
    }
}

/// An attribute value, quoted or not; returns it and what follows it.
fn read_value(text: &str) -> (String, &str) {
    for quote in ['"', '\''] {
        if let Some(inner) = text.strip_prefix(quote) {
            return match inner.find(quote) {
                Some(end) => (inner[..end].to_string(), &inner[end + 1..]),
                None => (inner.to_string(), ""),
            };
        }
    }
    let end = text
        .find(|c: char| c.is_ascii_whitespace() || c == '>')
        .unwrap_or(text.len());
    (text[..end].to_string(), &text[end..])
}

fn find_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The URLs the page loads with itself: `<script src>` and `<link href>`
/// (stylesheets, icons, preloads), in order.
pub fn loaded_urls(html: &str) -> Vec<String> {
    start_tags(html)
        .into_iter()
        .filter_map(|tag| match tag.name.as_str() {
            "script" => tag.attribute("src").map(String::from),
            "link" => tag.attribute("href").map(String::from),
            _ => None,
        })
        .collect()
}

/// The `src` of the page's first `<script type="module" src>`: its start script.
pub fn module_script_src(html: &str) -> Option<String> {
    start_tags(html)
        .into_iter()
        .find(|tag| {
            tag.name == "script"
                && tag.attribute("type") == Some("module")
                && tag.attribute("src").is_some()
        })
        .and_then(|tag| tag.attribute("src").map(String::from))
}

/// `(name, file)` of every `<meta name="sinmun-…" content="file">`: the files
/// the app loads on first use (see `src/body/lazy.rs`).
pub fn lazy_meta_tags(html: &str) -> Vec<(String, String)> {
    start_tags(html)
        .into_iter()
        .filter(|tag| tag.name == "meta")
        .filter_map(|tag| {
            let name = tag.attribute("name")?;
            let file = tag.attribute("content")?;
            name.starts_with("sinmun-")
                .then(|| (name.to_string(), file.to_string()))
        })
        .collect()
}

/// `html` with `tag` on its own line just before `</head>`.
pub fn insert_in_head(html: &str, tag: &str) -> Result<String, String> {
    if !html.contains("</head>") {
        return Err("index.html has no </head>".into());
    }
    Ok(html.replacen("</head>", &format!("{tag}\n</head>"), 1))
}

/// `html` without its comments (`<!-- … -->`) and the blank space after
/// each: index.html's notes for whoever edits it would cost every reader
/// first-load bytes. Script and style elements are kept as they are (a
/// `<!--` there is not a comment).
pub fn without_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        let (before, from) = rest.split_at(start);
        if let Some(raw) = open_raw_text_element(before) {
            // Inside <script> or <style>: copy through its end tag.
            let close = ["</", raw].concat();
            let end = find_ignoring_case(from, &close).unwrap_or(from.len());
            out.push_str(before);
            out.push_str(&from[..end]);
            rest = &from[end..];
            continue;
        }
        out.push_str(before);
        let Some(end) = from.find("-->") else {
            // An unterminated comment is left for the browser to judge.
            out.push_str(from);
            return out;
        };
        rest = from[end + 3..].trim_start();
    }
    out.push_str(rest);
    out
}

/// The raw-text element (`script`, `style`) that `before` leaves open, if any.
fn open_raw_text_element(before: &str) -> Option<&'static str> {
    let lower = before.to_ascii_lowercase();
    ["script", "style"].into_iter().find(|name| {
        let open = lower.rfind(&["<", name].concat());
        let close = lower.rfind(&["</", name].concat());
        matches!((open, close), (Some(o), c) if c.is_none_or(|c| c < o))
    })
}

fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .to_ascii_lowercase()
        .find(&needle.to_ascii_lowercase())
}

/// `html` without the `data-integrity="none"` Trunk leaves on the links it
/// wrote (index.html asks for no integrity hash, see its comment): it means
/// nothing to a browser, and a site repeats the template on every page.
pub fn without_trunk_attributes(html: &str) -> String {
    html.replace(" data-integrity=\"none\"", "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_leave_the_page_but_not_scripts() {
        let page = "<head>\n  <!-- a note\n  on two lines -->\n  <meta charset=utf-8>\
                    <script>if (a) { x = '<!-- kept -->'; }</script><!--x-->\
                    <STYLE>/* <!-- kept too --> */</STYLE></head>";
        assert_eq!(
            without_comments(page),
            "<head>\n  <meta charset=utf-8><script>if (a) { x = '<!-- kept -->'; }</script>\
             <STYLE>/* <!-- kept too --> */</STYLE></head>"
        );
        assert_eq!(without_comments("a<!-- open"), "a<!-- open");
        assert_eq!(without_comments("<p>héllo</p>"), "<p>héllo</p>");
    }

    const PAGE: &str = r#"<!DOCTYPE html><html><head>
<!-- <link href="commented.css"> -->
<base href="./">
<link rel="stylesheet" href="./main-1.css" integrity="sha384-x"/>
<link rel=icon href=favicon-2.svg>
<meta name="sinmun-markdown" content="sinmun-markdown-3.js">
<meta name="description" content="">
<script type="module">if (a<b) { document.write('<link href="inline.css">'); }</script>
<SCRIPT TYPE="module" SRC='start-4.js'></SCRIPT>
</head><body><a href="posts/">x</a></body></html>"#;

    #[test]
    fn finds_what_the_page_loads_and_nothing_else() {
        assert_eq!(
            loaded_urls(PAGE),
            ["./main-1.css", "favicon-2.svg", "start-4.js"]
        );
    }

    #[test]
    fn finds_the_start_script() {
        assert_eq!(module_script_src(PAGE).as_deref(), Some("start-4.js"));
        assert_eq!(module_script_src("<script src=classic.js></script>"), None);
    }

    #[test]
    fn finds_the_lazy_files() {
        assert_eq!(
            lazy_meta_tags(PAGE),
            [(
                "sinmun-markdown".to_string(),
                "sinmun-markdown-3.js".to_string()
            )]
        );
    }

    #[test]
    fn reads_bare_and_unterminated_attributes() {
        let tags = start_tags("<input disabled value=x><p title=\"open");
        assert_eq!(tags[0].attribute("disabled"), Some(""));
        assert_eq!(tags[0].attribute("value"), Some("x"));
        assert_eq!(tags[1].attribute("title"), Some("open"));
    }

    #[test]
    fn inserts_before_head_end() {
        assert_eq!(
            insert_in_head("<head><title>t</title></head>", "<meta name=\"a\">").as_deref(),
            Ok("<head><title>t</title><meta name=\"a\">\n</head>")
        );
        assert!(insert_in_head("<p>no head", "<meta>").is_err());
    }

    #[test]
    fn trunk_attributes_leave_the_page() {
        let page = r#"<link rel="stylesheet" href="./main-1.css" data-integrity="none"/>"#;
        assert_eq!(
            without_trunk_attributes(page),
            r#"<link rel="stylesheet" href="./main-1.css"/>"#
        );
    }
}
