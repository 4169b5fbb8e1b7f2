//! The "onward reading" step: for every article, the articles before and
//! after it by date and up to three related ones, worked out here so the
//! browser fetches no index for them. The prerendered page writes them at
//! the end of the article (`prerender/onward.rs`), where the app takes them
//! over with the body.
//!
//! Related means, in this order: more categories and tags in common, then
//! more title terms in common (the search index's terms: Hangul bigrams and
//! Latin words, so `가계대출` and `대출` share one), then newer. Candidates are
//! the articles sharing a tag or a title term (a term in more than
//! [`COMMON_TERM`] titles says nothing and is skipped) and the newest few of
//! each of the article's categories; the previous and next articles are
//! left out (they are linked already).

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;
use sinmun_model::Article;
use sinmun_search::normalize::normalize;
use sinmun_search::tokens::each_term;

/// Related articles shown under an article.
pub const RELATED: usize = 3;
/// A title term in more titles than this is too common to relate articles.
const COMMON_TERM: usize = 100;
/// The newest articles of each category that are candidates for any article in it.
const NEWEST_PER_CATEGORY: usize = 6;

/// One link at an article's end.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Link {
    pub slug: String,
    pub title: String,
    pub date: String,
}

/// What follows one article.
#[derive(Serialize, Clone, Debug, Default, PartialEq)]
pub struct Onward {
    /// The article before it (older).
    pub previous: Option<Link>,
    /// The article after it (newer).
    pub next: Option<Link>,
    pub related: Vec<Link>,
}

/// An article's keys for relating it: category and tag names, title terms.
struct Keys {
    labels: Vec<String>,
    terms: Vec<String>,
}

/// Every article's onward links, by slug.
pub fn for_catalogue(catalogue: &crate::catalogue::Catalogue) -> HashMap<String, Onward> {
    let articles: Vec<&Article> = catalogue.oldest_first().map(|item| &item.article).collect();
    let onward = onward(&articles);
    articles
        .iter()
        .map(|a| a.slug.clone())
        .zip(onward)
        .collect()
}

/// `oldest_first`'s onward links, in the same order.
pub fn onward(oldest_first: &[&Article]) -> Vec<Onward> {
    let keys: Vec<Keys> = oldest_first.par_iter().map(|a| keys(a)).collect();
    let by_label = inverted(keys.iter().map(|k| &k.labels));
    let by_term = inverted(keys.iter().map(|k| &k.terms));
    let newest: HashMap<&str, Vec<usize>> = newest_per_category(oldest_first);
    (0..oldest_first.len())
        .into_par_iter()
        .map(|i| {
            let link = |j: usize| oldest_first.get(j).map(|a| link(a));
            let neighbours = [i.checked_sub(1), i.checked_add(1)];
            let related = related(i, &keys, &by_label, &by_term, &newest)
                .into_iter()
                .filter(|j| !neighbours.contains(&Some(*j)))
                .take(RELATED)
                .filter_map(link)
                .collect();
            Onward {
                previous: i.checked_sub(1).and_then(link),
                next: i.checked_add(1).and_then(link),
                related,
            }
        })
        .collect()
}

fn link(article: &Article) -> Link {
    Link {
        slug: article.slug.clone(),
        title: article.title.clone(),
        date: article.date.clone(),
    }
}

fn keys(article: &Article) -> Keys {
    let mut labels: Vec<String> = article
        .categories
        .iter()
        .map(|c| ["c:", c].concat())
        .chain(article.tags.iter().map(|t| ["t:", &normalize(t)].concat()))
        .collect();
    labels.sort_unstable();
    labels.dedup();
    let title = normalize(&article.title);
    let mut terms = Vec::new();
    each_term(&title, |term, _| terms.push(term.to_string()));
    terms.sort_unstable();
    terms.dedup();
    Keys { labels, terms }
}

/// Each key's articles (by position), in order.
fn inverted<'a>(all: impl Iterator<Item = &'a Vec<String>>) -> HashMap<&'a str, Vec<usize>> {
    let mut map: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, keys) in all.enumerate() {
        for key in keys {
            map.entry(key.as_str()).or_default().push(i);
        }
    }
    map
}

/// The newest few articles of each category (by position), newest first.
fn newest_per_category<'a>(oldest_first: &[&'a Article]) -> HashMap<&'a str, Vec<usize>> {
    let mut map: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, article) in oldest_first.iter().enumerate().rev() {
        for category in &article.categories {
            let newest = map.entry(category.as_str()).or_default();
            if newest.len() < NEWEST_PER_CATEGORY {
                newest.push(i);
            }
        }
    }
    map
}

