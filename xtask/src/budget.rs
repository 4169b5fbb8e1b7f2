//! The first-load size budget (performance issue, P1): what a reader's browser
//! downloads to show the front page, gzip -9, against 150 KB. Shared by the
//! benchmark (which prints it) and the test command (which fails over it).
//!
//! "What it downloads" is read from the built files, not from a list kept by
//! hand: the files `index.html` names, the modules those name, and the data
//! files the front page fetches. The Markdown module is named only in a
//! `<meta>` tag and loaded on demand, so it is not part of the first load.

use std::collections::BTreeSet;
use std::path::Path;

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

/// Quoted file names in `text` (`"/x-1a2b.js"`, `'./y.wasm'`) that exist in `dir`.
fn referenced_files(text: &str, dir: &Path) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for piece in text.split(['"', '\'']) {
        let name = piece.trim_start_matches("./").trim_start_matches('/');
        let looks_like_file = !name.is_empty()
            && name.len() < 200
            && !name.contains(char::is_whitespace)
            && [".js", ".wasm", ".css", ".svg"]
                .iter()
                .any(|ext| name.ends_with(ext));
        if looks_like_file && dir.join(name).is_file() {
            found.insert(name.to_string());
        }
    }
    found
}

/// The first load of an app bundle folder and a data folder (the same folder
/// for a built site), file by file.
pub fn first_load(app: &Path, data: &Path) -> Result<Vec<FirstLoadFile>> {
    let site = app;
    let read = |name: &str| {
        let dir = if FIRST_DATA.contains(&name) {
            data
        } else {
            app
        };
        std::fs::read(dir.join(name)).map_err(|e| format!("cannot read {name}: {e}"))
    };
    let index = read("index.html")?;
    let mut names = BTreeSet::from(["index.html".to_string()]);
    let mut pending: Vec<String> = referenced_files(&String::from_utf8_lossy(&index), site)
        .into_iter()
        .collect();
    // Files named in <meta name="sinmun-…"> tags load on first use.
    let html = String::from_utf8_lossy(&index).to_string();
    let lazy: BTreeSet<String> = html
        .split("<meta name=\"sinmun-")
        .skip(1)
        .filter_map(|tag| tag.split("content=\"").nth(1))
        .filter_map(|rest| rest.split('"').next())
        .map(String::from)
        .collect();
    while let Some(name) = pending.pop() {
        if lazy.contains(&name) || !names.insert(name.clone()) {
            continue;
        }
        if name.ends_with(".js") {
            let text = String::from_utf8_lossy(&read(&name)?).to_string();
            pending.extend(referenced_files(&text, site));
        }
    }
    names.extend(FIRST_DATA.iter().map(|s| s.to_string()));
    names
        .into_iter()
        .map(|name| {
            let bytes = read(&name)?;
            let dir = if FIRST_DATA.contains(&name.as_str()) {
                data
            } else {
                app
            };
            Ok(FirstLoadFile {
                gzip: crate::bench::gzip_size(&dir.join(&name)),
                bytes: bytes.len() as u64,
                name,
            })
        })
        .collect()
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
