//! The run's one in-memory collection: every source file, what became of it (an
//! article, or why not) and the messages about it. An input fills it, the steps
//! of `build.rs` settle slugs and aliases on it, the outputs only read it (the
//! way Zola's site steps work over its `Library`).
//!
//! It holds whole articles, bodies included: the feeds render the newest bodies
//! without reading the disk again, and a search index or fully prerendered
//! bodies will need every body's text too. For koreanews (7,478 posts, 44 MB of
//! sources) that costs 38 MB of peak memory (29.5 → 67.6 MB) over keeping
//! summaries only.

mod aliases;
mod image_sizes;
mod markdown;
mod message;
mod slugs;

pub use aliases::AliasBuckets;
pub use message::{Level, Message, SkipKind};

use sinmun_model::Article;

/// An article of the collection.
#[derive(Debug, Clone)]
pub struct Item {
    /// `article.slug` is the base slug until [`Catalogue::assign_slugs`] made
    /// it unique.
    pub article: Article,
    /// The date as a UTC timestamp, for sorting.
    pub timestamp: i64,
    /// Set when the post needed a repair (lenient YAML, lossy decoding).
    pub recovered: bool,
}

/// One source file and what became of it.
#[derive(Debug)]
pub struct Source {
    /// Path below the input folder, `/`-separated.
    pub path: String,
    pub messages: Vec<Message>,
    pub outcome: Result<Item, SkipKind>,
}

impl Source {
    /// A file that produced no article, with the message saying why.
    pub fn skipped(path: &str, kind: SkipKind, message: Message) -> Source {
        Source {
            path: path.to_string(),
            messages: vec![message],
            outcome: Err(kind),
        }
    }
}

/// Every source of a run, in the input's order (source path order).
#[derive(Debug)]
pub struct Catalogue {
    sources: Vec<Source>,
    /// Indices of the sources that became articles, oldest first, then by
    /// source path: Jekyll's order, and the order in which claims are settled.
    oldest_first: Vec<usize>,
}

impl Catalogue {
    pub fn new(sources: Vec<Source>) -> Catalogue {
        let mut oldest_first: Vec<usize> = sources
            .iter()
            .enumerate()
            .filter(|(_, s)| s.outcome.is_ok())
            .map(|(i, _)| i)
            .collect();
        let key = |i: &usize| {
            sources.get(*i).map(|s| {
                let timestamp = s.outcome.as_ref().map_or(0, |item| item.timestamp);
                (timestamp, s.path.clone())
            })
        };
        oldest_first.sort_by_cached_key(key);
        Catalogue {
            sources,
            oldest_first,
        }
    }

    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// The sources, to change in place (their order and number stay).
    pub fn sources_mut(&mut self) -> &mut [Source] {
        &mut self.sources
    }

    pub fn into_sources(self) -> Vec<Source> {
        self.sources
    }

    /// Number of articles.
    pub fn len(&self) -> usize {
        self.oldest_first.len()
    }

    pub fn is_empty(&self) -> bool {
        self.oldest_first.is_empty()
    }

    /// The articles in source order (for work whose order does not matter).
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sources.iter().filter_map(|s| s.outcome.as_ref().ok())
    }

    pub fn oldest_first(&self) -> impl DoubleEndedIterator<Item = &Item> {
        self.oldest_first.iter().filter_map(|&i| self.item(i))
    }

    /// The order of every list, feed and sitemap.
    pub fn newest_first(&self) -> impl Iterator<Item = &Item> {
        self.oldest_first().rev()
    }

    fn item(&self, index: usize) -> Option<&Item> {
        self.sources.get(index)?.outcome.as_ref().ok()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A source that became an article with `slug`, dated `timestamp`.
    pub(crate) fn article(path: &str, slug: &str, timestamp: i64) -> Source {
        Source {
            path: path.into(),
            messages: Vec::new(),
            outcome: Ok(Item {
                article: Article {
                    slug: slug.into(),
                    title: path.into(),
                    ..Default::default()
                },
                timestamp,
                recovered: false,
            }),
        }
    }

    #[test]
    fn articles_are_ordered_by_date_then_path() {
        let catalogue = Catalogue::new(vec![
            article("b.md", "b", 2),
            Source::skipped(
                ".DS_Store",
                SkipKind::NotAPost,
                Message::new(Level::Note, None, "not a post"),
            ),
            article("a.md", "a", 2),
            article("c.md", "c", 1),
        ]);
        let slugs = |it: Vec<&Item>| {
            it.iter()
                .map(|i| i.article.slug.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(slugs(catalogue.oldest_first().collect()), ["c", "a", "b"]);
        assert_eq!(slugs(catalogue.newest_first().collect()), ["b", "a", "c"]);
        assert_eq!(slugs(catalogue.items().collect()), ["b", "a", "c"]);
        assert_eq!(catalogue.len(), 3);
        assert_eq!(catalogue.sources().len(), 4);
    }
}
