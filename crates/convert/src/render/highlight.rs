//! Highlighted code at build time, so the browser ships no highlighter.
//!
//! syntect (Sublime Text's grammars, the highlighter Zola uses) tokenises the
//! code; each token gets the short class Rouge, Jekyll's highlighter, gives
//! the same kind of token (`k` keyword, `s` string, `c` comment, `nf`
//! function name…). So the markup is compact, `style/body.css` colours it in
//! light and dark, and a Jekyll theme's Rouge stylesheet would colour it too.
//! Code in an unknown language, or too long to be worth it, is escaped only.

use std::sync::OnceLock;
use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

/// Longer code is shown unhighlighted: a pathological grammar backtrack on a
/// huge block must not stall the build.
const MAX_HIGHLIGHTED_BYTES: usize = 256 * 1024;

/// One code block as HTML: `<pre class="highlight"><code class="language-…"
/// data-lang="…">…</code></pre>`, its tokens as `<span class>`es when `lang`
/// names a known language. `line_numbers` puts it in Rouge's two-cell table
/// (a gutter of line numbers, then the code).
pub fn code_block(lang: Option<&str>, code: &str, line_numbers: bool) -> String {
    let lang = lang.map(str::trim).filter(|l| !l.is_empty());
    let body = lang
        .and_then(|lang| highlight(lang, code))
        .unwrap_or_else(|| escape(code));
    let mut code_open = String::from("<code");
    if let Some(lang) = lang {
        let lang = escape(&lang.to_ascii_lowercase());
        code_open.push_str(&format!(" class=\"language-{lang}\" data-lang=\"{lang}\""));
    }
    code_open.push('>');
    if !line_numbers {
        return format!("<pre class=\"highlight\">{code_open}{body}</code></pre>");
    }
    let lines = code.trim_end_matches('\n').lines().count().max(1);
    let gutter: Vec<String> = (1..=lines).map(|n| n.to_string()).collect();
    format!(
        "<pre class=\"highlight\"><table class=\"rouge-table\"><tbody><tr>\
         <td class=\"gutter gl\"><pre class=\"lineno\">{}</pre></td>\
         <td class=\"code\"><pre>{code_open}{body}</code></pre></td>\
         </tr></tbody></table></pre>",
        gutter.join("\n")
    )
}

/// The code as spans of Rouge classes, or `None` for an unknown language
/// (or a grammar error: the caller escapes the code then).
fn highlight(lang: &str, code: &str) -> Option<String> {
    if code.len() > MAX_HIGHLIGHTED_BYTES {
        return None;
    }
    let syntaxes = syntaxes();
    let syntax = find_syntax(syntaxes, lang)?;
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut out = Spans::default();
    for line in LinesWithEndings::from(code) {
        let ops = state.parse_line(line, syntaxes).ok()?;
        let mut at = 0;
        for (index, op) in ops {
            let text = line.get(at..index)?;
            out.push(class_of(stack.as_slice()), text);
            at = index;
            stack.apply(&op).ok()?;
        }
        out.push(class_of(stack.as_slice()), line.get(at..)?);
    }
    Some(out.finish())
}

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// A language as authors name it (`ruby`, `rb`, `js`, `C++`, `shell`,
/// `console`), tried as syntect's token, then through Rouge's aliases.
fn find_syntax<'s>(set: &'s SyntaxSet, lang: &str) -> Option<&'s SyntaxReference> {
    let lang = lang.to_ascii_lowercase();
    let alias = match lang.as_str() {
        "shell" | "console" | "shell-session" | "zsh" | "sh" => "bash",
        "c++" | "cxx" => "cpp",
        "c#" | "csharp" => "cs",
        "objective-c" | "objc" => "m",
        "yml" => "yaml",
        "html+erb" | "erb" => "rhtml",
        "javascript" | "jsx" | "typescript" | "ts" | "json5" => "js",
        "golang" => "go",
        "rs" => "rust",
        "py3" | "python3" => "python",
        "plaintext" | "text" | "txt" | "plain" => return None,
        other => other,
    };
    set.find_syntax_by_token(alias)
        .or_else(|| set.find_syntax_by_token(&lang))
        .filter(|s| s.name != "Plain Text")
}

/// Rouge's class for the innermost scope that has one.
fn class_of(stack: &[Scope]) -> Option<&'static str> {
    stack.iter().rev().find_map(|scope| {
        let name = scope.build_string();
        ROUGE_CLASSES
            .iter()
            .find(|(prefix, _)| {
                name.strip_prefix(prefix)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
            })
            .and_then(|(_, class)| *class)
    })
}

