//! Root elements, namespaces and prologs, and where malformed markup stops.

use super::*;
use crate::detect;
use alloc::string::ToString;

fn rss(version: RssVersion) -> Result<Format, DetectError> {
    Ok(Format::Rss { version })
}

#[test]
fn reads_the_root_of_each_feed() {
    let cases: &[(&str, Result<Format, DetectError>)] = &[
        ("<rss version=\"2.0\">", rss(RssVersion::V2_0)),
        ("<rss version='0.91'><channel>", rss(RssVersion::V0_91)),
        ("<rss\n  version = \"0.92\"\n/>", rss(RssVersion::V0_92)),
        ("<feed xmlns=\"http://www.w3.org/2005/Atom\">", Ok(Format::Atom)),
        (
            "<atom:feed xmlns:atom=\"http://www.w3.org/2005/Atom\">",
            Ok(Format::Atom),
        ),
        (
            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\">",
            Ok(Format::Rdf),
        ),
        (
            "<r:RDF xmlns:r='http://www.w3.org/1999/02/22-rdf-syntax-ns#' xmlns:rss='http://purl.org/rss/1.0/'>",
            Ok(Format::Rdf),
        ),
    ];
    for (text, want) in cases {
        assert_eq!(&detect(text), want, "{text}");
    }
}

#[test]
fn skips_the_prolog() {
    let prolog = "<?xml version=\"1.0\" encoding=\"euc-kr\"?>\r\n\
        <!-- Source: http://example.com/ Expect: EUC-KR -->\n\
        <?xml-stylesheet type=\"text/xsl\" href=\"a.xsl?x>y\"?>\n\
        <!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\"\n \
        \"http://my.netscape.com/publish/formats/rss-0.91.dtd\">\n\
        <!DOCTYPE x [ <!ENTITY a \"]>\"> <!-- ]> --> ]>\n\
        <rss version=\"0.91\">";
    assert_eq!(detect(prolog), rss(RssVersion::V0_91));
}

#[test]
fn says_what_else_it_found() {
    let cases: &[(&str, &str)] = &[
        ("<!DOCTYPE html><html>", "HTML page"),
        ("<!doctype HTML>", "HTML page"),
        ("<!-- saved --><HTML lang=ko>", "HTML page"),
        ("<body><p>x", "HTML page"),
        ("<rss>", "has no version attribute"),
        ("<rss version=\"3.0\">", "RSS feed of version \"3.0\""),
        ("<feed>", "not in the Atom namespace"),
        ("<feed xmlns=\"http://purl.org/atom/ns#\">", "Atom feed of version 0.3"),
        ("<feed xmlns:a=\"http://www.w3.org/2005/Atom\">", "not in the Atom namespace"),
        ("<a:feed xmlns=\"http://www.w3.org/2005/Atom\">", "prefix `a`, which it does not declare"),
        ("<rdf:RDF>", "does not declare"),
        (
            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">",
            "RSS 1.0 namespace",
        ),
        (
            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://my.netscape.com/rdf/simple/0.9/\">",
            "RSS feed of version 0.90",
        ),
        ("<RDF xmlns=\"http://purl.org/rss/1.0/\">", "root element is <RDF>"),
        ("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">", "root element is <urlset>"),
    ];
    for (text, want) in cases {
        let message = detect(text)
            .map(|f| f.to_string())
            .unwrap_or_else(|e| e.to_string());
        assert!(message.contains(want), "{text}: {message}");
    }
}

#[test]
fn says_where_malformed_markup_stops() {
    let cases: &[(&str, (usize, usize), &str)] = &[
        ("<", (1, 1), "expected the root element"),
        ("<?xml version='1.0'", (1, 1), "processing instruction"),
        ("<!-- x ->", (1, 1), "comment"),
        ("<!--><rss version=\"2.0\">", (1, 1), "comment"),
        ("<?><rss version=\"2.0\">", (1, 1), "processing instruction"),
        (
            "<!DOCTYPE rss [ <!ENTITY a 'x'> ",
            (1, 1),
            "DOCTYPE is not closed",
        ),
        ("<?xml?>\n  text", (2, 3), "expected the root element"),
        (
            "<?xml?>\n<rss version=\"2.0\"",
            (2, 1),
            "start tag <rss is not closed",
        ),
        ("<rss version>", (1, 13), "`version` has no value"),
        ("<rss version=2.0>", (1, 14), "not in quotes"),
        ("<rss version=\"2.0>", (1, 14), "not closed"),
        ("<rss =\"2.0\">", (1, 6), "expected an attribute"),
        ("<1rss>", (1, 1), "expected the root element"),
        ("<한 a=\"", (1, 6), "not closed"),
    ];
    for (text, (line, column), want) in cases {
        match detect(text) {
            Err(DetectError::NotXml {
                line: l,
                column: c,
                message,
            }) => {
                assert_eq!((l, c), (*line, *column), "{text}: {message}");
                assert!(message.contains(want), "{text}: {message}");
            }
            other => panic!("{text}: {other:?}"),
        }
    }
}

#[test]
fn reads_ascii_structure_of_legacy_charsets() {
    // EUC-KR "한국" in a comment and an attribute before the root's end
    let euc_kr = b"<?xml version=\"1.0\" encoding=\"euc-kr\"?><!-- \xC7\xD1\xB1\xB9 --><rss version=\"2.0\" title=\"\xC7\xD1\">";
    assert_eq!(crate::detect_bytes(euc_kr), rss(RssVersion::V2_0));
}

#[test]
fn long_and_unclosed_markup_is_linear() {
    let n = 1_000_000;
    let long = alloc::format!("<!--{}", "-".repeat(n));
    assert!(matches!(detect(&long), Err(DetectError::NotXml { .. })));
    let many = alloc::format!("{}<rss version=\"2.0\">", "<?a?><!--b-->".repeat(n / 10));
    assert_eq!(detect(&many), rss(RssVersion::V2_0));
    let attributes = alloc::format!("<rss{}", " a='b'".repeat(n / 10));
    assert!(matches!(
        detect(&attributes),
        Err(DetectError::NotXml { .. })
    ));
}
