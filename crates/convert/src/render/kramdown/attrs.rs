//! kramdown's attribute lists: the `{: #id .class key="value" ref}` of an
//! inline attribute list (IAL) and of an attribute list definition (ALD,
//! `{:ref: …}`), read as kramdown reads them (`parse_attribute_list`), and
//! written as HTML attributes that are always well formed.

use super::escape;

/// Attributes for one element. Classes add up, an id or a key replaces the
/// earlier one, bare words are references (to an ALD, or `toc`).
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Attrs {
    pub id: Option<String>,
    pub classes: Vec<String>,
    /// Other attributes in the order given; a key appears once.
    pub pairs: Vec<(String, String)>,
    pub refs: Vec<String>,
}

impl Attrs {
    pub fn is_empty(&self) -> bool {
        self.id.is_none()
            && self.classes.is_empty()
            && self.pairs.is_empty()
            && self.refs.is_empty()
    }

    pub fn has_class(&self, class: &str) -> bool {
        self.classes.iter().any(|c| c == class)
    }

    pub fn has_ref(&self, name: &str) -> bool {
        self.refs.iter().any(|r| r == name)
    }

    pub fn add_class(&mut self, class: &str) {
        if !class.is_empty() && !self.has_class(class) {
            self.classes.push(class.to_string());
        }
    }

    /// `key="value"`: `class` adds classes, `id` replaces the id, `style`
    /// adds declarations (as kramdown does), anything else replaces.
    pub fn set(&mut self, key: &str, value: &str) {
        match key {
            "class" => value.split_whitespace().for_each(|c| self.add_class(c)),
            "id" => self.id = Some(value.to_string()),
            "style" => {
                let declaration = match value.trim_end().ends_with(';') {
                    true => value.trim().to_string(),
                    false => format!("{};", value.trim()),
                };
                let style = match self.get("style") {
                    Some(old) => format!("{old} {declaration}"),
                    None => declaration,
                };
                self.replace("style", style);
            }
            _ => self.replace(key, value.to_string()),
        }
    }

    fn replace(&mut self, key: &str, value: String) {
        match self.pairs.iter_mut().find(|(k, _)| k == key) {
            Some(pair) => pair.1 = value,
            None => self.pairs.push((key.to_string(), value)),
        }
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// `other` applied after `self`, as a second IAL on the same element.
    pub fn merge(&mut self, other: Attrs) {
        if other.id.is_some() {
            self.id = other.id;
        }
        other.classes.iter().for_each(|c| self.add_class(c));
        for (key, value) in &other.pairs {
            self.set(key, value);
        }
        self.refs.extend(other.refs);
    }
}

/// An attribute list's text (between `{:` and `}`) as attributes, and
/// whether every word of it was valid kramdown (a span IAL must be, so that
/// text such as Ruby's `{:a => 1}` stays text).
pub(super) fn parse(content: &str) -> (Attrs, bool) {
    let mut attrs = Attrs::default();
    let mut valid = true;
    let mut rest = content.trim_start();
    while !rest.is_empty() {
        let (ok, after) = word(&mut attrs, rest);
        valid &= ok;
        rest = after.trim_start();
    }
    (attrs, valid)
}

/// One word of an attribute list: `#id.class`, `key="value"` or `ref`.
fn word<'s>(attrs: &mut Attrs, text: &'s str) -> (bool, &'s str) {
    if text.starts_with(['#', '.']) {
        let end = text.find(char::is_whitespace).unwrap_or(text.len());
        let (token, rest) = text.split_at(end);
        return (ids_and_classes(attrs, token), rest);
    }
    let name_end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(text.len());
    let (name, rest) = text.split_at(name_end);
    let name_ok = name.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_');
    if name_ok && rest.starts_with(['"', '\'']) {
        return (false, skip_word(rest));
    }
    if let (true, Some(after_eq)) = (name_ok, rest.strip_prefix('=')) {
        if let Some((value, after)) = quoted(after_eq) {
            if after.is_empty() || after.starts_with(char::is_whitespace) {
                attrs.set(name, &value);
                return (true, after);
            }
        }
        return (false, skip_word(rest));
    }
    if name_ok && (rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        attrs.refs.push(name.to_string());
        return (true, rest);
    }
    (false, skip_word(rest))
}

