//! Updating a site in place, from the record of its last build
//! (`last_build.rs`): a file whose stamp is unchanged is left alone; a
//! changed or new one is written beside its old self
//! (`<name>.sinmun-new`) and renamed over it only when the whole run has
//! succeeded ([`Update::commit`]), so a failed run leaves the site as it
//! was (the temporary files are removed when the update is dropped). Files
//! the last build wrote and this one did not (a deleted or renamed post's
//! page and JSON, a category that lost its last post) are removed at the
//! commit, with the folders they leave empty.

use super::safe::{checked_join, lock};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Suffix of a changed file until the commit.
const PENDING_SUFFIX: &str = ".sinmun-new";

/// What an update changed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Changes {
    pub written: usize,
    pub removed: usize,
    pub unchanged: usize,
}

/// An update of the site at `root`.
pub struct Update {
    root: PathBuf,
    previous: HashMap<String, u64>,
    /// Changed files by site path, each with its temporary file.
    pending: Mutex<HashMap<String, PathBuf>>,
    /// Files the run took back (`SafeOut::remove`).
    removed: Mutex<HashSet<String>>,
}

impl Update {
    pub fn new(root: PathBuf, previous: HashMap<String, u64>) -> Update {
        Update {
            root,
            previous,
            pending: Mutex::new(HashMap::new()),
            removed: Mutex::new(HashSet::new()),
        }
    }

    /// Whether the last build wrote `rel` with `stamp` and it is still there
    /// and not already rewritten by this run.
    pub fn unchanged(&self, rel: &str, path: &Path, stamp: u64) -> bool {
        self.previous.get(rel) == Some(&stamp)
            && !lock(&self.pending).contains_key(rel)
            && path.is_file()
    }

    /// Where a changed `rel` is written until the commit.
    pub fn temp_for(&self, rel: &str, path: &Path) -> PathBuf {
        let mut name = path.as_os_str().to_os_string();
        name.push(PENDING_SUFFIX);
        let temp = PathBuf::from(name);
        lock(&self.pending).insert(rel.to_string(), temp.clone());
        temp
    }

    /// The file holding `rel` as this run sees it.
    pub fn current(&self, rel: &str) -> Option<PathBuf> {
        lock(&self.pending).get(rel).cloned()
    }

    /// `rel` is not part of the site any more.
    pub fn remove(&self, rel: &str) {
        if let Some(temp) = lock(&self.pending).remove(rel) {
            let _ = fs::remove_file(temp);
        }
        lock(&self.removed).insert(rel.to_string());
    }

    /// Puts every changed file in place, then removes what the site no
    /// longer has; `kept` is every file of the new build.
    pub fn commit(&self, kept: &HashMap<String, u64>) -> io::Result<Changes> {
        let pending = std::mem::take(&mut *lock(&self.pending));
        let renamed = pending.par_iter().try_for_each(|(rel, temp)| {
            let path = checked_join(&self.root, rel)?;
            fs::rename(temp, &path)
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))
        });
        if let Err(e) = renamed {
            for temp in pending.values() {
                let _ = fs::remove_file(temp);
            }
            return Err(e);
        }
        let taken_back = lock(&self.removed).clone();
        let stale: Vec<&String> = self
            .previous
            .keys()
            .chain(taken_back.iter())
            .filter(|rel| !kept.contains_key(*rel))
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        let mut removed = 0;
        for rel in &stale {
            if self.remove_with_empty_folders(rel)? {
                removed += 1;
            }
        }
        Ok(Changes {
            written: pending.len(),
            removed,
            unchanged: kept.len().saturating_sub(pending.len()),
        })
    }

    /// Removes `rel` if it is there (says whether it was), and the folders
    /// that leaves empty.
    fn remove_with_empty_folders(&self, rel: &str) -> io::Result<bool> {
        // the record is a file on disk: a path in it is checked like a write
        let Ok(path) = checked_join(&self.root, rel) else {
            return Ok(false);
        };
        match fs::remove_file(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
            Err(e) => return Err(e),
            Ok(()) => {}
        }
        let mut folder = path.parent();
        while let Some(dir) = folder.filter(|d| d.starts_with(&self.root) && *d != self.root) {
            // fails, and stops, at the first folder that is not empty
            if fs::remove_dir(dir).is_err() {
                break;
            }
            folder = dir.parent();
        }
        Ok(true)
    }
}

impl Drop for Update {
    /// A run that did not commit leaves the site as it was.
    fn drop(&mut self) {
        for temp in lock(&self.pending).values() {
            let _ = fs::remove_file(temp);
        }
    }
}
