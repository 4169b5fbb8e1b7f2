//! The "copy the app" step: the built app (Trunk's `dist`) copied into the site
//! root, its index.html's `<base href>` set to the site's base path (the bundle
//! itself is base-path independent), `404.html` (the same page, for hosts that
//! serve it on unknown paths) and `_redirects` (Netlify-style hosts).

use super::base_href::set_base_href;
use super::safe::SafeOut;
use sinmun_model::SiteConfig;
use std::fs;
use std::path::Path;

/// Precompressed copies of index.html that a changed page makes stale.
const PRECOMPRESSED_INDEX: &[&str] = &["index.html.gz", "index.html.br"];

/// Copies the app; returns its index.html as written, the template of every
/// prerendered page.
pub fn copy(
    out: &SafeOut,
    app_dir: &Path,
    config: &SiteConfig,
    warnings: &mut Vec<String>,
) -> Result<String, String> {
    out.copy_dir(app_dir, "", warnings)
        .map_err(|e| format!("copying the app from {}: {e}", app_dir.display()))?;
    let index = app_dir.join("index.html");
    if !index.is_file() {
        return Err(format!("{} has no index.html", app_dir.display()));
    }
    let original = fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    let page = set_base_href(&original, &config.base_path).unwrap_or_else(|| original.clone());
    let io = |e: std::io::Error| e.to_string();
    if page != original {
        out.write("index.html", page.as_bytes()).map_err(io)?;
        for stale in PRECOMPRESSED_INDEX {
            out.remove(stale).map_err(io)?;
        }
    }
    out.write("404.html", page.as_bytes()).map_err(io)?;
    let base = &config.base_path;
    out.write(
        "_redirects",
        format!("{base}*  {base}index.html  200\n").as_bytes(),
    )
    .map_err(io)?;
    Ok(page)
}
