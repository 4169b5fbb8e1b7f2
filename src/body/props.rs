//! Property tests for the native parts of the body pipeline: whatever the
//! author wrote, these stages never panic, never hang on deep nesting, and
//! keep their promises (see each test). Each runs in well under 2 s in debug.
//! The style stages' own moved with them to `crates/style/tests/props.rs`.

use proptest::prelude::*;

use sinmun_markdown::to_html;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn markdown_never_panics(source in any::<String>()) {
        let _ = to_html(&source);
    }

    #[test]
    fn markdown_never_panics_on_markdown_like_input(
        source in "([#>*_`~|\\[\\]()!<>\\-+=:0-9. \n\t]|[a-z]{1,5}|\\[\\^[a-z]\\]|- \\[[ x]\\] ){0,120}"
    ) {
        let _ = to_html(&source);
    }

    #[test]
    fn markdown_without_a_tag_opener_makes_only_its_own_tags(source in "[^<]{0,300}") {
        let html = to_html(&source);
        for tag in html.split('<').skip(1) {
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            prop_assert!(
                sinmun_markdown::EMITTED_TAGS.contains(&name.as_str()),
                "unexpected <{}> from {:?}: {}", name, source, html
            );
        }
    }
}

/// Deeply nested input of every kind finishes, and quickly.
#[test]
fn markdown_survives_deep_nesting() {
    let n = 10_000;
    let cases = [
        format!("{} deep", ">".repeat(n)),
        (0..2_000)
            .map(|i| format!("{}- item\n", "  ".repeat(i)))
            .collect(),
        format!("{}x{}", "[".repeat(n), "]".repeat(n)),
        format!("{}x{}", "*".repeat(n), "*".repeat(n)),
        format!("{}x{}", "_".repeat(n), "_".repeat(n)),
        format!("{}x{}", "<div>".repeat(n), "</div>".repeat(n)),
        format!("{}x", "`".repeat(n)),
        format!("{}x{}", "![".repeat(n), "](y)".repeat(n)),
        "#".repeat(n),
        "1. ".repeat(n),
        "> - ".repeat(n),
        "|".repeat(n),
        (0..n).map(|i| format!("## h{i}\n")).collect(),
    ];
    for source in cases {
        let started = std::time::Instant::now();
        let html = to_html(&source);
        let elapsed = started.elapsed();
        assert!(!html.is_empty() || source.trim().is_empty());
        assert!(
            elapsed.as_secs_f64() < 2.0,
            "{:?}… took {elapsed:?}",
            source.get(..20)
        );
    }
}
