//! A feed as read so far, page by page: what the app's views ask of it.
//! Items are ordered newest first across pages and time zones, duplicates
//! (the same link or id with the same title) dropped, each slug made
//! unique in the feed (so an item's URL finds it again after a reload), and
//! categories counted, most used first. The app keeps one per feed source
//! inside the wasm module (`wasm.rs`); the converter can use it natively.

use std::collections::{HashMap, HashSet};

use sinmun_model::{Article, CategoryInfo, ListPage, Summary};

use crate::{dates, text, Document};

/// How many documents (pages) one feed may take.
pub const MAX_DOCUMENTS: u32 = 20;

#[derive(Default)]
pub struct Collection {
    pub title: String,
    pub description: String,
    pub language: Option<String>,
    pub home: Option<String>,
    /// The next page to read, while there is one and the limit is not reached.
    pub next: Option<String>,
    /// Newest first.
    items: Vec<Entry>,
    documents: u32,
    seen: HashSet<String>,
    slugs: HashSet<String>,
    /// The next number to try after each slug taken.
    suffixes: HashMap<String, u32>,
    /// Every category with its count, in the order first seen.
    categories: Vec<CategoryInfo>,
}

/// An item with what sorting and category lists need, worked out once.
struct Entry {
    /// UTC seconds (`i64::MIN`: undated).
    time: i64,
    article: Article,
    /// Its categories' slugs, each once.
    category_slugs: Vec<String>,
}

impl Collection {
    /// Adds a document; the first one names the feed.
    pub fn add(&mut self, document: Document) {
        if self.documents == 0 {
            self.title = text::title(&document.title);
            self.description = text::plain_text(&document.description);
            self.language = document.language;
            self.home = document.home;
        }
        self.documents += 1;
        self.next = document.next.filter(|_| self.documents < MAX_DOCUMENTS);
        for article in document.items {
            self.add_item(article);
        }
        // Newest first; items of one time keep the feed's order (a stable
        // sort: one per document, not one insertion per item).
        self.items
            .sort_by_key(|entry| std::cmp::Reverse(entry.time));
    }

    /// No more pages (a later page failed: what was read stays).
    pub fn end(&mut self) {
        self.next = None;
    }

    fn add_item(&mut self, mut article: Article) {
        // The same item twice: one link (or id) and title; an item with
        // neither link nor id (its slug is its title's) also by its date and
        // text, so that untitled or same-titled items are not merged.
        let key = match &article.url {
            Some(url) => [url, "\n", &article.title].concat(),
            None => [
                &article.slug,
                "\n",
                &article.title,
                "\n",
                &article.date,
                "\n",
                &article.excerpt,
            ]
            .concat(),
        };
        if !self.seen.insert(key) {
            return;
        }
        article.slug = self.unique_slug(&article.slug);
        let category_slugs = self.count_categories(&article);
        self.items.push(Entry {
            time: dates::utc_seconds(&article.date).unwrap_or(i64::MIN),
            article,
            category_slugs,
        });
    }

    /// Names with one slug are one category (named as first seen); a
    /// category listed twice in one article counts once. The article's
    /// category slugs, each once.
    fn count_categories(&mut self, article: &Article) -> Vec<String> {
        let mut slugs: Vec<String> = Vec::new();
        for name in &article.categories {
            let slug = text::category_slug(name);
            if slugs.contains(&slug) {
                continue;
            }
            match self.categories.iter_mut().find(|c| c.slug == slug) {
                Some(known) => known.count += 1,
                None => self.categories.push(CategoryInfo {
                    slug: slug.clone(),
                    name: name.clone(),
                    count: 1,
                }),
            }
            slugs.push(slug);
        }
        slugs
    }

