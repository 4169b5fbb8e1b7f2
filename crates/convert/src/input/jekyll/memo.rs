//! A memo of converted posts, so that a rebuild converts only the posts whose
//! file changed: reading and converting all 7,478 koreanews posts (YAML,
//! excerpts, reading time) is some 0.7 s of CPU, most of an incremental
//! build's second; a post found in the memo costs its read and a hash.
//!
//! An entry is what converting the file gave (article, messages, or why it
//! was skipped), keyed by the file's path and a stamp of its bytes, without
//! the body: the body is the file's text after its front matter, taken from
//! the file again. The whole memo is valid only for the converter and the
//! site settings (`_config.yml`) it was made with. Files that are not UTF-8
//! are not memoised (their text is a lossy decoding). The memo is
//! `.<site>.sinmun-posts.json` beside the output folder, like the build's
//! record (`output/last_build.rs`).

use super::frontmatter;
use crate::catalogue::{Item, Message, SkipKind, Source};
use serde::{Deserialize, Serialize};
use sinmun_model::Article;
use std::collections::HashMap;
use std::path::Path;

/// Bumped when an entry's meaning changes.
const MEMO_VERSION: u32 = 1;

#[derive(Serialize, Deserialize, Default)]
pub struct Memo {
    version: u32,
    /// A stamp of the converter and the site settings.
    context: u64,
    posts: HashMap<String, Entry>,
    /// Whether this run changed it (then it is saved).
    #[serde(skip)]
    changed: bool,
}

#[derive(Serialize, Deserialize, Clone)]
struct Entry {
    stamp: u64,
    messages: Vec<Message>,
    outcome: Result<MemoItem, SkipKind>,
}

#[derive(Serialize, Deserialize, Clone)]
struct MemoItem {
    /// With an empty body source.
    article: Article,
    timestamp: i64,
    recovered: bool,
}

impl Memo {
    /// The memo at `path` if it was made in `context`, else an empty one.
    pub fn load(path: &Path, context: u64) -> Memo {
        let empty = Memo {
            version: MEMO_VERSION,
            context,
            ..Memo::default()
        };
        let Ok(bytes) = std::fs::read(path) else {
            return empty;
        };
        match serde_json::from_slice::<Memo>(&bytes) {
            Ok(memo) if memo.version == MEMO_VERSION && memo.context == context => memo,
            _ => empty,
        }
    }

    /// Saves the memo if this run changed it.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if !self.changed {
            return Ok(());
        }
        let json = serde_json::to_vec(self).map_err(std::io::Error::other)?;
        let temp = path.with_extension("json.tmp");
        std::fs::write(&temp, json)?;
        std::fs::rename(&temp, path)
    }

    /// The source `rel` converted before from the same bytes (`text`, whose
    /// stamp is `stamp`), with its body taken from `text`.
    pub fn recall(&self, rel: &str, stamp: u64, text: &str) -> Option<Source> {
        let entry = self.posts.get(rel).filter(|e| e.stamp == stamp)?;
        let outcome = match &entry.outcome {
            Ok(memo) => {
                let mut article = memo.article.clone();
                article.body.source = frontmatter::split(text)?.body.to_string();
                Ok(Item {
                    article,
                    timestamp: memo.timestamp,
                    recovered: memo.recovered,
                })
            }
            Err(kind) => Err(*kind),
        };
        Some(Source {
            path: rel.to_string(),
            messages: entry.messages.clone(),
            outcome,
        })
    }

    /// Remembers what `source` (a file whose bytes have `stamp`) became.
    pub fn remember(&mut self, source: &mut Source, stamp: u64) {
        let outcome = match &mut source.outcome {
            Ok(item) => {
                // the article without its body, which is not copied
                let body = std::mem::take(&mut item.article.body.source);
                let article = item.article.clone();
                item.article.body.source = body;
                Ok(MemoItem {
                    article,
                    timestamp: item.timestamp,
                    recovered: item.recovered,
                })
            }
            Err(kind) => Err(*kind),
        };
        let entry = Entry {
            stamp,
            messages: source.messages.clone(),
            outcome,
        };
        self.posts.insert(source.path.clone(), entry);
        self.changed = true;
    }

    /// Forgets every file not in `present` (deleted or renamed posts).
    pub fn keep_only(&mut self, present: &[String]) {
        let before = self.posts.len();
        let present: std::collections::HashSet<&String> = present.iter().collect();
        self.posts.retain(|rel, _| present.contains(rel));
        self.changed |= self.posts.len() != before;
    }
}
