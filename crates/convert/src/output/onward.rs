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
//! each of the article's categories and common tags (at 100,000 synthetic
//! posts, visiting every article of a common tag took 12 s); the previous
//! and next articles are left out (they are linked already).

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;
use sinmun_model::Article;
use sinmun_search::normalize::normalize;
use sinmun_search::tokens::each_term;

/// Related articles shown under an article.
pub const RELATED: usize = 3;
/// A title term in more titles than this is too common to relate articles;
/// a tag on more articles than this is visited by its newest few only.
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

/// An article's keys for relating it, as ids (see [`Interned`]): its
/// category and tag names, and its title terms; each sorted.
#[derive(Default)]
struct Keys {
    labels: Vec<u32>,
    terms: Vec<u32>,
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
    let named: Vec<(Vec<String>, Vec<String>)> =
        oldest_first.par_iter().map(|a| named_keys(a)).collect();
    let mut labels = Interned::default();
    let mut terms = Interned::default();
    let keys: Vec<Keys> = named
        .iter()
        .map(|(l, t)| Keys {
            labels: labels.ids(l),
            terms: terms.ids(t),
        })
        .collect();
    let index = Index {
        keys: &keys,
        by_label: inverted(&keys, labels.len(), |k| &k.labels),
        by_term: inverted(&keys, terms.len(), |k| &k.terms),
        newest: newest_per_category(oldest_first, &labels),
    };
    (0..oldest_first.len())
        .into_par_iter()
        .map_init(
            || Scratch::new(oldest_first.len()),
            |scratch, i| {
                let link = |j: usize| oldest_first.get(j).map(|a| link(a));
                let neighbours = [i.checked_sub(1), i.checked_add(1)];
                let related = index
                    .related(i, scratch)
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
            },
        )
        .collect()
}

fn link(article: &Article) -> Link {
    Link {
        slug: article.slug.clone(),
        title: article.title.clone(),
        date: article.date.clone(),
    }
}

/// An article's labels (`c:` category, `t:` tag) and title terms, by name.
fn named_keys(article: &Article) -> (Vec<String>, Vec<String>) {
    let labels: Vec<String> = article
        .categories
        .iter()
        .map(|c| category_label(c))
        .chain(article.tags.iter().map(|t| ["t:", &normalize(t)].concat()))
        .collect();
    let title = normalize(&article.title);
    let mut terms = Vec::new();
    each_term(&title, |term, _| terms.push(term.to_string()));
    (labels, terms)
}

fn category_label(name: &str) -> String {
    ["c:", name].concat()
}

/// Names given ids in the order they are met.
#[derive(Default)]
struct Interned {
    ids: HashMap<String, u32>,
}

impl Interned {
    fn id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
        self.ids.insert(name.to_string(), id);
        id
    }

    /// The ids of `names`, sorted, without repeats.
    fn ids(&mut self, names: &[String]) -> Vec<u32> {
        let mut ids: Vec<u32> = names.iter().map(|n| self.id(n)).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    fn get(&self, name: &str) -> Option<u32> {
        self.ids.get(name).copied()
    }

    fn len(&self) -> usize {
        self.ids.len()
    }
}

/// Each key's articles (by position), in order.
fn inverted(keys: &[Keys], count: usize, of: impl Fn(&Keys) -> &Vec<u32>) -> Vec<Vec<usize>> {
    let mut lists: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (i, k) in keys.iter().enumerate() {
        for &id in of(k) {
            if let Some(list) = lists.get_mut(id as usize) {
                list.push(i);
            }
        }
    }
    lists
}

/// The newest few articles of each category (by position), newest first,
/// by the category's label id.
fn newest_per_category(oldest_first: &[&Article], labels: &Interned) -> HashMap<u32, Vec<usize>> {
    let mut map: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, article) in oldest_first.iter().enumerate().rev() {
        for category in &article.categories {
            let Some(id) = labels.get(&category_label(category)) else {
                continue;
            };
            let newest = map.entry(id).or_default();
            if newest.len() < NEWEST_PER_CATEGORY {
                newest.push(i);
            }
        }
    }
    map
}

