//! The Jekyll input: a `_posts` folder, with `_config.yml` and `assets/` beside
//! it, read into a [`Catalogue`]. Every post is read and converted on its own,
//! in parallel; a post that cannot be read, or that makes the converter panic,
//! is reported and skipped, never the end of the run.

pub mod dates;
pub mod frontmatter;
pub mod language;
mod memo;
pub mod permalink;
pub mod post;
pub mod post_name;
pub mod settings;

pub use memo::{save as save_memo, Memo, MemoStamp};
pub use settings::SiteSettings;

use crate::catalogue::{Catalogue, Level, Message, SkipKind, Source};
use crate::output::last_build::{converter_stamp, stamp, StampWriter};
use crate::output::staging::absolute;
use crate::render::liquid::{object_from_yaml, IncludeRoots, Liquid};
use rayon::prelude::*;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

/// What the read step gave: the catalogue, each memoisable file's stamp
/// and whether the memo of the posts needs saving.
pub struct ReadPosts {
    pub catalogue: Catalogue,
    pub stamps: HashMap<String, MemoStamp>,
    pub memo_changed: bool,
    /// The memo this run started from (a save copies its unchanged shards).
    pub memo_read: memo::Shards,
}

/// A Jekyll site as the converter sees it.
pub struct JekyllSite {
    pub posts_dir: PathBuf,
    /// The folder holding `_posts`, `_config.yml` and `assets/`.
    pub root: PathBuf,
    pub settings: SiteSettings,
}

impl JekyllSite {
    /// Reads `_config.yml`; its problems become `warnings`.
    pub fn open(posts_dir: &Path, warnings: &mut Vec<String>) -> Result<JekyllSite, String> {
        if !posts_dir.is_dir() {
            return Err(format!("{} is not a folder", posts_dir.display()));
        }
        let root = absolute(posts_dir)
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| posts_dir.join(".."));
        let settings = SiteSettings::load(&root.join("_config.yml"), warnings);
        Ok(JekyllSite {
            posts_dir: posts_dir.to_path_buf(),
            root,
            settings,
        })
    }

    /// The site's own files (`assets/` beside `_posts`), copied as they are.
    pub fn assets_dir(&self) -> PathBuf {
        self.root.join("assets")
    }

    /// The stamp the memo of this site's posts is made for: this converter
    /// with these settings.
    pub fn memo_context(&self) -> u64 {
        StampWriter::default()
            .add(&converter_stamp().to_le_bytes())
            .add(format!("{:?}", self.settings).as_bytes())
            .add(&includes_stamp(&self.root.join("_includes")).to_le_bytes())
            .finish()
    }

    /// The site's Liquid: `_config.yml` as `site`, every post's route for
    /// `post_url` and `link`.
    fn liquid(&self, files: &[String]) -> Liquid {
        let posts = files
            .iter()
            .filter_map(|rel| {
                let name = rel.rsplit('/').next().unwrap_or(rel);
                let parsed = post_name::parse_post_name(name).ok()?;
                let stem = rel.rsplit_once('.').map_or(rel.as_str(), |(stem, _)| stem);
                let route = format!(
                    "/{}",
                    sinmun_model::article_route(&post::base_slug(&parsed.slug))
                );
                Some((stem.to_string(), route))
            })
            .collect();
        let mut site = object_from_yaml(&self.settings.config);
        site.insert(
            "time".into(),
            liquid_core::model::Value::scalar(
                chrono::Utc::now()
                    .format("%Y-%m-%d %H:%M:%S %z")
                    .to_string(),
            ),
        );
        Liquid::new(IncludeRoots::new(&self.root), site, posts)
    }

    /// The "read inputs" step: every file below `_posts`, in path order; the
    /// posts in `memo` whose file is unchanged are not converted again.
    /// Also returns each memoisable file's stamp, and whether the memo
    /// needs saving (a post was converted, or one was deleted).
    pub fn read(&self, progress: bool, memo: Memo) -> Result<ReadPosts, String> {
        let files = list_files(&self.posts_dir)
            .map_err(|e| format!("{}: {e}", self.posts_dir.display()))?;
        let bar = progress_bar(progress, files.len());
        let (entries, deleted, memo_read) = memo.take_in_order(&files);
        let liquid = self.liquid(&files);
        let read: Vec<(Source, Option<MemoStamp>, bool)> = files
            .par_iter()
            .zip(entries.into_par_iter())
            .map(|(rel, entry)| {
                let source = self.read_file(rel, entry, &liquid);
                bar.inc(1);
                source
            })
            .collect();
        bar.finish_and_clear();
        let mut stamps = HashMap::new();
        let mut converted = false;
        let mut sources = Vec::with_capacity(read.len());
        for (source, stamp, fresh) in read {
            if let Some(stamp) = stamp {
                stamps.insert(source.path.clone(), stamp);
            }
            // a post converted on every run (not memoisable) changes no memo
            converted |= fresh && stamp.is_some();
            sources.push(source);
        }
        Ok(ReadPosts {
            catalogue: Catalogue::new(sources),
            stamps,
            memo_changed: converted || deleted,
            memo_read,
        })
    }

    /// The source `rel` (from `entry` when its file is unchanged), the stamp
    /// of its bytes if it can be memoised, and whether it was converted now.
    fn read_file(
        &self,
        rel: &str,
        entry: Option<memo::Entry>,
        liquid: &Liquid,
    ) -> (Source, Option<MemoStamp>, bool) {
        let bytes = match fs::read(self.posts_dir.join(rel)) {
            Ok(b) => b,
            Err(e) => return (unusable(rel, format!("cannot read: {e}")), None, true),
        };
        let stamp = stamp(&bytes);
        if let Some((source, stamp)) = entry.and_then(|e| e.recall(rel, stamp, &bytes)) {
            return (source, Some(stamp), false);
        }
        let text = std::str::from_utf8(&bytes).ok();
        let source = self.convert(rel, &bytes, liquid);
        // a post reading other files or naming other posts is converted on
        // every run: those may have changed
        let memoisable = text.filter(|t| !reads_other_files(t));
        let stamp = memoisable.map(|text| MemoStamp {
            bytes: stamp,
            keeps_body: !body_is_the_files(&source, text),
            recalled: false,
        });
        (source, stamp, true)
    }

    fn convert(&self, rel: &str, bytes: &[u8], liquid: &Liquid) -> Source {
        let name = rel.rsplit('/').next().unwrap_or(rel);
        let dir = self.posts_dir.join(rel);
        let dir = dir.parent().unwrap_or(&self.posts_dir);
        let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        let templates = post::Templates {
            liquid,
            dir: &dir,
            rel,
        };
        let converted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            post::convert_with(name, bytes, &self.settings, Some(&templates))
        }));
        match converted {
            Ok(result) => Source {
                path: rel.to_string(),
                messages: result.messages,
                outcome: result.outcome,
            },
            Err(p) => unusable(
                rel,
                format!("converter bug, post skipped: {}", panic_text(p.as_ref())),
            ),
        }
    }
}

