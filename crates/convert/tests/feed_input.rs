//! `sinmun-convert FEED OUT`: a feed file or URL becomes the same static site
//! a Jekyll folder does. Real feeds from `../shared/fixtures/feeds/` (never
//! edited), and a local HTTP server for URLs, pages and bad answers.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use sinmun_convert::{run, Options};
use sinmun_model::{Article, IndexShard, Manifest, SiteConfig};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/fixtures/feeds")
        .join(path)
}

fn read_json<T: serde::de::DeserializeOwned>(p: &Path) -> T {
    let data = std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    serde_json::from_slice(&data).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn convert(input: impl Into<PathBuf>) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let result = run(&Options::new(input, &out)).unwrap();
    assert!(result.written, "{:?}", result.site_warnings);
    (tmp, out)
}

fn first_article(site: &Path) -> Article {
    let shard: IndexShard = read_json(&site.join("data/index/0.json"));
    let first = shard.items.first().expect("a first item");
    read_json(&site.join(format!("data/articles/{}.json", first.slug)))
}

#[test]
fn an_euc_kr_rss_file_becomes_a_site_in_hangul() {
    let (_tmp, site) = convert(fixture(
        "rss/chardet-rss091-ko-euckr-no-dates-escaped-html.xml",
    ));
    let manifest: Manifest = read_json(&site.join("data/manifest.json"));
    assert_eq!(manifest.total, 10);
    let config: SiteConfig = read_json(&site.join("config.json"));
    assert!(config.title.contains('ㅇ'), "{}", config.title);
    let article = first_article(&site);
    assert!(article
        .body
        .source
        .chars()
        .any(|c| ('가'..='힣').contains(&c)));
    assert!(!article.body.source.contains("&lt;br"));
}

#[test]
fn every_fixture_feed_converts() {
    for path in [
        "atom/netnewswire-atom-daringfireball-html-cdata-xmlbase.xml",
        "atom/netnewswire-atom-pappacoda-it-xhtml-xmlbase-no-prolog.xml",
        "rss/netnewswire-rss20-atp-podcast-content-encoded.xml",
        "rss/rssparser-rss20-guardian-media-content-images.xml",
        "rss/chardet-rss10-ja-eucjp-content-encoded.xml",
        "rss/kyunghyang-rss20-ko-dcdate-only-cdata.xml",
        "wordpress/python-wp-demo-wp-api-org-posts.json",
        "wordpress/tuqulore-designlab-wp-posts-ja.json",
        "jsonfeed/gofeed-jsonfeed-11-all-fields.json",
        "jsonfeed/zucchini-blog-jsonfeed-11-zh-content-text-only.json",
    ] {
        let (_tmp, site) = convert(fixture(path));
        let manifest: Manifest = read_json(&site.join("data/manifest.json"));
        assert!(manifest.total > 0, "{path}");
        let article = first_article(&site);
        assert!(!article.title.is_empty(), "{path}");
        assert!(!article.body.source.is_empty(), "{path}");
    }
}

#[test]
fn the_newest_item_comes_first() {
    let (_tmp, site) = convert(fixture("rss/kyunghyang-rss20-ko-dcdate-only-cdata.xml"));
    let shard: IndexShard = read_json(&site.join("data/index/0.json"));
    let dates: Vec<&str> = shard.items.iter().map(|s| s.date.as_str()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
}

/// Serves `pages` (path, content type, body) on 127.0.0.1 until dropped.
fn serve(pages: Vec<(&'static str, &'static str, String)>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut request = String::new();
            let _ = BufReader::new(&stream).read_line(&mut request);
            let path = request.split(' ').nth(1).unwrap_or("/").to_string();
            let reply = match pages.iter().find(|(p, _, _)| *p == path) {
                Some((_, kind, body)) => format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: {kind}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                ),
                None => "HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n".into(),
            };
            let _ = stream.write_all(reply.as_bytes());
        }
    });
    base
}

fn json_feed_page(n: u32, next: Option<&str>) -> String {
    serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "로컬 피드",
        "next_url": next,
        "items": [{
            "id": format!("item-{n}"),
            "title": format!("기사 {n}"),
            "content_html": format!("<p>본문 {n} <img src=\"/img/{n}.png\"></p>"),
            "date_published": format!("2024-0{n}-01T00:00:00Z"),
        }]
    })
    .to_string()
}

#[test]
fn a_url_is_fetched_page_by_page_from_a_home_page() {
    let home = r#"<html><head><link rel="alternate" type="application/feed+json" href="/feed.json"></head><body>hi</body></html>"#;
    let base = serve(vec![
        ("/", "text/html", home.to_string()),
        (
            "/feed.json",
            "application/json",
            json_feed_page(2, Some("/feed-2.json")),
        ),
        ("/feed-2.json", "application/json", json_feed_page(1, None)),
    ]);
    let (_tmp, site) = convert(format!("{base}/"));
    let manifest: Manifest = read_json(&site.join("data/manifest.json"));
    assert_eq!(manifest.total, 2, "both pages");
    let article = first_article(&site);
    assert_eq!(article.title, "기사 2");
    assert!(
        article.body.source.contains(&format!("{base}/img/2.png")),
        "relative image resolved against the feed: {}",
        article.body.source
    );
}

#[test]
fn bad_inputs_are_named_and_write_nothing() {
    let base = serve(vec![(
        "/login",
        "text/html",
        r#"<!DOCTYPE html><html><head><title>Sign in</title></head><body><form><input name=id><input type="password" name=pw></form></body></html>"#.to_string(),
    )]);
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    for (input, expected) in [
        (format!("{base}/login"), "login page"),
        (format!("{base}/missing.xml"), "HTTP 404"),
    ] {
        let error = run(&Options::new(&input, &out)).err().unwrap_or_default();
        assert!(error.contains(expected), "{input}: {error}");
        assert!(error.contains(&input), "names the source: {error}");
        assert!(!out.exists());
    }
    let broken = tmp.path().join("broken.xml");
    std::fs::write(
        &broken,
        "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>\n<item><title>a</title></chanel></rss>",
    )
    .unwrap();
    let error = run(&Options::new(&broken, &out)).err().unwrap_or_default();
    assert!(error.contains("XML error"), "{error}");
    assert!(error.contains("line"), "says where: {error}");
}
