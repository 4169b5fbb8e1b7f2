//! HTML escaping byte for byte as pulldown-cmark's writer does it
//! (`pulldown-cmark-escape`, which sinmun-convert does not depend on): the
//! writer here must give the same HTML as `sinmun_markdown::to_html` for
//! plain Markdown.

/// Bytes an `href` keeps as they are (pulldown-cmark-escape's table).
#[rustfmt::skip]
static HREF_SAFE: [u8; 128] = [
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 0,
];

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// A URL for an `href` or `src`: unsafe bytes percent-encoded, `&` and `'`
/// as entities.
pub(super) fn href(out: &mut String, s: &str) {
    let mut mark = 0;
    for (i, &byte) in s.as_bytes().iter().enumerate() {
        let safe = HREF_SAFE.get(usize::from(byte)).is_some_and(|&b| b == 1);
        if safe {
            continue;
        }
        out.push_str(s.get(mark..i).unwrap_or_default());
        match byte {
            b'&' => out.push_str("&amp;"),
            b'\'' => out.push_str("&#x27;"),
            _ => {
                out.push('%');
                out.push(char::from(HEX[usize::from(byte >> 4)]));
                out.push(char::from(HEX[usize::from(byte & 0xF)]));
            }
        }
        mark = i + 1;
    }
    // Escaped bytes of a multi-byte character leave `mark` inside it, as in
    // pulldown-cmark; the rest of the string is then written from a char
    // boundary only (every non-ASCII byte is escaped, so it always is one).
    out.push_str(s.get(mark..).unwrap_or_default());
}

/// Text for a quoted attribute value: `& < > " '` escaped.
pub(super) fn attr(out: &mut String, s: &str) {
    escape(out, s, true);
}

/// Text between tags: `& < >` escaped.
pub(super) fn body(out: &mut String, s: &str) {
    escape(out, s, false);
}

fn escape(out: &mut String, s: &str, quotes: bool) {
    let mut mark = 0;
    for (i, byte) in s.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' if quotes => "&quot;",
            b'\'' if quotes => "&#39;",
            _ => continue,
        };
        out.push_str(s.get(mark..i).unwrap_or_default());
        out.push_str(entity);
        mark = i + 1;
    }
    out.push_str(s.get(mark..).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_pulldown_cmark_does() {
        let mut out = String::new();
        href(&mut out, "https://x.example/a b?q=1&r='한'\"");
        assert_eq!(
            out,
            "https://x.example/a%20b?q=1&amp;r=&#x27;%ED%95%9C&#x27;%22"
        );
        let mut out = String::new();
        attr(&mut out, r#"<a href="x">'&'</a>"#);
        assert_eq!(out, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        let mut out = String::new();
        body(&mut out, r#"<b>"한"&</b>"#);
        assert_eq!(out, "&lt;b&gt;\"한\"&amp;&lt;/b&gt;");
    }
}
