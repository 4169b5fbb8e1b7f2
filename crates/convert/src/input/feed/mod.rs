//! The feed input: an RSS, RDF, Atom, JSON Feed or WordPress REST document,
//! given as a file or an http(s) URL, read into a [`Catalogue`] with the
//! same readers the browser app loads (`sinmun-feeds`). A URL is fetched
//! with its later pages (JSON Feed `next_url`, Atom `rel="next"`, WordPress
//! `page=N+1`) and a home page is followed to the feed it advertises, so a
//! feed whose server refuses cross-origin reads still becomes a site.

mod fetch;

use crate::catalogue::{Catalogue, Item, Source};
use fetch::Fetched;
use sinmun_feeds::collection::Collection;
use sinmun_feeds::{dates, Outcome, Received};
use sinmun_model::{normalise_base_path, SiteConfig};

/// How many home pages may be followed to the feed they name.
const MAX_FOLLOWS: u32 = 3;

/// A feed as the converter sees it: every page read.
pub struct FeedSite {
    /// The file or URL given.
    pub origin: String,
    feed: Collection,
}

impl FeedSite {
    /// Is `input` a feed rather than a Jekyll `_posts` folder?
    pub fn is_feed(input: &std::path::Path) -> bool {
        let text = input.to_string_lossy();
        fetch::is_url(&text) || input.is_file()
    }

    /// Reads the feed at `input` (a file or an http(s) URL) and, for a URL,
    /// its later pages; a later page that fails ends the feed with a warning.
    pub fn open(input: &std::path::Path, warnings: &mut Vec<String>) -> Result<FeedSite, String> {
        let origin = input.to_string_lossy().into_owned();
        let mut feed = Collection::default();
        let mut fetched = fetch::first(&origin)?;
        let mut follows = 0;
        loop {
            match read_with_base(&fetched)? {
                Outcome::Feed { document, .. } => feed.add(document),
                Outcome::Follow(url) if follows < MAX_FOLLOWS && fetch::is_url(&url) => {
                    follows += 1;
                    fetched = fetch::url(&url)?;
                    continue;
                }
                Outcome::Follow(url) => {
                    return Err(format!(
                        "{origin}: it is an HTML page naming the feed {url}; give that instead"
                    ))
                }
                Outcome::Sinmun => {
                    return Err(format!(
                        "{origin}: it is a sinmun site's manifest, already converted"
                    ))
                }
            }
            let Some(next) = feed.next.clone() else { break };
            if !fetch::is_url(&fetched.url) {
                warnings.push(format!("{origin}: the feed names a next page ({next}); a file's pages are not fetched, give the URL to read them"));
                break;
            }
            match fetch::url(&next) {
                Ok(page) => fetched = page,
                Err(e) => {
                    warnings.push(format!("{e}: the feed ends at the pages read before it"));
                    feed.end();
                    break;
                }
            }
        }
        if feed.is_empty() {
            warnings.push(format!("{origin}: the feed has no items"));
        }
        Ok(FeedSite { origin, feed })
    }

    /// The site's `config.json`: the feed's title, description and language.
    pub fn site_config(&self, base_path: Option<&str>) -> SiteConfig {
        let defaults = SiteConfig::default();
        SiteConfig {
            title: Some(self.feed.title.clone())
                .filter(|t| !t.is_empty())
                .unwrap_or(defaults.title),
            description: self.feed.description.clone(),
            lang: self.feed.language.clone().unwrap_or(defaults.lang),
            url: String::new(),
            page_size: defaults.page_size,
            category_page_size: None,
            base_path: normalise_base_path(base_path.unwrap_or("/")),
            source: "data/manifest.json".into(),
        }
    }

    /// The "read inputs" step: one source per item, named by its link or slug.
    pub fn read(&self) -> Catalogue {
        let sources = self
            .feed
            .articles()
            .map(|article| Source {
                path: article
                    .url
                    .clone()
                    .unwrap_or_else(|| ["#", &article.slug].concat()),
                messages: Vec::new(),
                outcome: Ok(Item {
                    timestamp: dates::utc_seconds(&article.date).unwrap_or(0),
                    article: article.clone(),
                    recovered: false,
                }),
            })
            .collect();
        Catalogue::new(sources)
    }
}

/// A file has no URL of its own: its relative links resolve against the
/// site the feed names (its `<link>`, `home_page_url`), read on a first pass.
fn read_with_base(fetched: &Fetched) -> Result<Outcome, String> {
    let outcome = read(fetched)?;
    let home = match &outcome {
        Outcome::Feed { document, .. } if fetched.url.is_empty() => document.home.clone(),
        _ => None,
    };
    match home.filter(|h| fetch::is_url(h)) {
        Some(home) => read(&Fetched {
            url: home,
            ..fetched.clone()
        }),
        None => Ok(outcome),
    }
}

fn read(fetched: &Fetched) -> Result<Outcome, String> {
    let received = Received {
        url: &fetched.url,
        content_type: fetched.content_type.as_deref(),
        total_pages: fetched.total_pages,
        link: fetched.link.as_deref(),
    };
    sinmun_feeds::read(&fetched.bytes, &received).map_err(|e| format!("{}: {e}", fetched.shown))
}
