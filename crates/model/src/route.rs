//! The URL grammar of a sinmun site, in one place: [`Route`] parses a path
//! below the base path (with its query) and builds the path of each route.
//! The app routes with it, and the converter writes the same URLs into
//! sitemaps, feeds and prerendered pages, so the two cannot disagree.
//! `src/source/early.js` (which must run before the app) is tested against
//! the shared table `tests/fixtures/routes.json`, as is this file.
//!
//! Paths here are below the base path, without a leading slash, and already
//! percent-decoded (`posts/안녕/`); trailing and doubled slashes do not matter.

/// What a URL below the base path names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// The front page or a category page; `page` is `None` when the URL's
    /// page number is not a positive number (shown as "not found").
    List {
        page: Option<u32>,
        category: Option<String>,
    },
    Article {
        slug: String,
    },
    /// `search/?q=…&category=…`: the search view (an empty query shows the box).
    Search {
        query: String,
        category: Option<String>,
    },
    /// Anything else (an old permalink, perhaps: see the alias shards).
    Unknown,
}

/// The kind of view a route needs, so views survive changes within a kind
/// (page 1 → page 2 keeps the list view and its cancellable load).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RouteKind {
    List,
    Article,
    Search,
    Unknown,
}

/// A path below the base path and its query, as the browser's location gives them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SitePath {
    /// Percent-decoded, no leading slash: `category/경제/page/2`.
    pub path: String,
    /// The decoded `name=value` pairs of the query, in order.
    pub query: Vec<(String, String)>,
}

impl SitePath {
    /// `path` is decoded already; `query` is raw (`?q=%ED%95%9C` or `q=…`).
    pub fn new(path: &str, query: &str) -> SitePath {
        SitePath {
            path: path.trim_start_matches('/').to_string(),
            query: parse_query(query),
        }
    }

    /// The first value of query parameter `name`.
    pub fn query_value(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

fn page_number(text: &str) -> Option<u32> {
    text.parse::<u32>().ok().filter(|n| *n >= 1)
}

impl Route {
    /// The front page.
    pub fn front() -> Route {
        Route::List {
            page: Some(1),
            category: None,
        }
    }

    pub fn article(slug: &str) -> Route {
        Route::Article {
            slug: slug.to_string(),
        }
    }

    /// Page `page` (1-based) of the front list, or of a category's list.
    pub fn list(page: u32, category: Option<&str>) -> Route {
        Route::List {
            page: Some(page.max(1)),
            category: category.map(str::to_string),
        }
    }

    /// The search view for `query`, narrowed to a category.
    pub fn search(query: &str, category: Option<&str>) -> Route {
        Route::Search {
            query: query.to_string(),
            category: category.filter(|c| !c.is_empty()).map(str::to_string),
        }
    }

    /// Parse a path below the base path with its query (see the top of this file).
    pub fn parse(site_path: &SitePath) -> Route {
        match Route::parse_path(&site_path.path) {
            Route::Search { .. } => Route::search(
                site_path.query_value("q").unwrap_or(""),
                site_path.query_value("category"),
            ),
            route => route,
        }
    }

    /// Parse a decoded path without a query.
    pub fn parse_path(path: &str) -> Route {
        let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let list = |page: Option<u32>, category: Option<&str>| Route::List {
            page,
            category: category.map(str::to_string),
        };
        match parts.as_slice() {
            [] => list(Some(1), None),
            ["page", n] => list(page_number(n), None),
            ["category", c] => list(Some(1), Some(c)),
            ["category", c, "page", n] => list(page_number(n), Some(c)),
            ["posts", slug] => Route::article(slug),
            ["search"] => Route::search("", None),
            _ => Route::Unknown,
        }
    }

    pub fn kind(&self) -> RouteKind {
        match self {
            Route::List { .. } => RouteKind::List,
            Route::Article { .. } => RouteKind::Article,
            Route::Search { .. } => RouteKind::Search,
            Route::Unknown => RouteKind::Unknown,
        }
    }

    /// The path of this route below the base path (no leading slash,
    /// decoded): `posts/안녕/`, `category/경제/page/2/` (a folder, as a static host serves it), `` for the front
    /// page, `search/` (its query: [`Route::href_query`]). `None` for
    /// [`Route::Unknown`] and for a missing page number.
    pub fn site_path(&self) -> Option<String> {
        match self {
            Route::List {
                page: Some(page),
                category,
            } => {
                let first = match category {
                    Some(slug) => ["category/", slug, "/"].concat(),
                    None => String::new(),
                };
                Some(if *page <= 1 {
                    first
                } else {
                    format!("{first}page/{page}/")
                })
            }
            Route::Article { slug } => Some(["posts/", slug, "/"].concat()),
            Route::Search { .. } => Some("search/".to_string()),
            Route::List { page: None, .. } | Route::Unknown => None,
        }
    }
}

impl Route {
    /// The path with the query a search carries (`search/?q=%EC%84%9C&category=x`);
    /// the path alone for other routes. Apart from `site_path` so that the
    /// app, which never builds a search link, does not carry the encoder.
    pub fn href_query(&self) -> Option<String> {
        match self {
            Route::Search { query, category } => Some(search_path(query, category.as_deref())),
            other => other.site_path(),
        }
    }
}

fn search_path(query: &str, category: Option<&str>) -> String {
    let mut path = String::from("search/");
    if !query.is_empty() {
        path.push_str("?q=");
        path.push_str(&percent_encode(query));
    }
    if let Some(category) = category {
        path.push_str(if query.is_empty() { "?" } else { "&" });
        path.push_str("category=");
        path.push_str(&percent_encode(category));
    }
    path
}

/// A query value as a URL carries it: unreserved ASCII kept, a space as
/// `+`, every other byte `%XX`.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(byte))
            }
            b' ' => out.push('+'),
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push('%');
                out.push(char::from(HEX[usize::from(byte >> 4)]));
                out.push(char::from(HEX[usize::from(byte & 15)]));
            }
        }
    }
    out
}