    /// `slug`, else `slug-2`, `slug-3`…: the suffix to try next is kept per
    /// slug, so 10,000 untitled items do not retry every number before it.
    fn unique_slug(&mut self, slug: &str) -> String {
        let mut candidate = slug.to_string();
        let next = self.suffixes.entry(slug.to_string()).or_insert(2);
        while !self.slugs.insert(candidate.clone()) {
            candidate = format!("{slug}-{next}");
            *next += 1;
        }
        candidate
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Categories with their slugs, most used first (ties in the order first seen).
    pub fn categories(&self) -> Vec<CategoryInfo> {
        let mut out = self.categories.clone();
        out.sort_by_key(|c| std::cmp::Reverse(c.count));
        out
    }

    /// Page `page` (1-based) of `page_size` items, of one category's or all;
    /// `None` for an unknown category or a page past the end. A page past
    /// those read so far counts when there is a next document.
    pub fn list_page(&self, page: u32, page_size: u32, category: Option<&str>) -> Option<ListPage> {
        let page_size = page_size.max(1) as usize;
        let category = match category {
            None => None,
            Some(slug) => Some(self.categories.iter().find(|c| c.slug == slug)?.clone()),
        };
        let matching: Vec<&Article> = self
            .items
            .iter()
            .filter(|entry| {
                category
                    .as_ref()
                    .is_none_or(|c| entry.category_slugs.contains(&c.slug))
            })
            .map(|entry| &entry.article)
            .collect();
        let pages = matching.len().div_ceil(page_size).max(1) + usize::from(self.next.is_some());
        let index = page as usize;
        if index == 0 || index > pages {
            return None;
        }
        Some(ListPage {
            items: matching
                .iter()
                .skip((index - 1) * page_size)
                .take(page_size)
                .map(|a| Summary::of(a))
                .collect(),
            page,
            pages: count(pages),
            total: count(matching.len()),
            category,
        })
    }

    /// Every item, newest first.
    pub fn articles(&self) -> impl Iterator<Item = &Article> {
        self.items.iter().map(|entry| &entry.article)
    }

    pub fn article(&self, slug: &str) -> Option<&Article> {
        self.articles().find(|a| a.slug == slug)
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(slug: &str, title: &str, date: &str, categories: &[&str]) -> Article {
        Article {
            slug: slug.into(),
            title: title.into(),
            date: date.into(),
            categories: categories.iter().map(|c| c.to_string()).collect(),
            ..Article::default()
        }
    }

    fn document(items: Vec<Article>, next: Option<&str>) -> Document {
        Document {
            title: "Feed &amp; co".into(),
            next: next.map(str::to_string),
            items,
            ..Document::default()
        }
    }

    #[test]
    fn newest_first_across_zones_duplicates_dropped_slugs_unique() {
        let mut feed = Collection::default();
        feed.add(document(
            vec![
                item("a", "Old", "2024-06-12T00:00:00Z", &["경제"]),
                item("b", "Undated", "", &[]),
                item(
                    "a",
                    "Newer, same slug",
                    "2024-06-12T10:00:00+09:00",
                    &["경제", "Tech News"],
                ),
                item("a", "Old", "2024-06-12T00:00:00Z", &["경제"]),
            ],
            Some("https://x.org/feed?page=2"),
        ));
        assert_eq!(feed.title, "Feed & co");
        assert_eq!(feed.len(), 3, "the duplicate is dropped");
        let page = feed.list_page(1, 10, None).unwrap();
        let slugs: Vec<&str> = page.items.iter().map(|s| s.slug.as_str()).collect();
        // 10:00+09:00 is 01:00Z, after 00:00Z.
        assert_eq!(slugs, ["a-2", "a", "b"]);
        assert_eq!(page.pages, 2, "one more page may come");
        let categories = feed.categories();
        assert_eq!(
            categories.first().map(|c| (c.slug.as_str(), c.count)),
            Some(("경제", 2))
        );
        let tech = feed.list_page(1, 10, Some("tech-news")).unwrap();
        assert_eq!(tech.total, 1);
        assert!(feed.list_page(1, 10, Some("nope")).is_none());
        assert!(feed.list_page(3, 10, None).is_none());
        assert!(feed.list_page(0, 10, None).is_none());
        assert_eq!(
            feed.article("a-2").map(|a| a.title.as_str()),
            Some("Newer, same slug")
        );
        feed.end();
        assert_eq!(feed.list_page(1, 10, None).unwrap().pages, 1);
    }

    #[test]
    fn pages_stop_at_the_limit() {
        let mut feed = Collection::default();
        for n in 0..MAX_DOCUMENTS {
            assert!(n == 0 || feed.next.is_some(), "page {n} names a next one");
            feed.add(document(
                vec![item(&format!("i{n}"), &format!("t{n}"), "", &[])],
                Some("https://x.org/next"),
            ));
        }
        assert_eq!(feed.next, None, "no page after the limit");
        assert_eq!(feed.len(), MAX_DOCUMENTS as usize);
    }
}