/// Article `i`'s related articles (positions), best first, more than needed.
fn related(
    i: usize,
    keys: &[Keys],
    by_label: &HashMap<&str, Vec<usize>>,
    by_term: &HashMap<&str, Vec<usize>>,
    newest: &HashMap<&str, Vec<usize>>,
) -> Vec<usize> {
    let Some(own) = keys.get(i) else {
        return Vec::new();
    };
    // every candidate once per shared title term, and once for a label
    // (labels are counted after); sorted, a run of one candidate is its score
    let mut met: Vec<(usize, u32)> = Vec::new();
    for label in &own.labels {
        let Some(all) = by_label.get(label.as_str()) else {
            continue;
        };
        // a category's articles are too many to visit: its newest stand in
        let visit = match label.strip_prefix("c:") {
            Some(name) => newest.get(name).map_or(&[][..], Vec::as_slice),
            None => all.as_slice(),
        };
        met.extend(visit.iter().map(|&j| (j, 0)));
    }
    for term in &own.terms {
        match by_term.get(term.as_str()) {
            Some(all) if all.len() <= COMMON_TERM => met.extend(all.iter().map(|&j| (j, 1))),
            _ => {}
        }
    }
    let scores = count_runs(met);
    // (shared labels, shared terms, position): the position last, as
    // newer is later in the list
    let mut ranked: Vec<(u32, u32, usize)> = scores
        .into_iter()
        .filter(|&(j, _)| j != i)
        .map(|(j, terms)| {
            let shared = keys.get(j).map_or(0, |k| shared(&own.labels, &k.labels));
            (shared, terms, j)
        })
        .filter(|&(shared, terms, _)| shared > 0 || terms > 0)
        .collect();
    ranked.sort_unstable_by(|a, b| b.cmp(a));
    ranked.into_iter().take(RELATED + 2).map(|r| r.2).collect()
}

/// (candidate, its summed counts) from (candidate, count) pairs: sorting
/// a few thousand pairs is several times faster than a hash map of them.
fn count_runs(mut met: Vec<(usize, u32)>) -> Vec<(usize, u32)> {
    met.sort_unstable();
    let mut scores: Vec<(usize, u32)> = Vec::with_capacity(met.len());
    for (j, n) in met {
        match scores.last_mut() {
            Some(last) if last.0 == j => last.1 += n,
            _ => scores.push((j, n)),
        }
    }
    scores
}

/// How many of two sorted lists' items are in both.
fn shared(a: &[String], b: &[String]) -> u32 {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(slug: &str, title: &str, categories: &[&str], tags: &[&str]) -> Article {
        Article {
            slug: slug.into(),
            title: title.into(),
            date: "2024-01-01".into(),
            categories: categories.iter().map(|c| c.to_string()).collect(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..Article::default()
        }
    }

    fn related_slugs(all: &[Article], slug: &str) -> Vec<String> {
        let refs: Vec<&Article> = all.iter().collect();
        let onward = onward(&refs);
        let at = all.iter().position(|a| a.slug == slug).unwrap();
        onward[at].related.iter().map(|l| l.slug.clone()).collect()
    }

    #[test]
    fn previous_and_next_are_the_neighbours_by_date() {
        let all = [
            article("a", "하나", &[], &[]),
            article("b", "둘", &[], &[]),
            article("c", "셋", &[], &[]),
        ];
        let refs: Vec<&Article> = all.iter().collect();
        let onward = onward(&refs);
        assert_eq!(onward[0].previous, None);
        assert_eq!(onward[0].next.as_ref().unwrap().slug, "b");
        assert_eq!(onward[1].previous.as_ref().unwrap().slug, "a");
        assert_eq!(onward[1].next.as_ref().unwrap().slug, "c");
        assert_eq!(onward[2].next, None);
    }

    #[test]
    fn categories_and_tags_first_then_title_terms_then_newer() {
        let all = [
            article("tagged", "날씨 소식", &["경제"], &["금리"]),
            article("title", "가계대출 금리 인상", &["사회"], &[]),
            article("filler1", "무관한 글", &[], &[]),
            article("same-category", "다른 이야기", &["경제"], &[]),
            article("filler2", "무관한 글 둘", &[], &[]),
            article("unrelated", "스포츠 결과", &["스포츠"], &[]),
            article("filler3", "무관한 글 셋", &[], &[]),
            article("me", "대출 금리 오른다", &["경제"], &["금리"]),
            article("filler4", "무관한 글 넷", &[], &[]),
        ];
        assert_eq!(
            related_slugs(&all, "me"),
            ["tagged", "same-category", "title"],
            "two shared labels, one shared label, then title terms only"
        );
    }

    #[test]
    fn nothing_in_common_is_not_related() {
        let all = [
            article("a", "alpha", &["x"], &[]),
            article("gap", "beta", &[], &[]),
            article("gap2", "gamma", &[], &[]),
            article("b", "delta", &["y"], &[]),
        ];
        assert!(related_slugs(&all, "a").is_empty());
    }
}
