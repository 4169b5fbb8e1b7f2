//! An independent check of `sinmun::body::style_attrs`: html5ever's HTML
//! tokenizer (the WHATWG state machine) reads the pass's output, switching to
//! raw text after the same elements the pass skips, and reports every start
//! tag that still carries a `style` attribute.
//!
//! The pass models only start tags, quoted values, `<!-- … -->` comments and
//! raw-text elements ("anything it misreads is still parsed and sanitised by
//! DOMPurify as usual"). [`known_gap`] names the inputs where that model is
//! known to lose step with the tokenizer; the rename-only check still applies
//! to them. See `fuzz/README.md`.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use sinmun::body::style_attrs::{DEFERRED_STYLE, RAW_TEXT};
use std::cell::RefCell;

#[derive(Default)]
struct Sink {
    /// Start tags with a `style` attribute.
    styled: RefCell<Vec<String>>,
    /// Values of `data-sinmun-style` attributes.
    deferred: RefCell<Vec<String>>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        if tag.kind != TagKind::StartTag {
            return TokenSinkResult::Continue;
        }
        for attr in &tag.attrs {
            if &*attr.name.local == "style" {
                self.styled.borrow_mut().push(tag.name.to_string());
            } else if &*attr.name.local == DEFERRED_STYLE {
                self.deferred.borrow_mut().push(attr.value.to_string());
            }
        }
        // The raw-text elements of style_attrs.rs, in the tokenizer state the
        // HTML tree builder gives each of them in a document body.
        match &*tag.name {
            "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "plaintext" => TokenSinkResult::Plaintext,
            _ => TokenSinkResult::Continue,
        }
    }
}

fn tokenize(html: &str) -> Sink {
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink
}

/// Names of the start tags in `html` that have a `style` attribute.
pub fn style_attributes(html: &str) -> Vec<String> {
    tokenize(html).styled.into_inner()
}

/// Values of the `data-sinmun-style` attributes in `html`, as the DOM has them.
pub fn deferred_values(html: &str) -> Vec<String> {
    tokenize(html).deferred.into_inner()
}

