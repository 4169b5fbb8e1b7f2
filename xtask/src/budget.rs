//! The first-load size budget (performance issue, P1): what a reader's browser
//! downloads to show the front page, gzip -9, against 150 KB. Shared by the
//! benchmark (which prints it) and the test command (which fails over it).
//!
//! "What it downloads" is read from the build, not from a list kept by hand:
//! the `first-load` files of the bundle's `bundle.json` (index.html, what it
//! names and what those import; see docs/bundle.md), and the data files the
//! front page fetches. The lazy files (the Markdown module, DOMPurify, the
//! body styles) load on first use, so they are not part of the first load.
//!
//! The article deep link has a budget of its own, for code and styles: the
//! first load's scripts, wasm and styles plus every stylesheet the article's
//! prerendered page links (the body styles). Its body is in the page, so
//! neither the sanitiser nor the enhance or Markdown module is loaded
//! (tests/e2e/all-engines/prerendered.test.mjs checks that they are not).

use std::path::Path;

use sinmun_bundle::{gzip, BundleManifest, Role};

use crate::Result;

/// 150 KB. Search (#16) took the first load over it for a while (the
/// masthead's box and the search route, +2.3 KB); the body helpers that
/// need DOMPurify moved into its lazy file (src/body/sanitizer.js) and
/// wasm-opt converges, which took it back under.
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
        .map(|(dir, name)| measure(dir, name))
        .collect::<Result<Vec<_>>>()?;
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(files)
}

/// `name` in `dir`, raw and gzip -9.
fn measure(dir: &Path, name: &str) -> Result<FirstLoadFile> {
    let bytes = std::fs::read(dir.join(name)).map_err(|e| format!("cannot read {name}: {e}"))?;
    Ok(FirstLoadFile {
        name: name.to_string(),
        bytes: bytes.len() as u64,
        gzip: gzip(&bytes).len() as u64,
    })
}

/// Print `files` under `heading` with their total; `Err(over(total))` when
/// the total is over the budget.
fn enforce(heading: &str, files: &[FirstLoadFile], over: impl Fn(u64) -> String) -> Result {
    let total: u64 = files.iter().map(|f| f.gzip).sum();
    println!("{heading} (gzip -9):");
    for f in files {
        println!("  {:<52} {:>8} B gzip", f.name, f.gzip);
    }
    println!(
        "  {:<52} {:>8} B gzip, budget {} B",
        "total", total, BUDGET_BYTES
    );
    if total > BUDGET_BYTES {
        return Err(over(total));
    }
    Ok(())
}

/// Fail when the first load of `site` is over the budget; print the files.
pub fn check(site: &Path) -> Result {
    let files = first_load(site, site)?;
    enforce(
        &format!("P1 first load of {}", site.display()),
        &files,
        |total| format!("the first load is {total} B gzip, over the {BUDGET_BYTES} B budget"),
    )
}

/// The article the deep-link budget is measured on: the sample site's seed.
pub const DEEP_LINK_SLUG: &str = "china-tech-regulation";

/// The code and styles an article deep link on `site` downloads, file by file.
pub fn deep_link(site: &Path, slug: &str) -> Result<Vec<FirstLoadFile>> {
    let manifest = BundleManifest::read(site)?;
    // The route grammar's article path (`sinmun_model::article_route`).
    let page_path = site.join("posts").join(slug).join("index.html");
    let page = std::fs::read_to_string(&page_path)
        .map_err(|e| format!("cannot read {}: {e}", page_path.display()))?;
    let code_or_style = |name: &str| [".js", ".wasm", ".css"].iter().any(|e| name.ends_with(e));
    let mut names: Vec<String> = manifest
        .with_role(Role::FirstLoad)
        .map(|f| f.path.clone())
        .filter(|name| code_or_style(name))
        .collect();
    for href in stylesheets(&page) {
        if !names.contains(&href) {
            names.push(href);
        }
    }
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let bytes =
                std::fs::read(site.join(&name)).map_err(|e| format!("cannot read {name}: {e}"))?;
            Ok(FirstLoadFile {
                bytes: bytes.len() as u64,
                gzip: gzip(&bytes).len() as u64,
                name,
            })
        })
        .collect()
}

/// The `href`s of a page's `<link rel="stylesheet">` tags, `./` taken off.
fn stylesheets(page: &str) -> Vec<String> {
    page.split("<link rel=\"stylesheet\" href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|href| href.trim_start_matches("./").to_string())
        .collect()
}

/// Fail when an article deep link's code and styles are over the budget.
pub fn check_deep_link(site: &Path) -> Result {
    let files = deep_link(site, DEEP_LINK_SLUG)?;
    enforce(
        &format!("Article deep link ({DEEP_LINK_SLUG}), code and styles"),
        &files,
        |total| {
            format!(
                "an article deep link loads {total} B gzip of code and styles, over the {BUDGET_BYTES} B budget"
            )
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use sinmun_bundle::BundleFile;

    /// A site whose bundle.json lists a first-load and a lazy file.
    fn site(wasm: &[u8]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        };
        write("index.html", b"<html></html>");
        write("app_bg.wasm", wasm);
        write("md_bg.wasm", b"lazy");
        for name in FIRST_DATA {
            write(name, b"{}");
        }
        let mut manifest = BundleManifest {
            version: sinmun_bundle::VERSION,
            entry: "start.js".into(),
            files: vec![
                BundleFile::measure("index.html", b"<html></html>", Role::FirstLoad),
                BundleFile::measure("app_bg.wasm", wasm, Role::FirstLoad),
                BundleFile::measure("md_bg.wasm", b"lazy", Role::Lazy),
            ],
        };
        manifest.write(dir.path()).unwrap();
        dir
    }

    #[test]
    fn the_first_load_is_the_first_load_files_and_the_front_page_data() {
        let dir = site(b"\0asm");
        let names: Vec<String> = first_load(dir.path(), dir.path())
            .unwrap()
            .into_iter()
            .map(|f| f.name)
            .collect();
        assert_eq!(
            names,
            [
                "app_bg.wasm",
                "config.json",
                "data/index/0.json",
                "data/manifest.json",
                "index.html"
            ]
        );
        assert!(check(dir.path()).is_ok());
    }

    #[test]
    fn a_deep_link_counts_the_code_and_styles_of_the_first_load_and_its_page() {
        let dir = site(b"\0asm");
        let page = dir.path().join("posts/china-tech-regulation/index.html");
        std::fs::create_dir_all(page.parent().unwrap()).unwrap();
        std::fs::write(
            &page,
            "<link rel=\"stylesheet\" href=\"./body.css\"><p>body</p>",
        )
        .unwrap();
        std::fs::write(dir.path().join("body.css"), "p{}").unwrap();
        let names: Vec<String> = deep_link(dir.path(), DEEP_LINK_SLUG)
            .unwrap()
            .into_iter()
            .map(|f| f.name)
            .collect();
        assert_eq!(names, ["app_bg.wasm", "body.css"]);
        assert!(check_deep_link(dir.path()).is_ok());
    }

    #[test]
    fn over_the_budget_fails() {
        // Incompressible bytes (xorshift) beyond the budget.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let wasm: Vec<u8> = (0..BUDGET_BYTES + 1024)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state as u8
            })
            .collect();
        let error = check(site(&wasm).path()).unwrap_err();
        let over = format!("over the {BUDGET_BYTES} B budget");
        assert!(error.contains(&over), "{error}");
    }
}
