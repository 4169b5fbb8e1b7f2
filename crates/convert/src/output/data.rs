//! The data folder the app reads (`data/`, see `crates/model`): the "place
//! articles", "aliases" and "lists" steps, plus `config.json` and `.nojekyll`.

use super::safe::SafeOut;
use crate::catalogue::{AliasBuckets, Catalogue};
use crate::slug::portable_slug;
use rayon::prelude::*;
use sinmun_model::{
    alias_shard_path, article_path, article_route, category_shard_path, category_slug,
    index_shard_path, AliasShard, Article, Body, BodyFormat, CategoryInfo, IndexShard, Manifest,
    SiteConfig, Summary, FORMAT_VERSION, MANIFEST_FILE,
};
use std::collections::BTreeMap;
use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The "place articles" step: `data/articles/<slug>.json`, final slugs only.
/// With `bodies_in_pages` (the prerendered pages step follows) an article's
/// body is not written here but named as its page (`BodyFormat::Page`): the
/// page holds it sanitised already, and the site stores each body once.
/// `fail_after` is a test hook: fail once that many articles were written.
pub fn write_articles(
    out: &SafeOut,
    catalogue: &Catalogue,
    bodies_in_pages: bool,
    fail_after: Option<usize>,
) -> io::Result<()> {
    out.mkdir("data/articles")?;
    let written = AtomicUsize::new(0);
    let articles: Vec<&Article> = catalogue.items().map(|item| &item.article).collect();
    articles.par_iter().try_for_each(|article| {
        if let Some(limit) = fail_after {
            if written.fetch_add(1, Ordering::SeqCst) >= limit {
                return Err(io::Error::other("injected failure (test hook)"));
            }
        }
        let path = format!("data/{}", article_path(&article.slug));
        if bodies_in_pages {
            out.write_json(&path, &with_page_body(article))
        } else {
            out.write_json(&path, article)
        }
    })
}

/// `article` with its body and banner text replaced by pointers to its
/// prerendered page, which holds both rendered and sanitised (the banner
/// text was the biggest field left in a koreanews article's JSON), and
/// without its excerpt: the page's description is that (the app reads it
/// with the body), and the lists carry it for cards.
fn with_page_body(article: &Article) -> Article {
    // From the site root, as a body's own `/` links are.
    let page = ["/", &article_route(&article.slug)].concat();
    let in_page = || Body {
        format: BodyFormat::Page,
        source: page.clone(),
    };
    Article {
        body: in_page(),
        feature_text: article.feature_text.as_ref().map(|_| in_page()),
        excerpt: String::new(),
        ..article.clone()
    }
}

/// The "aliases" step's files: all 256 buckets, empty ones too, so that a
/// lookup never meets a missing file.
pub fn write_aliases(out: &SafeOut, buckets: &AliasBuckets) -> io::Result<()> {
    (0..=255u8).into_par_iter().try_for_each(|b| {
        let shard = AliasShard {
            version: FORMAT_VERSION,
            aliases: buckets.get(&b).cloned().unwrap_or_default(),
        };
        out.write_json(&format!("data/{}", alias_shard_path(b)), &shard)
    })
}

/// The "lists" step: index and category shards (newest first), the manifest,
/// `config.json` and `.nojekyll`. Returns the categories, most used first.
pub fn write_lists(
    out: &SafeOut,
    catalogue: &Catalogue,
    config: &SiteConfig,
    shard_size: usize,
    generated: &str,
) -> io::Result<Vec<CategoryInfo>> {
    let summaries: Vec<Summary> = catalogue
        .newest_first()
        .map(|item| Summary::of(&item.article))
        .collect();
    let newest: Vec<&Summary> = summaries.iter().collect();
    write_shards(out, &newest, shard_size, |n| {
        format!("data/{}", index_shard_path(n))
    })?;
    let categories = write_categories(out, &newest, shard_size)?;
    let manifest = Manifest {
        version: FORMAT_VERSION,
        title: config.title.clone(),
        total: u32::try_from(summaries.len()).unwrap_or(u32::MAX),
        shard_size: u32::try_from(shard_size).unwrap_or(u32::MAX),
        categories: categories.clone(),
        generated: generated.to_string(),
    };
    out.write_json(&format!("data/{MANIFEST_FILE}"), &manifest)?;
    out.write(
        "config.json",
        &serde_json::to_vec_pretty(config).map_err(io::Error::other)?,
    )?;
    // GitHub Pages: serve the folder as is, no Jekyll run
    out.write(".nojekyll", b"")?;
    Ok(categories)
}

/// Each category's shards; a name listed twice in one article counts once.
fn write_categories(
    out: &SafeOut,
    newest: &[&Summary],
    shard_size: usize,
) -> io::Result<Vec<CategoryInfo>> {
    // slug -> (name as first written, summaries)
    let mut lists: BTreeMap<String, (String, Vec<&Summary>)> = BTreeMap::new();
    for s in newest {
        let mut seen: Vec<String> = Vec::new();
        for name in &s.categories {
            let slug = portable_slug(&category_slug(name));
            if seen.contains(&slug) {
                continue;
            }
            seen.push(slug.clone());
            lists
                .entry(slug)
                .or_insert_with(|| (name.clone(), Vec::new()))
                .1
                .push(s);
        }
    }
    lists.par_iter().try_for_each(|(slug, (_, list))| {
        write_shards(out, list, shard_size, |n| {
            format!("data/{}", category_shard_path(slug, n))
        })
    })?;
    let mut categories: Vec<CategoryInfo> = lists
        .iter()
        .map(|(slug, (name, list))| CategoryInfo {
            slug: slug.clone(),
            name: name.clone(),
            count: u32::try_from(list.len()).unwrap_or(u32::MAX),
        })
        .collect();
    categories.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.slug.cmp(&b.slug)));
    Ok(categories)
}

/// `list` in shards of `shard_size` (at least 1); an empty list still has shard 0.
fn write_shards(
    out: &SafeOut,
    list: &[&Summary],
    shard_size: usize,
    path: impl Fn(u32) -> String + Sync,
) -> io::Result<()> {
    if list.is_empty() {
        return out.write_json(
            &path(0),
            &IndexShard {
                version: FORMAT_VERSION,
                shard: 0,
                items: Vec::new(),
            },
        );
    }
    list.par_chunks(shard_size)
        .enumerate()
        .try_for_each(|(n, chunk)| {
            let n = u32::try_from(n).unwrap_or(u32::MAX);
            let shard = IndexShard {
                version: FORMAT_VERSION,
                shard: n,
                items: chunk.iter().map(|s| (*s).clone()).collect(),
            };
            out.write_json(&path(n), &shard)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_keeps_the_body_and_the_banner_text() {
        let article = Article {
            slug: "a".into(),
            excerpt: "요약".into(),
            feature_text: Some(Body {
                format: BodyFormat::Markdown,
                source: "## 배너".into(),
            }),
            body: Body {
                format: BodyFormat::Html,
                source: "<p>본문</p>".into(),
            },
            ..Default::default()
        };
        let kept = with_page_body(&article);
        let page = Body {
            format: BodyFormat::Page,
            source: "/posts/a/".into(),
        };
        assert_eq!(kept.body, page);
        assert_eq!(kept.feature_text, Some(page));
        assert_eq!(kept.excerpt, "", "the page's description is the excerpt");
        let plain = with_page_body(&Article {
            feature_text: None,
            ..article
        });
        assert_eq!(plain.feature_text, None, "no banner text, no pointer");
    }
}
