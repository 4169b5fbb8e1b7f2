//! Splitting a post into front matter and body, and reading the front matter.
//!
//! YAML is parsed with `serde_norway`: a maintained fork of `serde_yaml` that, like
//! Jekyll's Psych, sits on libyaml (as the pure-Rust `unsafe-libyaml-norway`). Using
//! the same parser family as Jekyll means "strictly valid" agrees with Jekyll: the
//! posts Jekyll 4.3 drops are exactly the ones strict parsing rejects here, and
//! only those go through the lenient line reader below.

use serde_norway::{Mapping, Value};

/// A file split at its front matter fences.
#[derive(Debug, Clone, PartialEq)]
pub struct Split<'a> {
    /// The YAML between the fences (without them).
    pub yaml: &'a str,
    /// File line number (1-based) of the first YAML line.
    pub yaml_first_line: u32,
    /// Everything after the closing fence.
    pub body: &'a str,
}

/// Splits `text` like Jekyll does: the file must start with a `---` line; the front
/// matter ends at the next line that is `---` or `...` (trailing spaces allowed).
/// Returns `None` when the file has no front matter (Jekyll then treats it as a
/// static file, not a post).
pub fn split(text: &str) -> Option<Split<'_>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_end = text.find('\n')?;
    let first = text.get(..first_end)?;
    if first.trim_end() != "---" {
        return None;
    }
    let rest_start = first_end + 1;
    let rest = text.get(rest_start..)?;
    let mut offset = 0usize;
    for line in rest.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let yaml = rest.get(..offset)?;
            let body = rest.get(offset + line.len()..).unwrap_or("");
            return Some(Split {
                yaml,
                yaml_first_line: 2,
                body,
            });
        }
        offset += line.len();
    }
    None
}

/// [`split`], or for a file without front matter the whole file as its
/// body (a post all the same: Jekyll reads every dated file in `_posts`).
/// `yaml_first_line` is then 0, so that the body starts on line 1.
pub fn split_or_all(text: &str) -> Split<'_> {
    split(text).unwrap_or_else(|| Split {
        yaml: "",
        yaml_first_line: 0,
        body: text.strip_prefix('\u{feff}').unwrap_or(text),
    })
}

/// The result of reading front matter.
#[derive(Debug, Clone)]
pub struct FrontMatter {
    pub data: Mapping,
    /// Set when strict YAML failed and the lenient reader was used:
    /// (file line of the YAML error, error text).
    pub recovered: Option<(u32, String)>,
}

/// Reads front matter strictly; if that fails, falls back to [`lenient`].
pub fn parse(split: &Split<'_>) -> FrontMatter {
    match strict(split.yaml) {
        Ok(data) => FrontMatter {
            data,
            recovered: None,
        },
        Err((line, message)) => {
            let file_line = line.map_or(split.yaml_first_line.saturating_sub(1), |l| {
                l.saturating_add(split.yaml_first_line).saturating_sub(1)
            });
            FrontMatter {
                data: lenient(split.yaml),
                recovered: Some((file_line, message)),
            }
        }
    }
}

/// Strict YAML: a mapping or nothing. Errors carry the 1-based YAML line if known.
pub fn strict(yaml: &str) -> Result<Mapping, (Option<u32>, String)> {
    if yaml.trim().is_empty() {
        return Ok(Mapping::new());
    }
    match serde_norway::from_str::<Value>(yaml) {
        Ok(Value::Mapping(m)) => Ok(m),
        Ok(Value::Null) => Ok(Mapping::new()),
        Ok(other) => Err((
            Some(1),
            format!("front matter is a {} rather than a mapping", kind(&other)),
        )),
        Err(e) => {
            // libyaml also counts a lone `\r`, NEL, U+2028 and U+2029 as line
            // breaks; editors and the rest of the report count `\n` only.
            let line = e.location().map(|l| {
                let before = yaml.as_bytes().get(..l.index()).unwrap_or(yaml.as_bytes());
                let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
                u32::try_from(line).unwrap_or(u32::MAX)
            });
            Err((line, e.to_string()))
        }
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Sequence(_) => "list",
        Value::Mapping(_) => "mapping",
        Value::Tagged(_) => "tagged value",
    }
}

