//! Text written into XML and HTML by hand (feeds, sitemaps, prerendered pages,
//! `<base href>`): escaping, and formatting into byte buffers.

use std::io::Write;

/// Text or an attribute value safe inside XML or HTML; characters XML 1.0
/// forbids are dropped.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // characters XML 1.0 forbids
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// `write!` into a `Vec<u8>` cannot fail; this hides the `Result`.
pub fn push_fmt(buf: &mut Vec<u8>, args: std::fmt::Arguments<'_>) {
    let _ = buf.write_fmt(args);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_forbidden_characters() {
        assert_eq!(
            xml_escape("<a href=\"x\">'&'</a>\u{1}\u{FFFE}\t"),
            "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;\t"
        );
    }
}
