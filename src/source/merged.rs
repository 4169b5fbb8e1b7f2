//! Several sources as one site (config.json's `source` as a list: a portal
//! of feeds, or sinmun data beside a feed). Each part is read as a source of
//! its own, as far as a view needs it; the views get one site: lists merged
//! newest first, categories merged by slug, each item labelled with its
//! source's name. An item's slug is its part's key and its slug there
//! (`theguardian.com~some-story`), so its address does not change when
//! another source joins the list. A part that cannot be read is left out and
//! named in [`SiteInfo::unread`]; the site fails only when none can be read.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use futures::future::join_all;
use sinmun_model::{Article, CategoryInfo, Summary};

use super::site_config::SourceSpec;
use super::{cache, ListPage, ListQuery, LoadError, SiteInfo, Source};

/// Between a part's key and the item's slug in that part.
pub const SEPARATOR: char = '~';

/// One of the sources: where it is, its key in slugs and its given name.
#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    pub key: String,
    pub url: String,
    pub name: Option<String>,
}

/// The parts config.json at `config_url` names, each with a key of its own.
pub fn parts(specs: &[SourceSpec], config_url: &str) -> Vec<Part> {
    let urls: Vec<String> = specs
        .iter()
        .map(|spec| crate::config::absolute_url(&spec.url, config_url))
        .collect();
    let keys = keys(&urls);
    specs
        .iter()
        .zip(urls)
        .zip(keys)
        .map(|((spec, url), key)| Part {
            key,
            url,
            name: spec.name.clone(),
        })
        .collect()
}

/// A key for each of `urls` (absolute): its host (`theguardian.com`), or,
/// for sources on one host (a site's own data and feeds), its path
/// (`feeds-world`); so a key stays the same when the list changes.
pub fn keys(urls: &[String]) -> Vec<String> {
    let hosts: Vec<String> = urls.iter().map(|url| host_key(url)).collect();
    let mut keys: Vec<String> = Vec::new();
    for (url, host) in urls.iter().zip(&hosts) {
        let shared = hosts.iter().filter(|h| *h == host).count() > 1;
        let key = if shared { path_key(url) } else { host.clone() };
        keys.push(unique_key(&key, &keys));
    }
    keys
}

/// Where `url` (absolute) is: `(host, path)`.
fn host_and_path(url: &str) -> (&str, &str) {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    (authority.rsplit('@').next().unwrap_or_default(), path)
}

/// The host of `url`, lower case, without `www.`.
fn host_key(url: &str) -> String {
    let host = host_and_path(url).0;
    safe_key(host.strip_prefix("www.").unwrap_or(host))
}

/// The path of `url` without its file extension: `feeds/world.xml` → `feeds-world`.
fn path_key(url: &str) -> String {
    let path = host_and_path(url).1.trim_matches('/');
    let stem = match path.rsplit_once('.') {
        Some((stem, ext)) if !ext.contains('/') => stem,
        _ => path,
    };
    safe_key(&stem.replace('/', "-"))
}

/// `text` in characters a slug may hold (never the separator); `source`
/// when nothing is left.
fn safe_key(text: &str) -> String {
    let key: String = text
        .chars()
        .map(|c| match c {
            'a'..='z' | '0'..='9' | '.' | '-' | '_' => c,
            'A'..='Z' => c.to_ascii_lowercase(),
            _ => '-',
        })
        .collect();
    if key.trim_matches(['-', '.', '_']).is_empty() {
        "source".into()
    } else {
        key
    }
}

/// `key`, or `key-2`, `key-3`… when an earlier source has it.
fn unique_key(key: &str, earlier: &[String]) -> String {
    let mut candidate = key.to_string();
    let mut n = 1;
    while earlier.contains(&candidate) {
        n += 1;
        candidate = [key, "-", &n.to_string()].concat();
    }
    candidate
}

/// The slug of `slug` from `part` in the merged site, and back.
pub fn merged_slug(part: &Part, slug: &str) -> String {
    let mut merged = String::with_capacity(part.key.len() + 1 + slug.len());
    merged.push_str(&part.key);
    merged.push(SEPARATOR);
    merged.push_str(slug);
    merged
}

