//! Where a Liquid error happened, and that place shown as text.
//!
//! A parse error names a line and column (or, for an unclosed block, the
//! block's name); an unknown filter names the filter; a render error names
//! neither, so the tags and outputs that can fail at render time are shown
//! as text one at a time until the post renders. The place found is wrapped
//! in `{% raw %}`, so the reader sees what the author wrote there.

use super::prepare::tags;
use super::Problem;

/// Render-time errors are looked for among at most this many places.
const MAX_TRIALS: usize = 64;

/// A piece of Liquid: `{{ … }}` or `{% … %}`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Place {
    start: usize,
    end: usize,
}

/// `text` with the place of `error` shown as text, and the problem; `None`
/// when the place is not found by the error alone (see [`suspects`]).
pub fn repair(text: &str, error: &liquid_core::Error) -> Option<(String, Problem)> {
    let message = error.to_string();
    let place = unclosed_block(text, &message)
        .or_else(|| located(text, &message))
        .or_else(|| named_filter(text, &message))?;
    Some(shown_as_text(text, place, describe(&message)))
}

/// Places that may fail at render time (outputs, and tags that are not
/// blocks), in order, each shown as text: the caller tries them in turn.
/// The problem's message has `{}` where the error's description goes.
pub fn suspects(text: &str) -> Vec<(String, Problem)> {
    let blocks = [
        "if",
        "unless",
        "for",
        "case",
        "capture",
        "tablerow",
        "ifchanged",
        "highlight",
    ];
    let mut places: Vec<Place> = outputs(text);
    places.extend(tags(text).into_iter().filter_map(|t| {
        let is_block = blocks.contains(&t.name.as_str())
            || t.name.starts_with("end")
            || ["else", "elsif", "when", "raw", "comment"].contains(&t.name.as_str());
        (!is_block).then_some(Place {
            start: t.start,
            end: t.end,
        })
    }));
    places.sort_by_key(|p| p.start);
    places.truncate(MAX_TRIALS);
    places
        .into_iter()
        .map(|place| shown_as_text(text, place, "{}".into()))
        .collect()
}

/// The problem of an error whose place was not found.
pub fn unplaced(error: &liquid_core::Error) -> Problem {
    Problem {
        line: None,
        message: format!(
            "{}; the body is shown without its Liquid rendered",
            describe(&error.to_string())
        ),
    }
}

/// A short description of a Liquid error.
pub fn describe(message: &str) -> String {
    let detail = |key: &str| {
        message.lines().find_map(|l| {
            l.trim()
                .strip_prefix(key)
                .and_then(|v| v.strip_prefix('='))
                .map(str::to_string)
        })
    };
    if message.contains("Unknown tag") {
        return format!(
            "unknown Liquid tag `{}`",
            detail("requested").unwrap_or_default()
        );
    }
    if message.contains("Unknown filter") {
        return format!(
            "unknown Liquid filter `{}`",
            detail("requested filter").unwrap_or_default()
        );
    }
    let summary = message
        .lines()
        .find_map(|l| l.trim().strip_prefix("= "))
        .or_else(|| {
            message
                .lines()
                .next()
                .map(|l| l.trim_start_matches("liquid:").trim())
        })
        .unwrap_or("error");
    let filter = detail("filter")
        .map(|f| format!(" (filter `{}`)", f.trim()))
        .unwrap_or_default();
    let cause = detail("cause")
        .map(|c| format!(": {c}"))
        .unwrap_or_default();
    format!("Liquid: {}{cause}{filter}", summary.trim_end_matches('.'))
}

/// `text` with `place` wrapped in `{% raw %}`.
fn shown_as_text(text: &str, place: Place, message: String) -> (String, Problem) {
    let before = text.get(..place.start).unwrap_or("");
    let inside = text.get(place.start..place.end).unwrap_or("");
    let after = text.get(place.end..).unwrap_or("");
    let repaired = format!("{before}{{% raw %}}{inside}{{% endraw %}}{after}");
    let problem = Problem {
        line: Some(line_of(text, place.start)),
        message: format!(
            "{message}; `{}` is shown as text",
            crate::text::shorten(inside, 60)
        ),
    };
    (repaired, problem)
}

