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
//! the folder `.<site>.sinmun-posts` beside the output folder, like the
//! build's record (`output/last_build.rs`). The koreanews memo is 44 MB,
//! mostly bodies rendered from Markdown; as one JSON file it took 0.18 s to
//! read and 0.1 s to write of an edit's one-second rebuild. It is now
//! [`SHARDS`] MessagePack files with named fields (`00.bin`…), each holding the posts
//! whose path hashes to it: they are read in parallel, and a save writes
//! only the shards whose posts changed (an edit writes one file of 32, not
//! 46 MB). Each shard is a memo of its own (version, context, entries), so
//! shards written by different runs mix safely.
//!
//! Memory stays one copy of each post: a loaded entry is moved into the
//! post it describes, and the memo is written straight from the run's
//! sources (their bodies set aside meanwhile), not from a copy of them.

use super::frontmatter;
use crate::catalogue::{Item, Message, SkipKind, Source};
use crate::output::last_build::{stamp, write_replacing};
use rayon::prelude::*;
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use sinmun_model::Article;
use std::collections::HashMap;
use std::path::Path;

/// The memo's parts (see the header).
const SHARDS: usize = 32;

/// Bumped when an entry's meaning changes.
const MEMO_VERSION: u32 = 4;

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

/// How many posts each shard held when read (`None`: not read): a save
/// skips a shard that holds the same posts, all unchanged.
#[derive(Default)]
pub struct Shards {
    counts: Vec<Option<usize>>,
}

/// The shard a post's entry is kept in.
fn shard_of(path: &str) -> usize {
    (stamp(path.as_bytes()) % SHARDS as u64) as usize
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
    /// With an empty body source (see `body`).
    article: Article,
    timestamp: i64,
    recovered: bool,
    /// The body's source when the entry keeps it, as bytes: they are
    /// checked to be UTF-8 by `simdutf8`, where a string would be checked
    /// by the standard library at a few hundred MB/s (the koreanews memo
    /// keeps 37 MB of bodies rendered from Markdown; the check was a third
    /// of reading it).
    #[serde(default)]
    body: Option<serde_bytes::ByteBuf>,
}

