//! kramdown's abbreviations: every occurrence of a defined abbreviation in
//! text becomes `<abbr title="…">…</abbr>`. Text means text events outside
//! code, image alt text, and raw `<code>`, `<kbd>`, `<samp>`, `<pre>`,
//! `<script>`, `<style>`, `<textarea>` and `<abbr>` elements; link
//! addresses and raw HTML tags are never text.
//!
//! An occurrence is whole as kramdown's regular expression makes it
//! (`(?:\W|^)ABBR(?!\w)` with Ruby's ASCII `\w`): so `HTML은`, with a Korean
//! particle right after it, is one.

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::escape;
use super::writer::Item;

/// At most this many abbreviations are used, of at most this many bytes:
/// bounds the work for each position of the text.
const MAX_ABBREVIATIONS: usize = 1000;
const MAX_LENGTH: usize = 200;

/// Raw inline elements whose text is not abbreviated.
const RAW_ELEMENTS: &[&str] = &[
    "code", "kbd", "samp", "pre", "script", "style", "textarea", "abbr",
];

pub(super) struct Abbreviations {
    /// By first character: (abbreviation, its `<abbr …>` tag), longest first.
    by_first: HashMap<char, Vec<(String, String)>>,
}

impl Abbreviations {
    /// The definitions in source order (a later one replaces an earlier).
    pub fn new(definitions: &[(String, String)]) -> Self {
        let mut titles: HashMap<&str, &str> = HashMap::new();
        for (abbr, title) in definitions {
            if abbr.len() <= MAX_LENGTH
                && (titles.len() < MAX_ABBREVIATIONS || titles.contains_key(abbr.as_str()))
            {
                titles.insert(abbr, title);
            }
        }
        let mut by_first: HashMap<char, Vec<(String, String)>> = HashMap::new();
        for (abbr, title) in titles {
            let Some(first) = abbr.chars().next() else {
                continue;
            };
            let mut tag = String::from("<abbr");
            if !title.is_empty() {
                tag.push_str(" title=\"");
                escape::attr(&mut tag, title);
                tag.push('"');
            }
            tag.push('>');
            by_first
                .entry(first)
                .or_default()
                .push((abbr.to_string(), tag));
        }
        for list in by_first.values_mut() {
            list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        }
        Abbreviations { by_first }
    }

    /// The abbreviation (and its tag) that starts `text` as a whole word.
    fn at(&self, text: &str) -> Option<&(String, String)> {
        let first = text.chars().next()?;
        self.by_first.get(&first)?.iter().find(|(abbr, _)| {
            text.strip_prefix(abbr.as_str())
                .is_some_and(|after| !after.starts_with(is_word))
        })
    }
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The items with abbreviations marked up in their text.
pub(super) fn apply<'a>(items: Vec<Item<'a>>, abbreviations: &Abbreviations) -> Vec<Item<'a>> {
    if abbreviations.by_first.is_empty() {
        return items;
    }
    let mut out = Vec::with_capacity(items.len());
    let mut skip = 0usize;
    for item in items {
        match &item.event {
            Event::Start(Tag::CodeBlock(_) | Tag::Image { .. }) => skip += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::Image) => skip = skip.saturating_sub(1),
            Event::InlineHtml(html) => skip = raw_depth(html, skip),
            Event::Text(text) if skip == 0 => {
                expand(text, abbreviations, &mut out);
                continue;
            }
            _ => {}
        }
        out.push(item);
    }
    out
}

/// The skip depth after an inline HTML tag that opens or closes a raw
/// element.
fn raw_depth(html: &str, depth: usize) -> usize {
    let (closing, rest) = match html.strip_prefix("</") {
        Some(rest) => (true, rest),
        None => (false, html.strip_prefix('<').unwrap_or_default()),
    };
    let name_end = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    let name = rest
        .get(..name_end)
        .unwrap_or_default()
        .to_ascii_lowercase();
    if !RAW_ELEMENTS.contains(&name.as_str()) || html.ends_with("/>") {
        return depth;
    }
    if closing {
        depth.saturating_sub(1)
    } else {
        depth + 1
    }
}

fn expand<'a>(text: &CowStr<'a>, abbreviations: &Abbreviations, out: &mut Vec<Item<'a>>) {
    let mut plain_from = 0;
    let mut at = 0;
    let mut after_word = false;
    while let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) {
        let found = match after_word {
            true => None,
            false => text.get(at..).and_then(|rest| abbreviations.at(rest)),
        };
        let Some((abbr, tag)) = found else {
            after_word = is_word(c);
            at += c.len_utf8();
            continue;
        };
        if plain_from < at {
            let plain = text.get(plain_from..at).unwrap_or_default();
            out.push(Item::new(Event::Text(CowStr::from(plain.to_string()))));
        }
        out.push(Item::new(Event::InlineHtml(CowStr::from(tag.clone()))));
        out.push(Item::new(Event::Text(CowStr::from(abbr.clone()))));
        out.push(Item::new(Event::InlineHtml(CowStr::Borrowed("</abbr>"))));
        at += abbr.len();
        plain_from = at;
        after_word = abbr.ends_with(is_word);
    }
    if plain_from == 0 {
        out.push(Item::new(Event::Text(text.clone())));
    } else if plain_from < text.len() {
        let plain = text.get(plain_from..).unwrap_or_default();
        out.push(Item::new(Event::Text(CowStr::from(plain.to_string()))));
    }
}