/// What relating one article needs of all of them.
struct Index<'a> {
    keys: &'a [Keys],
    by_label: Vec<Vec<usize>>,
    by_term: Vec<Vec<usize>>,
    newest: HashMap<u32, Vec<usize>>,
}

/// One thread's counters: shared title terms + 1 by candidate (0: not a
/// candidate), and the candidates met, to read and reset them.
struct Scratch {
    counts: Vec<u32>,
    met: Vec<usize>,
}

impl Scratch {
    fn new(articles: usize) -> Scratch {
        Scratch {
            counts: vec![0; articles],
            met: Vec::new(),
        }
    }

    fn meet(&mut self, j: usize, terms: u32) {
        if let Some(count) = self.counts.get_mut(j) {
            if *count == 0 {
                self.met.push(j);
                *count = 1;
            }
            *count = count.saturating_add(terms);
        }
    }
}

impl Index<'_> {
    /// Article `i`'s related articles (positions), best first, more than needed.
    fn related(&self, i: usize, scratch: &mut Scratch) -> Vec<usize> {
        let Some(own) = self.keys.get(i) else {
            return Vec::new();
        };
        for &label in &own.labels {
            // a category's articles are too many to visit: its newest stand
            // in; so do a common tag's (its list is oldest first)
            let visit = match self.newest.get(&label) {
                Some(newest) => newest.as_slice(),
                None => {
                    let all = self
                        .by_label
                        .get(label as usize)
                        .map_or(&[][..], Vec::as_slice);
                    match all.len() > COMMON_TERM {
                        true => all.get(all.len() - NEWEST_PER_CATEGORY..).unwrap_or(all),
                        false => all,
                    }
                }
            };
            visit.iter().for_each(|&j| scratch.meet(j, 0));
        }
        for &term in &own.terms {
            match self.by_term.get(term as usize) {
                Some(all) if all.len() <= COMMON_TERM => {
                    all.iter().for_each(|&j| scratch.meet(j, 1))
                }
                _ => {}
            }
        }
        // (shared labels, shared terms, position): the position last, as
        // newer is later in the list
        let mut ranked: Vec<(u32, u32, usize)> = Vec::new();
        for j in scratch.met.drain(..) {
            let terms = scratch.counts.get(j).map_or(0, |c| c.saturating_sub(1));
            if let Some(count) = scratch.counts.get_mut(j) {
                *count = 0;
            }
            let shared = self
                .keys
                .get(j)
                .map_or(0, |k| shared(&own.labels, &k.labels));
            if j != i && (shared > 0 || terms > 0) {
                ranked.push((shared, terms, j));
            }
        }
        let wanted = RELATED + 2;
        if ranked.len() > wanted {
            ranked.select_nth_unstable_by(wanted - 1, |a, b| b.cmp(a));
            ranked.truncate(wanted);
        }
        ranked.sort_unstable_by(|a, b| b.cmp(a));
        ranked.into_iter().map(|r| r.2).collect()
    }
}

/// How many of two sorted lists' items are in both.
fn shared(a: &[u32], b: &[u32]) -> u32 {
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
    fn a_common_tag_relates_its_newest_articles() {
        let mut all: Vec<Article> = (0..COMMON_TERM + 20)
            .map(|n| article(&format!("t{n}"), &format!("글{n}"), &[], &["흔한"]))
            .collect();
        all.push(article("me", "나", &[], &["흔한"]));
        let related = related_slugs(&all, "me");
        assert_eq!(related.len(), RELATED);
        // the newest of the tag, less the previous article (linked already)
        let newest = COMMON_TERM + 19;
        assert_eq!(related[0], format!("t{}", newest - 1));
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
