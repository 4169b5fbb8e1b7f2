//! Every real feed in `../shared/fixtures/feeds/` (written by others, never
//! edited) read natively, checked against what the file says: titles,
//! dates, text, pictures, links and encodings.

use sinmun_feeds::{read, Document, Outcome, Received};
use sinmun_model::BodyFormat;

fn fixture(path: &str) -> Vec<u8> {
    let root =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/feeds");
    std::fs::read(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn feed_at(path: &str, url: &str, total_pages: Option<u32>) -> Document {
    let bytes = fixture(path);
    let received = Received {
        url,
        total_pages,
        ..Received::default()
    };
    match read(&bytes, &received) {
        Ok(Outcome::Feed { document, .. }) => document,
        other => panic!("{path}: {other:?}"),
    }
}

fn feed(path: &str) -> Document {
    feed_at(path, "https://feeds.example/feed", None)
}

#[test]
fn euc_kr_rss_091_has_hangul_and_no_dates() {
    let doc = feed("rss/chardet-rss091-ko-euckr-no-dates-escaped-html.xml");
    assert_eq!(doc.items.len(), 10);
    assert!(doc.title.contains('ㅇ'), "{}", doc.title);
    // `<language>euc-kr</language>` is a charset, not a language.
    assert_eq!(doc.language, None);
    let hangul = doc
        .items
        .iter()
        .flat_map(|a| a.title.chars().chain(a.body.source.chars()))
        .filter(|c| ('가'..='힣').contains(c))
        .count();
    assert!(hangul > 1000, "{hangul} Hangul syllables");
    for item in &doc.items {
        assert_eq!(item.date, "", "no date anywhere: {}", item.title);
        assert!(!item.title.is_empty());
        // The escaped HTML is HTML after one unescaping.
        assert_eq!(item.body.format, BodyFormat::Html, "{}", item.title);
        assert!(!item.body.source.contains("&lt;br"), "{}", item.body.source);
    }
    let slugs: std::collections::HashSet<_> = doc.items.iter().map(|a| a.slug.clone()).collect();
    assert!(!slugs.is_empty());
}

#[test]
fn euc_jp_rdf_has_content_encoded_and_dc_dates() {
    let doc = feed("rss/chardet-rss10-ja-eucjp-content-encoded.xml");
    assert_eq!(doc.items.len(), 15);
    for item in &doc.items {
        assert!(item.date.ends_with("+09:00"), "{}", item.date);
        assert!(item.date.starts_with("2005-"), "{}", item.date);
        assert_eq!(item.body.format, BodyFormat::Html);
        assert!(
            item.excerpt
                .chars()
                .any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)
                    || ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{}",
            item.excerpt
        );
        assert!(
            item.url.as_deref().is_some_and(|u| u.starts_with("http")),
            "{:?}",
            item.url
        );
        assert!(!item.categories.is_empty());
        assert!(!item.authors.is_empty());
    }
    assert!(
        doc.items.iter().any(|a| a.body.source.contains("onclick")),
        "the raw HTML is kept for the sanitiser"
    );
}

#[test]
fn kyunghyang_cdata_and_dc_date_only() {
    let doc = feed("rss/kyunghyang-rss20-ko-dcdate-only-cdata.xml");
    assert_eq!(doc.items.len(), 324);
    assert_eq!(doc.home, None, "the channel link is empty");
    for item in &doc.items {
        assert!(
            item.date.starts_with("2018-04-0"),
            "{}: {}",
            item.title,
            item.date
        );
        assert!(!item.title.is_empty());
        assert!(!item.title.contains("CDATA"));
    }
    let first = doc.items.first().unwrap();
    assert!(first.title.chars().any(|c| ('가'..='힣').contains(&c)));
    assert!(doc.items.iter().all(|a| !a.excerpt.contains("<br")));
}

#[test]
fn podcast_has_content_encoded_and_images() {
    let doc = feed("rss/netnewswire-rss20-atp-podcast-content-encoded.xml");
    assert_eq!(doc.items.len(), 100);
    let with_content = doc
        .items
        .iter()
        .filter(|a| a.body.format == BodyFormat::Html)
        .count();
    assert_eq!(with_content, 100);
    for item in &doc.items {
        assert!(item.date.starts_with("20"), "{}", item.date);
        assert!(item.url.is_some());
    }
    assert!(doc.items.iter().any(|a| a.body.source.contains('👴')));
    // No audio file is taken for a picture.
    assert!(doc
        .items
        .iter()
        .all(|a| a.image.as_deref().is_none_or(|i| !i.ends_with(".mp3"))));
}

#[test]
fn guardian_pictures_come_from_media_content() {
    let doc = feed("rss/rssparser-rss20-guardian-media-content-images.xml");
    assert_eq!(doc.items.len(), 55);
    let with_image = doc.items.iter().filter(|a| a.image.is_some()).count();
    assert!(with_image >= 50, "{with_image} of 55 have a picture");
    for item in doc.items.iter().filter_map(|a| a.image.as_deref()) {
        assert!(item.starts_with("https://i.guim.co.uk/"), "{item}");
        assert!(!item.contains("&amp;"), "{item}");
        assert!(item.contains("w=460"), "the wider of the two: {item}");
    }
    assert!(
        doc.items
            .iter()
            .all(|a| a.date.starts_with("2017-12-") || a.date.starts_with("2018-01-")),
        "every pubDate read"
    );
    assert!(doc.items.iter().any(|a| a.date == "2018-01-29T14:40:49Z"));
    assert!(doc.items.iter().all(|a| !a.categories.is_empty()));
}

#[test]
fn daring_fireball_resolves_against_xml_base() {
    let doc = feed("atom/netnewswire-atom-daringfireball-html-cdata-xmlbase.xml");
    assert_eq!(doc.items.len(), 48);
    assert_eq!(doc.home.as_deref(), Some("https://daringfireball.net/"));
    let body = doc
        .items
        .iter()
        .map(|a| a.body.source.as_str())
        .find(|b| b.contains("/misc/2017/06/"))
        .unwrap();
    assert!(
        body.contains("https://daringfireball.net/misc/2017/06/"),
        "{body}"
    );
    assert!(!body.contains("src=\"/misc/"));
    let footnotes = doc
        .items
        .iter()
        .map(|a| a.body.source.as_str())
        .find(|b| b.contains("#fn"))
        .unwrap();
    assert!(
        footnotes.contains("href=\"#fn"),
        "footnote links stay in-page"
    );
    for item in &doc.items {
        assert!(item.date.starts_with("2017-0"), "{}", item.date);
        assert!(!item.title.contains("&#8217;"));
    }
}

#[test]
fn pappacoda_xhtml_content_is_markup() {
    let doc = feed("atom/netnewswire-atom-pappacoda-it-xhtml-xmlbase-no-prolog.xml");
    assert_eq!(doc.items.len(), 3);
    assert_eq!(doc.language.as_deref(), Some("it"));
    // Two entries have xhtml content; the third (a thesis, linked as a
    // PDF) only a text summary.
    let html: Vec<_> = doc
        .items
        .iter()
        .filter(|a| a.body.format == BodyFormat::Html)
        .collect();
    assert_eq!(html.len(), 2);
    for item in html {
        assert!(item.body.source.contains("<h1"), "{}", item.title);
        assert!(!item.body.source.contains("</br>"));
    }
    let thesis = doc
        .items
        .iter()
        .find(|a| a.body.format == BodyFormat::Text)
        .unwrap();
    assert!(thesis.body.source.contains("fork()"));
    assert_eq!(
        thesis.url.as_deref(),
        Some("https://andrea.pappacoda.it/blog/tesi.pdf")
    );
    let images: Vec<&str> = doc
        .items
        .iter()
        .flat_map(|a| a.body.source.split("src=\"").skip(1))
        .collect();
    assert!(!images.is_empty());
    for image in images {
        assert!(
            image.starts_with("https://andrea.pappacoda.it/"),
            "{}",
            &image[..60.min(image.len())]
        );
    }
}

#[test]
fn json_feeds_read_every_item() {
    let cases = [
        ("jsonfeed/gofeed-jsonfeed-11-all-fields.json", 1),
        ("jsonfeed/netnewswire-jsonfeed-10-inessential.json", 20),
        (
            "jsonfeed/feedjira-jsonfeed-11-lukedorny-escaped-slashes.json",
            30,
        ),
        ("jsonfeed/netnewswire-jsonfeed-11-3960-de.json", 20),
        (
            "jsonfeed/zucchini-blog-jsonfeed-11-zh-content-text-only.json",
            0,
        ),
    ];
    for (path, count) in cases {
        let doc = feed(path);
        if count > 0 {
            assert_eq!(doc.items.len(), count, "{path}");
        }
        for item in &doc.items {
            assert!(!item.title.is_empty(), "{path}");
            assert!(!item.slug.is_empty(), "{path}");
        }
    }
    let all = feed("jsonfeed/gofeed-jsonfeed-11-all-fields.json");
    assert!(all.next.is_some());
    let item = all.items.first().unwrap();
    assert!(item.feature_image.is_some(), "banner_image");
    assert!(!item.authors.is_empty());
    let de = feed("jsonfeed/netnewswire-jsonfeed-11-3960-de.json");
    assert!(de.items.iter().all(|a| a.image.is_some()));
    let zh = feed("jsonfeed/zucchini-blog-jsonfeed-11-zh-content-text-only.json");
    assert!(zh.items.iter().all(|a| a.body.format == BodyFormat::Text));
}

#[test]
fn wordpress_posts_with_and_without_embed() {
    let embed = feed_at(
        "wordpress/frontity-wp-posts-embed-category7.json",
        "https://demo.worona.org/wp-json/wp/v2/posts?_embed&categories=7",
        Some(2),
    );
    assert_eq!(embed.items.len(), 5);
    assert!(embed.next.as_deref().is_some_and(|n| n.ends_with("page=2")));
    assert_eq!(embed.home.as_deref(), Some("https://demo.worona.org/"));
    for item in &embed.items {
        assert!(item.image.is_some(), "featured media: {}", item.title);
        assert!(!item.categories.is_empty());
        assert!(item.date.ends_with('Z'), "date_gmt is UTC: {}", item.date);
    }
    let ja = feed("wordpress/tuqulore-designlab-wp-posts-ja.json");
    assert_eq!(ja.items.len(), 10);
    assert!(ja.items.iter().all(|a| !a.title.is_ascii()));
    let demo = feed("wordpress/python-wp-demo-wp-api-org-posts.json");
    assert_eq!(demo.items.len(), 10);
    // Untitled posts get a title from their text.
    assert!(demo.items.iter().all(|a| !a.title.is_empty()));
    let nb = feed("wordpress/telemark-portaleninfo-wp-posts-nb-jetpack.json");
    assert_eq!(nb.items.len(), 7);
    assert!(nb.items.iter().all(|a| !a.title.contains("&#8211;")));
    let replies = feed("wordpress/frontity-wp-posts-embed-replies-no-links.json");
    assert_eq!(replies.items.len(), 3);
}

#[test]
fn what_is_not_a_feed_says_what_it_is() {
    let received = Received {
        url: "https://x.org/",
        ..Received::default()
    };
    let login = read(
        b"<!DOCTYPE html><html><body><form><input type=\"password\"></form></body></html>",
        &received,
    );
    assert!(
        login.as_ref().is_err_and(|e| e.contains("login page")),
        "{login:?}"
    );
    let page = read(
        b"<!DOCTYPE html><html><head><title>x</title></head></html>",
        &received,
    );
    assert!(
        page.as_ref().is_err_and(|e| e.contains("HTML page")),
        "{page:?}"
    );
    let follow = read(b"<!DOCTYPE html><html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/rss\"></head></html>", &received);
    assert_eq!(follow, Ok(Outcome::Follow("https://x.org/rss".into())));
    let broken = read(b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>x</item></channel></rss>", &received);
    assert!(
        broken
            .as_ref()
            .is_err_and(|e| e.contains("RSS 2.0") && e.contains("XML error")),
        "{broken:?}"
    );
    let json = read(
        b"{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": 3}",
        &received,
    );
    assert!(json.is_err(), "{json:?}");
    assert!(read(b"", &received).is_err());
    assert!(read(b"\xff\xfe<\x00", &received).is_err());
}

/// A 10,000-item feed of about 10 MB, every item untitled but for one
/// shared title and without an id: all read, slugs unique, pages fine.
#[test]
fn ten_thousand_items_in_ten_megabytes() {
    use sinmun_feeds::collection::Collection;
    let body = |n: u32| format!("<p>본문 {n} {}</p>", "가나다라 ".repeat(190));
    let mut xml =
        String::from("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>큰 피드</title>");
    for n in 0..10_000u32 {
        xml.push_str(&format!(
            "<item><title>같은 제목</title><description><![CDATA[{}]]></description><pubDate>Mon, 01 Jan 2024 {:02}:{:02}:00 +0900</pubDate></item>",
            body(n),
            (n / 60) % 24,
            n % 60
        ));
    }
    xml.push_str("</channel></rss>");
    assert!(xml.len() > 10_000_000, "{} bytes", xml.len());
    let received = Received {
        url: "https://big.example/rss",
        ..Received::default()
    };
    let document = match read(xml.as_bytes(), &received) {
        Ok(Outcome::Feed { document, .. }) => document,
        other => panic!("{other:?}"),
    };
    assert_eq!(document.items.len(), 10_000);
    let mut feed = Collection::default();
    feed.add(document);
    // Same title, no link or id, but other dates and texts: not duplicates.
    assert_eq!(feed.len(), 10_000);
    let page = feed.list_page(1, 10, None).expect("page 1");
    assert_eq!(page.items.len(), 10);
    let slugs: std::collections::HashSet<String> =
        feed.articles().map(|a| a.slug.clone()).collect();
    assert_eq!(slugs.len(), feed.len());
}

/// `text` in UTF-16 with its byte-order mark, little- or big-endian.
fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut bytes = if little_endian {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        let pair = if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        };
        bytes.extend(pair);
    }
    bytes
}

