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

/// Whether `error`, met loading the site whose config.json names `source`,
/// may mean "not sinmun data": an answer that is not sinmun's JSON (a
/// feed's XML, a JSON Feed), a config whose `source` is not one URL, or no
/// manifest beside a `source` that names another file (a feed) or a folder
/// (a home page): the page reads a folder's `manifest.json` only.
pub fn may_be_another_format(error: &LoadError, source: &str) -> bool {
    match error {
        LoadError::Decode { .. } | LoadError::Version { .. } => true,
        LoadError::NotFound { .. } => !source.ends_with(sinmun_model::MANIFEST_FILE),
        _ => false,
    }
}

/// Hand the page to the widget build; returns only if its module could not
/// be loaded (the page then shows the error it met itself).
pub async fn to_widget_build() {
    let widget = page_file(WIDGET);
    let Ok(start_page) = module_export(&widget, WIDGET, "startPage").await else {
        return;
    };
    // This load never ends: its instance goes, and the widget build's
    // page instance takes the element.
    crate::unmount_page();
    let _ = start_page.call0(&wasm_bindgen::JsValue::NULL);
    std::future::pending::<()>().await;
}
