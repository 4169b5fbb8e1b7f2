//! Previous / numbered / next links; every page has its own URL.

use leptos::prelude::*;

use crate::labels::Labels;

/// The numbers shown: first, last, and a window around the current page.
fn visible_pages(page: u32, pages: u32) -> Vec<Option<u32>> {
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

#[component]
pub fn Pager(
    page: u32,
    pages: u32,
    labels: &'static Labels,
    /// The URL of page n.
    href: fn(&str, u32) -> String,
    /// Passed to `href` (the category slug, or empty).
    #[prop(into)]
    key: String,
) -> impl IntoView {
    if pages <= 1 {
        return ().into_any();
    }
    let link = move |n: u32| href(&key, n);
    view! {
        <nav class="pager" aria-label=labels.page>
            {(page > 1).then(|| view! { <a href=link(page - 1) rel="prev" class="pager-prev">{"← "}{labels.previous}</a> })}
            <ol class="pager-pages">
                {visible_pages(page, pages).into_iter().map(|n| match n {
                    Some(n) if n == page => view! { <li><span aria-current="page">{n}</span></li> }.into_any(),
                    Some(n) => view! { <li><a href=link(n)>{n}</a></li> }.into_any(),
                    None => view! { <li class="gap" aria-hidden="true">"…"</li> }.into_any(),
                }).collect_view()}
            </ol>
            {(page < pages).then(|| view! { <a href=link(page + 1) rel="next" class="pager-next">{labels.next}{" →"}</a> })}
        </nav>
    }
    .into_any()
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
