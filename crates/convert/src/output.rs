//! Writing the site: every write goes through [`SafeOut`], which only accepts
//! relative paths made of ordinary, portable segments, so nothing can land
//! outside the staging folder; [`Staging`] swaps the finished folder into place.

use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Windows device names: a file called `con.json` cannot be created there.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7",
    "com8", "com9", "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// True if `segment` (up to its first dot) is a Windows reserved device name.
pub fn is_reserved_name(segment: &str) -> bool {
    let stem = segment.split('.').next().unwrap_or(segment).trim_end();
    RESERVED.iter().any(|r| stem.eq_ignore_ascii_case(r))
}

/// A slug that is also a portable file name: reserved device names get a suffix,
/// overly long ones are cut on a char boundary.
pub fn portable_slug(slug: &str) -> String {
    let mut s = slug.to_string();
    if s.len() > 180 {
        let mut end = 180;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
        s = s.trim_end_matches(['-', '.', '_']).to_string();
    }
    if s.is_empty() {
        s = "untitled".into();
    }
    if is_reserved_name(&s) {
        s.push_str("-post");
    }
    s
}

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
                    || is_reserved_name(seg)
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

/// The output root plus counters of what was written.
pub struct SafeOut {
    root: PathBuf,
    pub bytes: AtomicU64,
    pub files: AtomicU64,
}

impl SafeOut {
    pub fn new(root: PathBuf) -> SafeOut {
        SafeOut {
            root,
            bytes: AtomicU64::new(0),
            files: AtomicU64::new(0),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
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
        res.map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        self.bytes.fetch_add(data.len() as u64, Ordering::Relaxed);
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
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
        let n = fs::copy(from, &to)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", from.display())))?;
        self.bytes.fetch_add(n, Ordering::Relaxed);
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}

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

/// `write!` into a `Vec<u8>` cannot fail; this hides the `Result`.
pub fn push_fmt(buf: &mut Vec<u8>, args: std::fmt::Arguments<'_>) {
    let _ = buf.write_fmt(args);
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
        assert_eq!(portable_slug("con"), "con-post");
        assert_eq!(portable_slug("lpt1.x"), "lpt1.x-post");
        assert!(portable_slug(&"가".repeat(200)).len() <= 180);
    }
}
