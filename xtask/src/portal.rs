//! The end-to-end sites whose `config.json` names something other than one
//! source of sinmun data, which the page build hands to the widget build
//! (src/handover.rs; tests/e2e/all-engines/portal.test.mjs):
//!
//! - `feed-page`: the sample site with a feed as its `source`;
//! - `portal`: the sample site's own data and three feeds in one `source`
//!   list (one named, one named by its own title, one missing), merged.
//!
//! - `feed-page-unreadable`: the feed page without the widget build's files.
//!
//! They are the sample site (`target/e2e/site`) with feeds from
//! `../shared/fixtures/feeds/` copied into `feeds/` and a new config.json.

use std::path::Path;

use serde_json::json;

use crate::browser_bench::copy_dir;
use crate::Result;

/// `(file in ../shared/fixtures/feeds, name under feeds/)`.
const FEEDS: [(&str, &str); 3] = [
    (
        "rss/rssparser-rss20-guardian-media-content-images.xml",
        "guardian.xml",
    ),
    (
        "rss/kyunghyang-rss20-ko-dcdate-only-cdata.xml",
        "kyunghyang.xml",
    ),
    (
        "atom/netnewswire-atom-daringfireball-html-cdata-xmlbase.xml",
        "daringfireball.xml",
    ),
];

/// Build both sites in `e2e` from `e2e/site` and the fixtures in `fixtures`.
pub fn build(e2e: &Path, fixtures: &Path) -> Result {
    let feed_page = json!({
        "title": "Daring Fireball (feed page)",
        "lang": "en",
        "page_size": 5,
        "source": "feeds/daringfireball.xml",
    });
    let portal = json!({
        "title": "신문 포털 Portal",
        "lang": "ko",
        "page_size": 6,
        "source": [
            "data/manifest.json",
            {"url": "feeds/guardian.xml", "name": "The Guardian"},
            "feeds/kyunghyang.xml",
            {"url": "feeds/missing.xml", "name": "Missing feed"},
        ],
    });
    for (name, config) in [("feed-page", feed_page), ("portal", portal)] {
        let site = e2e.join(name);
        fresh_copy(&e2e.join("site"), &site)?;
        let feeds = site.join("feeds");
        std::fs::create_dir_all(&feeds).map_err(|e| format!("cannot create feeds/: {e}"))?;
        for (fixture, file) in FEEDS {
            std::fs::copy(fixtures.join(fixture), feeds.join(file))
                .map_err(|e| format!("cannot copy the fixture {fixture}: {e}"))?;
        }
        let text = serde_json::to_string_pretty(&config).map_err(|e| e.to_string())?;
        std::fs::write(site.join("config.json"), text)
            .map_err(|e| format!("cannot write {name}/config.json: {e}"))?;
    }
    without_widget_build(e2e)
}

/// `feed-page-unreadable`: the feed page whose widget build is missing from
/// the server, so the hand-over fails and the page must say so.
fn without_widget_build(e2e: &Path) -> Result {
    let site = e2e.join("feed-page-unreadable");
    fresh_copy(&e2e.join("feed-page"), &site)?;
    let entries =
        std::fs::read_dir(&site).map_err(|e| format!("cannot list {}: {e}", site.display()))?;
    for entry in entries.flatten() {
        if entry
            .file_name()
            .to_string_lossy()
            .starts_with("sinmun-widget-")
        {
            std::fs::remove_file(entry.path())
                .map_err(|e| format!("cannot remove {}: {e}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// `to` as a new copy of `from` (an earlier run's copy removed first).
fn fresh_copy(from: &Path, to: &Path) -> Result {
    if to.exists() {
        std::fs::remove_dir_all(to).map_err(|e| format!("cannot remove {}: {e}", to.display()))?;
    }
    copy_dir(from, to)
}