/// The lenient reader, used only where strict YAML fails: every top-level
/// `key: rest of line` becomes the plain string `rest of line` (quotes removed
/// when they enclose the whole value); `key: >` / `key: |` block scalars are
/// folded / kept literally; `key:` followed by `- item` lines becomes a list.
/// Anything else (nested maps, stray lines) is ignored.
pub fn lenient(yaml: &str) -> Mapping {
    let lines: Vec<&str> = yaml.lines().collect();
    let mut map = Mapping::new();
    let mut i = 0usize;
    while let Some(line) = lines.get(i) {
        i += 1;
        let Some((key, rest)) = top_level_key(line) else {
            continue;
        };
        let rest = rest.trim();
        // the lines that belong to this key: indented or blank ones, and for a
        // key without inline value also `- item` lines at column 0 (compact lists)
        let start = i;
        while let Some(next) = lines.get(i) {
            let belongs = next.trim().is_empty()
                || next.starts_with([' ', '\t'])
                || (rest.is_empty() && next.starts_with('-'));
            if !belongs {
                break;
            }
            i += 1;
        }
        let block: Vec<&str> = lines
            .get(start..i)
            .map(<[&str]>::to_vec)
            .unwrap_or_default();
        let value = if let Some(indicator) = block_indicator(rest) {
            Value::String(block_scalar(&block, indicator))
        } else if rest.is_empty() {
            let items: Vec<Value> = block
                .iter()
                .filter_map(|l| l.trim_start().strip_prefix('-'))
                .map(|item| Value::String(unquote(item.trim()).to_string()))
                .collect();
            if items.is_empty() {
                Value::Null
            } else {
                Value::Sequence(items)
            }
        } else {
            // continuation lines of a multi-line plain scalar are folded in
            let mut s = unquote(rest).to_string();
            for extra in block.iter().map(|l| l.trim()).filter(|l| !l.is_empty()) {
                s.push(' ');
                s.push_str(extra);
            }
            Value::String(s)
        };
        map.insert(Value::String(key.to_string()), value);
    }
    map
}

fn top_level_key(line: &str) -> Option<(&str, &str)> {
    if line.starts_with([' ', '\t', '#', '-']) {
        return None;
    }
    let line = line.trim_end_matches('\r');
    let colon = line
        .find(": ")
        .or_else(|| line.trim_end().strip_suffix(':').map(str::len))?;
    let key = unquote(line.get(..colon)?.trim());
    if key.is_empty() {
        return None;
    }
    Some((key, line.get(colon + 1..).unwrap_or("")))
}

/// `>` or `|` with optional chomping/indent indicators (`>-`, `|+`, `|2`).
fn block_indicator(rest: &str) -> Option<(char, char)> {
    let rest = rest.split(" #").next().unwrap_or(rest).trim();
    let mut chars = rest.chars();
    let style = chars.next().filter(|c| *c == '>' || *c == '|')?;
    let mut chomp = ' ';
    for c in chars {
        match c {
            '-' | '+' => chomp = c,
            '1'..='9' => {}
            _ => return None,
        }
    }
    Some((style, chomp))
}

fn block_scalar(block: &[&str], (style, chomp): (char, char)) -> String {
    let indent = block
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let body: Vec<&str> = block
        .iter()
        .map(|l| l.get(indent..).unwrap_or("").trim_end_matches('\r'))
        .collect();
    let mut out = String::new();
    if style == '|' {
        for l in &body {
            out.push_str(l);
            out.push('\n');
        }
    } else {
        // folded: lines joined by spaces, blank lines become newlines
        let mut prev_blank = true;
        for l in &body {
            if l.trim().is_empty() {
                out.push('\n');
                prev_blank = true;
            } else {
                if !prev_blank {
                    out.push(' ');
                }
                out.push_str(l);
                prev_blank = false;
            }
        }
        out.push('\n');
    }
    match chomp {
        '-' => out.trim_end_matches('\n').to_string(),
        '+' => out,
        _ => {
            let t = out.trim_end_matches('\n');
            if t.is_empty() {
                String::new()
            } else {
                format!("{t}\n")
            }
        }
    }
}

fn unquote(s: &str) -> &str {
    for q in ['"', '\''] {
        if s.len() >= 2 && s.starts_with(q) && s.ends_with(q) {
            if let Some(inner) = s.get(1..s.len() - 1) {
                return inner;
            }
        }
    }
    s
}

/// A scalar as text (strings, numbers, booleans); `None` for null, lists, maps.
pub fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Tagged(t) => scalar_text(&t.value),
        _ => None,
    }
}

/// Looks up a top-level key.
pub fn get<'a>(map: &'a Mapping, key: &str) -> Option<&'a Value> {
    map.get(key).filter(|v| !v.is_null())
}

