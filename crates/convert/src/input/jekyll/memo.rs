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
//! `.<site>.sinmun-posts.bin` beside the output folder, like the build's
//! record (`output/last_build.rs`), in MessagePack with named fields: the
//! koreanews memo is 46 MB, mostly bodies rendered from Markdown, and JSON
//! took 0.18 s to read and 0.1 s to write of an edit's one-second rebuild.
//! The file is [`SHARDS`] MessagePack documents after their lengths, each
//! holding the posts whose path hashes to it: they are read in parallel, and
//! a save copies the bytes of every shard none of whose posts changed (an
//! edit re-encodes one shard of 32, not 46 MB).
//!
//! Memory stays one copy of each post: a loaded entry is moved into the
//! post it describes, and the memo is written straight from the run's
//! sources (their bodies set aside meanwhile), not from a copy of them.

use super::frontmatter;
use crate::catalogue::{Item, Message, SkipKind, Source};
use rayon::prelude::*;
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use sinmun_model::Article;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

/// The memo's parts (see the header).
const SHARDS: usize = 32;

/// Bumped when an entry's meaning changes.
const MEMO_VERSION: u32 = 3;

/// A memoisable file's stamp, whether its entry keeps the body, and
/// whether it was taken from the memo (not converted now).
#[derive(Debug, Clone, Copy)]
pub struct MemoStamp {
    pub bytes: u64,
    pub keeps_body: bool,
    pub recalled: bool,
}

/// The memo as read: entries by source path.
#[derive(Default)]
pub struct Memo {
    posts: HashMap<String, Entry>,
    shards: Shards,
}

/// One shard of the file.
#[derive(Deserialize)]
struct Shard {
    version: u32,
    /// A stamp of the converter and the site settings.
    context: u64,
    posts: HashMap<String, Entry>,
}

/// The memo file's bytes and, for each shard, where it is in them and how
/// many posts it holds: what a save may copy.
#[derive(Default)]
pub struct Shards {
    file: Vec<u8>,
    shards: Vec<(std::ops::Range<usize>, usize)>,
}

/// The shard a post's entry is kept in.
fn shard_of(path: &str) -> usize {
    (crate::output::last_build::stamp(path.as_bytes()) % SHARDS as u64) as usize
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
        let Ok(file) = std::fs::read(path) else {
            return Memo::default();
        };
        let Some(ranges) = split_shards(&file) else {
            return Memo::default();
        };
        let read: Option<Vec<Shard>> = ranges
            .par_iter()
            .map(|range| rmp_serde::from_slice::<Shard>(file.get(range.clone())?).ok())
            .map(|shard| shard.filter(|s| s.version == MEMO_VERSION && s.context == context))
            .collect();
        let Some(read) = read else {
            return Memo::default();
        };
        let mut posts = HashMap::with_capacity(read.iter().map(|s| s.posts.len()).sum());
        let mut shards = Vec::with_capacity(read.len());
        for (shard, range) in read.into_iter().zip(ranges) {
            shards.push((range, shard.posts.len()));
            posts.extend(shard.posts);
        }
        Memo {
            posts,
            shards: Shards { file, shards },
        }
    }

    /// Each of `files`' entry, in their order (taken out of the memo);
    /// whether entries of other files were left (deleted posts); the shards
    /// as read, for [`save`].
    pub fn take_in_order(mut self, files: &[String]) -> (Vec<Option<Entry>>, bool, Shards) {
        let entries = files.iter().map(|rel| self.posts.remove(rel)).collect();
        (entries, !self.posts.is_empty(), self.shards)
    }
}