/// Inputs where the pass's simplified tokenizer is known to read markup
/// differently from the HTML tokenizer, so that a `style` attribute can
/// survive (found by this fuzz target; reported, not fixed here because
/// `src/` is being rewritten):
///
/// 1. comment ends it does not know: `<!-->`, `<!--->` and `--!>` end a comment
///    for the HTML tokenizer, while the pass reads on to the next `-->`;
/// 2. markup it does not tokenize — end tags (which may have attributes with
///    quoted values), bogus comments (`<!x …>`, `<?…>`, `</ …>`) — that holds
///    a `<`: the pass then sees a comment opener or a raw-text start tag that
///    the HTML tokenizer does not, and skips real tags after it;
/// 3. raw text that does not end where the pass ends it: `</title` followed by
///    something else than white space, `/` or `>` is text for the HTML
///    tokenizer, and so is `</script>` inside `<!--<script>` in a script; the
///    pass reads the rest as markup, where a quote can hide the real tags
///    after the real end tag.
///
/// `SINMUN_FUZZ_NO_GAPS=1` turns the exemption off, to see the gaps again.
pub fn known_gap(input: &str) -> bool {
    static OFF: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    if *OFF.get_or_init(|| std::env::var_os("SINMUN_FUZZ_NO_GAPS").is_some_and(|v| v == "1")) {
        return false;
    }
    if ["<!-->", "<!--->", "--!>"]
        .iter()
        .any(|s| input.contains(s))
    {
        return true;
    }
    let lower = input.to_ascii_lowercase();
    for tag in RAW_TEXT {
        let end = format!("</{tag}");
        for (at, _) in lower.match_indices(&end) {
            let next = lower.as_bytes().get(at + end.len());
            if next
                .is_some_and(|c| !matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>'))
            {
                return true;
            }
        }
    }
    if lower.contains("<script") && lower.contains("<!--") {
        return true;
    }
    let bytes = input.as_bytes();
    let mut i = 0;
    while let Some(found) = input.get(i..).and_then(|rest| rest.find('<')) {
        let start = i + found;
        let end = untokenized_end(bytes, start);
        if let Some(end) = end {
            if bytes.get(start + 1..end).is_some_and(|r| r.contains(&b'<')) {
                return true;
            }
        }
        i = start + 1;
    }
    false
}

/// If an end tag or a bogus comment starts at `start` (a `<`), where it ends
/// for the HTML tokenizer (the index of its `>`, or the end of the input).
fn untokenized_end(b: &[u8], start: usize) -> Option<usize> {
    let next = b.get(start + 1).copied();
    let first_gt = |from: usize| {
        b.get(from..)
            .and_then(|r| r.iter().position(|&c| c == b'>'))
            .map_or(b.len(), |p| from + p)
    };
    match next {
        Some(b'/') => match b.get(start + 2) {
            Some(c) if c.is_ascii_alphabetic() => Some(end_tag_end(b, start + 2)),
            Some(b'>') | None => None,
            Some(_) => Some(first_gt(start + 2)), // `</ …>`: a bogus comment
        },
        Some(b'?') => Some(first_gt(start + 2)),
        Some(b'!') if b.get(start + 2..start + 4) != Some(b"--") => Some(first_gt(start + 2)),
        _ => None,
    }
}

/// The end of an end tag whose name starts at `j`: attributes are read as in
/// a start tag (the tokenizer ignores them, but their quotes count).
fn end_tag_end(b: &[u8], mut j: usize) -> usize {
    let space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    while j < b.len() && !space(b[j]) && b[j] != b'/' && b[j] != b'>' {
        j += 1;
    }
    loop {
        while j < b.len() && (space(b[j]) || b[j] == b'/') {
            j += 1;
        }
        if j >= b.len() || b[j] == b'>' {
            return j.min(b.len());
        }
        j += 1; // the first character of a name may be `=`
        while j < b.len() && !space(b[j]) && !matches!(b[j], b'/' | b'>' | b'=') {
            j += 1;
        }
        while j < b.len() && space(b[j]) {
            j += 1;
        }
        if b.get(j) == Some(&b'=') {
            j += 1;
            while j < b.len() && space(b[j]) {
                j += 1;
            }
            match b.get(j) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    j = b
                        .get(j + 1..)
                        .and_then(|r| r.iter().position(|&c| c == q))
                        .map_or(b.len(), |p| j + 1 + p + 1);
                }
                _ => {
                    while j < b.len() && !space(b[j]) && b[j] != b'>' {
                        j += 1;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_style_attributes_as_a_browser_would() {
        assert_eq!(style_attributes("<p style=x>"), vec!["p"]);
        assert_eq!(style_attributes("<P STYLE='x'>"), vec!["p"]);
        assert!(style_attributes("<p data-sinmun-style=x>").is_empty());
        assert!(style_attributes("<!-- <p style=x> -->").is_empty());
        assert!(style_attributes("<textarea><p style=x></textarea>").is_empty());
        assert!(style_attributes("</p style=x>").is_empty());
        assert_eq!(style_attributes("<!--><p style=x>"), vec!["p"]);
        assert_eq!(
            deferred_values("<b data-sinmun-style=\"color: red\">"),
            vec!["color: red"]
        );
    }

    /// The gaps are real today. When this fails, the pass handles one of
    /// them: drop it from `known_gap` (and from this list).
    #[test]
    fn known_gaps_still_let_a_style_attribute_through() {
        use sinmun::body::style_attrs::defer_style_attributes;
        for gap in [
            "<!--><c style>", // minimised by libFuzzer
            "<!--->x<p style=x>",
            "<!-- --!><p style=x>",
            "</x a='<!--'><p style=x>",
            "</x a=\">\" <textarea>><p style=x>",
            "<?x <textarea>><p style=x>",
            // found in the 10-minute run, minimised by libFuzzer
            "<title></TITLE\0><b s=\"</TITLE><b style>",
            "<script><!--<script></script><b s=\"</script><b style>",
        ] {
            assert!(known_gap(gap), "{gap}");
            let out = defer_style_attributes(gap);
            assert!(
                !style_attributes(&out).is_empty(),
                "{gap} is handled now: {out}"
            );
        }
    }

    #[test]
    fn known_gaps() {
        for gap in [
            "<!--><p style=x>",
            "<!-- --!><p style=x>",
            "</x a='<!--'><p style=x>",
            "</x a=\">\" <textarea>><p style=x>",
            "<?x <textarea>><p style=x>",
            "<!x <!-- ><p style=x>",
            "</ <script>><p style=x>",
        ] {
            assert!(known_gap(gap), "{gap}");
        }
        for fine in [
            "<p style=x>",
            "<!-- a --><p style=x>",
            "<textarea><p style=x></textarea>",
            "</p><p style=x>",
            "<!DOCTYPE html><p style=x>",
            "<title>a</title ><p style=x>",
            "<script>a</script/><p style=x>",
            "a < b",
        ] {
            assert!(!known_gap(fine), "{fine}");
        }
    }
}
