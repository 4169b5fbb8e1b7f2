//! The first-load size budget (performance issue, P1): what a reader's browser
//! downloads to show the front page, gzip -9, against 150 KB. Shared by the
//! benchmark (which prints it) and the test command (which fails over it).
//!
//! "What it downloads" is read from the build, not from a list kept by hand:
//! the `first-load` files of the bundle's `bundle.json` (index.html, what it
//! names and what those import; see docs/bundle.md), and the data files the
//! front page fetches. The lazy files (the Markdown module, DOMPurify, the
//! body styles) load on first use, so they are not part of the first load.

use std::path::Path;

use sinmun_bundle::{gzip, BundleManifest, Role};

use crate::Result;

/// 150 KB.
pub const BUDGET_BYTES: u64 = 150 * 1024;

/// The data files the front page fetches.
pub const FIRST_DATA: [&str; 3] = ["config.json", "data/manifest.json", "data/index/0.json"];

pub struct FirstLoadFile {
    pub name: String,
    pub bytes: u64,
    pub gzip: u64,
}

/// The first load of an app bundle folder and a data folder (the same folder
/// for a built site), file by file, sorted by name. Each file is measured as
/// it is in its folder (the converter rewrites the site's index.html).
pub fn first_load(app: &Path, data: &Path) -> Result<Vec<FirstLoadFile>> {
    let manifest = BundleManifest::read(app)?;
    let bundle_files = manifest
        .with_role(Role::FirstLoad)
        .map(|f| (app, f.path.as_str()));
    let data_files = FIRST_DATA.iter().map(|name| (data, *name));
    let mut files = bundle_files
        .chain(data_files)
        .map(|(dir, name)| {
            let bytes =
                std::fs::read(dir.join(name)).map_err(|e| format!("cannot read {name}: {e}"))?;
            Ok(FirstLoadFile {
                name: name.to_string(),
                bytes: bytes.len() as u64,
                gzip: gzip(&bytes).len() as u64,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(files)
}

/// Fail when the first load of `site` is over the budget; print the files.
pub fn check(site: &Path) -> Result {
    let files = first_load(site, site)?;
    let total: u64 = files.iter().map(|f| f.gzip).sum();
    println!("P1 first load of {} (gzip -9):", site.display());
    for f in &files {
        println!("  {:<52} {:>8} B gzip", f.name, f.gzip);
    }
    println!(
        "  {:<52} {:>8} B gzip, budget {} B",
        "total", total, BUDGET_BYTES
    );
    if total > BUDGET_BYTES {
        return Err(format!(
            "the first load is {total} B gzip, over the {BUDGET_BYTES} B budget"
        ));
    }
    Ok(())
}
