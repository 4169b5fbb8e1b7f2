//! Jekyll's path-taking tags, made parseable by a standard Liquid parser.
//!
//! Jekyll reads the arguments of `include`, `include_relative`, `highlight`,
//! `post_url` and `link` itself, so posts write bare paths and languages
//! (`{% include note.html %}`, `{% include_relative x/{{ page.n }}.md %}`,
//! `{% highlight c++ linenos %}`, `{% post_url 2010-07-21-name %}`), which
//! Liquid's grammar cannot read. This pass quotes them
//! (`{% include "note.html" k=v %}`) before parsing, keeping every line
//! where it was so errors name the right line. The text inside
//! `{% raw %}` and `{% comment %}` is left exactly as written.

/// A tag found in a template: where it is, its name and its arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct TagSpan {
    pub start: usize,
    pub end: usize,
    pub name: String,
}

/// The `{%…%}` tags of `text` in order, outside raw and comment blocks;
/// an unclosed `{%` ends the list.
pub fn tags(text: &str) -> Vec<TagSpan> {
    let mut out = Vec::new();
    let mut at = 0;
    let mut skip_until: Option<&str> = None;
    while let Some(found) = text.get(at..).and_then(|rest| rest.find("{%")) {
        let start = at + found;
        let Some(close) = text.get(start..).and_then(|rest| rest.find("%}")) else {
            break;
        };
        let end = start + close + 2;
        let inner = text.get(start + 2..end - 2).unwrap_or("");
        let name = tag_name(inner).to_string();
        at = end;
        if let Some(until) = skip_until {
            if name == until {
                skip_until = None;
                out.push(TagSpan { start, end, name });
            }
            continue;
        }
        match name.as_str() {
            "raw" => skip_until = Some("endraw"),
            "comment" => skip_until = Some("endcomment"),
            _ => {}
        }
        out.push(TagSpan { start, end, name });
    }
    out
}

/// The tag's name: its first word after `{%` / `{%-`.
fn tag_name(inner: &str) -> &str {
    let inner = inner.strip_prefix('-').unwrap_or(inner).trim_start();
    let end = inner
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(inner.len());
    inner.get(..end).unwrap_or("")
}

/// `text` with the arguments of Jekyll's path-taking tags quoted.
pub fn quote_jekyll_arguments(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for tag in tags(text) {
        let kind = match tag.name.as_str() {
            "include" | "include_relative" => Kind::Include,
            "highlight" => Kind::Highlight,
            "post_url" | "link" => Kind::Path,
            _ => continue,
        };
        let Some(original) = text.get(tag.start..tag.end) else {
            continue;
        };
        let Some(rewritten) = rewrite(original, &tag.name, kind) else {
            continue;
        };
        out.push_str(text.get(at..tag.start).unwrap_or(""));
        out.push_str(&rewritten);
        at = tag.end;
    }
    out.push_str(text.get(at..).unwrap_or(""));
    out
}

#[derive(Clone, Copy)]
enum Kind {
    /// A path (which may hold `{{ }}`), then `key=value` parameters.
    Include,
    /// A language, then options (`linenos`, `mark_lines="1 2"`).
    Highlight,
    /// One path.
    Path,
}

/// One tag rewritten, with as many line breaks as it had; `None` leaves it
/// as written (Liquid then reports what is wrong with it).
fn rewrite(tag: &str, name: &str, kind: Kind) -> Option<String> {
    let open = if tag.starts_with("{%-") { "{%-" } else { "{%" };
    let close = if tag.ends_with("-%}") { "-%}" } else { "%}" };
    let inner = tag.get(open.len()..tag.len().checked_sub(close.len())?)?;
    let args = inner.trim_start().strip_prefix(name)?;
    if !args.is_empty() && !args.starts_with(char::is_whitespace) {
        return None;
    }
    let args = args.trim();
    let (first, rest) = split_first_argument(args);
    let first = unquote(first);
    if first.is_empty() {
        return None;
    }
    let rest = match kind {
        Kind::Include => rest.to_string(),
        Kind::Highlight => quoted(rest.trim()).unwrap_or_default(),
        Kind::Path => rest.to_string(),
    };
    let lines = "\n".repeat(tag.matches('\n').count());
    let quoted_first = quoted(first)?;
    let parts: Vec<&str> = [open, name, &quoted_first, rest.trim()]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect();
    Some(format!("{}{lines} {close}", parts.join(" ")))
}

