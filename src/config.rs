//! Where the app finds its configuration and data: `config.json` (editable by
//! the deployer without rebuilding) names the data `source`.

use std::sync::Arc;

use sinmun_model::SiteConfig;
use wasm_bindgen::JsCast;

use crate::body::lazy::Files;
use crate::host::Mode;
use crate::source::{site_config, LoadError, Source};

/// How this instance was mounted: for the page instance, read from the host
/// element's `data-*` attributes, falling back to the page's `<base href>`;
/// for an embedded one, given by its caller (`embed_api.rs`).
#[derive(Clone, Debug)]
pub struct MountOptions {
    /// Absolute URL of `config.json`.
    pub config_url: String,
    /// Path the app's routes live under, e.g. `/` or `/blog/`.
    pub base_path: String,
    pub mode: Mode,
    /// The lazily loaded files (their style root is set by `mount`).
    pub files: Files,
    /// Stylesheets an embedded instance puts into its shadow root.
    pub styles: Vec<String>,
    /// An embedded instance's widget settings (`None` for the page).
    pub widget: Option<Widget>,
}

/// What the `<sinmun-feed>` attributes ask of an embedded instance
/// (`src/embed/`): how many items, where an article opens, which language.
#[derive(Clone, Debug, Default)]
pub struct Widget {
    /// Absolute URL of the site's root: the widget's links point there.
    pub site_url: String,
    /// Items shown in a list; `None`: a whole page, with the pager.
    pub limit: Option<usize>,
    pub open: Open,
    /// Overrides the data's language (`ko`, `en`).
    pub lang: Option<String>,
    /// Where an article opened as a link goes (`_top` in the iframe embed).
    pub target: Option<String>,
    /// The route the widget starts at (its base path, or a category's page).
    pub start: String,
}

/// Where a widget opens an article.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Open {
    /// On the full site, in place of the page (the default).
    #[default]
    Link,
    /// Inside the widget, with a back control.
    Inline,
    /// On the full site, in a new tab.
    NewTab,
}

impl Open {
    pub fn parse(value: &str) -> Open {
        match value.trim().to_ascii_lowercase().as_str() {
            "inline" => Open::Inline,
            "new-tab" | "_blank" => Open::NewTab,
            _ => Open::Link,
        }
    }
}

impl Widget {
    /// The `target` of links to the full site (the "more" and source links).
    pub fn site_target(&self) -> Option<String> {
        match self.open {
            Open::NewTab => Some("_blank".into()),
            _ => self.target.clone(),
        }
    }

    /// The `target` of links that open an article outside the widget.
    pub fn article_target(&self) -> Option<String> {
        match self.open {
            Open::NewTab => Some("_blank".into()),
            Open::Inline => None,
            Open::Link => self.target.clone(),
        }
    }
}

impl MountOptions {
    /// The page instance in `host` (index.html's `#sinmun`).
    pub fn from_host(host: &web_sys::Element) -> Self {
        let base_uri = document_base();
        let base_path = host
            .get_attribute("data-base-path")
            .unwrap_or_else(|| url_path(&base_uri));
        let config_url = host
            .get_attribute("data-config")
            .map(|c| absolute_url(&c, &base_uri))
            .unwrap_or_else(|| absolute_url("config.json", &base_uri));
        MountOptions {
            config_url,
            base_path: normalise_base_path(&base_path),
            mode: Mode::Page,
            files: Files::from_page(),
            styles: Vec::new(),
            widget: None,
        }
    }
}

impl MountOptions {
    /// What the instance's links start with: the base path for the page
    /// (`/blog/`), the site's absolute URL for a widget, whose links must
    /// not resolve against the page around it.
    pub fn link_base(&self) -> String {
        match &self.widget {
            Some(widget) => widget.site_url.clone(),
            None => self.base_path.clone(),
        }
    }
}

/// The page's base URI (`<base href>`, else the page's own URL).
pub fn document_base() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_else(|| "/".to_string())
}

pub use sinmun_model::normalise_base_path;

