//! Stylesheets without their comments and indentation: every reader would
//! download them, and the main stylesheet is in the first load (about 480 B
//! of its 2.8 KB gzip were comments and indentation). Not a CSS parser:
//! comments are found outside strings and become one space (a comment
//! separates tokens), and each line is trimmed; nothing else is rewritten.

/// `css` without comments, indentation and blank lines.
pub fn compact(css: &str) -> String {
    let mut plain = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            plain.push(c);
            if c == '\\' {
                plain.extend(chars.next());
            } else if c == q {
                quote = None;
            }
        } else if c == '/' && chars.peek() == Some(&'*') {
            chars.next();
            let mut previous = ' ';
            // An unterminated comment runs to the end, as in the browser.
            for next in chars.by_ref() {
                if previous == '*' && next == '/' {
                    break;
                }
                previous = next;
            }
            plain.push(' ');
        } else {
            if c == '"' || c == '\'' {
                quote = Some(c);
            }
            plain.push(c);
        }
    }
    let lines: Vec<&str> = plain
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::compact;

    #[test]
    fn comments_and_indentation_go_strings_stay() {
        let css = "/* header\n   more */\n.a {\n  color: red; /* why */\n  content: \"/* kept */\";\n}\n\n.b{margin:0/**/auto}";
        assert_eq!(
            compact(css),
            ".a {\ncolor: red;\ncontent: \"/* kept */\";\n}\n.b{margin:0 auto}"
        );
    }

    #[test]
    fn escaped_quotes_and_unterminated_comments() {
        assert_eq!(compact("a{content:'it\\'s /*'}"), "a{content:'it\\'s /*'}");
        assert_eq!(compact("a{} /* open"), "a{}");
        assert_eq!(
            compact("a::before{content:\"한글\"}"),
            "a::before{content:\"한글\"}"
        );
    }
}
