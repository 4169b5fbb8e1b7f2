//! The "assign slugs" step: every article gets a slug no other article has.
//! The oldest owner of a base slug keeps it (date, then source path, as Jekyll
//! orders posts); later ones get `-2`, `-3`, … and a warning naming the owner.

use super::{Catalogue, Level, Message};
use crate::slug::portable_slug;
use std::collections::HashMap;

impl Catalogue {
    pub fn assign_slugs(&mut self) {
        // slug -> source path of its owner
        let mut taken: HashMap<String, String> = HashMap::new();
        let mut later_owners: Vec<usize> = Vec::new();
        for &i in &self.oldest_first {
            let Some(source) = self.sources.get(i) else {
                continue;
            };
            let Ok(item) = &source.outcome else { continue };
            if taken.contains_key(&item.article.slug) {
                later_owners.push(i);
            } else {
                taken.insert(item.article.slug.clone(), source.path.clone());
            }
        }
        for i in later_owners {
            let Some(source) = self.sources.get_mut(i) else {
                continue;
            };
            let Ok(item) = &mut source.outcome else {
                continue;
            };
            let base = &item.article.slug;
            let slug = first_free(base, &taken);
            let owner = taken.get(base).cloned().unwrap_or_default();
            source.messages.push(Message::new(
                Level::Warning,
                None,
                format!("slug `{base}` is already used by {owner}; this post becomes `{slug}`"),
            ));
            taken.insert(slug.clone(), source.path.clone());
            item.article.slug = slug;
        }
    }
}

/// `<base>-2`, `<base>-3`, …: the first that is not taken.
fn first_free(base: &str, taken: &HashMap<String, String>) -> String {
    let mut n = 2u32;
    loop {
        let candidate = portable_slug(&format!("{base}-{n}"));
        if !taken.contains_key(&candidate) {
            return candidate;
        }
        n = n.saturating_add(1);
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::article;
    use super::*;

    #[test]
    fn the_oldest_keeps_the_slug_and_later_ones_are_numbered() {
        let mut catalogue = Catalogue::new(vec![
            article("2024-06-13-hello.md", "hello", 13),
            article("2024-06-12-Hello.md", "hello", 12),
            article("2024-06-11-hello-2.md", "hello-2", 11),
        ]);
        catalogue.assign_slugs();
        let slugs: Vec<(&str, &str)> = catalogue
            .sources()
            .iter()
            .filter_map(|s| {
                Some((
                    s.path.as_str(),
                    s.outcome.as_ref().ok()?.article.slug.as_str(),
                ))
            })
            .collect();
        assert_eq!(
            slugs,
            [
                ("2024-06-13-hello.md", "hello-3"),
                ("2024-06-12-Hello.md", "hello"),
                ("2024-06-11-hello-2.md", "hello-2"),
            ]
        );
        let warning = catalogue
            .sources()
            .first()
            .and_then(|s| s.messages.first())
            .map(|m| m.message.clone());
        assert_eq!(
            warning.as_deref(),
            Some(
                "slug `hello` is already used by 2024-06-12-Hello.md; this post becomes `hello-3`"
            )
        );
    }
}
