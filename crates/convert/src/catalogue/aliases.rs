//! The "aliases" step: the old URL paths of every article (Jekyll permalinks),
//! grouped into the buckets of `data/aliases/<xx>.json`. When two articles
//! claim one path the older keeps it and the other gets a warning.

use super::{Catalogue, Level, Message};
use sinmun_model::alias_bucket;
use std::collections::{BTreeMap, HashMap};

/// Bucket -> (old path -> slug).
pub type AliasBuckets = BTreeMap<u8, BTreeMap<String, String>>;

impl Catalogue {
    /// Settles every claim (after [`Catalogue::assign_slugs`]: aliases point
    /// at final slugs).
    pub fn claim_aliases(&mut self) -> AliasBuckets {
        let mut buckets = AliasBuckets::new();
        // old path -> source path of its owner
        let mut owners: HashMap<String, String> = HashMap::new();
        for &i in &self.oldest_first {
            let Some(source) = self.sources.get_mut(i) else {
                continue;
            };
            let Ok(item) = &source.outcome else { continue };
            let mut conflicts = Vec::new();
            for alias in &item.article.aliases {
                if let Some(owner) = owners.get(alias) {
                    conflicts.push(format!(
                        "old URL /{alias} already belongs to {owner}; not redirected here"
                    ));
                    continue;
                }
                owners.insert(alias.clone(), source.path.clone());
                buckets
                    .entry(alias_bucket(alias))
                    .or_default()
                    .insert(alias.clone(), item.article.slug.clone());
            }
            for c in conflicts {
                source.messages.push(Message::new(Level::Warning, None, c));
            }
        }
        buckets
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::article;
    use super::super::Source;
    use super::*;

    fn with_aliases(mut source: Source, aliases: &[&str]) -> Source {
        if let Ok(item) = &mut source.outcome {
            item.article.aliases = aliases.iter().map(|a| a.to_string()).collect();
        }
        source
    }

    #[test]
    fn the_older_article_keeps_a_shared_alias() {
        let mut catalogue = Catalogue::new(vec![
            with_aliases(article("new.md", "new", 2), &["old/x", "old/new"]),
            with_aliases(article("old.md", "old", 1), &["old/x"]),
        ]);
        let buckets = catalogue.claim_aliases();
        let get = |alias: &str| {
            buckets
                .get(&alias_bucket(alias))
                .and_then(|b| b.get(alias))
                .cloned()
        };
        assert_eq!(get("old/x").as_deref(), Some("old"));
        assert_eq!(get("old/new").as_deref(), Some("new"));
        let warned: Vec<&str> = catalogue
            .sources()
            .iter()
            .flat_map(|s| s.messages.iter().map(|m| m.message.as_str()))
            .collect();
        assert_eq!(
            warned,
            ["old URL /old/x already belongs to old.md; not redirected here"]
        );
    }
}
