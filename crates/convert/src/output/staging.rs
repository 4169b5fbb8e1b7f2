//! The staging folder: the site is built in a sibling folder that replaces the
//! output folder only when the run succeeded, so a failed run leaves the
//! previous site untouched; and the checks that refuse output folders whose
//! replacement would destroy the input or the system.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// Absolute form of `p` without requiring it to exist (the parent must exist
/// or be resolvable lexically).
pub fn absolute(p: &Path) -> io::Result<PathBuf> {
    if let Ok(c) = fs::canonicalize(p) {
        return Ok(c);
    }
    let abs = std::path::absolute(p)?;
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    // resolve symlinks in the existing part
    if let (Some(parent), Some(name)) = (out.parent(), out.file_name()) {
        if let Ok(cp) = fs::canonicalize(parent) {
            return Ok(cp.join(name));
        }
    }
    Ok(out)
}

/// Refuses output folders that would destroy the input or the system.
pub fn check_out_dir(out: &Path, posts: &Path) -> Result<(), String> {
    let out_abs = absolute(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let posts_abs = absolute(posts).map_err(|e| format!("{}: {e}", posts.display()))?;
    if out_abs.parent().is_none() {
        return Err(format!(
            "refusing to write the site to {}",
            out_abs.display()
        ));
    }
    if posts_abs.starts_with(&out_abs) {
        return Err(format!(
            "refusing to replace {}: it holds the posts folder {}",
            out_abs.display(),
            posts_abs.display()
        ));
    }
    if let Some(home) = std::env::var_os("HOME") {
        if absolute(Path::new(&home)).ok().as_deref() == Some(out_abs.as_path()) {
            return Err("refusing to replace the home folder".into());
        }
    }
    // an existing folder is only replaced if it looks like an earlier sinmun site
    if out_abs.is_dir() {
        let empty = fs::read_dir(&out_abs)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        let ours = out_abs
            .join("data")
            .join(sinmun_model::MANIFEST_FILE)
            .is_file();
        if !empty && !ours {
            return Err(format!(
                "refusing to replace {}: it is not empty and holds no data/manifest.json (not a sinmun site); remove it or choose another folder",
                out_abs.display()
            ));
        }
    } else if out_abs.exists() {
        return Err(format!("{} exists and is not a folder", out_abs.display()));
    }
    Ok(())
}

/// Removes a folder tree, unlinking files in parallel: on disks where every
/// unlink waits for the device (ext4 mounted with `discard`, network disks),
/// many unlinks in flight are an order of magnitude faster than `rm -r`.
pub fn remove_tree(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let meta = match fs::symlink_metadata(dir) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    if !meta.is_dir() {
        return fs::remove_file(dir);
    }
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    let mut i = 0;
    while let Some(d) = dirs.get(i).cloned() {
        i += 1;
        for e in fs::read_dir(&d)?.flatten() {
            match e.file_type() {
                Ok(t) if t.is_dir() => dirs.push(e.path()),
                _ => files.push(e.path()),
            }
        }
    }
    files.par_iter().for_each(|f| {
        let _ = fs::remove_file(f);
    });
    for d in dirs.iter().rev() {
        let _ = fs::remove_dir(d);
    }
    // whatever is left (a race, a permission problem) the slow way, with its error
    if dir.exists() {
        fs::remove_dir_all(dir)?;
    }
    Ok(())
}

/// A sibling staging folder `<out>.sinmun-tmp-<pid>`, removed on drop unless
/// [`Staging::commit`] swapped it into place.
pub struct Staging {
    pub dir: PathBuf,
    target: PathBuf,
    done: bool,
}

fn sibling(target: &Path, suffix: &str) -> PathBuf {
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    target.with_file_name(name)
}

impl Staging {
    pub fn create(target: &Path) -> io::Result<Staging> {
        let target = absolute(target)?;
        let dir = sibling(&target, &format!(".sinmun-tmp-{}", std::process::id()));
        if dir.exists() {
            remove_tree(&dir)?;
        }
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::create_dir(&dir)?;
        Ok(Staging {
            dir,
            target,
            done: false,
        })
    }

    /// Swaps the staging folder in: old target renamed away, new renamed in,
    /// old deleted. If the second rename fails the old folder is put back.
    pub fn commit(mut self) -> io::Result<()> {
        let old = sibling(&self.target, &format!(".sinmun-old-{}", std::process::id()));
        let had_old = self.target.exists();
        if had_old {
            if old.exists() {
                remove_tree(&old)?;
            }
            fs::rename(&self.target, &old)?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.target) {
            if had_old {
                let _ = fs::rename(&old, &self.target);
            }
            return Err(e);
        }
        self.done = true;
        if had_old {
            // the new site is in place; a failure here only leaves litter
            let _ = remove_tree(&old);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = remove_tree(&self.dir);
        }
    }
}
