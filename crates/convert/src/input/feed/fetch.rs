//! Getting a feed's documents: a file from the disk, or an http(s) URL over
//! the network (ureq: blocking, rustls), with what came with it that the
//! readers use (Content-Type charset, WordPress' `X-WP-TotalPages` and
//! `Link`). Limits keep a hostile server from filling the memory.

use std::time::Duration;

/// The largest document read (a 10 MB feed is big but real).
const MAX_BYTES: u64 = 32 * 1024 * 1024;
const TIMEOUT: Duration = Duration::from_secs(30);

/// One document and what came with it.
#[derive(Clone)]
pub struct Fetched {
    pub bytes: Vec<u8>,
    /// Where it came from (after redirects): what relative links resolve
    /// against. For a file, the feed's own links are absolute or nothing.
    pub url: String,
    /// How messages name it.
    pub shown: String,
    pub content_type: Option<String>,
    pub total_pages: Option<u32>,
    pub link: Option<String>,
}

pub fn is_url(text: &str) -> bool {
    let lower = text.trim_start().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The first document: `origin` is a URL or a file path.
pub fn first(origin: &str) -> Result<Fetched, String> {
    if is_url(origin) {
        return url(origin);
    }
    let bytes = std::fs::read(origin).map_err(|e| format!("{origin}: cannot read: {e}"))?;
    within_limit(&bytes, origin)?;
    Ok(Fetched {
        bytes,
        url: String::new(),
        shown: origin.to_string(),
        content_type: None,
        total_pages: None,
        link: None,
    })
}

/// `address` fetched with GET.
pub fn url(address: &str) -> Result<Fetched, String> {
    let agent = ureq::AgentBuilder::new()
        .timeout(TIMEOUT)
        .user_agent(concat!("sinmun-convert/", env!("CARGO_PKG_VERSION")))
        .build();
    let response = agent.get(address).call().map_err(|e| match e {
        ureq::Error::Status(code, _) => format!("{address}: the server answered HTTP {code}"),
        ureq::Error::Transport(t) => format!("{address}: cannot fetch: {t}"),
    })?;
    let header = |name: &str| response.header(name).map(str::to_string);
    let content_type = header("content-type");
    let total_pages = header("x-wp-totalpages").and_then(|n| n.trim().parse().ok());
    let link = header("link");
    let final_url = response.get_url().to_string();
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(response.into_reader(), MAX_BYTES + 1),
        &mut bytes,
    )
    .map_err(|e| format!("{address}: the answer broke off: {e}"))?;
    within_limit(&bytes, address)?;
    Ok(Fetched {
        bytes,
        url: final_url,
        shown: address.to_string(),
        content_type,
        total_pages,
        link,
    })
}

/// A document over [`MAX_BYTES`] is refused, naming where it came from.
fn within_limit(bytes: &[u8], shown: &str) -> Result<(), String> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(format!(
            "{shown}: over {} MB, too big for a feed",
            MAX_BYTES >> 20
        ));
    }
    Ok(())
}
