//! The tokenizer against the grammar: what it yields, where it stops.

use super::*;
use alloc::vec;

fn tokens(text: &str) -> Result<Vec<Token<'_>>, SyntaxError> {
    let mut scanner = Scanner::new(text.as_bytes(), 0);
    let mut out = Vec::new();
    while let Some(token) = scanner.next_token()? {
        out.push(token);
    }
    Ok(out)
}

fn error_at(text: &str) -> usize {
    match tokens(text) {
        Err(e) => e.at,
        Ok(t) => panic!("{text:?} read as {t:?}"),
    }
}

#[test]
fn yields_the_structure() {
    use Token::*;
    assert_eq!(
        tokens(" {\"a\": [1, -2.5e+3, \"x\\\"\"], \"b\": {}, \"c\": null} ").unwrap(),
        vec![
            Open(Kind::Object),
            Key(b"a"),
            Open(Kind::List),
            Scalar(Kind::Number, b"1"),
            Scalar(Kind::Number, b"-2.5e+3"),
            Scalar(Kind::String, b"x\\\""),
            Close(Kind::List),
            Key(b"b"),
            Open(Kind::Object),
            Close(Kind::Object),
            Key(b"c"),
            Scalar(Kind::Null, b"null"),
            Close(Kind::Object),
        ]
    );
    assert_eq!(
        tokens("[true,false]").unwrap().len(),
        4,
        "booleans are values"
    );
    assert_eq!(tokens("\"한\"").unwrap().len(), 1);
}

#[test]
fn stops_where_the_grammar_breaks() {
    for (text, at) in [
        ("", 0),
        ("{", 1),
        ("[1,]", 3),
        ("[1 2]", 3),
        ("{\"a\" 1}", 5),
        ("{\"a\":1,}", 7),
        ("{a:1}", 1),
        ("{\"a\":1]", 6),
        ("[1}", 2),
        ("01", 1),
        ("-", 1),
        ("1.", 2),
        ("1e+", 3),
        (".5", 0),
        ("tru", 0),
        ("nul", 0),
        ("True", 0),
        ("\"abc", 0),
        ("\"a\\x\"", 2),
        ("\"\\u12g4\"", 1),
        ("\"a\tb\"", 2),
        ("[] []", 3),
        ("{} x", 3),
        ("'a'", 0),
        ("NaN", 0),
        ("[", 1),
    ] {
        assert_eq!(error_at(text), at, "{text:?}");
    }
}

#[test]
fn deep_nesting_is_linear_and_balanced() {
    let n = 200_000;
    let deep = alloc::format!("{}{}", "[".repeat(n), "]".repeat(n));
    assert_eq!(tokens(&deep).unwrap().len(), 2 * n);
    let mixed = alloc::format!("{}1{}", "{\"a\":[".repeat(n), "]}".repeat(n));
    assert_eq!(tokens(&mixed).unwrap().len(), 5 * n + 1);
    let unbalanced = alloc::format!("{}{}", "[".repeat(n), "]".repeat(n - 1));
    assert_eq!(error_at(&unbalanced), 2 * n - 1);
}

#[test]
fn decodes_strings_for_messages() {
    assert_eq!(text(b"plain", 10), "plain");
    assert_eq!(text(br"a\/b\n\u00e5\\", 10), "a/b\nå\\");
    assert_eq!(text(br"\ud83d\ude00!", 10), "😀!");
    assert_eq!(text(br"\ud83d!", 10), "\u{fffd}!");
    assert_eq!(text(br"\ude00", 10), "\u{fffd}");
    assert_eq!(text(b"\xB0\xA1", 10), "\u{fffd}\u{fffd}");
    assert_eq!(text("한국어".as_bytes(), 2), "한국…");
    assert_eq!(text(br"ab\ncd", 3), "ab\n…");
    assert_eq!(text(&[b'k'; 100_000], 40).chars().count(), 41);
}
