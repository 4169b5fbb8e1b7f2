//! Writing the site: every write goes through [`SafeOut`], which only accepts
//! relative paths made of ordinary, portable segments, so nothing can land
//! outside the staging folder (`staging.rs` swaps that folder into place).

use sinmun_model::is_reserved_file_name;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// Checks one site-relative path; returns the joined path under `root`.
pub fn checked_join(root: &Path, rel: &str) -> io::Result<PathBuf> {
    let bad = |why: &str| {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("refusing to write {rel:?}: {why}"),
        ))
    };
    if rel.is_empty() || rel.contains('\0') || rel.contains('\\') || rel.len() > 4096 {
        return bad("empty, NUL, backslash or too long");
    }
    let p = Path::new(rel);
    let mut joined = root.to_path_buf();
    for c in p.components() {
        match c {
            Component::Normal(seg) => {
                let seg = seg.to_str().unwrap_or("");
                if seg.is_empty()
                    || seg.len() > 255
                    || is_reserved_file_name(seg)
                    || seg
                        .chars()
                        .any(|c| c.is_control() || "<>:\"|?*".contains(c))
                    || seg.ends_with(['.', ' '])
                {
                    return bad("segment is not a portable file name");
                }
                joined.push(seg);
            }
            _ => return bad("not a plain relative path"),
        }
    }
    // final guard: whatever happened above, the result must sit under root
    if !joined.starts_with(root) || joined == root {
        return bad("escapes the output folder");
    }
    Ok(joined)
}

/// The output root; every path below it is checked.
pub struct SafeOut {
    root: PathBuf,
}

impl SafeOut {
    pub fn new(root: PathBuf) -> SafeOut {
        SafeOut { root }
    }

    /// Where `rel` is (or would be) in the output, checked like a write.
    pub fn path_of(&self, rel: &str) -> io::Result<PathBuf> {
        checked_join(&self.root, rel)
    }

    /// Writes `data` at `rel`, creating parent folders.
    pub fn write(&self, rel: &str, data: &[u8]) -> io::Result<()> {
        let path = checked_join(&self.root, rel)?;
        let res = fs::write(&path, data);
        let res = match res {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent)?;
                }
                fs::write(&path, data)
            }
            other => other,
        };
        res.map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))
    }

    pub fn write_json<T: serde::Serialize>(&self, rel: &str, value: &T) -> io::Result<()> {
        let data = serde_json::to_vec(value).map_err(io::Error::other)?;
        self.write(rel, &data)
    }

    pub fn mkdir(&self, rel: &str) -> io::Result<()> {
        fs::create_dir_all(checked_join(&self.root, rel)?)
    }

    /// Copies the folder `from` into `rel` (or the root for ""), recursively.
    /// Symlinked folders are skipped (no loops, nothing from outside pulled in);
    /// names that are not portable are skipped with a warning.
    pub fn copy_dir(&self, from: &Path, rel: &str, warnings: &mut Vec<String>) -> io::Result<()> {
        let mut entries: Vec<_> = fs::read_dir(from)?.collect::<Result<_, _>>()?;
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                warnings.push(format!(
                    "{}: skipped, name is not UTF-8",
                    entry.path().display()
                ));
                continue;
            };
            let child = if rel.is_empty() {
                name.to_string()
            } else {
                format!("{rel}/{name}")
            };
            if checked_join(&self.root, &child).is_err() {
                warnings.push(format!(
                    "{}: skipped, not a portable file name",
                    entry.path().display()
                ));
                continue;
            }
            let meta = fs::symlink_metadata(entry.path())?;
            if meta.is_dir() {
                self.mkdir(&child)?;
                self.copy_dir(&entry.path(), &child, warnings)?;
            } else if meta.file_type().is_symlink() {
                match fs::metadata(entry.path()) {
                    Ok(m) if m.is_file() => self.copy_file(&entry.path(), &child)?,
                    _ => warnings.push(format!(
                        "{}: skipped symlink to a folder or nothing",
                        entry.path().display()
                    )),
                }
            } else if meta.is_file() {
                self.copy_file(&entry.path(), &child)?;
            }
        }
        Ok(())
    }

    pub fn copy_file(&self, from: &Path, rel: &str) -> io::Result<()> {
        let to = checked_join(&self.root, rel)?;
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::copy(from, &to)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", from.display())))?;
        Ok(())
    }

    /// Removes the file at `rel` if there is one.
    pub fn remove(&self, rel: &str) -> io::Result<()> {
        let path = checked_join(&self.root, rel)?;
        match fs::remove_file(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            other => {
                other.map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_only_safe_paths() {
        let root = Path::new("/tmp/site");
        assert!(checked_join(root, "data/articles/a.json").is_ok());
        for bad in [
            "../x",
            "/etc/passwd",
            "a/../../b",
            "a\0b",
            "data/con.json",
            "NUL",
            "",
            "a\\b",
            "x/./y/..",
        ] {
            assert!(checked_join(root, bad).is_err(), "{bad:?} accepted");
        }
    }
}