/// Scope prefixes (most specific first) and the Rouge token class they get;
/// `None` stops the search (the token is plain text in its grammar).
const ROUGE_CLASSES: &[(&str, Option<&str>)] = &[
    ("comment", Some("c")),
    ("punctuation.definition.comment", Some("c")),
    ("string.regexp", Some("sr")),
    ("punctuation.definition.string", Some("s")),
    ("string", Some("s")),
    ("constant.character.escape", Some("se")),
    ("constant.numeric", Some("m")),
    ("constant.language", Some("kc")),
    ("constant.other.symbol", Some("ss")),
    ("constant", Some("no")),
    ("keyword.operator.word", Some("ow")),
    ("keyword.operator", Some("o")),
    ("keyword", Some("k")),
    ("storage.type", Some("kt")),
    ("storage.modifier", Some("kd")),
    ("storage", Some("k")),
    ("entity.name.function", Some("nf")),
    ("entity.name.tag", Some("nt")),
    ("entity.other.attribute-name", Some("na")),
    ("entity.name.class", Some("nc")),
    ("entity.name.type", Some("nc")),
    ("entity.name", Some("nn")),
    ("entity.other.inherited-class", Some("nc")),
    ("support.function", Some("nb")),
    ("support.class", Some("nc")),
    ("support.type", Some("kt")),
    ("support.constant", Some("no")),
    ("variable.language", Some("bp")),
    ("variable.parameter", Some("nv")),
    ("variable.other.readwrite.instance", Some("vi")),
    ("variable.other.constant", Some("no")),
    ("variable.function", Some("nf")),
    ("variable", None),
    ("markup.heading", Some("gh")),
    ("markup.bold", Some("gs")),
    ("markup.italic", Some("ge")),
    ("markup.inserted", Some("gi")),
    ("markup.deleted", Some("gd")),
    ("markup.raw", Some("sb")),
    ("meta.preprocessor", Some("cp")),
    ("invalid", Some("err")),
];

/// The highlighted HTML being written: runs of one class are merged.
#[derive(Default)]
struct Spans {
    html: String,
    open: Option<&'static str>,
}

impl Spans {
    fn push(&mut self, class: Option<&'static str>, text: &str) {
        if text.is_empty() {
            return;
        }
        // white space needs no colour: it stays in a run of its class, else
        // goes between runs
        let class = if text.trim().is_empty() && class != self.open {
            None
        } else {
            class
        };
        if class != self.open {
            self.close();
            if let Some(class) = class {
                self.html.push_str(&format!("<span class=\"{class}\">"));
            }
            self.open = class;
        }
        self.html.push_str(&escape(text));
    }

    fn close(&mut self) {
        if self.open.take().is_some() {
            self.html.push_str("</span>");
        }
    }

    fn finish(mut self) -> String {
        self.close();
        self.html
    }
}

/// Text as HTML text or attribute value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ruby_gets_rouge_classes_and_the_text_is_kept() {
        let html = code_block(
            Some("ruby"),
            "def hello\n  puts \"hi <b>\" # greet\nend\n",
            false,
        );
        assert!(html.starts_with(
            "<pre class=\"highlight\"><code class=\"language-ruby\" data-lang=\"ruby\">"
        ));
        assert!(html.contains("<span class=\"k\">def</span>"), "{html}");
        assert!(html.contains("<span class=\"nf\">hello</span>"), "{html}");
        assert!(html.contains("&quot;hi &lt;b&gt;&quot;"), "{html}");
        assert!(html.contains("<span class=\"c\"># greet"), "{html}");
        assert_eq!(strip(&html), "def hello\n  puts \"hi <b>\" # greet\nend\n");
    }

    #[test]
    fn aliases_and_case_name_the_same_grammars() {
        for lang in [
            "rb",
            "Ruby",
            "js",
            "JavaScript",
            "sh",
            "console",
            "c++",
            "yml",
            "py",
            "rust",
        ] {
            let html = code_block(Some(lang), "x = 1 # y\n", false);
            assert!(html.contains("<span"), "{lang}: {html}");
        }
    }

    #[test]
    fn unknown_or_no_language_is_escaped_only() {
        let html = code_block(Some("klingon"), "<script>x</script>", false);
        assert_eq!(
            html,
            "<pre class=\"highlight\"><code class=\"language-klingon\" data-lang=\"klingon\">&lt;script&gt;x&lt;/script&gt;</code></pre>"
        );
        let html = code_block(None, "a & b", false);
        assert_eq!(
            html,
            "<pre class=\"highlight\"><code>a &amp; b</code></pre>"
        );
        let html = code_block(Some("\"><img src=x>"), "a", false);
        assert!(!html.contains("<img"), "{html}");
    }

    #[test]
    fn line_numbers_make_rouges_table() {
        let html = code_block(Some("python"), "a = 1\nb = 2\nc = 3\n", true);
        assert!(
            html.contains("<pre class=\"lineno\">1\n2\n3</pre>"),
            "{html}"
        );
        assert!(html.contains("<td class=\"code\"><pre><code class=\"language-python\""));
    }

    #[test]
    fn korean_text_and_odd_input_survive() {
        let code = "// 한국어 주석\nlet s = \"서울\";\n\u{0}\u{FFFD}";
        let html = code_block(Some("rust"), code, false);
        assert_eq!(strip(&html), code);
        assert!(html.contains("<span class=\"c\">// 한국어 주석"), "{html}");
    }

    /// The text of highlighted HTML, entities decoded.
    fn strip(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }
}
