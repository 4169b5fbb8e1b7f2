//! Plain text out of other people's HTML, by one set of rules for every
//! input: the converter's Jekyll posts and the feed readers' items (in the
//! browser's feed module and at build time). Tags are dropped with the
//! contents of `script`, `style` and comments, common entities decoded, a
//! `<` that starts no tag kept. None of this fails on any input.

/// `html` without its tags, entities decoded; white space as it was.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len().min(1 << 20));
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_decoded(&mut out, rest.get(..lt).unwrap_or(""));
        let after = rest.get(lt + 1..).unwrap_or("");
        let starts_tag = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?');
        if !starts_tag {
            out.push('<');
            rest = after;
            continue;
        }
        match tag_end(after) {
            Some(n) => {
                // tags separate words
                out.push(' ');
                rest = after.get(n..).unwrap_or("");
            }
            None => rest = "",
        }
    }
    push_decoded(&mut out, rest);
    out
}

/// Where the tag that `after` (the text after its `<`) opens ends: past a
/// comment's `-->`, a script's or style's closing tag, else its `>`.
fn tag_end(after: &str) -> Option<usize> {
    if after.starts_with("!--") {
        return after.find("-->").map(|i| i + 3);
    }
    let lower: String = after
        .chars()
        .take(7)
        .collect::<String>()
        .to_ascii_lowercase();
    let close = if lower.starts_with("script") {
        Some("</script")
    } else if lower.starts_with("style") {
        Some("</style")
    } else {
        None
    };
    match close {
        Some(close) => find_ignoring_case(after, close)
            .and_then(|i| after.get(i..).and_then(|t| t.find('>')).map(|j| i + j + 1)),
        None => after.find('>').map(|i| i + 1),
    }
}

/// Where `needle` (ASCII) first occurs in `haystack`, ignoring ASCII case.
pub fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    let h = haystack.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| {
        h.get(i..i + n.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(n))
    })
}

/// `&amp;`, `&lt;`, `&#39;`, `&#xAC00;` and the other common named entities
/// decoded; an unknown or broken entity stays as written.
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_decoded(&mut out, text);
    out
}

fn push_decoded(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or(""));
        let after = rest.get(amp + 1..).unwrap_or("");
        let semi = after.find(';').filter(|&i| i <= 10);
        let decoded = semi.and_then(|i| after.get(..i)).and_then(entity);
        match (decoded, semi) {
            (Some(c), Some(i)) => {
                out.push(c);
                rest = after.get(i + 1..).unwrap_or("");
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

/// A numeric entity's character (control characters other than white space
/// refused), or a named one's.
fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| !c.is_control() || c.is_whitespace());
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "middot" => '·',
        "hellip" => '…',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        _ => return None,
    })
}

/// The text of an HTML fragment, white space collapsed.
pub fn html_text(html: &str) -> String {
    collapse(&strip_tags(html))
}

/// Runs of white space as one space, trimmed.
pub fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// At most `max` columns, `…` included when cut, at a word break where one
/// is in the second half. A Hangul, kana or CJK character is two columns, as
/// it is about twice as wide as a Latin letter: a Korean excerpt then fills
/// the lines of a card, a link preview or a search snippet that an English
/// one of the same `max` does, and not two and a half times as many.
pub fn shorten(text: &str, max: usize) -> String {
    if columns(text) <= max {
        return text.to_string();
    }
    let mut used = 0;
    let cut: String = text
        .chars()
        .take_while(|&c| {
            used += width(c);
            used < max
        })
        .collect();
    let at_word = match cut.rfind(' ') {
        Some(i) if i > cut.len() / 2 => cut.get(..i).unwrap_or(&cut).to_string(),
        _ => cut,
    };
    format!("{}…", at_word.trim_end_matches([' ', ',', '.', '·']))
}

/// Columns `text` takes: see [`shorten`].
pub fn columns(text: &str) -> usize {
    text.chars().map(width).sum()
}

fn width(c: char) -> usize {
    // CJK punctuation and the full-width forms are wide too.
    let wide_sign = matches!(c as u32, 0x3000..=0x303F | 0xFF01..=0xFF60 | 0xFFE0..=0xFFE6);
    if is_cjk(c) || wide_sign {
        2
    } else {
        1
    }
}

/// Minutes to read plain `text`: about 500 Hangul, kana or CJK characters
/// or 230 other words a minute, at least 1.
pub fn reading_minutes(text: &str) -> u32 {
    let mut cjk = 0u64;
    let mut words = 0u64;
    for word in text.split_whitespace() {
        let mut other = false;
        for c in word.chars() {
            if is_cjk(c) {
                cjk += 1;
            } else if c.is_alphanumeric() {
                other = true;
            }
        }
        if other {
            words += 1;
        }
    }
    let minutes = cjk as f64 / 500.0 + words as f64 / 230.0;
    (minutes.round() as u32).max(1)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0xAC00..=0xD7A3 | 0x1100..=0x11FF | 0x3130..=0x318F // Hangul
        | 0x4E00..=0x9FFF | 0x3400..=0x4DBF // CJK ideographs
        | 0x3040..=0x30FF) // kana
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_scripts_styles_and_comments_go_entities_decode() {
        assert_eq!(
            html_text("<p data-ke-size=\"size16;\">a&nbsp;&amp; b</p><script>x<y</script>c < d"),
            "a & b c < d"
        );
        assert_eq!(strip_tags("unclosed <b"), "unclosed ");
        assert_eq!(
            html_text("<p>한국 <b>뉴스</b></p><!-- x --><SCRIPT>1</SCRIPT><style>p{}</style>끝"),
            "한국 뉴스 끝"
        );
    }

    #[test]
    fn entities_decode_and_broken_ones_stay() {
        assert_eq!(decode_entities("Tom &amp; Jerry"), "Tom & Jerry");
        assert_eq!(decode_entities("&#44032;&#xAC01; &lt;b&gt;"), "가각 <b>");
        assert_eq!(decode_entities("AT&T & co"), "AT&T & co");
        assert_eq!(
            decode_entities("&bogus; &#0; &#x7; &#xZZ;"),
            "&bogus; &#0; &#x7; &#xZZ;"
        );
        assert_eq!(decode_entities("끝&"), "끝&");
    }

    #[test]
    fn shorten_cuts_at_a_word() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("one two three four", 12), "one two…");
        // Hangul is two columns: three syllables and the ellipsis fit in 7.
        assert_eq!(shorten("가나다라마바사", 7), "가나다…");
        assert_eq!(shorten("가나다", 6), "가나다");
        assert_eq!(columns("ab가"), 4);
    }

    #[test]
    fn reading_time() {
        assert_eq!(reading_minutes(""), 1);
        assert_eq!(reading_minutes(&"가".repeat(5000)), 10);
        assert_eq!(reading_minutes(&"word ".repeat(2300)), 10);
    }
}
