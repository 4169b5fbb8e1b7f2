//! What a run says about one source file: messages with a level and a line, and
//! why a file produced no article. They end up in `--report` and the summary.

use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Note,
    Warning,
    Error,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Message {
    pub level: Level,
    /// 1-based line in the source file, when one applies.
    pub line: Option<u32>,
    pub message: String,
}

impl Message {
    pub fn new(level: Level, line: Option<u32>, message: impl Into<String>) -> Message {
        Message {
            level,
            line,
            message: message.into(),
        }
    }
}

/// Why a file produced no article.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum SkipKind {
    /// Not a post at all (`.DS_Store`, no date in the name, no front matter).
    NotAPost,
    /// `published: false`.
    Unpublished,
    /// A post that could not be used: counts as a failure.
    Error,
}
