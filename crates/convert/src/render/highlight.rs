//! Highlighted code at build time, so the browser ships no highlighter.
//! (Stub: escapes only; the syntect-based version replaces it.)

/// One code block as HTML: `<pre class="highlight"><code class="language-…"
/// data-lang="…">…</code></pre>`, with the code's tokens as `<span class>`es
/// when `lang` names a known language; `line_numbers` adds a gutter.
pub fn code_block(lang: Option<&str>, code: &str, line_numbers: bool) -> String {
    let _ = line_numbers;
    let lang = lang.map(str::trim).filter(|l| !l.is_empty());
    let mut out = String::from("<pre class=\"highlight\"><code");
    if let Some(lang) = lang {
        let lang = escape(lang);
        out.push_str(&format!(" class=\"language-{lang}\" data-lang=\"{lang}\""));
    }
    out.push('>');
    out.push_str(&escape(code));
    out.push_str("</code></pre>");
    out
}

/// Text as HTML text or attribute value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
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
