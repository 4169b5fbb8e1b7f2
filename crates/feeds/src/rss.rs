//! RSS 0.9x / 2.0 (`<rss><channel><item>`) and RSS 1.0 / 0.90 (RDF: the
//! items beside the channel, in the RSS namespace). Bodies come from
//! `content:encoded`, else `description` (HTML, often entity-escaped, which
//! the XML parser has already unescaped once); dates from `pubDate`
//! (RFC 822), `dc:date` (ISO 8601) or none; pictures from `media:content`,
//! `media:thumbnail`, an image `enclosure`, iTunes' image, or the body.

use crate::item::{self, Content, Parts};
use crate::url;
use crate::xml::{ns, Element};
use crate::Document;

/// RSS 0.90's namespace (RDF-based, like 1.0).
const RSS090: &str = "http://my.netscape.com/rdf/simple/0.9/";

/// An `<rss>` or `<rdf:RDF>` root read; `url` is the feed's own address.
pub fn read<E: Element>(root: &E, url: &str) -> Document {
    let rdf = root.local_name() == "RDF";
    let rss_ns = if rdf {
        root.children()
            .into_iter()
            .find(|c| c.local_name() == "channel")
            .and_then(|c| c.namespace())
    } else {
        None
    };
    let ns = rss_ns.as_deref().filter(|n| *n == ns::RSS1 || *n == RSS090);
    let channel = root.child(ns, "channel");
    let items = match (&channel, rdf) {
        (Some(channel), false) => channel.children(),
        _ => root.children(),
    };
    let base = root.base(url);
    let channel_base = channel.as_ref().map_or(base.clone(), |c| c.base(url));
    let items = items
        .into_iter()
        .filter(|i| i.is(ns, "item"))
        .map(|i| item::article(parts(&i, ns, &channel_base, url)))
        .collect();
    let text = |name: &str| channel.as_ref().and_then(|c| c.child_text(ns, name));
    Document {
        title: text("title").unwrap_or_default(),
        description: text("description").unwrap_or_default(),
        language: text("language")
            .or_else(|| {
                channel
                    .as_ref()
                    .and_then(|c| c.child_text(Some(ns::DC), "language"))
            })
            .filter(|l| looks_like_language(l)),
        home: text("link").and_then(|l| url::web_link(&channel_base, &l)),
        next: None,
        items,
    }
}

/// `ko`, `en-US`; not `euc-kr` (a charset some feeds put here).
fn looks_like_language(code: &str) -> bool {
    let lower = code.trim().to_ascii_lowercase();
    let charsets = [
        "euc", "utf", "iso", "win", "shift", "ks_", "big5", "gb", "ascii", "us-ascii", "koi", "cp",
    ];
    if charsets.iter().any(|c| lower.starts_with(c)) {
        return false;
    }
    let primary = code.split(['-', '_']).next().unwrap_or("");
    (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic())
}

fn parts<E: Element>(item: &E, ns: Option<&str>, channel_base: &str, feed_url: &str) -> Parts {
    let base = match item.attribute_ns(ns::XML, "base") {
        Some(_) => item.base(feed_url),
        None => channel_base.to_string(),
    };
    let link = item
        .child_text(ns, "link")
        .and_then(|l| url::web_link(&base, &l))
        .or_else(|| permalink_guid(item, ns).and_then(|g| url::web_link(&base, &g)));
    let id = item
        .child_text(ns, "guid")
        .or_else(|| item.attribute_ns(ns::RDF, "about"));
    let description = item.child_text(ns, "description");
    let encoded = item.child_text(Some(ns::CONTENT), "encoded");
    // Relative URLs in the content resolve against the xml:base the feed
    // sets (on the item or the channel), else the item's own page.
    let has_xml_base = base != feed_url;
    let content_base = match &link {
        Some(page) if !has_xml_base => page.clone(),
        _ => base.clone(),
    };
    let (content, summary) = match encoded {
        Some(html) => (Some(Content::Html(html)), description),
        None => (description.map(Content::Html), None),
    };
    let mut categories = item.child_texts(ns, "category");
    categories.extend(item.child_texts(Some(ns::DC), "subject"));
    let mut authors = item.child_texts(ns, "author");
    authors.extend(item.child_texts(Some(ns::DC), "creator"));
    Parts {
        id,
        title: item.child_text(ns, "title"),
        content,
        summary,
        published: [
            item.child_text(ns, "pubDate"),
            item.child_text(Some(ns::DC), "date"),
        ]
        .into_iter()
        .flatten()
        .collect(),
        updated: Vec::new(),
        categories,
        authors,
        images: images(item, &base),
        banner: None,
        base: content_base,
        link,
    }
}

/// A `guid` that says it is the item's permanent link (the default).
fn permalink_guid<E: Element>(item: &E, ns: Option<&str>) -> Option<String> {
    let guid = item.child(ns, "guid")?;
    let permalink = guid
        .attribute("isPermaLink")
        .is_none_or(|p| !p.trim().eq_ignore_ascii_case("false"));
    permalink.then(|| guid.text().trim().to_string())
}

/// Picture candidates: Media RSS (the widest `media:content` image first,
/// inside `media:group` too), `media:thumbnail`, an image enclosure, iTunes.
pub fn images<E: Element>(item: &E, base: &str) -> Vec<String> {
    let mut media: Vec<(u32, String)> = Vec::new();
    let mut thumbnails = Vec::new();
    let mut others = Vec::new();
    let mut visit = |e: &E| {
        let url = e.attribute("url").and_then(|u| url::web_link(base, &u));
        if e.is_in(&ns::MEDIA, "content") && is_image(e) {
            let width = e
                .attribute("width")
                .and_then(|w| w.trim().parse().ok())
                .unwrap_or(0);
            media.extend(url.map(|u| (width, u)));
        } else if e.is_in(&ns::MEDIA, "thumbnail") {
            thumbnails.extend(url);
        } else if e.is(None, "enclosure")
            && e.attribute("type").is_some_and(|t| t.starts_with("image/"))
        {
            others.extend(url);
        } else if e.is(Some(ns::ITUNES), "image") {
            others.extend(e.attribute("href").and_then(|u| url::web_link(base, &u)));
        }
    };
    for child in item.children() {
        if child.is_in(&ns::MEDIA, "group") {
            child.children().iter().for_each(&mut visit);
        } else {
            visit(&child);
        }
    }
    // Widest first, the feed's order among equals.
    let mut ordered: Vec<String> = Vec::new();
    while let Some(widest) = media.iter().map(|(w, _)| *w).max() {
        let Some(at) = media.iter().position(|(w, _)| *w == widest) else {
            break;
        };
        ordered.push(media.remove(at).1);
    }
    ordered.extend(thumbnails);
    ordered.extend(others);
    ordered
}

/// A `media:content` that is a picture: `medium="image"`, an image type,
/// or neither given and a picture's file name.
fn is_image<E: Element>(e: &E) -> bool {
    if let Some(medium) = e.attribute("medium") {
        return medium.trim() == "image";
    }
    if let Some(kind) = e.attribute("type") {
        return kind.trim().starts_with("image/");
    }
    let url = e.attribute("url").unwrap_or_default().to_ascii_lowercase();
    let path = url.split(['?', '#']).next().unwrap_or("");
    let audio_or_video = [
        ".mp3", ".m4a", ".mp4", ".mov", ".ogg", ".webm", ".wav", ".aac",
    ];
    !audio_or_video.iter().any(|ext| path.ends_with(ext))
}