fn line_of(text: &str, at: usize) -> u32 {
    let before = text.get(..at).unwrap_or(text);
    u32::try_from(before.matches('\n').count() + 1).unwrap_or(u32::MAX)
}

/// ` --> 3:7` in a parse error: the place there (or the last before it).
fn located(text: &str, message: &str) -> Option<Place> {
    let position = message.lines().find_map(|l| l.split("--> ").nth(1))?;
    let (line, column) = position.split_once(':')?;
    let line: usize = line.trim().parse().ok()?;
    let column: usize = column.trim().parse().ok()?;
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let rest = text.get(line_start..)?;
    let offset = rest
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(rest.len(), |(i, _)| i);
    let at = line_start + offset;
    let places = all_places(text);
    places
        .iter()
        .find(|p| p.start <= at && at < p.end)
        .or_else(|| places.iter().rev().find(|p| p.start <= at))
        .copied()
}

/// "Unclosed block. {% endif %} tag expected.": the `if` never closed.
fn unclosed_block(text: &str, message: &str) -> Option<Place> {
    let expected = message.split("{% end").nth(1)?;
    let name = expected.split_whitespace().next()?;
    let end_name = format!("end{name}");
    let mut open = Vec::new();
    for tag in tags(text) {
        if tag.name == name {
            open.push(Place {
                start: tag.start,
                end: tag.end,
            });
        } else if tag.name == end_name {
            open.pop();
        }
    }
    open.pop()
}

/// "requested filter=x" or "filter=x …": the first place using filter `x`.
fn named_filter(text: &str, message: &str) -> Option<Place> {
    let name = message.lines().find_map(|l| {
        let l = l.trim();
        l.strip_prefix("requested filter=")
            .or_else(|| l.strip_prefix("filter="))
            .and_then(|v| v.split([' ', ':']).next())
    })?;
    all_places(text).into_iter().find(|p| {
        text.get(p.start..p.end).is_some_and(|s| {
            s.split('|')
                .skip(1)
                .any(|f| f.trim_start().split([' ', ':', '}', '%']).next() == Some(name))
        })
    })
}

/// Every output and tag outside raw and comment blocks, those blocks' own
/// tags left out (showing them as text would undo an earlier repair).
fn all_places(text: &str) -> Vec<Place> {
    let mut places = outputs(text);
    places.extend(
        tags(text)
            .into_iter()
            .filter(|t| !["raw", "endraw", "comment", "endcomment"].contains(&t.name.as_str()))
            .map(|t| Place {
                start: t.start,
                end: t.end,
            }),
    );
    places.sort_by_key(|p| p.start);
    places
}

/// `{{ … }}` outputs outside raw and comment blocks.
fn outputs(text: &str) -> Vec<Place> {
    let quiet: Vec<(usize, usize)> = quiet_ranges(text);
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(found) = text.get(at..).and_then(|r| r.find("{{")) {
        let start = at + found;
        let Some(close) = text.get(start..).and_then(|r| r.find("}}")) else {
            break;
        };
        let end = start + close + 2;
        at = end;
        if !quiet.iter().any(|&(s, e)| s <= start && start < e) {
            out.push(Place { start, end });
        }
    }
    out
}

/// The inside of raw and comment blocks.
fn quiet_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut open: Option<usize> = None;
    for tag in tags(text) {
        match tag.name.as_str() {
            "raw" | "comment" if open.is_none() => open = Some(tag.end),
            "endraw" | "endcomment" => {
                if let Some(start) = open.take() {
                    ranges.push((start, tag.start));
                }
            }
            _ => {}
        }
    }
    if let Some(start) = open {
        ranges.push((start, text.len()));
    }
    ranges
}