/// The decoded pairs of a query string; a leading `?` is ignored, `+` is a
/// space, and bytes that are not UTF-8 become U+FFFD.
fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(key), percent_decode(value))
        })
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let escaped = (byte == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match (byte, escaped) {
            (_, Some(value)) => {
                out.push(value);
                i += 3;
            }
            (b'+', None) => {
                out.push(b' ');
                i += 1;
            }
            (other, None) => {
                out.push(other);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(page: Option<u32>, category: Option<&str>) -> Route {
        Route::List {
            page,
            category: category.map(String::from),
        }
    }

    #[test]
    fn parses_every_route() {
        let parse = Route::parse_path;
        assert_eq!(parse(""), list(Some(1), None));
        assert_eq!(parse("/"), list(Some(1), None));
        assert_eq!(parse("page/3"), list(Some(3), None));
        assert_eq!(parse("page/3/"), list(Some(3), None));
        assert_eq!(parse("page/0"), list(None, None));
        assert_eq!(parse("page/x"), list(None, None));
        assert_eq!(parse("category/경제/"), list(Some(1), Some("경제")));
        assert_eq!(parse("category/경제/page/2"), list(Some(2), Some("경제")));
        assert_eq!(parse("posts/안녕-세계/"), Route::article("안녕-세계"));
        assert_eq!(parse("posts//a//"), Route::article("a"));
        assert_eq!(parse("news/2024/06/12/x"), Route::Unknown);
        assert_eq!(parse("posts"), Route::Unknown);
        assert_eq!(parse("search/"), Route::search("", None));
        let query = SitePath::new(
            "search",
            "?q=%EC%84%9C%EC%9A%B8+2024&category=%EA%B2%BD%EC%A0%9C",
        );
        assert_eq!(
            Route::parse(&query),
            Route::search("서울 2024", Some("경제"))
        );
    }

    #[test]
    fn every_built_path_parses_back_to_its_route() {
        let routes = [
            Route::front(),
            Route::list(2, None),
            Route::list(1, Some("경제")),
            Route::list(14, Some("it-과학")),
            Route::article("안녕-세계"),
            Route::article("2024-06-12-10"),
            Route::search("", None),
            Route::search("2024 파리 & 올림픽?#", Some("it-과학")),
            Route::search("", Some("경제")),
        ];
        for route in routes {
            let path = route.href_query().unwrap_or_default();
            let (path_part, query) = path.split_once('?').unwrap_or((&path, ""));
            assert_eq!(
                Route::parse(&SitePath::new(path_part, query)),
                route,
                "{path}"
            );
            assert!(!path.starts_with('/'), "{path}");
        }
        assert_eq!(Route::Unknown.site_path(), None);
        assert_eq!(list(None, None).site_path(), None);
    }

    #[test]
    fn reads_the_query() {
        let path = SitePath::new(
            "/search",
            "?q=%ED%95%9C%EA%B5%AD+%EA%B2%BD%EC%A0%9C&page=2&q=x",
        );
        assert_eq!(path.path, "search");
        assert_eq!(path.query_value("q"), Some("한국 경제"));
        assert_eq!(path.query_value("page"), Some("2"));
        assert_eq!(path.query_value("none"), None);
        // Broken escapes and stray bytes are kept, never a panic.
        let odd = SitePath::new("", "a=%&b=%zz&c=%E0%A4&=&d");
        assert_eq!(odd.query_value("a"), Some("%"));
        assert_eq!(odd.query_value("b"), Some("%zz"));
        assert_eq!(odd.query_value("c"), Some("\u{fffd}"));
        assert_eq!(odd.query_value("d"), Some(""));
    }

    /// The table `early.js` is tested against too (tests/e2e/early.test.mjs).
    #[test]
    fn agrees_with_the_shared_route_table() {
        let table = include_str!("../../../tests/fixtures/routes.json");
        let rows = shared_table(table);
        assert!(rows.len() >= 10, "the table has {} rows", rows.len());
        for (path, expected) in rows {
            let route = Route::parse_path(&path);
            let found = match &route {
                Route::List {
                    page: Some(1),
                    category: None,
                } => "front".to_string(),
                Route::List { .. } => "list".to_string(),
                Route::Article { slug } => ["article:", slug].concat(),
                Route::Search { .. } => "search".to_string(),
                Route::Unknown => "unknown".to_string(),
            };
            assert_eq!(found, expected, "path {path:?}");
        }
    }

    /// `[["path", "expected"], …]`.
    fn shared_table(json: &str) -> Vec<(String, String)> {
        let value: Vec<(String, String)> = serde_json::from_str(json).unwrap_or_default();
        value
    }
}
