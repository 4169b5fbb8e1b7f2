//! The `lang` of a page's `<html>` element. The app's index.html is built
//! once, with sinmun's default language; every page the converter makes from
//! it says the site's own (`_config.yml`'s `lang`, or the one inferred from
//! the posts), so screen readers, hyphenation and font choice follow it.

use crate::output::xml::xml_escape;

/// `page` with its `<html>` element's `lang` set to `lang` (added when it
/// has none); unchanged when the page has no `<html>` start tag or `lang`
/// is empty.
pub fn with_html_lang(page: &str, lang: &str) -> String {
    let lang = lang.trim();
    let Some((start, end)) = html_tag(page).filter(|_| !lang.is_empty()) else {
        return page.to_string();
    };
    let value = format!("\"{}\"", xml_escape(lang));
    let tag = page.get(start..end).unwrap_or_default();
    let new_tag = match lang_value(tag) {
        Some((from, to)) => [tag.get(..from), Some(value.as_str()), tag.get(to..)]
            .into_iter()
            .flatten()
            .collect::<String>(),
        None => format!(
            "<html lang={value}{}",
            tag.get("<html".len()..).unwrap_or_default()
        ),
    };
    [page.get(..start), Some(new_tag.as_str()), page.get(end..)]
        .into_iter()
        .flatten()
        .collect()
}

/// Byte range of the first `<html …` start tag, up to before its `>`.
fn html_tag(page: &str) -> Option<(usize, usize)> {
    let lower = page.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower.get(from..)?.find("<html").map(|i| i + from) {
        let next = lower.as_bytes().get(at + "<html".len()).copied();
        if matches!(next, Some(b' ' | b'\t' | b'\n' | b'\r' | b'>' | b'/')) {
            let end = at + lower.get(at..)?.find('>')?;
            return Some((at, end));
        }
        from = at + 1;
    }
    None
}

/// Byte range, within `tag`, of the `lang` attribute's value (quotes
/// included).
fn lang_value(tag: &str) -> Option<(usize, usize)> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower.get(from..)?.find("lang").map(|i| i + from) {
        let before = lower.as_bytes().get(at.wrapping_sub(1)).copied();
        let rest = lower.get(at + "lang".len()..)?;
        let trimmed = rest.trim_start();
        if matches!(before, Some(b' ' | b'\t' | b'\n' | b'\r')) && trimmed.starts_with('=') {
            let value_start = tag.len() - trimmed.len() + 1;
            let value = tag.get(value_start..)?;
            let skipped = value.len() - value.trim_start().len();
            let value_start = value_start + skipped;
            let value = value.trim_start();
            let len = match value.chars().next() {
                Some(q @ ('"' | '\'')) => value.get(1..)?.find(q).map_or(value.len(), |e| e + 2),
                _ => value
                    .find(|c: char| c.is_whitespace() || c == '/')
                    .unwrap_or(value.len()),
            };
            return Some((value_start, value_start + len));
        }
        from = at + "lang".len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pages_language_is_the_sites() {
        let set = |page: &str| with_html_lang(page, "en");
        assert_eq!(
            set("<!DOCTYPE html>\n<html lang=\"ko\">\n<head>"),
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>"
        );
        assert_eq!(set("<html lang=ko class=x>"), "<html lang=\"en\" class=x>");
        assert_eq!(
            set("<HTML class=x LANG = 'ko'>"),
            "<HTML class=x LANG = \"en\">"
        );
        assert_eq!(
            set("<html class=\"slang\">"),
            "<html lang=\"en\" class=\"slang\">"
        );
        assert_eq!(set("<html>"), "<html lang=\"en\">");
        assert_eq!(
            with_html_lang("<html lang=\"ko\">", " "),
            "<html lang=\"ko\">"
        );
        assert_eq!(set("<p>no html</p><htmlx>"), "<p>no html</p><htmlx>");
        assert_eq!(
            with_html_lang("<html lang=\"ko\">", "\"><script>"),
            "<html lang=\"&quot;&gt;&lt;script&gt;\">"
        );
    }
}
