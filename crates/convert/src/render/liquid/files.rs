//! The files Liquid may read, and nothing else: `include` reads below the
//! site's `_includes/`, `include_relative` below the folder of the post
//! (never above `_posts`'s site folder). A name with `..`, an absolute path,
//! or a symlink whose target lies outside is refused with a message, as
//! Jekyll refuses them ("Invalid syntax for include tag", "…outside the
//! site source").

use std::path::{Component, Path, PathBuf};

/// The largest include read: a template, not a data dump.
const MAX_INCLUDE_BYTES: u64 = 1024 * 1024;

/// Where includes are read from.
#[derive(Debug, Clone)]
pub struct IncludeRoots {
    /// The site folder (holding `_posts`, `_includes`): nothing outside it is read.
    pub site: PathBuf,
    /// `_includes/` in it.
    pub includes: PathBuf,
}

impl IncludeRoots {
    pub fn new(site: &Path) -> IncludeRoots {
        let site = site.canonicalize().unwrap_or_else(|_| site.to_path_buf());
        IncludeRoots {
            includes: site.join("_includes"),
            site,
        }
    }

    /// `{% include name %}`: the file `name` below `_includes/`.
    pub fn include(&self, name: &str) -> Result<(PathBuf, String), String> {
        let path = below(&self.includes, name)?;
        read_inside(&path, &self.includes, name, "_includes")
    }

    /// `{% include_relative name %}` from a post in `dir` (absolute).
    pub fn include_relative(&self, dir: &Path, name: &str) -> Result<(PathBuf, String), String> {
        let path = below(dir, name)?;
        read_inside(&path, &self.site, name, "the site folder")
    }
}

/// `root/name`, if `name` is a plain relative path.
fn below(root: &Path, name: &str) -> Result<PathBuf, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("an include names no file".into());
    }
    let relative = Path::new(name);
    let plain = relative
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if !plain || name.starts_with(['/', '\\']) || name.contains('\0') {
        return Err(format!(
            "include {name:?} refused: an include names a file below its folder, without `..` or an absolute path"
        ));
    }
    Ok(root.join(relative))
}

/// The text of `path`, if it (after following symlinks) lies inside `root`.
fn read_inside(
    path: &Path,
    root: &Path,
    name: &str,
    root_name: &str,
) -> Result<(PathBuf, String), String> {
    let real = path
        .canonicalize()
        .map_err(|_| format!("include {name:?}: no such file in {root_name}"))?;
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    if !real.starts_with(&root) {
        return Err(format!(
            "include {name:?} refused: it leads outside {root_name} (a symlink to {})",
            real.display()
        ));
    }
    let meta = std::fs::metadata(&real).map_err(|e| format!("include {name:?}: {e}"))?;
    if !meta.is_file() {
        return Err(format!("include {name:?} is not a file"));
    }
    if meta.len() > MAX_INCLUDE_BYTES {
        return Err(format!("include {name:?} is larger than 1 MB; not read"));
    }
    let bytes = std::fs::read(&real).map_err(|e| format!("include {name:?}: {e}"))?;
    Ok((real, String::from_utf8_lossy(&bytes).into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn includes_stay_inside_their_folders() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("_includes/sub")).unwrap();
        std::fs::create_dir_all(site.join("_posts")).unwrap();
        std::fs::write(site.join("_includes/sub/a.html"), "A").unwrap();
        std::fs::write(site.join("_posts/rel.md"), "R").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "S").unwrap();
        let roots = IncludeRoots::new(&site);
        assert_eq!(roots.include("sub/a.html").unwrap().1, "A");
        assert_eq!(roots.include("./sub/a.html").unwrap().1, "A");
        for bad in [
            "../../secret.txt",
            "/etc/passwd",
            "sub/../../x",
            "",
            "missing.html",
        ] {
            assert!(roots.include(bad).is_err(), "{bad}");
        }
        let posts = site.join("_posts").canonicalize().unwrap();
        assert_eq!(roots.include_relative(&posts, "rel.md").unwrap().1, "R");
        assert!(roots.include_relative(&posts, "../../secret.txt").is_err());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(
                dir.path().join("secret.txt"),
                site.join("_includes/link.html"),
            )
            .unwrap();
            let err = roots.include("link.html").unwrap_err();
            assert!(err.contains("outside"), "{err}");
        }
    }
}
