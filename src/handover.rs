//! The page build reads sinmun's own data only (Cargo.toml's `feeds`: the
//! feed glue would cost its first load 9 KB). A page whose `config.json`
//! names something else (a feed, a home page, a list of sources) is handed
//! to the widget build, which reads every format: the page instance goes,
//! and the widget build's `startPage` mounts a page instance of its own in
//! the same element (`src/embed/api.rs`). It is loaded like any lazy module,
//! from `<meta name="sinmun-widget">`, so a page with sinmun data pays a few
//! bytes for this and never downloads it.

use crate::body::lazy::{module_export, page_file, WIDGET};
use crate::source::LoadError;

/// Whether `error`, met loading the site whose config.json names `source`
/// (empty when config.json could not be read), is for the widget build to
/// answer: a source the page build does not read (see [`reads`]), or a
/// config.json it cannot read (a list of sources). sinmun data that is
/// broken is named by the page itself.
pub fn may_be_another_format(error: &LoadError, source: &str) -> bool {
    match error {
        LoadError::NotASource { .. } => true,
        LoadError::Decode { .. } => source.is_empty(),
        _ => false,
    }
}

/// `Ok` when the page build reads the source at `url`: a `manifest.json`
/// (sinmun's data). Anything else (a feed, a home page, an API) is not
/// fetched here at all.
pub fn reads(url: &str) -> Result<(), LoadError> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    match path.ends_with(sinmun_model::MANIFEST_FILE) {
        true => Ok(()),
        false => Err(LoadError::NotASource {
            url: url.to_string(),
            detail: "the page build reads sinmun's data (a manifest.json) only".into(),
        }),
    }
}

/// Hand the page to the widget build. Never returns when it loads (this
/// instance goes, and the widget build's page instance takes the element);
/// else the error to show, naming the file that could not be loaded.
pub async fn to_widget_build() -> LoadError {
    let widget = page_file(WIDGET);
    let start_page = match module_export(&widget, WIDGET, "startPage").await {
        Ok(start_page) => start_page,
        Err(detail) => {
            return LoadError::Network {
                url: widget.unwrap_or_else(|| WIDGET.into()),
                detail: ["the reader of feeds did not load (", &detail, ")"].concat(),
                cross_origin: false,
            }
        }
    };
    crate::unmount_page();
    let _ = start_page.call0(&wasm_bindgen::JsValue::NULL);
    std::future::pending().await
}
