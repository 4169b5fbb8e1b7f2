//! The formats a source can be in, and how they are named to a person.

use core::fmt;

/// The sinmun data format version this reader understands: the same number
/// as `sinmun_model::FORMAT_VERSION` (a test checks they agree; this crate
/// has no dependencies, so it cannot import it).
pub const SINMUN_FORMAT_VERSION: u64 = 1;

/// A format the app can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `data/manifest.json` of a sinmun site, in this reader's format version.
    SinmunManifest,
    /// A JSON Feed (<https://jsonfeed.org/version/1.1>).
    JsonFeed { version: JsonFeedVersion },
    /// A WordPress REST API posts list (`/wp-json/wp/v2/posts`), maybe empty.
    WordPressPosts,
    /// An RSS feed with a root `<rss version="…">`.
    Rss { version: RssVersion },
    /// An RSS 1.0 feed: a root `rdf:RDF` with the RSS 1.0 namespace.
    Rdf,
    /// An Atom 1.0 feed: a root `feed` in the Atom namespace.
    Atom,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonFeedVersion {
    V1_0,
    V1_1,
}

/// The `version` of an `<rss>` root (0.90 is RDF-based, see [`Format::Rdf`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RssVersion {
    V0_91,
    V0_92,
    V0_93,
    V0_94,
    V2_0,
}

impl RssVersion {
    /// The version as the `version` attribute writes it.
    pub fn parse(attribute: &[u8]) -> Option<Self> {
        match attribute {
            b"0.91" => Some(Self::V0_91),
            b"0.92" => Some(Self::V0_92),
            b"0.93" => Some(Self::V0_93),
            b"0.94" => Some(Self::V0_94),
            b"2.0" => Some(Self::V2_0),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::V0_91 => "0.91",
            Self::V0_92 => "0.92",
            Self::V0_93 => "0.93",
            Self::V0_94 => "0.94",
            Self::V2_0 => "2.0",
        }
    }
}

impl JsonFeedVersion {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::V1_0 => "1.0",
            Self::V1_1 => "1.1",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Format::SinmunManifest => {
                write!(
                    f,
                    "a sinmun manifest (format version {SINMUN_FORMAT_VERSION})"
                )
            }
            Format::JsonFeed { version } => write!(f, "a JSON Feed {}", version.as_str()),
            Format::WordPressPosts => f.write_str("a WordPress REST API posts list"),
            Format::Rss { version } => write!(f, "an RSS {} feed", version.as_str()),
            Format::Rdf => f.write_str("an RSS 1.0 (RDF) feed"),
            Format::Atom => f.write_str("an Atom feed"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn names_read_as_a_person_would_say_them() {
        assert_eq!(
            Format::Rss {
                version: RssVersion::V2_0
            }
            .to_string(),
            "an RSS 2.0 feed"
        );
        assert_eq!(
            Format::JsonFeed {
                version: JsonFeedVersion::V1_0
            }
            .to_string(),
            "a JSON Feed 1.0"
        );
        assert!(Format::WordPressPosts.to_string().contains("WordPress"));
        assert!(Format::SinmunManifest.to_string().contains("version 1"));
    }

    #[test]
    fn rss_versions_round_trip() {
        for v in [
            RssVersion::V0_91,
            RssVersion::V0_92,
            RssVersion::V0_93,
            RssVersion::V0_94,
            RssVersion::V2_0,
        ] {
            assert_eq!(RssVersion::parse(v.as_str().as_bytes()), Some(v));
        }
        assert_eq!(RssVersion::parse(b"2.00"), None);
        assert_eq!(RssVersion::parse(b"0.90"), None);
    }
}
