//! Why data could not be loaded, in words a reader or deployer understands.

use std::fmt;

/// Why data could not be loaded. Every variant names the URL it concerns.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// The server answered 404: the thing does not exist.
    NotFound { url: String },
    /// Any other non-success status.
    Status { url: String, status: u16 },
    /// No answer: offline, DNS, CORS, refused connection. `cross_origin`:
    /// the URL is on another site than the page, so CORS may be the cause
    /// (the browser does not say which).
    Network {
        url: String,
        detail: String,
        cross_origin: bool,
    },
    /// No answer within the time limit (in milliseconds).
    Timeout { url: String, limit_ms: u32 },
    /// An answer that is not what the reader expects: `format` names what it
    /// expected ("sinmun data"), so each reader words its own errors.
    Decode {
        url: String,
        format: &'static str,
        detail: String,
    },
    /// Valid data in a format version this reader does not understand.
    Version { url: String, detail: String },
    /// A document that is neither sinmun data nor a feed sinmun reads, or a
    /// feed that cannot be read: `detail` says what it is instead.
    NotASource { url: String, detail: String },
}

impl LoadError {
    pub fn is_not_found(&self) -> bool {
        matches!(self, LoadError::NotFound { .. })
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NotFound { url } => write!(f, "{url} was not found (HTTP 404)."),
            LoadError::Status { url, status } => {
                write!(f, "The server answered HTTP {status} for {url}.")
            }
            // Feeds on other sites are read by the widget build only (Cargo.toml's `feeds`).
            #[cfg(feature = "feeds")]
            LoadError::Network {
                url,
                detail,
                cross_origin: true,
            } => write!(
                f,
                "Could not read {url}: {detail}. Either the network is down, or that site's \
                 server does not let other sites read its feed (CORS). A feed like that can be \
                 built into your site instead: cargo xtask site {url}"
            ),
            LoadError::Network { url, detail, .. } => {
                write!(f, "Could not reach {url}: {detail}. Check your connection.")
            }
            // Seconds to one decimal with integer arithmetic: no float formatting.
            LoadError::Timeout { url, limit_ms } if limit_ms % 100 == 0 => {
                let (seconds, tenths) = (limit_ms / 1000, limit_ms % 1000 / 100);
                if tenths == 0 {
                    write!(f, "{url} did not answer within {seconds} seconds.")
                } else {
                    write!(f, "{url} did not answer within {seconds}.{tenths} seconds.")
                }
            }
            LoadError::Timeout { url, limit_ms } => {
                write!(f, "{url} did not answer within {limit_ms} ms.")
            }
            LoadError::Decode {
                url,
                format,
                detail,
            } => write!(f, "{url} is not valid {format}: {detail}."),
            LoadError::Version { url, detail } => write!(f, "{url}: {detail}."),
            LoadError::NotASource { url, detail } => {
                write!(f, "{url} is not a feed or sinmun data: {detail}.")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timeout(limit_ms: u32) -> String {
        LoadError::Timeout {
            url: "u".into(),
            limit_ms,
        }
        .to_string()
    }

    #[test]
    fn decode_errors_name_the_expected_format() {
        let error = LoadError::Decode {
            url: "https://x/feed.json".into(),
            format: "JSON Feed",
            detail: "missing field `items`".into(),
        };
        assert_eq!(
            error.to_string(),
            "https://x/feed.json is not valid JSON Feed: missing field `items`."
        );
    }

    #[cfg(feature = "feeds")]
    #[test]
    fn a_cross_origin_failure_names_cors_and_the_build_time_way() {
        let error = LoadError::Network {
            url: "https://other.example/feed.xml".into(),
            detail: "Failed to fetch".into(),
            cross_origin: true,
        };
        let text = error.to_string();
        assert!(text.contains("(CORS)"), "{text}");
        assert!(
            text.contains("cargo xtask site https://other.example/feed.xml"),
            "{text}"
        );
        let local = LoadError::Network {
            url: "/data/manifest.json".into(),
            detail: "Failed to fetch".into(),
            cross_origin: false,
        };
        assert!(!local.to_string().contains("CORS"));
    }

    #[test]
    fn time_limits_are_worded_in_seconds_when_they_can_be() {
        assert_eq!(timeout(15_000), "u did not answer within 15 seconds.");
        assert_eq!(timeout(1_500), "u did not answer within 1.5 seconds.");
        assert_eq!(timeout(1_250), "u did not answer within 1250 ms.");
    }
}