/// A list-or-string front-matter field (`categories: [a, b]`, `categories: a b`)
/// merged with its singular key (`category: Foo Bar` is one item), as Jekyll does.
pub fn list_field(map: &Mapping, singular: &str, plural: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if let Some(v) = get(map, singular) {
        match v {
            Value::Sequence(items) => out.extend(items.iter().filter_map(scalar_text)),
            other => out.extend(scalar_text(other)),
        }
    }
    if let Some(v) = get(map, plural) {
        match v {
            Value::Sequence(items) => out.extend(items.iter().filter_map(scalar_text)),
            other => {
                if let Some(s) = scalar_text(other) {
                    out.extend(s.split_whitespace().map(str::to_string));
                }
            }
        }
    }
    let mut seen: Vec<String> = Vec::new();
    for item in out {
        let item = item.trim().to_string();
        if !item.is_empty() && !seen.contains(&item) {
            seen.push(item);
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter() {
        let s = split("---\ntitle: a\n---\nbody\n").unwrap();
        assert_eq!(s.yaml, "title: a\n");
        assert_eq!(s.body, "body\n");
        assert!(split("no front matter").is_none());
        assert!(split("---\nnever closed\n").is_none());
        let s = split("\u{feff}---\r\ntitle: a\r\n...\r\nx").unwrap();
        assert_eq!(s.yaml, "title: a\r\n");
        assert_eq!(s.body, "x");
    }

    #[test]
    fn lenient_reads_lines_blocks_and_lists() {
        let yaml = "title: [금메달] 일본 아미 브레이킹 초대 챔피언 등극!\ncategories:\n  - 스포츠\n  - News\nexcerpt: >\n  one\n  two\n\n  three\nfeature_text: |\n  ## Head\n  body\nimage: '/a.png'\n";
        let m = lenient(yaml);
        assert_eq!(
            get(&m, "title").and_then(scalar_text).as_deref(),
            Some("[금메달] 일본 아미 브레이킹 초대 챔피언 등극!")
        );
        assert_eq!(
            get(&m, "categories"),
            Some(&Value::Sequence(vec!["스포츠".into(), "News".into()]))
        );
        assert_eq!(
            get(&m, "excerpt").and_then(scalar_text).as_deref(),
            Some("one two\nthree\n")
        );
        assert_eq!(
            get(&m, "feature_text").and_then(scalar_text).as_deref(),
            Some("## Head\nbody\n")
        );
        assert_eq!(
            get(&m, "image").and_then(scalar_text).as_deref(),
            Some("/a.png")
        );
    }

    #[test]
    fn strict_failure_line_counts_newlines_only() {
        // found by the front_matter fuzz target: libyaml counted the lone CR
        // and the U+2028 as lines, so the line fell past the front matter
        for (yaml, line) in [
            ("x: a\rb: c\ntitle: [x] y\n", 2),
            ("x: a\u{2028}b\ntitle: [x] y\n", 2),
            ("a: 1\r\nb: [x] y\r\n", 2),
        ] {
            let (got, _) = strict(yaml).unwrap_err();
            assert_eq!(got, Some(line), "{yaml:?}");
        }
        let text = "---\ntitle: 'a'\r x\n[\n---\nbody";
        let (line, _) = parse(&split(text).unwrap()).recovered.unwrap();
        assert!(line <= 4, "{line}");
    }

    #[test]
    fn strict_failure_reports_file_line() {
        let text = "---\nlayout: post\ntitle: [금메달] 일본 아미 브레이킹!\n---\n";
        let s = split(text).unwrap();
        let fm = parse(&s);
        let (line, _) = fm.recovered.unwrap();
        assert_eq!(line, 3);
    }

    #[test]
    fn categories_list_or_string() {
        let m: Mapping =
            serde_norway::from_str("categories: News Sports\ntags: [a, b, a]").unwrap();
        assert_eq!(
            list_field(&m, "category", "categories"),
            vec!["News", "Sports"]
        );
        assert_eq!(list_field(&m, "tag", "tags"), vec!["a", "b"]);
        let m: Mapping = serde_norway::from_str("category: Big News\ncategories: [x]").unwrap();
        assert_eq!(
            list_field(&m, "category", "categories"),
            vec!["Big News", "x"]
        );
        let m: Mapping = serde_norway::from_str("categories:\n- 스포츠\n- 2024").unwrap();
        assert_eq!(
            list_field(&m, "category", "categories"),
            vec!["스포츠", "2024"]
        );
    }
}
