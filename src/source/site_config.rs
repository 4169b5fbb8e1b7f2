//! `config.json` (the deployer's settings, see docs/format.md) read out of
//! browser-parsed JSON. It is the app's own file whatever format its `source`
//! names, so it is not part of any reader.

use sinmun_model::SiteConfig;
use wasm_bindgen::JsValue;

#[cfg(feature = "feeds")]
use super::detect::{self, Reader};
#[cfg(feature = "feeds")]
use super::http::Fetched;
use super::http::Http;
use super::json::{self, Decoded, Fields};
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
        category_page_size: f.opt_count("category_page_size")?,
        base_path: f.text_or("base_path", &d.base_path)?,
        source: source_text(&f, &d.source)?,
    })
}

/// `source` as one URL; a list (several sources) is read by [`source_list`].
#[cfg(not(feature = "feeds"))]
fn source_text(f: &Fields, default: &str) -> Decoded<String> {
    f.text_or("source", default)
}

#[cfg(feature = "feeds")]
fn source_text(f: &Fields, default: &str) -> Decoded<String> {
    match f.get("source") {
        Some(list) if js_sys::Array::is_array(&list) => Ok(default.to_string()),
        _ => f.text_or("source", default),
    }
}

/// One of several sources config.json names: `"URL"` or `{"url": "URL",
/// "name": "what its items are labelled with"}`.
#[cfg(feature = "feeds")]
#[derive(Clone, Debug, PartialEq)]
pub struct SourceSpec {
    pub url: String,
    pub name: Option<String>,
}

/// config.json's `source` when it is a list; empty when it is one URL.
#[cfg(feature = "feeds")]
pub fn source_list(value: &JsValue) -> Decoded<Vec<SourceSpec>> {
    let f = Fields::of(value, "")?;
    match f.get("source") {
        Some(list) if js_sys::Array::is_array(&list) => {
            let specs = f.list("source", |item, path| match item.as_string() {
                Some(url) => Ok(SourceSpec { url, name: None }),
                None => {
                    let s = Fields::of(item, path)?;
                    let name = s.opt_text("name")?.filter(|n| !n.trim().is_empty());
                    Ok(SourceSpec {
                        url: s.text("url")?,
                        name,
                    })
                }
            })?;
            if specs.is_empty() {
                return Err("`source` is an empty list: it names no source".into());
            }
            Ok(specs)
        }
        _ => Ok(Vec::new()),
    }
}

/// What config.json sets up: the site's settings, the HTTP settings its
/// `timeout_ms` names and, when `source` is a list, each source.
pub struct Settings {
    pub config: SiteConfig,
    pub http: Http,
    #[cfg(feature = "feeds")]
    pub sources: Vec<SourceSpec>,
}

impl Settings {
    fn new(config: SiteConfig, http: Http) -> Settings {
        Settings {
            config,
            http,
            #[cfg(feature = "feeds")]
            sources: Vec::new(),
        }
    }
}

/// `timeout_ms` of config.json: read by the app only, so it is not part of
/// the model's SiteConfig (which the converter writes).
pub fn timeout_ms(value: &JsValue) -> Decoded<Option<u32>> {
    Fields::of(value, "")?.opt_count("timeout_ms")
}

/// config.json at `url` with the HTTP settings it names (its `timeout_ms`);
/// the defaults when the site has none. A document that is not a config
/// (a widget's `src` naming a feed or a manifest) is its own source, with
/// its title, description and language as the settings. `feeds` is the
/// feed readers' module file.
pub async fn load(url: &str, feeds: &Option<String>) -> Result<Settings, LoadError> {
    let response = match Http::default().get(url).await {
        Ok(response) => response,
        // A folder without config.json may be another site's home page
        // naming its feed (a WordPress site's root is enough).
        #[cfg(feature = "feeds")]
        Err(LoadError::NotFound { .. }) if url.ends_with("/config.json") => {
            return folder_as_source(url, feeds).await
        }
        // A site without config.json still works with the defaults.
        Err(LoadError::NotFound { .. }) => {
            return Ok(Settings::new(SiteConfig::default(), Http::default()))
        }
        Err(error) => return Err(error),
    };
    #[cfg(feature = "feeds")]
    let value = {
        let fetched = response.fetched().await?;
        match detect::json_of(&fetched.bytes) {
            Some(value) if is_config(&value) => value,
            _ => {
                let config = source_config(url, fetched, feeds).await?;
                return Ok(Settings::new(config, Http::default()));
            }
        }
    };
    #[cfg(not(feature = "feeds"))]
    let value = {
        let _ = feeds;
        response.json(FORMAT).await?
    };
    let http = match timeout_ms(&value) {
        Ok(Some(ms)) => Http::with_time_limit_ms(ms),
        _ => Http::default(),
    };
    #[cfg_attr(not(feature = "feeds"), allow(unused_mut))]
    let mut settings = Settings::new(json::read(url, FORMAT, &value, site_config)?, http);
    #[cfg(feature = "feeds")]
    {
        settings.sources = json::read(url, FORMAT, &value, source_list)?;
    }
    Ok(settings)
}

#[cfg(feature = "feeds")]
/// A config is an object, and none of the data formats' (a JSON Feed's or
/// a manifest's `version`, a feed's `items`, WordPress' list).
fn is_config(value: &JsValue) -> bool {
    let has = |key: &str| js_sys::Reflect::has(value, &JsValue::from_str(key)).unwrap_or(false);
    !js_sys::Array::is_array(value) && !has("version") && !has("items")
}

/// The folder of `config_url` (which it lacks) as a source: a home page that
/// names its feed, or a page that says what it is (a login page); the
/// defaults when the folder itself cannot be fetched either.
#[cfg(feature = "feeds")]
async fn folder_as_source(config_url: &str, feeds: &Option<String>) -> Result<Settings, LoadError> {
    let folder = config_url.strip_suffix("config.json").unwrap_or(config_url);
    let fetched = match Http::default().get(folder).await {
        Ok(response) => response.fetched().await?,
        Err(_) => return Ok(Settings::new(SiteConfig::default(), Http::default())),
    };
    let config = source_config(folder, fetched, feeds).await?;
    Ok(Settings::new(config, Http::default()))
}

/// The settings of a source read as a site: the source is the document.
#[cfg(feature = "feeds")]
async fn source_config(
    url: &str,
    fetched: Fetched,
    feeds: &Option<String>,
) -> Result<SiteConfig, LoadError> {
    let http = Http::default();
    let reader = detect::adopt(url, fetched, &http, feeds).await?;
    let (title, description, language) = match &*reader {
        Reader::Feed(feed) => feed.about(&http).await?,
        Reader::Sinmun(data) => (data.site(&http).await?.title, String::new(), None),
    };
    let d = SiteConfig::default();
    Ok(SiteConfig {
        title: if title.trim().is_empty() {
            d.title
        } else {
            title
        },
        description,
        lang: language.map(|l| primary_language(&l)).unwrap_or(d.lang),
        source: url.to_string(),
        ..d
    })
}

/// `ko-KR` → `ko`: the app's labels are per language.
#[cfg(feature = "feeds")]
fn primary_language(code: &str) -> String {
    code.split(['-', '_'])
        .next()
        .unwrap_or(code)
        .trim()
        .to_ascii_lowercase()
}
