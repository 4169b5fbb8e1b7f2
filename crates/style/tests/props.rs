//! Property tests of the style stages: whatever the author wrote, they never
//! panic, never hang on long tag soup, and keep their promises (see each
//! test). Each runs in well under 2 s in debug. (Moved from the app's
//! `src/body/props.rs` with the code.)
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use proptest::prelude::*;

use sinmun_style::style_attrs::{defer_style_attributes, DEFERRED_STYLE};
use sinmun_style::style_filter::{allowed_declarations, is_safe_color};

/// Strings made of the characters HTML tags are made of, so the tokenizer's
/// corners (quotes, `=`, comments, raw-text elements) are hit often.
fn html_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<".to_string()),
        Just(">".to_string()),
        Just("</".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("=".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just(" ".to_string()),
        Just("/".to_string()),
        Just("style".to_string()),
        Just("STYLE".to_string()),
        Just("p".to_string()),
        Just("textarea".to_string()),
        Just("script".to_string()),
        Just("color:red;".to_string()),
        Just("한".to_string()),
        Just("\u{a0}".to_string()),
        "[a-z]{1,4}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

/// A well-formed start tag with attributes, some of them `style`.
fn start_tag() -> impl Strategy<Value = (String, usize)> {
    let attribute = prop_oneof![
        ("[a-z]{1,6}", "[a-z0-9 ]{0,6}").prop_map(|(n, v)| (format!("{n}=\"{v}\""), 0)),
        "[a-z0-9:#; -]{0,12}".prop_map(|v| (format!("style=\"{v}\""), 1)),
        "[a-z0-9:#;-]{1,12}".prop_map(|v| (format!("style={v}"), 1)),
        "[a-z0-9:#; -]{0,12}".prop_map(|v| (format!("style='{v}'"), 1)),
    ];
    ("(p|span|td|div|b)", prop::collection::vec(attribute, 0..5)).prop_map(|(name, attributes)| {
        let styles = attributes.iter().map(|(_, s)| s).sum();
        let text: Vec<String> = attributes.into_iter().map(|(a, _)| a).collect();
        (format!("<{name} {}>text</{name}>", text.join(" ")), styles)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn style_attrs_never_panic(input in any::<String>()) {
        let _ = defer_style_attributes(&input);
    }

    #[test]
    fn style_attrs_never_panic_on_html_like_input(input in html_like()) {
        let out = defer_style_attributes(&input);
        // Only ever a rename: undoing it gives the input back, up to the
        // case of `STYLE` (the generator never writes `data-sinmun-` itself).
        prop_assert_eq!(
            out.replace(DEFERRED_STYLE, "style").to_lowercase(),
            input.to_lowercase()
        );
    }

    #[test]
    fn style_attrs_are_identity_without_a_tag_opener(input in "[^<]{0,200}") {
        prop_assert_eq!(defer_style_attributes(&input), input);
    }

    #[test]
    fn style_attrs_rename_every_style_attribute((tag, styles) in start_tag()) {
        let out = defer_style_attributes(&tag);
        prop_assert_eq!(out.matches(DEFERRED_STYLE).count(), styles, "{}", out);
        let stripped = out.replace(DEFERRED_STYLE, "");
        prop_assert!(!stripped.contains(" style="), "{}", out);
    }

    #[test]
    fn style_filter_keeps_only_checked_values(style in any::<String>()) {
        check_declarations(&style)?;
    }

    #[test]
    fn style_filter_keeps_only_checked_values_on_css_like_input(
        style in "((color|background-color|text-align|COLOR|position) *: *[a-z0-9#(),.% !;:\"'\\\\]{0,20};? *){0,6}"
    ) {
        check_declarations(&style)?;
    }

    #[test]
    fn safe_colours_cannot_escape_a_declaration(value in any::<String>()) {
        if is_safe_color(&value) {
            for bad in [';', ':', '"', '\'', '<', '>', '\\', '{', '}', '@'] {
                prop_assert!(!value.contains(bad), "{:?}", value);
            }
            prop_assert!(!value.to_ascii_lowercase().contains("url("));
        }
    }
}

fn check_declarations(style: &str) -> Result<(), TestCaseError> {
    for (property, value) in allowed_declarations(style) {
        match property {
            "text-align" => prop_assert!(
                ["left", "right", "center", "justify", "start", "end"].contains(&value.as_str()),
                "{:?}",
                value
            ),
            "color" | "background-color" => prop_assert!(is_safe_color(&value), "{:?}", value),
            other => prop_assert!(false, "unexpected property {other}"),
        }
    }
    Ok(())
}

/// Deep or long tag soup in the style-attribute pass: linear, no panic.
#[test]
fn style_attrs_survive_long_inputs() {
    let n = 100_000;
    for source in [
        "<p style=x>".repeat(n),
        "<".repeat(n),
        "<p ".repeat(n),
        "<textarea>".repeat(n),
        "<!--".repeat(n),
        "<p style=\"".repeat(n),
        // Raw-text elements, each closed: the search for each end tag must
        // not rescan the rest of the input.
        "<textarea>x</textarea>".repeat(n),
        "<SCRIPT>x</SCRIPT><p style=x>".repeat(n),
        // Comments, each closed: the search for `-->` and `--!>` must stop at
        // the first of them.
        "<!-- a --><p style=x>".repeat(n),
        "<!-- a --!><p style=x>".repeat(n),
        "<script><!--<script>x</script>--></script>".repeat(n),
        "</x a='>'><?x><!x>".repeat(n),
    ] {
        let started = std::time::Instant::now();
        let _ = defer_style_attributes(&source);
        assert!(
            started.elapsed().as_secs_f64() < 2.0,
            "{:?}",
            source.get(..12)
        );
    }
}