fn skip_word(text: &str) -> &str {
    let end = text.find(char::is_whitespace).unwrap_or(text.len());
    text.get(end..).unwrap_or_default()
}

/// `"value"` or `'value'` with `\}` and the escaped quote unescaped.
fn quoted(text: &str) -> Option<(String, &str)> {
    let quote = text.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let mut value = String::new();
    let mut chars = text.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        if c == quote {
            return Some((value, text.get(i + 1..).unwrap_or_default()));
        }
        if c == '\\' {
            if let Some((_, next)) = chars
                .clone()
                .next()
                .filter(|(_, n)| *n == quote || *n == '}')
            {
                value.push(next);
                chars.next();
                continue;
            }
        }
        value.push(c);
    }
    None
}

/// `#id.a.b`: kramdown's ids start with an ASCII letter; a class is
/// anything without white space, `.` or `#`.
fn ids_and_classes(attrs: &mut Attrs, token: &str) -> bool {
    let mut valid = true;
    let marks: Vec<usize> = token.match_indices(['#', '.']).map(|(i, _)| i).collect();
    for (n, &mark) in marks.iter().enumerate() {
        let end = marks.get(n + 1).copied().unwrap_or(token.len());
        let (kind, name) = (token.get(mark..mark + 1), token.get(mark + 1..end));
        match (kind, name) {
            (Some("."), Some(class)) if !class.is_empty() => attrs.add_class(class),
            (Some("#"), Some(id)) if is_kramdown_id(id) => attrs.id = Some(id.to_string()),
            _ => valid = false,
        }
    }
    valid
}

fn is_kramdown_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_alphabetic())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | ':' | '-'))
}

/// An attribute name that is safe to write: `[A-Za-z_:][-A-Za-z0-9_:.]*`.
pub(super) fn is_valid_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_' || c == ':')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
}

/// ` id="…" class="…" key="…"`: `native` classes first, names that are not
/// valid HTML attribute names left out, values escaped. Keys in `skip` are
/// left out (the element writes them itself).
pub(super) fn write(out: &mut String, attrs: &Attrs, native: &[&str], skip: &[&str]) {
    if let Some(id) = &attrs.id {
        pair(out, "id", id);
    }
    let classes: Vec<&str> = native
        .iter()
        .copied()
        .chain(attrs.classes.iter().map(String::as_str))
        .filter(|c| !c.is_empty())
        .collect();
    if !classes.is_empty() {
        pair(out, "class", &classes.join(" "));
    }
    for (key, value) in &attrs.pairs {
        let reserved = matches!(key.as_str(), "id" | "class") || skip.contains(&key.as_str());
        if !reserved && is_valid_name(key) {
            pair(out, key, value);
        }
    }
}

fn pair(out: &mut String, key: &str, value: &str) {
    out.push(' ');
    out.push_str(key);
    out.push_str("=\"");
    escape::attr(out, value);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_kramdown_attribute_lists() {
        let (attrs, valid) = parse(r#" .a.b #x-1 key="v \"q\" \}" other='s' toc "#);
        assert!(valid);
        assert_eq!(attrs.id.as_deref(), Some("x-1"));
        assert_eq!(attrs.classes, ["a", "b"]);
        assert_eq!(attrs.get("key"), Some(r#"v "q" }"#));
        assert_eq!(attrs.get("other"), Some("s"));
        assert_eq!(attrs.refs, ["toc"]);
        let (attrs, valid) = parse("a => 1");
        assert!(!valid);
        assert_eq!(attrs.refs, ["a", "1"]);
        assert!(!parse("#1a").1);
        assert!(!parse("k=v").1);
        assert!(!parse(r#"k="unclosed"#).1);
    }

    #[test]
    fn writes_only_well_formed_attributes() {
        let mut attrs = parse(r#".b key="<&>" 1bad="x" on-x="y""#).0;
        attrs.set("style", "color: red");
        attrs.set("style", "margin: 0;");
        let mut out = String::new();
        write(&mut out, &attrs, &["a"], &[]);
        assert_eq!(
            out,
            r#" class="a b" key="&lt;&amp;&gt;" on-x="y" style="color: red; margin: 0;""#
        );
    }
}
