//! A memo of converted posts, so that a rebuild converts only the posts whose
//! file changed: reading and converting all 7,478 koreanews posts (YAML,
//! excerpts, reading time) is some 0.7 s of CPU, most of an incremental
//! build's second; a post found in the memo costs its read and a hash.
//!
//! An entry is what converting the file gave (article, messages, or why it
//! was skipped), keyed by the file's path and a stamp of its bytes, without
//! the body when the body is the file's text after its front matter (taken
//! from the file again); a body the converter rendered (Liquid, Markdown)
//! is kept in the entry. The whole memo is valid only for the converter and the
//! site settings (`_config.yml`) it was made with. Files that are not UTF-8
//! are not memoised (their text is a lossy decoding). The memo is
//! `.<site>.sinmun-posts.json` beside the output folder, like the build's
//! record (`output/last_build.rs`).
//!
//! Memory stays one copy of each post: a loaded entry is moved into the
//! post it describes, and the memo is written straight from the run's
//! sources (their bodies set aside meanwhile), not from a copy of them.

use super::frontmatter;
use crate::catalogue::{Item, Message, SkipKind, Source};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use sinmun_model::Article;
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

/// Bumped when an entry's meaning changes.
const MEMO_VERSION: u32 = 3;

/// A memoisable file's stamp, and whether its entry keeps the body.
#[derive(Debug, Clone, Copy)]
pub struct MemoStamp {
    pub bytes: u64,
    pub keeps_body: bool,
}

/// The memo as read: entries by source path.
#[derive(Deserialize, Default)]
pub struct Memo {
    version: u32,
    /// A stamp of the converter and the site settings.
    context: u64,
    posts: HashMap<String, Entry>,
}

#[derive(Deserialize)]
pub struct Entry {
    stamp: u64,
    #[serde(default)]
    keeps_body: bool,
    messages: Vec<Message>,
    outcome: Result<MemoItem, SkipKind>,
}

#[derive(Deserialize)]
struct MemoItem {
    /// With an empty body source unless the entry keeps it.
    article: Article,
    timestamp: i64,
    recovered: bool,
}

impl Memo {
    /// The memo at `path` if it was made in `context`, else an empty one.
    pub fn load(path: &Path, context: u64) -> Memo {
        let loaded = std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Memo>(&bytes).ok());
        match loaded {
            Some(memo) if memo.version == MEMO_VERSION && memo.context == context => memo,
            _ => Memo::default(),
        }
    }

    /// Each of `files`' entry, in their order (taken out of the memo);
    /// whether entries of other files were left (deleted posts).
    pub fn take_in_order(mut self, files: &[String]) -> (Vec<Option<Entry>>, bool) {
        let entries = files.iter().map(|rel| self.posts.remove(rel)).collect();
        (entries, !self.posts.is_empty())
    }
}

impl Entry {
    /// The source `rel` it describes, if it was made from the same bytes
    /// (`text`, whose stamp is `stamp`), with its body taken from `text`.
    pub fn recall(self, rel: &str, stamp: u64, text: &str) -> Option<(Source, MemoStamp)> {
        if self.stamp != stamp {
            return None;
        }
        let memo_stamp = MemoStamp {
            bytes: stamp,
            keeps_body: self.keeps_body,
        };
        let outcome = match self.outcome {
            Ok(memo) => {
                let mut article = memo.article;
                if !self.keeps_body {
                    article.body.source = frontmatter::split_or_all(text).body.to_string();
                }
                Ok(Item {
                    article,
                    timestamp: memo.timestamp,
                    recovered: memo.recovered,
                })
            }
            Err(kind) => Err(kind),
        };
        let source = Source {
            path: rel.to_string(),
            messages: self.messages,
            outcome,
        };
        Some((source, memo_stamp))
    }
}

/// Writes the memo of `sources` (as the read step left them: bodies as in
/// their files), each with the stamp of its file in `stamps` (a source
/// without one is not memoised), made in `context`.
pub fn save(
    path: &Path,
    context: u64,
    sources: &mut [Source],
    stamps: &HashMap<String, MemoStamp>,
) -> std::io::Result<()> {
    // bodies that are their files' text are not part of the memo: set
    // aside, then put back
    let bodies: Vec<String> = sources
        .iter_mut()
        .map(|s| {
            let kept = stamps.get(&s.path).is_some_and(|stamp| stamp.keeps_body);
            match &mut s.outcome {
                Ok(item) if !kept => std::mem::take(&mut item.article.body.source),
                _ => String::new(),
            }
        })
        .collect();
    let written = write_json(path, context, sources, stamps);
    for (source, body) in sources.iter_mut().zip(bodies) {
        let kept = stamps
            .get(&source.path)
            .is_some_and(|stamp| stamp.keeps_body);
        if let (Ok(item), false) = (&mut source.outcome, kept) {
            item.article.body.source = body;
        }
    }
    written
}

fn write_json(
    path: &Path,
    context: u64,
    sources: &[Source],
    stamps: &HashMap<String, MemoStamp>,
) -> std::io::Result<()> {
    let temp = path.with_extension("json.tmp");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&temp)?);
    let memo = MemoOut {
        version: MEMO_VERSION,
        context,
        posts: PostsOut { sources, stamps },
    };
    serde_json::to_writer(&mut file, &memo).map_err(std::io::Error::other)?;
    file.flush()?;
    drop(file);
    std::fs::rename(&temp, path)
}

/// What [`Memo`] reads, written from borrowed sources.
#[derive(Serialize)]
struct MemoOut<'a> {
    version: u32,
    context: u64,
    posts: PostsOut<'a>,
}

struct PostsOut<'a> {
    sources: &'a [Source],
    stamps: &'a HashMap<String, MemoStamp>,
}

#[derive(Serialize)]
struct EntryOut<'a> {
    stamp: u64,
    keeps_body: bool,
    messages: &'a [Message],
    outcome: Result<ItemOut<'a>, SkipKind>,
}

#[derive(Serialize)]
struct ItemOut<'a> {
    article: &'a Article,
    timestamp: i64,
    recovered: bool,
}

impl Serialize for PostsOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for source in self.sources {
            let Some(&MemoStamp {
                bytes: stamp,
                keeps_body,
            }) = self.stamps.get(&source.path)
            else {
                continue;
            };
            let outcome = match &source.outcome {
                Ok(item) => Ok(ItemOut {
                    article: &item.article,
                    timestamp: item.timestamp,
                    recovered: item.recovered,
                }),
                Err(kind) => Err(*kind),
            };
            let entry = EntryOut {
                stamp,
                keeps_body,
                messages: &source.messages,
                outcome,
            };
            map.serialize_entry(&source.path, &entry)?;
        }
        map.end()
    }
}
