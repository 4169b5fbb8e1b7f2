//! Writing the site: every write goes through [`SafeOut`], which only accepts
//! relative paths made of ordinary, portable segments, so nothing can land
//! outside the output folder. It writes into a fresh staging folder
//! (`staging.rs` swaps it into place) or updates a site built before
//! (`update.rs`: only what changed); either way it stamps every file it
//! writes, for the record of the build (`last_build.rs`).

use super::last_build::stamp;
use super::update::{Changes, Update};
use sinmun_model::is_reserved_file_name;
use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

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
    /// `None`: a fresh folder; else the update of a site built before.
    update: Option<Update>,
    /// Every file of the build with its stamp.
    stamps: Mutex<HashMap<String, u64>>,
}

impl SafeOut {
    /// Writes into the fresh folder `root`.
    pub fn new(root: PathBuf) -> SafeOut {
        SafeOut {
            root,
            update: None,
            stamps: Mutex::new(HashMap::new()),
        }
    }

    /// Updates the site at `root`, whose last build wrote `previous`.
    pub fn updating(root: PathBuf, previous: HashMap<String, u64>) -> SafeOut {
        SafeOut {
            update: Some(Update::new(root.clone(), previous)),
            ..SafeOut::new(root)
        }
    }

    /// Where `rel` is (or would be) in the output, checked like a write;
    /// during an update, a file this run changed is read from its new copy.
    pub fn path_of(&self, rel: &str) -> io::Result<PathBuf> {
        let path = checked_join(&self.root, rel)?;
        Ok(self
            .update
            .as_ref()
            .and_then(|u| u.current(rel))
            .unwrap_or(path))
    }

    /// Writes `data` at `rel`, creating parent folders.
    pub fn write(&self, rel: &str, data: &[u8]) -> io::Result<()> {
        let path = checked_join(&self.root, rel)?;
        let stamp = stamp(data);
        if self.unchanged(rel, &path, stamp) {
            return Ok(());
        }
        self.put(rel, &path, data, stamp)
    }

    /// Writes what `render` makes at `rel`, unless the last build wrote it
    /// from the same `key` (a stamp of everything it is made from): the
    /// rendering is skipped too. `render` may decline (`None`).
    pub fn write_keyed(
        &self,
        rel: &str,
        key: u64,
        render: impl FnOnce() -> Option<Vec<u8>>,
    ) -> io::Result<()> {
        let path = checked_join(&self.root, rel)?;
        if self.unchanged(rel, &path, key) {
            return Ok(());
        }
        match render() {
            Some(data) => self.put(rel, &path, &data, key),
            None => Ok(()),
        }
    }

    /// Whether an update can leave `rel` as it is (then it is part of the build).
    fn unchanged(&self, rel: &str, path: &Path, stamp: u64) -> bool {
        let same = self
            .update
            .as_ref()
            .is_some_and(|u| u.unchanged(rel, path, stamp));
        if same {
            self.record(rel, stamp);
        }
        same
    }

    fn put(&self, rel: &str, path: &Path, data: &[u8], stamp: u64) -> io::Result<()> {
        let target = match &self.update {
            Some(update) => update.temp_for(rel, path),
            None => path.to_path_buf(),
        };
        write_creating_parents(&target, data)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        self.record(rel, stamp);
        Ok(())
    }

    fn record(&self, rel: &str, stamp: u64) {
        lock(&self.stamps).insert(rel.to_string(), stamp);
    }

    /// Puts an update's changes in place (nothing to do for a fresh folder,
    /// which the staging swaps in) and returns the build's files with their
    /// stamps, for its record.
    pub fn finish(self) -> io::Result<(HashMap<String, u64>, Option<Changes>)> {
        let stamps = std::mem::take(&mut *lock(&self.stamps));
        let changes = match &self.update {
            Some(update) => Some(update.commit(&stamps)?),
            None => None,
        };
        Ok((stamps, changes))
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

    /// Copies the file `from` to `rel` (read whole: app files and assets
    /// are small, and an update compares them with the last build's).
    pub fn copy_file(&self, from: &Path, rel: &str) -> io::Result<()> {
        let data = fs::read(from)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", from.display())))?;
        self.write(rel, &data)
    }

    /// Removes the file at `rel` if there is one.
    pub fn remove(&self, rel: &str) -> io::Result<()> {
        let path = checked_join(&self.root, rel)?;
        lock(&self.stamps).remove(rel);
        if let Some(update) = &self.update {
            update.remove(rel);
            return Ok(());
        }
        match fs::remove_file(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            other => {
                other.map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))
            }
        }
    }
}

fn write_creating_parents(path: &Path, data: &[u8]) -> io::Result<()> {
    match fs::write(path, data) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(path, data)
        }
        other => other,
    }
}

/// The lock's data, also after a panic in another thread (every change to
/// the map is one insert or remove).
pub(super) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
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
