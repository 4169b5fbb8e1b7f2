//! Under the strict Content-Security-Policy a `style` attribute is refused,
//! already when the sanitiser parses it (a console error per attribute). So,
//! before parsing, `style` attributes are renamed to `data-sinmun-style`; after
//! sanitising, enhance.rs validates their declarations and applies them through
//! CSSOM, which the policy allows.
//!
//! This is a rename inside start tags only. To find the start tags it follows
//! the WHATWG HTML tokenizer wherever that decides what is a tag: comments
//! (with their abrupt ends `<!-->`, `<!--->` and `--!>`), bogus comments
//! (`<?…>`, `<!x…>`, `</ …>`), end tags (whose quoted attribute values may hold
//! `>`), raw-text elements (which end only at `</name` followed by white space,
//! `/` or `>`) and script data with its escaped states (`<!--<script>` inside a
//! script). It never adds markup: anything it misreads is still parsed and
//! sanitised by DOMPurify as usual. The fuzz target `body_html` checks it
//! against html5ever's tokenizer.

/// The attribute that carries deferred styles.
pub const DEFERRED_STYLE: &str = "data-sinmun-style";

/// Elements whose content is raw text: no tags inside until their end tag.
/// (`script` and `plaintext` have rules of their own in `after_start_tag`.)
const RAW_TEXT: &[&str] = &[
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

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// The byte after a tag name that ends it for an "appropriate end tag" check.
fn ends_tag_name(c: Option<&u8>) -> bool {
    c.is_some_and(|&c| is_space(c) || c == b'/' || c == b'>')
}

pub fn defer_style_attributes(html: &str) -> String {
    let mut pass = Pass {
        html,
        bytes: html.as_bytes(),
        out: String::with_capacity(html.len() + 64),
        copied: 0,
    };
    let mut i = 0;
    while let Some(found) = pass
        .bytes
        .get(i..)
        .and_then(|r| r.iter().position(|&c| c == b'<'))
    {
        i = pass.markup(i + found);
    }
    pass.out.push_str(html.get(pass.copied..).unwrap_or(""));
    pass.out
}

struct Pass<'a> {
    html: &'a str,
    bytes: &'a [u8],
    out: String,
    /// `bytes[..copied]` are in `out`.
    copied: usize,
}

impl Pass<'_> {
    /// Reads the markup that starts at `at` (a `<`) as the tokenizer does;
    /// returns where the data state resumes.
    fn markup(&mut self, at: usize) -> usize {
        let b = self.bytes;
        match b.get(at + 1) {
            Some(c) if c.is_ascii_alphabetic() => {
                let (end, name) = self.tag(at + 1, true);
                self.after_start_tag(end, &name)
            }
            Some(b'/') => match b.get(at + 2) {
                Some(c) if c.is_ascii_alphabetic() => self.tag(at + 2, false).0,
                Some(b'>') => at + 3,
                None => b.len(),
                Some(_) => self.bogus_comment(at + 2),
            },
            Some(b'!') if b.get(at + 2..at + 4) == Some(b"--") => self.comment(at + 4),
            Some(b'!') => self.bogus_comment(at + 2),
            Some(b'?') => self.bogus_comment(at + 1),
            _ => at + 1,
        }
    }

    /// A tag whose name starts at `name_start`: its attributes up to `>`,
    /// renaming `style` when `rename` (start tags). Returns the index after
    /// the tag and its lowercased name.
    fn tag(&mut self, name_start: usize, rename: bool) -> (usize, String) {
        let (html, b) = (self.html, self.bytes);
        let mut j = name_start;
        while j < b.len() && !ends_tag_name(b.get(j)) {
            j += 1;
        }
        let name = html.get(name_start..j).unwrap_or("").to_ascii_lowercase();
        loop {
            while j < b.len() && (is_space(b[j]) || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() {
                return (b.len(), name);
            }
            if b[j] == b'>' {
                return (j + 1, name);
            }
            let attr_start = j;
            j += 1; // the first character of a name may be `=`
            while j < b.len() && !ends_tag_name(b.get(j)) && b[j] != b'=' {
                j += 1;
            }
            if rename
                && html
                    .get(attr_start..j)
                    .is_some_and(|a| a.eq_ignore_ascii_case("style"))
            {
                self.out
                    .push_str(html.get(self.copied..attr_start).unwrap_or(""));
                self.out.push_str(DEFERRED_STYLE);
                self.copied = j;
            }
            while j < b.len() && is_space(b[j]) {
                j += 1;
            }
            if b.get(j) != Some(&b'=') {
                continue;
            }
            j += 1;
            while j < b.len() && is_space(b[j]) {
                j += 1;
            }
            match b.get(j) {
                Some(&quote) if quote == b'"' || quote == b'\'' => {
                    j = b
                        .get(j + 1..)
                        .and_then(|rest| rest.iter().position(|&c| c == quote))
                        .map_or(b.len(), |end| j + 1 + end + 1);
                }
                _ => {
                    while j < b.len() && !is_space(b[j]) && b[j] != b'>' {
                        j += 1;
                    }
                }
            }
        }
    }

    /// Where markup resumes after a start tag named `name` that ends before
    /// `from`: at its end tag for raw-text elements.
    fn after_start_tag(&self, from: usize, name: &str) -> usize {
        let b = self.bytes;
        match name {
            "plaintext" => b.len(),
            "script" => script_end(b, from),
            _ if RAW_TEXT.contains(&name) => {
                // Searched in place: lowercasing the rest of the input for
                // every raw-text element made many `<textarea></textarea>`
                // quadratic.
                let mut i = from;
                while let Some(found) = b.get(i..).and_then(|r| r.iter().position(|&c| c == b'<')) {
                    i += found;
                    if end_tag_at(b, i, name) {
                        return i;
                    }
                    i += 1;
                }
                b.len()
            }
            _ => from,
        }
    }

    /// A comment whose text starts at `from` (after `<!--`): it ends at `>` or
    /// `->` right away, else at the first `-->` or `--!>`.
    fn comment(&self, from: usize) -> usize {
        let b = self.bytes;
        if b.get(from) == Some(&b'>') {
            return from + 1;
        }
        if b.get(from..from + 2) == Some(b"->") {
            return from + 2;
        }
        // One scan for both ends: searching each end in the whole rest would
        // make many comments quadratic.
        let mut k = from;
        while let Some(p) = b
            .get(k..)
            .and_then(|r| r.windows(2).position(|w| w == b"--"))
        {
            let after = k + p + 2;
            match b.get(after) {
                Some(b'>') => return after + 1,
                Some(b'!') if b.get(after + 1) == Some(&b'>') => return after + 2,
                _ => k += p + 1,
            }
        }
        b.len()
    }

    /// A bogus comment (`<?…`, `<!x…`, `</ …`) ends at the first `>` from `from`.
    fn bogus_comment(&self, from: usize) -> usize {
        let b = self.bytes;
        b.get(from..)
            .and_then(|r| r.iter().position(|&c| c == b'>'))
            .map_or(b.len(), |p| from + p + 1)
    }
}

