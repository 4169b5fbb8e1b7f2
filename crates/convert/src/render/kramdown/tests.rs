//! `to_html` as a whole: one test per kramdown feature Jekyll blogs lean on.

use super::to_html;

#[test]
fn plain_commonmark_is_the_apps_markdown() {
    let source = "# Title\n\nSome *text* with `code`, a [link](https://x.test \"t\") and\n\
                  - a list\n- [x] done\n\n| a | b |\n|--:|---|\n| 1 | 2 |\n\n> quote\n\n\
                  ~~gone~~ and a footnote[^n].\n\n[^n]: The note.\n\n<div class=\"x\">raw</div>\n";
    assert_eq!(to_html(source), sinmun_markdown::to_html(source));
}

#[test]
fn block_and_span_attribute_lists() {
    let html = to_html("A notice.\n{: .notice #first}\n\nThis is *emphasised*{: .hl} text.\n");
    assert!(
        html.contains("<p class=\"notice\" id=\"first\">A notice.</p>")
            || html.contains("<p id=\"first\" class=\"notice\">A notice.</p>"),
        "{html}"
    );
    assert!(html.contains("<em class=\"hl\">emphasised</em>"), "{html}");
    assert!(!html.contains("{:"), "{html}");
    // an IAL before a block (no empty line between) applies to it
    let html = to_html("{: .lead}\nOpening words.\n");
    assert!(
        html.contains("<p class=\"lead\">Opening words.</p>"),
        "{html}"
    );
    // attribute list definitions, referenced by name
    let html = to_html("{:warn: .notice--warning}\n\nCareful.\n{: warn}\n");
    assert!(
        html.contains("<p class=\"notice--warning\">Careful.</p>"),
        "{html}"
    );
    // Ruby's hash syntax is not an IAL: it stays text
    assert!(to_html("Use {:a => 1} here.\n").contains("{:a =&gt; 1}"));
}

#[test]
fn header_ids_toc_and_no_toc() {
    let html = to_html("* TOC\n{:toc}\n\n# One {#custom}\n\n## Two\n\n## Skipped\n{:.no_toc}\n");
    assert!(html.contains("<ul id=\"markdown-toc\">"), "{html}");
    assert!(html.contains("<a href=\"#h-one\">One</a>"), "{html}");
    assert!(html.contains("<a href=\"#h-two\">Two</a>"), "{html}");
    assert!(!html.contains("href=\"#h-skipped\""), "{html}");
    assert!(html.contains("<h1 id=\"custom\">One</h1>"), "{html}");
    assert!(
        !html.contains("{#custom}") && !html.contains("{:toc}"),
        "{html}"
    );
}

#[test]
fn footnotes_definition_lists_and_abbreviations() {
    let html = to_html(
        "Text[^1] about HTML.\n\n*[HTML]: Hyper Text Markup Language\n\nTerm\n: Its meaning\n\n[^1]: The note.\n",
    );
    assert!(html.contains("class=\"footnote-reference\""), "{html}");
    assert!(html.contains("class=\"footnote-definition\""), "{html}");
    assert!(
        html.contains("<abbr title=\"Hyper Text Markup Language\">HTML</abbr>"),
        "{html}"
    );
    assert!(
        html.contains("<dl>\n<dt>Term</dt>\n<dd>Its meaning</dd>\n</dl>"),
        "{html}"
    );
    assert!(!html.contains("*[HTML]"), "{html}");
}

#[test]
fn comments_and_options_go_nomarkdown_stays_raw() {
    let html = to_html(
        "{::options parse_block_html=\"true\" /}\n\nBefore.\n\n{::comment}\nsecret\n{:/comment}\n\n\
         After {::comment}hidden{:/} this.\n\n{::nomarkdown}\n<b>*kept*</b>\n{:/nomarkdown}\n",
    );
    assert!(
        !html.contains("secret") && !html.contains("hidden"),
        "{html}"
    );
    assert!(!html.contains("options") && !html.contains("{:"), "{html}");
    assert!(
        html.contains("<p>Before.</p>") && html.contains("After  this."),
        "{html}"
    );
    assert!(html.contains("<b>*kept*</b>"), "{html}");
}

#[test]
fn markdown_inside_html_blocks() {
    let html = to_html("<div class=\"note\" markdown=\"1\">\n**bold** and *em*\n</div>\n\n<div>\n**raw**\n</div>\n");
    assert!(html.contains("<div class=\"note\">"), "{html}");
    assert!(
        html.contains("<strong>bold</strong> and <em>em</em>"),
        "{html}"
    );
    assert!(html.contains("**raw**"), "{html}");
    assert!(!html.contains("markdown="), "{html}");
}

#[test]
fn fenced_code_with_a_language_is_highlighted() {
    let html = to_html("```ruby\ndef hello = puts \"hi\"\n```\n\n~~~\nplain\n~~~\n{: .language-python}\n\n```\nnone\n```\n");
    assert!(html.contains("<div class=\"language-ruby highlighter-rouge\"><pre class=\"highlight\"><code class=\"language-ruby\" data-lang=\"ruby\"><span class=\"k\">def</span>"), "{html}");
    assert!(
        html.contains("<div class=\"language-python highlighter-rouge\">"),
        "{html}"
    );
    assert!(html.contains("<pre><code>none\n</code></pre>"), "{html}");
    // code is code: nothing kramdown reads is read inside it
    let html = to_html("```\n{: .x}\n*[A]: b\n{::comment}\n```\n\n    {: .indented}\n");
    assert!(html.contains("{: .x}\n*[A]: b\n{::comment}"), "{html}");
    assert!(html.contains("{: .indented}"), "{html}");
}

#[test]
fn hostile_input_ends_quickly_and_well_formed() {
    for source in [
        "{:".repeat(20_000),
        "{::comment}".repeat(10_000),
        "{::a ".repeat(10_000),
        "{:".repeat(20_000) + "}",
        "<div markdown=\"1\">\n".repeat(5_000),
        "*[".repeat(10_000) + "]: x",
        "{: .a}\n".repeat(10_000),
        "\u{fdd0}I0\u{fdd1}".repeat(1_000),
        "[^1]\n\n".repeat(2_000) + "[^1]: x",
    ] {
        let started = std::time::Instant::now();
        let html = to_html(&source);
        assert!(
            started.elapsed().as_secs() < 5,
            "{} bytes took too long",
            source.len()
        );
        assert!(!html.contains('\u{fdd0}'), "a token leaked");
    }
}
