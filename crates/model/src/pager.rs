//! Which page numbers a list's pager shows: the first, the last, and two
//! either side of the current one, with gaps (`None`) between. The app's
//! pager and the converter's prerendered list pages show the same.

/// The numbers to show for `page` of `pages`.
pub fn visible_pages(page: u32, pages: u32) -> Vec<Option<u32>> {
    // Only the candidates are visited: `pages` comes from the manifest and
    // may be in the billions.
    let window = page.saturating_sub(2).max(1)..=page.saturating_add(2).min(pages);
    let mut candidates: Vec<u32> = std::iter::once(1)
        .chain(window)
        .chain(std::iter::once(pages))
        .filter(|n| (1..=pages).contains(n))
        .collect();
    candidates.dedup();
    let mut out = Vec::new();
    let mut last_shown = 0;
    for n in candidates {
        if n <= last_shown {
            continue;
        }
        if n > last_shown + 1 {
            out.push(None); // a gap
        }
        out.push(Some(n));
        last_shown = n;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::visible_pages;

    #[test]
    fn windows_with_gaps() {
        assert_eq!(visible_pages(1, 3), vec![Some(1), Some(2), Some(3)]);
        assert_eq!(
            visible_pages(10, 20),
            vec![
                Some(1),
                None,
                Some(8),
                Some(9),
                Some(10),
                Some(11),
                Some(12),
                None,
                Some(20)
            ]
        );
        assert_eq!(visible_pages(2, 2), vec![Some(1), Some(2)]);
        assert_eq!(visible_pages(1, 1), vec![Some(1)]);
        assert_eq!(
            visible_pages(1, u32::MAX),
            vec![Some(1), Some(2), Some(3), None, Some(u32::MAX)]
        );
        assert_eq!(
            visible_pages(u32::MAX, u32::MAX),
            vec![
                Some(1),
                None,
                Some(u32::MAX - 2),
                Some(u32::MAX - 1),
                Some(u32::MAX)
            ]
        );
    }
}
