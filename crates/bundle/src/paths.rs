//! Bundle paths: listing a bundle's files, and resolving the URLs its files
//! name to those paths (relative to the bundle's root, `/`-separated).

use std::path::Path;

use crate::manifest::MANIFEST_FILE;

/// Every file below `dir` (recursively), leaving out the precompressed copies
/// and `bundle.json` itself; sorted.
pub fn list_files(dir: &Path) -> Result<Vec<String>, String> {
    let mut found = Vec::new();
    list_into(dir, "", &mut found)?;
    found.retain(|path| path != MANIFEST_FILE && !path.ends_with(".gz") && !path.ends_with(".br"));
    found.sort();
    Ok(found)
}

fn list_into(dir: &Path, prefix: &str, found: &mut Vec<String>) -> Result<(), String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().to_string();
        let path = format!("{prefix}{name}");
        let kind = entry
            .file_type()
            .map_err(|e| format!("cannot stat {}: {e}", entry.path().display()))?;
        if kind.is_dir() {
            list_into(&entry.path(), &format!("{path}/"), found)?;
        } else {
            found.push(path);
        }
    }
    Ok(())
}

/// What a URL written in a bundle file names.
#[derive(Debug, PartialEq)]
pub enum Target {
    /// A path in the bundle.
    File(String),
    /// Another origin (`https://…`, `//host/…`, `data:`): not part of the bundle.
    Elsewhere,
    /// `/x`: a root-relative URL, which ties the bundle to one base path.
    RootRelative,
}

/// Resolves `url`, written in the bundle file `from`, like a browser with
/// `from`'s folder as the base (query and fragment dropped). `None` when it
/// climbs above the bundle's root.
pub fn resolve(from: &str, url: &str) -> Option<Target> {
    if url.starts_with("//") || url.contains(':') {
        return Some(Target::Elsewhere);
    }
    if url.starts_with('/') {
        return Some(Target::RootRelative);
    }
    let url = url.split(['?', '#']).next().unwrap_or_default();
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop(); // the file name of `from`
    for part in url.split('/') {
        match part {
            "." | "" => {}
            ".." => {
                parts.pop()?;
            }
            name => parts.push(name),
        }
    }
    Some(Target::File(parts.join("/")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str) -> Option<Target> {
        Some(Target::File(path.into()))
    }

    #[test]
    fn resolves_like_a_browser() {
        assert_eq!(resolve("index.html", "./main-1.css"), file("main-1.css"));
        assert_eq!(
            resolve("index.html", "main-1.css?v=2#x"),
            file("main-1.css")
        );
        assert_eq!(
            resolve("app.js", "./snippets/app/inline0.js"),
            file("snippets/app/inline0.js")
        );
        assert_eq!(
            resolve("snippets/app/inline0.js", "../../x.js"),
            file("x.js")
        );
        assert_eq!(resolve("a.js", "../x.js"), None);
        assert_eq!(
            resolve("index.html", "/main.css"),
            Some(Target::RootRelative)
        );
        assert_eq!(
            resolve("index.html", "https://cdn.example/x.js"),
            Some(Target::Elsewhere)
        );
        assert_eq!(
            resolve("index.html", "//cdn.example/x.js"),
            Some(Target::Elsewhere)
        );
    }

    #[test]
    fn lists_recursively_without_precompressed_copies() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("snippets/app")).unwrap();
        for file in [
            "index.html",
            "index.html.gz",
            "a.js.br",
            "bundle.json",
            "snippets/app/inline0.js",
        ] {
            std::fs::write(dir.path().join(file), "x").unwrap();
        }
        assert_eq!(
            list_files(dir.path()).unwrap(),
            ["index.html", "snippets/app/inline0.js"]
        );
    }
}
