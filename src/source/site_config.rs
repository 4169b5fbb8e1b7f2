//! `config.json` (the deployer's settings, see docs/format.md) read out of
//! browser-parsed JSON. It is the app's own file whatever format its `source`
//! names, so it is not part of any reader.

use sinmun_model::SiteConfig;
use wasm_bindgen::JsValue;

use super::http::Http;
use super::json::{self, Decoded, Fields};
#[cfg(feature = "json-feed")]
use super::json_feed::{
    decode::{document, is_json_feed},
    FORMAT as JSON_FEED,
};
use super::LoadError;

/// config.json is documented with sinmun's data format (docs/format.md), and
/// its errors say so.
const FORMAT: &str = super::sinmun::FORMAT;

pub fn site_config(value: &JsValue) -> Decoded<SiteConfig> {
    let f = Fields::of(value, "")?;
    let d = SiteConfig::default();
    Ok(SiteConfig {
        title: f.text_or("title", &d.title)?,
        description: f.text_or("description", &d.description)?,
        lang: f.text_or("lang", &d.lang)?,
        url: f.text_or("url", &d.url)?,
        page_size: f.opt_count("page_size")?.unwrap_or(d.page_size),
        base_path: f.text_or("base_path", &d.base_path)?,
        source: f.text_or("source", &d.source)?,
    })
}

/// `timeout_ms` of config.json: read by the app only, so it is not part of
/// the model's SiteConfig (which the converter writes).
pub fn timeout_ms(value: &JsValue) -> Decoded<Option<u32>> {
    Fields::of(value, "")?.opt_count("timeout_ms")
}

/// config.json at `url` with the HTTP settings it names (its `timeout_ms`);
/// the defaults when the site has none. A feed where config.json was
/// expected (a widget's `src` naming a JSON Feed) is its own source, with
/// its title, description and language as the settings.
pub async fn load(url: &str) -> Result<(SiteConfig, Http), LoadError> {
    let value = match Http::default().get(url).await {
        Ok(response) => response.json(FORMAT).await?,
        // A site without config.json still works with the defaults.
        Err(LoadError::NotFound { .. }) => return Ok((SiteConfig::default(), Http::default())),
        Err(error) => return Err(error),
    };
    #[cfg(feature = "json-feed")]
    if is_json_feed(&value) {
        return Ok((feed_config(url, &value)?, Http::default()));
    }
    let http = match timeout_ms(&value) {
        Ok(Some(ms)) => Http::with_time_limit_ms(ms),
        _ => Http::default(),
    };
    Ok((json::read(url, FORMAT, &value, site_config)?, http))
}

/// The settings of a JSON Feed read as a site: the feed is the source.
#[cfg(feature = "json-feed")]
fn feed_config(url: &str, value: &JsValue) -> Result<SiteConfig, LoadError> {
    super::detect::adopt(url, value)?;
    let feed = document(value, url).map_err(|detail| LoadError::Decode {
        url: url.to_string(),
        format: JSON_FEED,
        detail,
    })?;
    let d = SiteConfig::default();
    Ok(SiteConfig {
        title: if feed.title.is_empty() {
            d.title
        } else {
            feed.title
        },
        description: feed.description,
        lang: feed.language.unwrap_or(d.lang),
        source: url.to_string(),
        ..d
    })
}