fn url_path(url: &str) -> String {
    web_sys::Url::new(url)
        .map(|u| u.pathname())
        .unwrap_or_else(|_| "/".to_string())
}

/// Resolve `relative` against `base` the way the browser would.
pub fn absolute_url(relative: &str, base: &str) -> String {
    web_sys::Url::new_with_base(relative, base)
        .map(|u| u.href())
        .unwrap_or_else(|_| relative.to_string())
}

/// The manifest's categories, provided as context for the meta lines: the
/// slug of a category name is looked up here rather than computed, so the
/// app needs no copy of the converter's Unicode slug rules (8 KB gzip).
#[derive(Clone, Debug)]
pub struct Categories(pub Arc<Vec<sinmun_model::CategoryInfo>>);

impl Categories {
    pub fn slug_of(&self, name: &str) -> Option<String> {
        self.0
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.slug.clone())
    }
}

/// Everything the views need: configuration and the data source.
#[derive(Clone, Debug)]
pub struct Site {
    pub config: Arc<SiteConfig>,
    /// The instance's data, with its HTTP settings (config.json's `timeout_ms`).
    pub source: Arc<Source>,
    pub base_path: String,
    /// The source's categories, most used first (for the masthead).
    pub categories: Arc<Vec<sinmun_model::CategoryInfo>>,
    /// A widget's settings (`None` for the page instance).
    pub widget: Option<Arc<Widget>>,
    /// The source's own home page when it is another site's feed (see
    /// [`crate::source::SiteInfo::home`]).
    pub home: Option<String>,
    /// Sources of a merged site that could not be read (see `SiteInfo`).
    #[cfg(feature = "feeds")]
    pub unread: Arc<Vec<String>>,
}

pub async fn load_site(options: &MountOptions) -> Result<Site, LoadError> {
    let mut named = String::new();
    let site = read_site(options, &mut named).await;
    // The page build reads sinmun data only: anything else goes to the
    // widget build, which reads every format (`handover.rs`).
    #[cfg(not(feature = "feeds"))]
    if let Err(error) = &site {
        if crate::handover::may_be_another_format(error, &named) {
            return Err(crate::handover::to_widget_build().await);
        }
    }
    site
}

/// The site `options` name; `named` is set to config.json's `source` once
/// it has been read.
async fn read_site(options: &MountOptions, named: &mut String) -> Result<Site, LoadError> {
    let settings = site_config::load(&options.config_url, &options.files.feeds).await?;
    #[cfg_attr(not(feature = "embed"), allow(unused_mut))]
    let mut config = settings.config;
    #[cfg(feature = "embed")]
    if let Some(lang) = options.widget.as_ref().and_then(|w| w.lang.clone()) {
        config.lang = lang;
    }
    named.clone_from(&config.source);
    let source_url = absolute_url(&config.source, &options.config_url);
    let source = Source::new(&source_url, settings.http).with_feeds(options.files.feeds.clone());
    #[cfg(feature = "feeds")]
    let source = source.with_parts(crate::source::merged::parts(
        &settings.sources,
        &options.config_url,
    ));
    // The page build reads a folder's manifest.json only (`handover.rs`).
    #[cfg(not(feature = "feeds"))]
    crate::handover::reads(&source_url)?;
    // Fail early, with a clear message, when the data cannot be read at all.
    let info = source.site().await?;
    Ok(Site {
        config: Arc::new(config),
        source: Arc::new(source),
        base_path: options.link_base(),
        categories: Arc::new(info.categories),
        widget: options.widget.clone().map(Arc::new),
        home: info.home,
        #[cfg(feature = "feeds")]
        unread: Arc::new(info.unread),
    })
}

/// The page instance's element: `#sinmun`, else the first `[data-sinmun]`.
/// A page without one has no page instance (it may mount widgets instead).
pub fn find_host() -> Option<web_sys::HtmlElement> {
    let document = web_sys::window()?.document()?;
    document
        .query_selector("#sinmun, [data-sinmun]")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
}
