//! The "measure images" step: an `<img>` of a body or banner that shows one
//! of the site's own images and has no `width` and `height` gets them from
//! the file, so it reserves its box before the file arrives (an image
//! without them pushes the text below it down when it loads: layout shift),
//! in the article's data and in its prerendered page alike. Only files in
//! the output folder are read (root-relative URLs below the base path,
//! checked like every write); remote images are left as they are, and a
//! body without such an image is left byte for byte.

use std::collections::HashMap;
use std::sync::Mutex;

use html5ever::tendril::TendrilSink;
use rayon::prelude::*;
use sinmun_model::{Body, BodyFormat};

use super::Catalogue;
use crate::output::safe::SafeOut;

impl Catalogue {
    pub fn measure_images(&mut self, out: &SafeOut, base_path: &str) {
        let sizes = ImageSizes::new(out, base_path);
        self.sources
            .par_iter_mut()
            .filter_map(|source| source.outcome.as_mut().ok())
            .for_each(|item| {
                let article = &mut item.article;
                for body in std::iter::once(&mut article.body).chain(article.feature_text.as_mut())
                {
                    if let Some(sized) = with_sizes(body, &sizes) {
                        body.source = sized;
                    }
                }
            });
    }
}

/// `body` with sizes added to its unsized site images; `None` when it has
/// none (the common case: the body is not parsed then).
fn with_sizes(body: &Body, sizes: &ImageSizes) -> Option<String> {
    if body.format != BodyFormat::Html
        || find_ignoring_case(body.source.as_bytes(), b"<img", 0).is_none()
        || !may_name_a_site_file(&body.source, sizes.base_path)
    {
        return None;
    }
    let document = kuchikiki::parse_html()
        .one(format!("<body>{}</body>", body.source))
        .document_node;
    let root = document.select_first("body").ok()?.as_node().clone();
    let mut changed = false;
    for image in root.select("img").ok()? {
        let mut attributes = image.attributes.borrow_mut();
        if attributes.contains("width") || attributes.contains("height") {
            continue;
        }
        let Some((width, height)) = attributes.get("src").and_then(|src| sizes.size(src)) else {
            continue;
        };
        attributes.insert("width", width.to_string());
        attributes.insert("height", height.to_string());
        changed = true;
    }
    if !changed {
        return None;
    }
    let mut html = Vec::new();
    for child in root.children() {
        child.serialize(&mut html).ok()?;
    }
    String::from_utf8(html).ok()
}

/// Whether some `src` attribute of `html` may point below `base_path`: a
/// quick scan that spares parsing the bodies whose images are all remote
/// (on koreanews every one: the parse took 0.5 s a run). It may say yes
/// wrongly, never no: a value written with a character reference (`&#47;`)
/// counts as a yes.
fn may_name_a_site_file(html: &str, base_path: &str) -> bool {
    let bytes = html.as_bytes();
    let mut from = 0;
    while let Some(at) = find_ignoring_case(bytes, b"src", from) {
        from = at + 3;
        let rest = bytes.get(from..).unwrap_or_default();
        let value = skip_space(rest);
        let Some(value) = value.strip_prefix(b"=") else {
            continue;
        };
        let value = skip_space(value);
        let value = value
            .strip_prefix(b"\"")
            .or_else(|| value.strip_prefix(b"'"))
            .unwrap_or(value);
        if value.starts_with(base_path.as_bytes()) || value.starts_with(b"&") {
            return true;
        }
    }
    false
}

fn skip_space(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or_default()
}

fn find_ignoring_case(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let tail = haystack.get(from..)?;
    tail.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|i| i + from)
}

/// Larger numbers are not an image size a page can use.
const MAX_SIDE: u32 = 100_000;

struct ImageSizes<'a> {
    out: &'a SafeOut,
    base_path: &'a str,
    known: Mutex<HashMap<String, Option<(u32, u32)>>>,
}

impl<'a> ImageSizes<'a> {
    fn new(out: &'a SafeOut, base_path: &'a str) -> Self {
        ImageSizes {
            out,
            base_path,
            known: Mutex::new(HashMap::new()),
        }
    }

    /// Width and height of the image `src` points at, when it is one of the
    /// site's files and its header can be read.
    fn size(&self, src: &str) -> Option<(u32, u32)> {
        let path = src.split(['?', '#']).next()?;
        let rel = path.strip_prefix(self.base_path)?;
        let rel = percent_decode(rel)?;
        if let Some(known) = self.known.lock().ok()?.get(&rel) {
            return *known;
        }
        let size = self
            .out
            .path_of(&rel)
            .ok()
            .and_then(|file| imagesize::size(file).ok())
            .and_then(|s| Some((u32::try_from(s.width).ok()?, u32::try_from(s.height).ok()?)))
            .filter(|&(w, h)| (1..=MAX_SIDE).contains(&w) && (1..=MAX_SIDE).contains(&h));
        self.known.lock().ok()?.insert(rel, size);
        size
    }
}

/// `%XX` escapes decoded; `None` when the result is not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (byte, hex) {
            (b'%', Some(decoded)) => {
                out.push(decoded);
                i += 3;
            }
            _ => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_images_are_measured_and_nothing_outside_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let out = SafeOut::new(dir.path().to_path_buf());
        // A 3×2 GIF header is enough for the size.
        let gif = b"GIF89a\x03\x00\x02\x00\x00\x00\x00;";
        out.write("assets/그림.gif", gif).unwrap();
        let sizes = ImageSizes::new(&out, "/blog/");
        assert_eq!(
            sizes.size("/blog/assets/%EA%B7%B8%EB%A6%BC.gif?v=1"),
            Some((3, 2))
        );
        assert_eq!(sizes.size("/blog/assets/그림.gif"), Some((3, 2)));
        assert_eq!(sizes.size("/assets/그림.gif"), None);
        assert_eq!(sizes.size("/blog/../etc/passwd"), None);
        assert_eq!(sizes.size("/blog/assets/none.png"), None);
        assert_eq!(sizes.size("https://cdn.example/a.png"), None);
        let body = |source: &str| Body {
            format: BodyFormat::Html,
            source: source.into(),
        };
        assert_eq!(
            with_sizes(
                &body("<p><img src=\"/blog/assets/그림.gif\" alt=\"그림\"></p>"),
                &sizes
            )
            .as_deref(),
            Some(
                "<p><img src=\"/blog/assets/그림.gif\" alt=\"그림\" width=\"3\" height=\"2\"></p>"
            )
        );
        assert!(
            with_sizes(&body("<IMG SRC = '/blog/assets/그림.gif'>"), &sizes).is_some(),
            "attribute names in any case, spaces around ="
        );
        assert!(may_name_a_site_file("<img src=&#47;blog/x.gif>", "/blog/"));
        assert!(!may_name_a_site_file(
            "<img srcset=\"/blog/x.gif\" src=\"https://a/b.gif\">",
            "/blog/"
        ));
        let untouched = [
            "<img src=\"/blog/assets/그림.gif\" width=\"9\">",
            "<img src=\"https://a/b.gif\">",
            "<b>x",
        ];
        for html in untouched {
            assert_eq!(with_sizes(&body(html), &sizes), None, "{html}");
        }
    }
}