/// Liquid that reads other files or names other posts.
fn reads_other_files(text: &str) -> bool {
    text.contains("{%")
        && ["include_relative", "post_url", "link"]
            .iter()
            .any(|tag| text.contains(tag))
}

/// Whether the converted body is the file's text after its front matter
/// (then the memo leaves it out and takes it from the file again).
fn body_is_the_files(source: &Source, text: &str) -> bool {
    match &source.outcome {
        Ok(item) => item.article.body.source == frontmatter::split_or_all(text).body,
        Err(_) => true,
    }
}

/// A stamp of every file below `_includes/` (names and bytes): a changed
/// include makes every post convert again.
fn includes_stamp(dir: &Path) -> u64 {
    let mut writer = StampWriter::default();
    if let Ok(files) = list_files(dir) {
        for rel in files {
            writer.add(rel.as_bytes());
            writer.add(&fs::read(dir.join(&rel)).unwrap_or_default());
        }
    }
    writer.finish()
}

fn unusable(rel: &str, why: String) -> Source {
    Source::skipped(rel, SkipKind::Error, Message::new(Level::Error, None, why))
}

fn panic_text(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

fn progress_bar(shown: bool, len: usize) -> indicatif::ProgressBar {
    if !shown {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} posts {per_sec} eta {eta}")
    {
        bar.set_style(style);
    }
    bar
}

/// Post files below `dir`, relative, `/`-separated, sorted. Folders starting with
/// `.` or `_` are skipped as Jekyll does; files of any name are listed (so that
/// `.DS_Store` and friends show up in the report as skipped).
pub fn list_files(dir: &Path) -> std::io::Result<Vec<String>> {
    fn walk(dir: &Path, prefix: &str, out: &mut Vec<String>) -> std::io::Result<()> {
        for entry in fs::read_dir(dir)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = if prefix.is_empty() {
                name.clone()
            } else {
                format!("{prefix}/{name}")
            };
            let ft = entry.file_type()?;
            if ft.is_dir() {
                if !name.starts_with(['.', '_']) {
                    walk(&entry.path(), &rel, out)?;
                }
            } else {
                out.push(rel);
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, "", &mut out)?;
    out.sort();
    Ok(out)
}
