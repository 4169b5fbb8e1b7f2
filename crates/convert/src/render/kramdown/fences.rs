//! What is code, for the source passes that run before pulldown-cmark has
//! parsed anything (`{::comment}` and the `markdown` attribute must not be
//! read in a code sample): fenced code, line by line, container prefixes
//! (`>`, indentation) looked through; and the code spans of one line.

use std::collections::HashMap;
use std::ops::Range;

#[derive(Debug, Default)]
pub(super) struct Fences {
    /// The open fence's character and length.
    open: Option<(char, usize)>,
}

impl Fences {
    /// Whether `line` is part of a fenced code block (its fences included);
    /// the state moves on to the next line.
    pub fn is_code(&mut self, line: &str) -> bool {
        let content = line.trim_start_matches([' ', '\t', '>']);
        let Some(fence) = content.chars().next().filter(|c| *c == '`' || *c == '~') else {
            return self.open.is_some();
        };
        let run = content.len() - content.trim_start_matches(fence).len();
        let after = content.get(run..).unwrap_or_default();
        match self.open {
            Some((open, len)) => {
                if fence == open && run >= len && after.trim().is_empty() {
                    self.open = None;
                }
            }
            None if run >= 3 && !(fence == '`' && after.contains('`')) => {
                self.open = Some((fence, run));
            }
            None => return false,
        }
        true
    }
}

/// The code spans of one line (a run of backticks to the next run of the
/// same length), in linear time.
pub(super) fn code_spans(line: &str) -> Vec<Range<usize>> {
    let bytes = line.as_bytes();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes.get(i) == Some(&b'`') {
            let len = bytes
                .get(i..)
                .map_or(0, |b| b.iter().take_while(|&&c| c == b'`').count());
            let escaped = i > 0 && bytes.get(i - 1) == Some(&b'\\');
            if !escaped {
                runs.push((i, len));
            }
            i += len.max(1);
        } else {
            i += 1;
        }
    }
    let mut by_length: HashMap<usize, Vec<usize>> = HashMap::new();
    for (n, &(_, len)) in runs.iter().enumerate() {
        by_length.entry(len).or_default().push(n);
    }
    let mut spans = Vec::new();
    let mut cursor: HashMap<usize, usize> = HashMap::new();
    let mut n = 0;
    while let Some(&(start, len)) = runs.get(n) {
        let same = by_length.get(&len).map(Vec::as_slice).unwrap_or_default();
        let at = cursor.entry(len).or_insert(0);
        while same.get(*at).is_some_and(|&m| m <= n) {
            *at += 1;
        }
        match same.get(*at).and_then(|&m| runs.get(m).map(|r| (m, r))) {
            Some((m, &(end, end_len))) => {
                spans.push(start..end + end_len);
                n = m + 1;
            }
            None => n += 1,
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_code_spans_on_a_line() {
        let line = "a `{::x}` b ``c ` d`` \\`e` ```";
        let spans: Vec<&str> = code_spans(line)
            .into_iter()
            .filter_map(|r| line.get(r))
            .collect();
        assert_eq!(spans, ["`{::x}`", "``c ` d``"]);
    }

    #[test]
    fn follows_fences_through_containers() {
        let mut fences = Fences::default();
        let lines = [
            "text", "> ```rb", "> {::x}", "> ~~~", "> ````", "after", "~~~", "x", "~~~~", "y",
        ];
        let code: Vec<bool> = lines.iter().map(|l| fences.is_code(l)).collect();
        assert_eq!(
            code,
            [false, true, true, true, true, false, true, true, true, false]
        );
        assert!(!Fences::default().is_code("``` a ` b"));
    }
}