/// The first argument (up to white space outside `{{ }}`) and the rest.
fn split_first_argument(args: &str) -> (&str, &str) {
    let mut depth = 0usize;
    let mut chars = args.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '{' if chars.peek().map(|&(_, n)| n) == Some('{') => {
                depth += 1;
                chars.next();
            }
            '}' if chars.peek().map(|&(_, n)| n) == Some('}') => {
                depth = depth.saturating_sub(1);
                chars.next();
            }
            c if c.is_whitespace() && depth == 0 => {
                return (args.get(..i).unwrap_or(""), args.get(i..).unwrap_or(""));
            }
            _ => {}
        }
    }
    (args, "")
}

/// `"x"` or `'x'` as `x`; other text as it is.
fn unquote(text: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = text.strip_prefix(q).and_then(|t| t.strip_suffix(q)) {
            return inner;
        }
    }
    text
}

/// A Liquid string literal holding `text`, if one can (Liquid strings have
/// no escapes: one kind of quote must be absent).
fn quoted(text: &str) -> Option<String> {
    if !text.contains('"') {
        Some(format!("\"{text}\""))
    } else if !text.contains('\'') {
        Some(format!("'{text}'"))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn include_paths_are_quoted_and_parameters_kept() {
        assert_eq!(
            quote_jekyll_arguments("a {% include sig.markdown %} b"),
            "a {% include \"sig.markdown\" %} b"
        );
        assert_eq!(
            quote_jekyll_arguments("{% include {{ page.x | append: '.html' }} var1='foo' %}"),
            "{% include \"{{ page.x | append: '.html' }}\" var1='foo' %}"
        );
        assert_eq!(
            quote_jekyll_arguments("{%- include_relative in{{ page.i }}.html -%}"),
            "{%- include_relative \"in{{ page.i }}.html\" -%}"
        );
    }

    #[test]
    fn highlight_languages_and_options_are_quoted_lines_kept() {
        assert_eq!(
            quote_jekyll_arguments("{% highlight c++ linenos %}x{% endhighlight %}"),
            "{% highlight \"c++\" \"linenos\" %}x{% endhighlight %}"
        );
        let multi = "{%\n  highlight\n  ruby\n%}\nx\n{% endhighlight %}";
        let out = quote_jekyll_arguments(multi);
        assert_eq!(
            out.matches('\n').count(),
            multi.matches('\n').count(),
            "{out}"
        );
        assert!(out.starts_with("{% highlight \"ruby\" \"\""), "{out}");
    }

    #[test]
    fn raw_and_comment_blocks_are_left_alone() {
        let text = "{% raw %}{% include x.html %}{% endraw %}{% comment %}{% post_url a %}{% endcomment %}{% post_url 2010-01-01-a %}";
        assert_eq!(
            quote_jekyll_arguments(text),
            "{% raw %}{% include x.html %}{% endraw %}{% comment %}{% post_url a %}{% endcomment %}{% post_url \"2010-01-01-a\" %}"
        );
    }

    #[test]
    fn odd_input_is_left_for_liquid_to_report() {
        for text in [
            "{% include %}",
            "{% include",
            "{% includex a %}",
            "{%",
            "{% include \"a'b\" %}",
        ] {
            let out = quote_jekyll_arguments(text);
            assert!(out.len() >= text.len(), "{text} -> {out}");
        }
        assert_eq!(
            quote_jekyll_arguments("{% includex a %}"),
            "{% includex a %}"
        );
        assert_eq!(
            quote_jekyll_arguments("한글 {% link _posts/한.md %}"),
            "한글 {% link \"_posts/한.md\" %}"
        );
    }
}