fn split_slug<'a>(parts: &'a [Part], slug: &'a str) -> Option<(&'a Part, &'a str)> {
    let (key, inner) = slug.split_once(SEPARATOR)?;
    Some((parts.iter().find(|p| p.key == key)?, inner))
}

/// `part` as a source of its own, with the merged source's settings.
fn one(source: &Source, part: &Part) -> Source {
    Source::new(&part.url, source.http).with_feeds(source.feeds.clone())
}

thread_local! {
    /// Each part's name by key, for the cards (not in the bounded cache:
    /// a card must not lose its label when the cache is cleared).
    static NAMES: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

/// Where a part's last reading of its site is kept: `true` when it failed
/// (its lists leave it out), `false` once it was read.
fn failed_key(part: &Part) -> String {
    ["unread:", &part.url].concat()
}

/// The name of the source the item `slug` of a merged site came from
/// (what its card is labelled with); `None` for any other slug.
pub fn source_name(slug: &str) -> Option<String> {
    let (key, _) = slug.split_once(SEPARATOR)?;
    NAMES.with(|names| names.borrow().get(key).cloned())
}

/// Every part's site, read at once: totals added, categories merged.
pub async fn site(source: &Source, parts: &[Part]) -> Result<SiteInfo, LoadError> {
    let answers = join_all(parts.iter().map(|part| {
        let one = one(source, part);
        Box::pin(async move { one.site().await })
    }))
    .await;
    let mut info = SiteInfo::default();
    let mut first_error = None;
    for (part, answer) in parts.iter().zip(answers) {
        match answer {
            Ok(read) => {
                let title = read.title.trim();
                let label = part.name.clone().unwrap_or_else(|| match title {
                    "" => part.key.clone(),
                    title => title.to_string(),
                });
                NAMES.with(|names| names.borrow_mut().insert(part.key.clone(), label));
                cache::put(&failed_key(part), Rc::new(false));
                info.total = info.total.saturating_add(read.total);
                merge_categories(&mut info.categories, read.categories);
            }
            Err(error) => {
                info.unread.push(error.to_string());
                cache::put(&failed_key(part), Rc::new(true));
                first_error.get_or_insert(error);
            }
        }
    }
    match first_error {
        Some(error) if info.unread.len() == parts.len() => Err(error),
        _ => {
            info.categories
                .sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
            Ok(info)
        }
    }
}

/// Add `more` to `into`, a category with the same slug counted once.
pub fn merge_categories(into: &mut Vec<CategoryInfo>, more: Vec<CategoryInfo>) {
    for category in more {
        match into.iter_mut().find(|c| c.slug == category.slug) {
            Some(known) => known.count = known.count.saturating_add(category.count),
            None => into.push(category),
        }
    }
}

/// What one part gives a merged list: its total, its newest items (as
/// many as the merged page needs) and its category, if it has it.
#[derive(Default)]
struct PartList {
    total: u32,
    items: Vec<Summary>,
    category: Option<CategoryInfo>,
}

/// Page `query.page` of the merged list: each part's newest
/// `page × page_size` items (so page 1 reads each part's first page only),
/// merged newest first.
pub async fn list_page(
    source: &Source,
    parts: &[Part],
    query: &ListQuery,
) -> Result<ListPage, LoadError> {
    let size = query.page_size.max(1);
    let wanted = query.page.max(1).saturating_mul(size);
    let live: Vec<&Part> = parts
        .iter()
        .filter(|p| cache::get::<bool>(&failed_key(p)).is_none_or(|failed| !*failed))
        .collect();
    let answers = join_all(live.iter().map(|part| {
        let one = one(source, part);
        let query = ListQuery {
            page: 1,
            page_size: size,
            category: query.category.clone(),
        };
        Box::pin(async move { newest(&one, query, wanted).await })
    }))
    .await;
    let mut lists = Vec::new();
    for (part, answer) in live.into_iter().zip(answers) {
        match answer {
            Ok(list) => lists.push((part, list)),
            // A part that fails now is left out of this page only.
            Err(error) => web_sys::console::warn_1(&error.to_string().into()),
        }
    }
    let total = lists
        .iter()
        .fold(0u32, |t, (_, l)| t.saturating_add(l.total));
    let category = lists.iter().find_map(|(_, l)| l.category.clone());
    if query.category.is_some() && category.is_none() {
        return Err(LoadError::NotFound {
            url: source.url.clone(),
        });
    }
    let pages = total.div_ceil(size).max(1);
    if query.page > pages {
        return Err(LoadError::NotFound {
            url: source.url.clone(),
        });
    }
    let items = merge_newest_first(lists, query.page.max(1), size);
    Ok(ListPage {
        items,
        page: query.page,
        pages,
        total,
        category: category.map(|c| CategoryInfo { count: total, ..c }),
    })
}

/// A part's newest `wanted` items (or all it has), reading page after
/// page from `query.page`; a category it lacks is an empty list, and a
/// later page that fails ends the list there.
async fn newest(one: &Source, mut query: ListQuery, wanted: u32) -> Result<PartList, LoadError> {
    let mut list = PartList::default();
    loop {
        let page = match one.list_page(&query).await {
            Ok(page) => page,
            Err(error) if error.is_not_found() && query.page == 1 => return Ok(list),
            Err(error) if query.page == 1 => return Err(error),
            Err(_) => return Ok(list),
        };
        list.total = page.total;
        list.category = page.category.or(list.category);
        let empty = page.items.is_empty();
        list.items.extend(page.items);
        if empty || list.items.len() >= wanted as usize || query.page >= page.pages {
            return Ok(list);
        }
        query.page += 1;
    }
}

/// Page `page` (of `size`) of every part's items together, newest first;
/// items without a date go last, each part's own order kept among equals.
fn merge_newest_first(lists: Vec<(&Part, PartList)>, page: u32, size: u32) -> Vec<Summary> {
    let mut all: Vec<(i64, Summary)> = Vec::new();
    for (part, list) in lists {
        for mut item in list.items {
            let time = sinmun_model::time::utc_seconds(&item.date).unwrap_or(i64::MIN);
            item.slug = merged_slug(part, &item.slug);
            all.push((time, item));
        }
    }
    all.sort_by_key(|(time, _)| std::cmp::Reverse(*time));
    let skip = (page as usize)
        .saturating_sub(1)
        .saturating_mul(size as usize);
    all.into_iter()
        .skip(skip)
        .take(size as usize)
        .map(|(_, item)| item)
        .collect()
}

/// The slug an old site path (a Jekyll permalink) of one of the parts now
/// lives at, if any part knows it.
pub async fn resolve_alias(
    source: &Source,
    parts: &[Part],
    site_path: &str,
) -> Result<Option<String>, LoadError> {
    for part in parts {
        let one = one(source, part);
        if let Ok(Some(slug)) = Box::pin(one.resolve_alias(site_path)).await {
            return Ok(Some(merged_slug(part, &slug)));
        }
    }
    Ok(None)
}

/// The article `slug` names: its part's, with the merged slug.
pub async fn article(
    source: &Source,
    parts: &[Part],
    slug: &str,
) -> Result<Rc<Article>, LoadError> {
    let Some((part, inner)) = split_slug(parts, slug) else {
        return Err(LoadError::NotFound {
            url: [source.url.as_str(), "#", slug].concat(),
        });
    };
    let one = one(source, part);
    let article = Box::pin(one.article(inner)).await?;
    let mut article = (*article).clone();
    article.slug = slug.to_string();
    let root = crate::config::absolute_url("../", &part.url);
    in_part_site(&mut article.body, &root);
    if let Some(banner) = article.feature_text.as_mut() {
        in_part_site(banner, &root);
    }
    Ok(Rc::new(article))
}

/// A body kept in a page of the part's own site (`/posts/<slug>/`, from
/// that site's `root`, the folder above its data), not of this one.
fn in_part_site(body: &mut sinmun_model::Body, root: &str) {
    if body.format == sinmun_model::BodyFormat::Page && body.source.starts_with('/') {
        let from_root = [".", &body.source].concat();
        body.source = crate::config::absolute_url(&from_root, root);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(key: &str) -> Part {
        Part {
            key: key.into(),
            url: ["https://", key, "/feed"].concat(),
            name: None,
        }
    }

    fn keys_of(urls: &[&str]) -> Vec<String> {
        keys(&urls.iter().map(|u| u.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn sources_on_other_sites_are_keyed_by_their_host() {
        assert_eq!(
            keys_of(&[
                "https://www.TheGuardian.com/world/rss",
                "http://user@127.0.0.1:8080/feed.xml",
                "https://xn--3e0b707e.example/feed?x=1",
                "https:///",
            ]),
            [
                "theguardian.com",
                "127.0.0.1-8080",
                "xn--3e0b707e.example",
                "source"
            ]
        );
    }

    #[test]
    fn sources_on_one_site_are_keyed_by_their_path_whatever_their_order() {
        let urls = [
            "https://news.example/data/manifest.json",
            "https://news.example/feeds/world.xml",
            "https://news.example/feeds/sport.xml?page=1",
            "https://other.example/rss",
        ];
        let keys = keys_of(&urls);
        assert_eq!(
            keys,
            [
                "data-manifest",
                "feeds-world",
                "feeds-sport",
                "other.example"
            ]
        );
        let reversed: Vec<&str> = urls.iter().rev().copied().collect();
        let mut again = keys_of(&reversed);
        again.reverse();
        assert_eq!(again, keys, "a key does not depend on the order");
        assert_eq!(
            keys_of(&["https://a.example/x.xml", "https://a.example/x.json"]),
            ["x", "x-2"],
            "the same path twice still gets two keys"
        );
        assert!(!keys_of(&["https://a~b.example/"])[0].contains(SEPARATOR));
    }

    #[test]
    fn slugs_lead_back_to_their_part() {
        let parts = [part("a.example"), part("b.example")];
        let slug = merged_slug(&parts[1], "x~y");
        assert_eq!(slug, "b.example~x~y");
        let found = split_slug(&parts, &slug).map(|(part, inner)| (part.key.as_str(), inner));
        assert_eq!(found, Some(("b.example", "x~y")));
        assert!(split_slug(&parts, "c.example~x").is_none());
        assert!(split_slug(&parts, "no-separator").is_none());
    }

    #[test]
    fn categories_with_one_slug_are_counted_together() {
        let category = |slug: &str, count| CategoryInfo {
            slug: slug.into(),
            name: slug.to_uppercase(),
            count,
        };
        let mut merged = vec![category("world", 2)];
        merge_categories(
            &mut merged,
            vec![category("world", 3), category("sport", 1)],
        );
        assert_eq!(merged, [category("world", 5), category("sport", 1)]);
    }

    fn summary(slug: &str, date: &str) -> Summary {
        Summary {
            slug: slug.into(),
            date: date.into(),
            ..Summary::default()
        }
    }

    fn list(items: Vec<Summary>) -> PartList {
        PartList {
            total: items.len() as u32,
            items,
            category: None,
        }
    }

    #[test]
    fn lists_merge_newest_first_across_time_zones() {
        let (a, b) = (part("a.example"), part("b.example"));
        let merged = |page| {
            let lists = vec![
                (
                    &a,
                    list(vec![
                        summary("a1", "2024-06-12T09:00:00+09:00"),
                        summary("a2", "2024-06-10"),
                        summary("a3", ""),
                    ]),
                ),
                (
                    &b,
                    list(vec![
                        summary("b1", "2024-06-12T01:00:00Z"),
                        summary("b2", "2024-06-11T23:00:00-02:00"),
                    ]),
                ),
            ];
            merge_newest_first(lists, page, 2)
                .into_iter()
                .map(|s| s.slug)
                .collect::<Vec<_>>()
        };
        assert_eq!(merged(1), ["b.example~b1", "b.example~b2"]);
        assert_eq!(merged(2), ["a.example~a1", "a.example~a2"]);
        assert_eq!(merged(3), ["a.example~a3"], "undated last");
        assert!(merged(4).is_empty());
    }
}