impl Memo {
    /// The memo at `path` if it was made in `context`, else an empty one.
    pub fn load(folder: &Path, context: u64) -> Memo {
        let read: Vec<Option<Shard>> = (0..SHARDS)
            .into_par_iter()
            .map(|i| {
                let bytes = std::fs::read(shard_path(folder, i)).ok()?;
                let shard = rmp_serde::from_slice::<Shard>(&bytes).ok()?;
                (shard.version == MEMO_VERSION && shard.context == context).then_some(shard)
            })
            .collect();
        let mut posts = HashMap::with_capacity(read.iter().flatten().map(|s| s.posts.len()).sum());
        let mut counts = Vec::with_capacity(SHARDS);
        for shard in read {
            counts.push(shard.as_ref().map(|s| s.posts.len()));
            posts.extend(shard.into_iter().flat_map(|s| s.posts));
        }
        Memo {
            posts,
            shards: Shards { counts },
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
        let from_file = match self.keeps_body {
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
                article.body.source = match (from_file, &memo.body) {
                    (Some(body), _) => body.to_string(),
                    (None, Some(kept)) => simdutf8::basic::from_utf8(kept).ok()?.to_string(),
                    (None, None) => return None,
                };
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
    // every body is set aside, then put back: one that is its file's text
    // is not part of the memo, a kept one is written as bytes (`MemoItem`)
    let bodies: Vec<String> = sources
        .iter_mut()
        .map(|s| match &mut s.outcome {
            Ok(item) => std::mem::take(&mut item.article.body.source),
            Err(_) => String::new(),
        })
        .collect();
    let entries: Vec<(&Source, &str)> = sources
        .iter()
        .zip(bodies.iter().map(String::as_str))
        .collect();
    let written = write_file(path, context, &entries, stamps, read);
    for (source, body) in sources.iter_mut().zip(bodies) {
        if let Ok(item) = &mut source.outcome {
            item.article.body.source = body;
        }
    }
    written
}

fn shard_path(folder: &Path, i: usize) -> std::path::PathBuf {
    folder.join(format!("{i:02}.bin"))
}

fn write_file(
    folder: &Path,
    context: u64,
    sources: &[(&Source, &str)],
    stamps: &HashMap<String, MemoStamp>,
    read: &Shards,
) -> std::io::Result<()> {
    std::fs::create_dir_all(folder)?;
    let mut by_shard: Vec<Vec<(&Source, &str)>> = vec![Vec::new(); SHARDS];
    for &(source, body) in sources.iter().filter(|(s, _)| stamps.contains_key(&s.path)) {
        if let Some(shard) = by_shard.get_mut(shard_of(&source.path)) {
            shard.push((source, body));
        }
    }
    by_shard
        .par_iter()
        .enumerate()
        .filter(|(i, sources)| !unchanged_shard(read, *i, sources, stamps))
        .try_for_each(|(i, sources)| {
            let bytes = encode_shard(context, sources, stamps)?;
            write_replacing(&shard_path(folder, i), &bytes)
        })
}

/// Whether shard `i` as read holds exactly `sources`, all of them unchanged.
fn unchanged_shard(
    read: &Shards,
    i: usize,
    sources: &[(&Source, &str)],
    stamps: &HashMap<String, MemoStamp>,
) -> bool {
    let recalled = sources
        .iter()
        .all(|(s, _)| stamps.get(&s.path).is_some_and(|stamp| stamp.recalled));
    read.counts.get(i) == Some(&Some(sources.len())) && recalled
}

fn encode_shard(
    context: u64,
    sources: &[(&Source, &str)],
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

/// What [`Memo`] reads, written from borrowed sources.
#[derive(Serialize)]
struct MemoOut<'a> {
    version: u32,
    context: u64,
    posts: PostsOut<'a>,
}

/// One shard's sources (each memoised: `stamps` has it) with their bodies.
struct PostsOut<'a> {
    sources: &'a [(&'a Source, &'a str)],
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
    body: Option<&'a serde_bytes::Bytes>,
}

impl Serialize for PostsOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.sources.len()))?;
        for &(source, body) in self.sources {
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
                    body: keeps_body.then(|| serde_bytes::Bytes::new(body.as_bytes())),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(keeps_body: bool, body: Option<&[u8]>) -> Entry {
        Entry {
            stamp: 7,
            keeps_body,
            messages: Vec::new(),
            outcome: Ok(MemoItem {
                article: Article::default(),
                timestamp: 0,
                recovered: false,
                body: body.map(|b| serde_bytes::ByteBuf::from(b.to_vec())),
            }),
        }
    }

    fn recalled_body(entry: Entry, stamp: u64, file: &[u8]) -> Option<String> {
        let (source, _) = entry.recall("a.md", stamp, file)?;
        source.outcome.ok().map(|item| item.article.body.source)
    }

    #[test]
    fn a_kept_body_comes_back_only_if_it_is_utf8() {
        let file = b"---\ntitle: x\n---\nfrom the file";
        let kept = "<p>렌더링된 본문</p>".as_bytes();
        assert_eq!(
            recalled_body(entry(true, Some(kept)), 7, file).as_deref(),
            Some("<p>렌더링된 본문</p>")
        );
        assert_eq!(
            recalled_body(entry(true, Some(&[0xff, 0xfe])), 7, file),
            None
        );
        assert_eq!(recalled_body(entry(true, None), 7, file), None);
        assert_eq!(
            recalled_body(entry(false, None), 7, file).as_deref(),
            Some("from the file")
        );
        assert_eq!(
            recalled_body(entry(false, None), 8, file),
            None,
            "another file"
        );
    }
}