impl Entry {
    /// The source `rel` it describes, if it was made from the same bytes
    /// (`bytes`, whose stamp is `stamp`), with its body taken from them
    /// unless the entry keeps it. Those bytes were UTF-8 when memoised; they
    /// are checked again only when their text is needed (the check was a
    /// tenth of a no-change rebuild's time).
    pub fn recall(self, rel: &str, stamp: u64, bytes: &[u8]) -> Option<(Source, MemoStamp)> {
        if self.stamp != stamp {
            return None;
        }
        let body = match self.keeps_body {
            true => None,
            false => Some(frontmatter::split_or_all(std::str::from_utf8(bytes).ok()?).body),
        };
        let memo_stamp = MemoStamp {
            bytes: stamp,
            keeps_body: self.keeps_body,
            recalled: true,
        };
        let outcome = match self.outcome {
            Ok(memo) => {
                let mut article = memo.article;
                if let Some(body) = body {
                    article.body.source = body.to_string();
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
/// without one is not memoised), made in `context`; `read` is the memo
/// this run started from.
pub fn save(
    path: &Path,
    context: u64,
    sources: &mut [Source],
    stamps: &HashMap<String, MemoStamp>,
    read: &Shards,
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
    let written = write_file(path, context, sources, stamps, read);
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

fn write_file(
    path: &Path,
    context: u64,
    sources: &[Source],
    stamps: &HashMap<String, MemoStamp>,
    read: &Shards,
) -> std::io::Result<()> {
    let mut by_shard: Vec<Vec<&Source>> = vec![Vec::new(); SHARDS];
    for source in sources.iter().filter(|s| stamps.contains_key(&s.path)) {
        if let Some(shard) = by_shard.get_mut(shard_of(&source.path)) {
            shard.push(source);
        }
    }
    let shards: Vec<Cow<[u8]>> = by_shard
        .par_iter()
        .enumerate()
        .map(
            |(i, sources)| match unchanged_shard(read, i, sources, stamps) {
                Some(bytes) => Ok(Cow::Borrowed(bytes)),
                None => encode_shard(context, sources, stamps).map(Cow::Owned),
            },
        )
        .collect::<std::io::Result<_>>()?;
    let mut file = Vec::with_capacity(shards.iter().map(|s| s.len() + 8).sum::<usize>() + 8);
    file.extend_from_slice(&(shards.len() as u64).to_le_bytes());
    for shard in &shards {
        file.extend_from_slice(&(shard.len() as u64).to_le_bytes());
    }
    for shard in &shards {
        file.extend_from_slice(shard);
    }
    let temp = path.with_extension("bin.tmp");
    std::fs::write(&temp, file)?;
    std::fs::rename(&temp, path)
}

/// Shard `i`'s bytes as read, if it holds exactly `sources` and all of them
/// came from it unchanged.
fn unchanged_shard<'a>(
    read: &'a Shards,
    i: usize,
    sources: &[&Source],
    stamps: &HashMap<String, MemoStamp>,
) -> Option<&'a [u8]> {
    let (range, count) = read.shards.get(i)?;
    let recalled = sources
        .iter()
        .all(|s| stamps.get(&s.path).is_some_and(|stamp| stamp.recalled));
    (read.shards.len() == SHARDS && *count == sources.len() && recalled)
        .then(|| read.file.get(range.clone()))
        .flatten()
}

fn encode_shard(
    context: u64,
    sources: &[&Source],
    stamps: &HashMap<String, MemoStamp>,
) -> std::io::Result<Vec<u8>> {
    let memo = MemoOut {
        version: MEMO_VERSION,
        context,
        posts: PostsOut { sources, stamps },
    };
    let mut bytes = Vec::new();
    memo.serialize(&mut rmp_serde::Serializer::new(&mut bytes).with_struct_map())
        .map(|()| bytes)
        .map_err(std::io::Error::other)
}

/// Where the shards of a memo file are (`None` if it is not one).
fn split_shards(bytes: &[u8]) -> Option<Vec<std::ops::Range<usize>>> {
    let number = |at: usize| -> Option<usize> {
        let raw: [u8; 8] = bytes.get(at..at.checked_add(8)?)?.try_into().ok()?;
        usize::try_from(u64::from_le_bytes(raw)).ok()
    };
    let count = number(0)?;
    if count > 1024 {
        return None;
    }
    let mut at = 8usize.checked_add(count.checked_mul(8)?)?;
    let mut shards = Vec::with_capacity(count);
    for i in 0..count {
        let len = number(8 + i * 8)?;
        let end = at.checked_add(len)?;
        if end > bytes.len() {
            return None;
        }
        shards.push(at..end);
        at = end;
    }
    (at == bytes.len()).then_some(shards)
}

/// What [`Memo`] reads, written from borrowed sources.
#[derive(Serialize)]
struct MemoOut<'a> {
    version: u32,
    context: u64,
    posts: PostsOut<'a>,
}

struct PostsOut<'a> {
    sources: &'a [&'a Source],
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
        let memoised = self
            .sources
            .iter()
            .filter(|s| self.stamps.contains_key(&s.path))
            .count();
        let mut map = serializer.serialize_map(Some(memoised))?;
        for source in self.sources {
            let Some(&MemoStamp {
                bytes: stamp,
                keeps_body,
                ..
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
