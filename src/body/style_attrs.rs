//! Under the strict Content-Security-Policy a `style` attribute is refused,
//! already when the sanitiser parses it (a console error per attribute). So,
//! before parsing, `style` attributes are renamed to `data-sinmun-style`; after
//! sanitising, enhance.rs validates their declarations and applies them through
//! CSSOM, which the policy allows.
//!
//! This is a rename inside start tags only, following the HTML tokenizer's
//! rules for tags, quoted values and comments. It never adds markup: anything
//! it misreads is still parsed and sanitised by DOMPurify as usual.

/// The attribute that carries deferred styles.
pub const DEFERRED_STYLE: &str = "data-sinmun-style";

/// Elements whose content is raw text: no tags inside until their end tag.
pub const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

pub fn defer_style_attributes(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() + 64);
    let mut copied = 0; // bytes[..copied] are in `out`
    let mut i = 0;
    while i < bytes.len() {
        if bytes.get(i) != Some(&b'<') {
            i += 1;
            continue;
        }
        if html.get(i..i + 4) == Some("<!--") {
            i = html
                .get(i + 4..)
                .and_then(|rest| rest.find("-->"))
                .map_or(bytes.len(), |end| i + 4 + end + 3);
            continue;
        }
        if !bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
            continue;
        }
        // A start tag: its name, then attributes up to `>`.
        let name_start = i + 1;
        let mut j = name_start;
        while j < bytes.len()
            && !matches!(
                bytes[j],
                b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>'
            )
        {
            j += 1;
        }
        let tag = html.get(name_start..j).unwrap_or("").to_ascii_lowercase();
        loop {
            while j < bytes.len()
                && matches!(bytes[j], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/')
            {
                j += 1;
            }
            if j >= bytes.len() || bytes[j] == b'>' {
                break;
            }
            let attr_start = j;
            j += 1; // the first character may be `=`
            while j < bytes.len()
                && !matches!(
                    bytes[j],
                    b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>' | b'='
                )
            {
                j += 1;
            }
            if html
                .get(attr_start..j)
                .is_some_and(|a| a.eq_ignore_ascii_case("style"))
            {
                out.push_str(html.get(copied..attr_start).unwrap_or(""));
                out.push_str(DEFERRED_STYLE);
                copied = j;
            }
            while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
                j += 1;
            }
            if bytes.get(j) == Some(&b'=') {
                j += 1;
                while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
                {
                    j += 1;
                }
                match bytes.get(j) {
                    Some(&quote) if quote == b'"' || quote == b'\'' => {
                        j = html
                            .get(j + 1..)
                            .and_then(|rest| rest.find(quote as char))
                            .map_or(bytes.len(), |end| j + 1 + end + 1);
                    }
                    _ => {
                        while j < bytes.len()
                            && !matches!(bytes[j], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'>')
                        {
                            j += 1;
                        }
                    }
                }
            }
        }
        i = j + 1;
        if RAW_TEXT.contains(&tag.as_str()) {
            // Skip to this element's end tag (case-insensitive). Searched in
            // place: lowercasing the rest of the input for every raw-text
            // element made many `<textarea></textarea>` quadratic.
            i = find_ascii_case_insensitive(bytes.get(i..).unwrap_or(&[]), &format!("</{tag}"))
                .map_or(bytes.len(), |end| i + end);
        }
    }
    out.push_str(html.get(copied..).unwrap_or(""));
    out
}

/// Byte position of `needle` (ASCII) in `haystack`, ignoring ASCII case.
fn find_ascii_case_insensitive(haystack: &[u8], needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    if needle.is_empty() {
        return Some(0);
    }
    haystack
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::defer_style_attributes as d;

    #[test]
    fn renames_style_attributes_in_tags() {
        assert_eq!(
            d(r#"<b><span style="color: #ee2323;">빨강</span></b>"#),
            r#"<b><span data-sinmun-style="color: #ee2323;">빨강</span></b>"#
        );
        assert_eq!(
            d("<td STYLE='text-align: right'>1</td>"),
            "<td data-sinmun-style='text-align: right'>1</td>"
        );
        assert_eq!(
            d("<p class=a style=color:red>x"),
            "<p class=a data-sinmun-style=color:red>x"
        );
    }

    #[test]
    fn leaves_text_comments_values_and_raw_text_alone() {
        for same in [
            "style=\"color:red\" in text",
            "a < b style=x > c",
            "<!-- <p style=x> -->",
            r#"<a title="style=x" href=y>t</a>"#,
            "<textarea><p style=x></textarea>",
            "<p data-style=x>",
            "",
            "<",
            "<p",
            "한국어 <b>굵게</b>",
        ] {
            assert_eq!(d(same), same);
        }
    }

    #[test]
    fn unterminated_input_does_not_panic() {
        for s in [
            "<p style=\"x",
            "<p style='",
            "<!--",
            "<p a=",
            "<textarea>x",
            "<p\u{a0}style=x>",
        ] {
            let _ = d(s);
        }
    }
}