/// Whether `b[at..]` is `</name` followed by white space, `/` or `>`: the end
/// tag that closes a raw-text element (ASCII case-insensitive).
fn end_tag_at(b: &[u8], at: usize, name: &str) -> bool {
    let len = name.len();
    b.get(at..at + 2) == Some(b"</")
        && b.get(at + 2..at + 2 + len)
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
        && ends_tag_name(b.get(at + 2 + len))
}

/// Where a script's text that starts at `from` ends (the `<` of its end tag),
/// following the tokenizer's script data states: after `<!--`, a `<script>`
/// opens a "double escaped" part in which `</script>` does not end the script.
fn script_end(b: &[u8], from: usize) -> usize {
    #[derive(Clone, Copy, PartialEq)]
    enum Mode {
        Data,
        Escaped,
        DoubleEscaped,
    }
    let script_start_at = |i: usize| {
        b.get(i..i + 6)
            .is_some_and(|n| n.eq_ignore_ascii_case(b"script"))
            && ends_tag_name(b.get(i + 6))
    };
    let mut mode = Mode::Data;
    // Dashes just read (at most 2): `-->` ends both escaped modes.
    let mut dashes = 0;
    let mut i = from;
    while let Some(&c) = b.get(i) {
        if mode == Mode::Data {
            if c == b'<' {
                if end_tag_at(b, i, "script") {
                    return i;
                }
                if b.get(i + 1..i + 4) == Some(b"!--") {
                    (mode, dashes) = (Mode::Escaped, 2);
                    i += 4;
                    continue;
                }
            }
            i += 1;
            continue;
        }
        match c {
            b'-' => {
                dashes = (dashes + 1).min(2);
                i += 1;
                continue;
            }
            b'>' if dashes == 2 => mode = Mode::Data,
            b'<' if mode == Mode::Escaped => {
                if end_tag_at(b, i, "script") {
                    return i;
                }
                if script_start_at(i + 1) {
                    // `<script` and the character after it.
                    (mode, dashes) = (Mode::DoubleEscaped, 0);
                    i += 8;
                    continue;
                }
            }
            b'<' if b.get(i + 1) == Some(&b'/') && script_start_at(i + 2) => {
                // `</script` and the character after it.
                (mode, dashes) = (Mode::Escaped, 0);
                i += 9;
                continue;
            }
            _ => {}
        }
        dashes = 0;
        i += 1;
    }
    b.len()
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

    /// The tokenizer's rules that decide where tags are, each with a `style`
    /// attribute right after the construct: it must be renamed.
    #[test]
    fn follows_the_tokenizer_around_comments_end_tags_and_raw_text() {
        for (before, renamed) in [
            ("<!-->", true),                   // abrupt comment end
            ("<!--->", true),                  // abrupt comment end
            ("<!-- a --!>", true),             // `--!>` ends a comment
            ("<!-- a --! >", false),           // but `--! >` does not
            ("</x a='<!--'>", true),           // quotes in end tags count
            ("</x a=\">\" <textarea>>", true), // so does a quoted `>`
            ("<?x <textarea>>", true),         // bogus comment: to the first `>`
            ("<!x <!-- >", true),              // bogus comment
            ("</ <script>>", true),            // bogus comment
            ("<!DOCTYPE html>", true),
            ("</>", true),
            ("<title></TITLE\0>", false), // `</title\0` is text
            ("<title></TITLE\0><b s=\"</TITLE>", true),
            ("<title></title\t>", true),
            ("<textarea></textarea/>", true),
            ("<script><!--<script></script>", false), // double escaped
            ("<script><!--<script></script><b s=\"</script>", true),
            ("<script><!--<script></script>--></script>", true),
            ("<script><!-- a --></script>", true),
            ("<script><!--></script>", true),
            ("<plaintext></plaintext>", false),
        ] {
            let out = d(&format!("{before}<p style=x>"));
            assert_eq!(
                out.ends_with("<p data-sinmun-style=x>"),
                renamed,
                "{before}: {out}"
            );
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
