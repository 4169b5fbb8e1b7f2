//! The `feed_readers` target: `sinmun_feeds::read`, the readers of RSS, RDF,
//! Atom, JSON Feed and WordPress REST (and the home-page discovery), on
//! anything, with and without a Content-Type charset, a base URL and
//! WordPress' headers. Beyond "no panic", it checks what the app relies on:
//! every link and picture is an absolute http(s) URL, slugs are usable in
//! a URL path, dates are empty or read back, an article survives the JSON
//! round trip, and a [`Collection`] of the document finds every item again.

use sinmun_feeds::collection::Collection;
use sinmun_feeds::{dates, read, Outcome, Received};
use sinmun_model::Article;

/// `sinmun_feeds::read` on anything, under three ways of receiving it.
pub fn feed_readers(data: &[u8]) {
    let received = [
        Received::default(),
        Received {
            url: "https://feeds.example/a/feed.xml",
            content_type: Some("application/xml; charset=euc-kr"),
            total_pages: Some(3),
            link: None,
        },
        Received {
            url: "https://blog.example/wp-json/wp/v2/posts?page=2",
            content_type: Some("text/html; charset=utf-8"),
            total_pages: Some(2),
            link: Some("<https://blog.example/wp-json/>; rel=\"https://api.w.org/\""),
        },
    ];
    for received in &received {
        let outcome = read(data, received);
        assert_eq!(outcome, read(data, received), "deterministic");
        match outcome {
            Ok(Outcome::Feed { document, .. }) => {
                for article in &document.items {
                    check_article(article);
                }
                if let Some(next) = &document.next {
                    assert_web_url(next);
                }
                check_collection(document);
            }
            Ok(Outcome::Follow(url)) => assert_web_url(&url),
            Ok(Outcome::Sinmun) => {}
            Err(message) => {
                assert!(!message.trim().is_empty());
                assert!(message.chars().count() < 2_000, "short: {message}");
            }
        }
    }
}

fn assert_web_url(url: &str) {
    let lower = url.to_ascii_lowercase();
    assert!(
        lower.starts_with("http://") || lower.starts_with("https://"),
        "not an http(s) URL: {url:?}"
    );
}

fn check_article(article: &Article) {
    assert!(!article.slug.is_empty(), "an empty slug: {article:?}");
    assert!(
        !article
            .slug
            .chars()
            .any(|c| matches!(c, '/' | '?' | '#' | '%' | '\\')
                || c.is_whitespace()
                || c.is_control()),
        "slug {:?} is not one path segment",
        article.slug
    );
    assert!(
        article.date.is_empty() || dates::utc_seconds(&article.date).is_some(),
        "date {:?} does not read back",
        article.date
    );
    for link in [&article.url, &article.image, &article.feature_image]
        .into_iter()
        .flatten()
    {
        assert_web_url(link);
    }
    assert!(article.reading_minutes >= 1);
    assert!(!article.title.contains('\u{0}'));
    let json = serde_json::to_string(article).expect("an article serialises");
    let back: Article = serde_json::from_str(&json).expect("and reads back");
    assert_eq!(&back, article);
}

/// What the app's views ask of a feed: every item is on a list page and
/// found by its slug, every category lists at least one item.
fn check_collection(document: sinmun_feeds::Document) {
    let mut feed = Collection::default();
    feed.add(document);
    feed.end();
    let listed = feed.list_page(1, 100_000, None).expect("page 1 exists");
    assert_eq!(listed.total as usize, feed.len());
    for summary in &listed.items {
        let found = feed.article(&summary.slug).expect("found by slug");
        assert_eq!(found.title, summary.title);
    }
    for category in feed.categories() {
        assert!(!category.slug.is_empty(), "{category:?}");
        let page = feed
            .list_page(1, 10, Some(&category.slug))
            .expect("a category's page 1");
        assert!(page.total >= 1, "{category:?}");
    }
}