#[test]
fn utf16_feeds_read_like_their_utf8_selves() {
    let path = "rss/kyunghyang-rss20-ko-dcdate-only-cdata.xml";
    let original = feed(path);
    let text = String::from_utf8(fixture(path)).unwrap();
    // As a UTF-16 file says it is: its prolog declares UTF-16.
    let declared = text.replacen("encoding=\"UTF-8\"", "encoding=\"UTF-16\"", 1);
    let declared = declared.replacen("encoding=\"utf-8\"", "encoding=\"UTF-16\"", 1);
    for little_endian in [true, false] {
        let received = Received {
            url: "https://feeds.example/feed",
            content_type: Some("application/rss+xml; charset=utf-8"),
            ..Received::default()
        };
        let doc = match read(&utf16(&declared, little_endian), &received) {
            Ok(Outcome::Feed { document, .. }) => document,
            other => panic!("UTF-16 (little endian: {little_endian}): {other:?}"),
        };
        assert_eq!(doc.title, original.title);
        assert_eq!(doc.items.len(), original.items.len());
        assert_eq!(doc.items.first(), original.items.first());
    }
    let json = String::from_utf8(fixture("jsonfeed/netnewswire-jsonfeed-11-3960-de.json")).unwrap();
    match read(&utf16(&json, true), &Received::default()) {
        Ok(Outcome::Feed { document, .. }) => assert!(!document.items.is_empty()),
        other => panic!("a UTF-16 JSON Feed: {other:?}"),
    }
}
