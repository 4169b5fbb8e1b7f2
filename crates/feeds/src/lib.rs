//! The feeds people already publish, read into sinmun's own [`Article`]s:
//! RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 1.0, JSON Feed 1.0/1.1 and WordPress
//! REST v2 posts, told apart by their content (`sinmun-detect`), not their
//! URL or Content-Type. A site's home page is followed to the feed it
//! advertises.
//!
//! Two consumers: the browser app, which loads this crate as its own wasm
//! module on first use (`wasm.rs`, the `FeedReader` export; XML through the
//! browser's `DOMParser`, bytes through `TextDecoder`), and the converter,
//! which reads a feed file at build time (roxmltree, encoding_rs). The
//! readers are the same code over [`xml::Element`].
//!
//! A document is other people's data: nothing here panics on it, and what
//! real feeds get wrong (missing ids, string tags, garbage dates, entities
//! in titles, Markdown for HTML, duplicates) is read, not refused.

mod atom;
pub mod charset;
pub mod collection;
pub mod dates;
mod discover;
mod html;
mod item;
mod json_feed;
mod rss;
pub mod search;
pub mod text;
mod url;
#[cfg(target_arch = "wasm32")]
mod wasm;
mod wordpress;
pub mod xml;

use sinmun_detect::{DetectError, Format};
use sinmun_model::Article;

/// One document of a feed, read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    pub title: String,
    pub description: String,
    /// A language code (`ko`, `en-US`), if the feed gives one.
    pub language: Option<String>,
    /// The site the feed belongs to.
    pub home: Option<String>,
    /// The next page of the feed (JSON Feed `next_url`, Atom `rel="next"`,
    /// WordPress `page=N+1`), absolute.
    pub next: Option<String>,
    /// The items in the feed's order; slugs not yet unique across pages.
    pub items: Vec<Article>,
}

/// What a fetched document turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// A feed page, read.
    Feed { format: Format, document: Document },
    /// sinmun's own data: the app reads it itself.
    Sinmun,
    /// An HTML page that advertises a feed: fetch this URL instead.
    Follow(String),
}

/// What came with the document besides its bytes.
#[derive(Debug, Clone, Default)]
pub struct Received<'a> {
    /// Where the document was fetched from (after redirects).
    pub url: &'a str,
    /// The HTTP Content-Type, for its charset.
    pub content_type: Option<&'a str>,
    /// WordPress' `X-WP-TotalPages`.
    pub total_pages: Option<u32>,
    /// The HTTP `Link` header (WordPress names its API there).
    pub link: Option<&'a str>,
}

/// Reads one fetched document. The error says, in plain words, what the
/// document is instead or what is wrong with it.
pub fn read(bytes: &[u8], received: &Received) -> Result<Outcome, String> {
    // UTF-16 (told by its byte-order mark): read as the same text in UTF-8,
    // whatever its prolog says.
    if charset::is_utf16(bytes) {
        let text = charset::decode(bytes, None)?;
        return read_text(text.as_bytes(), received, true);
    }
    read_text(bytes, received, false)
}

/// [`read`] of `bytes`, which are UTF-8 whatever they declare when
/// `utf8` (a UTF-16 document, decoded).
fn read_text(bytes: &[u8], received: &Received, utf8: bool) -> Result<Outcome, String> {
    let url = received.url;
    match sinmun_detect::detect_bytes(bytes) {
        Ok(Format::SinmunManifest) => Ok(Outcome::Sinmun),
        Ok(format @ (Format::Rss { .. } | Format::Rdf | Format::Atom)) => {
            let header = received.content_type.and_then(charset::header_charset);
            let text = match utf8 {
                true => String::from_utf8_lossy(bytes).into_owned(),
                false => charset::decode(bytes, header.as_deref())?,
            };
            let document = xml::with_root(&text, |root| match format {
                Format::Atom => atom::read(&root, url),
                _ => rss::read(&root, url),
            })
            .map_err(|e| format!("it is {format} with an XML error: {e}"))?;
            Ok(Outcome::Feed { format, document })
        }
        Ok(format @ (Format::JsonFeed { .. } | Format::WordPressPosts)) => {
            let value: serde_json::Value =
                serde_json::from_slice(bytes).map_err(|e| format!("it is not valid JSON: {e}"))?;
            let document = match format {
                Format::WordPressPosts => wordpress::read(&value, url, received.total_pages)?,
                _ => json_feed::read(&value, url)?,
            };
            Ok(Outcome::Feed { format, document })
        }
        Err(DetectError::Html) => html_page(bytes, received),
        Err(error) => Err(error.to_string()),
    }
}

/// An HTML page: the feed it advertises, or what kind of page it is.
fn html_page(bytes: &[u8], received: &Received) -> Result<Outcome, String> {
    let text = String::from_utf8_lossy(bytes);
    if let Some(api) = received.link.and_then(discover::api_from_link_header) {
        return Ok(Outcome::Follow(discover::wordpress_posts(&api)));
    }
    if let Some(feed) = discover::advertised_feed(&text, received.url) {
        if feed != received.url {
            return Ok(Outcome::Follow(feed));
        }
    }
    let lower = text.to_ascii_lowercase();
    let login = lower.contains("type=\"password\"")
        || lower.contains("type='password'")
        || lower.contains("type=password");
    Err(if login {
        "it is a login page (HTML with a password field), not a feed: the feed may need signing in, or the address is wrong".into()
    } else {
        "it is an HTML page, not a feed, and it names no feed (<link rel=\"alternate\">)".into()
    })
}
