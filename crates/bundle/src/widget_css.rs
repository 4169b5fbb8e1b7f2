//! The widget's copy of the app's styles, made independent of the host
//! page's root font size. `rem` is relative to the host's `<html>`, which a
//! host may set to anything (`html { font-size: 62.5% }` is common): in a
//! widget every `Nrem` becomes `calc(N * var(--sinmun-font-size, 16px))`,
//! so the widget keeps its own scale and the host can still choose it
//! through `--sinmun-font-size`. In `@media` and `@container` conditions,
//! where custom properties cannot go, it becomes `Nem` (the container's, or
//! the browser's default size).

/// What one `rem` is inside a widget.
const WIDGET_REM: &str = "var(--sinmun-font-size, 16px)";

/// `css` with its `rem` lengths rewritten (see the module header).
pub fn without_rem(css: &str) -> String {
    let mut out = String::with_capacity(css.len() + css.len() / 8);
    let mut rest = css;
    while let Some(at) = rest.find('@') {
        let (before, from_at) = rest.split_at(at);
        out.push_str(&rewrite(before, Unit::Calc));
        let prelude_end = from_at.find(['{', ';']).unwrap_or(from_at.len());
        let (prelude, after) = from_at.split_at(prelude_end);
        let conditional = prelude.starts_with("@media") || prelude.starts_with("@container");
        if conditional {
            out.push_str(&rewrite(prelude, Unit::Em));
        } else {
            out.push_str(prelude);
        }
        rest = after;
    }
    out.push_str(&rewrite(rest, Unit::Calc));
    out
}

#[derive(Clone, Copy)]
enum Unit {
    Calc,
    Em,
}

/// Every number directly followed by `rem` (and not by more of a name) in
/// `text`, rewritten to `unit`.
fn rewrite(text: &str, unit: Unit) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0; // text[..copied] is in `out`
    for (i, _) in text.match_indices("rem") {
        let Some((start, number)) = length_before(text, copied, i) else {
            continue;
        };
        let after = text.get(i + 3..).unwrap_or("");
        if after.starts_with(name_char) {
            continue;
        }
        out.push_str(text.get(copied..start).unwrap_or(""));
        match unit {
            Unit::Calc => out.push_str(&["calc(", number, " * ", WIDGET_REM, ")"].concat()),
            Unit::Em => out.push_str(&[number, "em"].concat()),
        }
        copied = i + 3;
    }
    out.push_str(text.get(copied..).unwrap_or(""));
    out
}

fn name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// The number (with its sign) that ends at `end` in `text`, not before
/// `floor`, and where it starts; `None` when what precedes `rem` is not a
/// number or the number is part of a name (`.x-2rem`).
fn length_before(text: &str, floor: usize, end: usize) -> Option<(usize, &str)> {
    let head = text.get(floor..end)?;
    let digits_at = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
        .last()
        .map(|(j, _)| floor + j)?;
    let digits = text.get(digits_at..end)?;
    if !digits.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let before = text.get(..digits_at)?;
    let start = match before.strip_suffix('-') {
        // A `-` is a sign unless it ends a name.
        Some(rest) if !rest.ends_with(name_char) => digits_at - 1,
        _ if before.ends_with(name_char) => return None,
        _ => digits_at,
    };
    Some((start.max(floor), text.get(start.max(floor)..end)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rem_lengths_follow_the_widget_not_the_host_root() {
        assert_eq!(
            without_rem(".a{margin:1.5rem 0 .25rem}"),
            ".a{margin:calc(1.5 * var(--sinmun-font-size, 16px)) 0 calc(.25 * var(--sinmun-font-size, 16px))}"
        );
        assert_eq!(
            without_rem("@container (max-width: 30rem) { .b { gap: 1rem } }"),
            "@container (max-width: 30em) { .b { gap: calc(1 * var(--sinmun-font-size, 16px)) } }"
        );
        assert_eq!(
            without_rem("@media (min-width:40rem){.c{padding:2rem}}"),
            "@media (min-width:40em){.c{padding:calc(2 * var(--sinmun-font-size, 16px))}}"
        );
    }

    #[test]
    fn names_that_contain_rem_stay() {
        let css =
            ".remark{x:1}.lorem-2rem{y:2} .t{font:var(--remote)} @import url(rem.css); .z{w:rem}";
        assert_eq!(without_rem(css), css);
        assert_eq!(without_rem("a{b:3remx}"), "a{b:3remx}");
        assert_eq!(
            without_rem("a{margin:-0.5rem 0 -1rem}"),
            "a{margin:calc(-0.5 * var(--sinmun-font-size, 16px)) 0 calc(-1 * var(--sinmun-font-size, 16px))}"
        );
        assert_eq!(without_rem(""), "");
    }
}
