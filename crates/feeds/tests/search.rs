//! A feed's loaded items searched in memory (`sinmun_feeds::search`), on
//! real feeds: every item is found by a piece from inside one of its
//! Korean words (the same bigram matching as a site's index), by a Latin
//! word's prefix in any case, title matches rank above body matches, and
//! hostile queries find nothing without failing.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use sinmun_feeds::collection::Collection;
use sinmun_feeds::search::search_files;
use sinmun_feeds::{read, Outcome, Received};
use sinmun_model::text::html_text;
use sinmun_search::memory::search;

fn collection(path: &str) -> Collection {
    let root =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/feeds");
    let bytes = std::fs::read(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    let received = Received {
        url: "https://feeds.example/feed",
        ..Received::default()
    };
    let mut feed = Collection::default();
    match read(&bytes, &received) {
        Ok(Outcome::Feed { document, .. }) => feed.add(document),
        other => panic!("{path}: {other:?}"),
    }
    feed
}

fn slugs(files: &[(String, Vec<u8>)], query: &str) -> Vec<String> {
    search(files, query)
        .expect("an index of this version")
        .into_iter()
        .map(|r| r.slug)
        .collect()
}

/// The middle two syllables of the item's first Hangul run of four or more.
fn inside_a_word(text: &str) -> Option<String> {
    let hangul = |c: &char| ('가'..='힣').contains(c);
    text.split(|c: char| !hangul(&c))
        .map(|run| run.chars().collect::<Vec<_>>())
        .find(|run| run.len() >= 4)
        .map(|run| run[1..3].iter().collect())
}

#[test]
fn every_korean_item_is_found_by_a_piece_of_a_word() {
    for path in [
        "rss/kyunghyang-rss20-ko-dcdate-only-cdata.xml",
        "rss/chardet-rss091-ko-euckr-no-dates-escaped-html.xml",
    ] {
        let feed = collection(path);
        let files = search_files(&feed);
        let mut checked = 0;
        for article in feed.articles() {
            let text = [article.title.clone(), html_text(&article.body.source)].join(" ");
            let Some(piece) = inside_a_word(&text) else {
                continue;
            };
            let found = slugs(&files, &piece);
            assert!(
                found.contains(&article.slug),
                "{path}: {piece:?} (from {:?}) did not find {}",
                article.title,
                article.slug
            );
            checked += 1;
        }
        assert!(checked >= 10, "{path}: only {checked} items checked");
    }
}

#[test]
fn a_title_match_ranks_above_body_matches() {
    let feed = collection("rss/kyunghyang-rss20-ko-dcdate-only-cdata.xml");
    let files = search_files(&feed);
    let article = feed.articles().nth(5).unwrap();
    let found = search(&files, &article.title).unwrap();
    assert_eq!(
        found.first().map(|r| r.title.as_str()),
        Some(article.title.as_str())
    );
}

#[test]
fn latin_words_match_by_prefix_in_any_case() {
    let feed = collection("atom/netnewswire-atom-daringfireball-html-cdata-xmlbase.xml");
    let files = search_files(&feed);
    let article = feed.articles().next().unwrap();
    let word = article
        .title
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| w.chars().count() >= 5)
        .unwrap();
    let prefix: String = word.chars().take(4).collect::<String>().to_uppercase();
    assert!(slugs(&files, &prefix).contains(&article.slug), "{prefix}");
}

#[test]
fn hostile_queries_find_nothing_and_do_not_fail() {
    let feed = collection("rss/kyunghyang-rss20-ko-dcdate-only-cdata.xml");
    let files = search_files(&feed);
    for query in [
        "",
        "?!.,",
        "<script>alert(1)</script>",
        &"가".repeat(1000),
        "zzqxj",
    ] {
        let found = search(&files, query).unwrap();
        assert!(found.len() <= feed.len(), "{query:?}");
    }
    assert!(search(&files, "zzqxjwv").unwrap().is_empty());
}

#[test]
fn an_empty_feed_is_an_empty_index() {
    let files = search_files(&Collection::default());
    assert!(search(&files, "서울").unwrap().is_empty());
}
