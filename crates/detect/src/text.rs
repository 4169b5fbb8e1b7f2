//! How findings are shown in messages: where in the document (line and
//! column), and excerpts cut to a readable length.

use alloc::string::String;

/// The 1-based line and column of byte `at`. Columns count characters of
/// UTF-8 text (continuation bytes are not counted).
pub(crate) fn line_and_column(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = bytes.get(..at).unwrap_or(bytes);
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |newline| newline + 1);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let column = 1 + before
        .get(line_start..)
        .unwrap_or_default()
        .iter()
        .filter(|&&b| b & 0xC0 != 0x80)
        .count();
    (line, column)
}

/// At most `max` characters of `bytes` (read as UTF-8, invalid bytes
/// replaced), with `…` when cut.
pub(crate) fn short(bytes: &[u8], max: usize) -> String {
    // A character is at most 4 bytes, so this prefix holds `max` of them.
    let head = bytes.get(..max.saturating_mul(4)).unwrap_or(bytes);
    let mut out = String::new();
    let whole = push_short(&mut out, &String::from_utf8_lossy(head), max);
    if whole && head.len() < bytes.len() {
        out.push('…');
    }
    out
}

/// Appends `text` to `out` while `out` has fewer than `max` characters; then
/// `…`. Returns whether there was room for all of it.
pub(crate) fn push_short(out: &mut String, text: &str, max: usize) -> bool {
    let room = max.saturating_sub(out.chars().count());
    let mut chars = text.chars();
    out.extend(chars.by_ref().take(room));
    if chars.next().is_some() {
        out.push('…');
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        assert_eq!(line_and_column(b"abc", 0), (1, 1));
        assert_eq!(line_and_column(b"abc", 2), (1, 3));
        assert_eq!(line_and_column(b"a\nbc", 3), (2, 2));
        assert_eq!(line_and_column("한국 x".as_bytes(), 7), (1, 4));
        assert_eq!(line_and_column(b"ab", 99), (1, 3));
    }

    #[test]
    fn excerpts_are_cut_on_characters() {
        assert_eq!(short("한국어".as_bytes(), 2), "한국…");
        assert_eq!(short(b"ab", 2), "ab");
        assert_eq!(short(b"abc", 2), "ab…");
        assert_eq!(short(b"\xB0\xA1x", 5), "\u{fffd}\u{fffd}x");
        assert_eq!(short(&[b'k'; 1000], 40).chars().count(), 41);
    }
}
