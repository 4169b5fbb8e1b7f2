//! A post's Liquid, rendered as Jekyll renders it before Markdown: cobalt's
//! `liquid-core` with the standard tags and filters (`liquid-lib`), Jekyll's
//! own tags (`tags.rs`) and filters (`filters.rs`), Jekyll's variables
//! (`site.*` from `_config.yml`, `page.*` and `post.*` from the front
//! matter) and Jekyll's forgiving lookups (`values.rs`).
//!
//! A problem never loses the post: an unknown tag or filter, a syntax or
//! render error is reported with its line, and the tag or output where it
//! happened is shown as text (as the author wrote it), the rest rendered.
//! Only when the place cannot be found is the whole body shown unrendered.

mod collections;
mod files;
mod filters;
pub mod prepare;
mod repair;
mod tags;
mod values;

pub use files::IncludeRoots;
pub use values::object_from_yaml;

use liquid_core::model::{Object, Value};
use liquid_core::runtime::RuntimeBuilder;
use liquid_core::{Language, ParseBlock, ParseFilter, ParseTag, Renderable, Runtime, Template};
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// Rendering gives up after this many repairs: the source is shown then.
const MAX_REPAIRS: usize = 24;
/// Output past this is an error (a loop gone wild must not fill the disk).
const MAX_OUTPUT_BYTES: usize = 4 * 1024 * 1024;

/// A problem in a post's Liquid; `line` counts from the body's first line.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub line: Option<u32>,
    pub message: String,
}

/// A body after Liquid, and what was wrong with its Liquid.
#[derive(Debug)]
pub struct Rendered {
    pub text: String,
    pub problems: Vec<Problem>,
}

/// The Liquid of one site: its language (tags, filters) and `site`.
pub struct Liquid {
    language: Arc<Language>,
    site: Value,
}

impl std::fmt::Debug for Liquid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Liquid")
    }
}

impl Liquid {
    /// `site` holds `_config.yml`'s keys; `posts` maps each post's path below
    /// `_posts` without extension to its route, for `post_url` and `link`.
    pub fn new(roots: IncludeRoots, site: Object, posts: HashMap<String, String>) -> Liquid {
        let shared = Arc::new(tags::Shared {
            roots,
            language: OnceLock::new(),
            posts,
        });
        let language = Arc::new(language(&shared));
        let _ = shared.language.set(language.clone());
        Liquid {
            language,
            site: Value::Object(site),
        }
    }

    /// `source` with its Liquid rendered; `page` is the post's variables,
    /// `dir` its folder (for `include_relative`).
    pub fn render(&self, source: &str, page: &Object, dir: &Path) -> Rendered {
        if !source.contains("{{") && !source.contains("{%") {
            return Rendered {
                text: source.to_string(),
                problems: Vec::new(),
            };
        }
        let mut text = prepare::quote_jekyll_arguments(source);
        let mut problems = Vec::new();
        for _ in 0..MAX_REPAIRS {
            match self.try_render(&text, page, dir) {
                Ok(out) => {
                    return Rendered {
                        text: out,
                        problems,
                    }
                }
                Err(error) => match repair::repair(&text, &error)
                    .or_else(|| self.find_by_trial(&text, &error, page, dir))
                {
                    Some((repaired, problem)) => {
                        problems.push(problem);
                        text = repaired;
                    }
                    None => {
                        problems.push(repair::unplaced(&error));
                        break;
                    }
                },
            }
        }
        Rendered {
            text: source.to_string(),
            problems,
        }
    }

    /// The first place whose showing as text makes `error` go away.
    fn find_by_trial(
        &self,
        text: &str,
        error: &liquid_core::Error,
        page: &Object,
        dir: &Path,
    ) -> Option<(String, Problem)> {
        let message = error.to_string();
        let description = repair::describe(&message);
        repair::suspects(text)
            .into_iter()
            .find(
                |(candidate, _)| match self.try_render(candidate, page, dir) {
                    Ok(_) => true,
                    Err(other) => other.to_string() != message,
                },
            )
            .map(|(candidate, mut problem)| {
                problem.message = problem.message.replacen("{}", &description, 1);
                (candidate, problem)
            })
    }

    fn try_render(&self, text: &str, page: &Object, dir: &Path) -> liquid_core::Result<String> {
        let template = Template::new(liquid_core::parser::parse(text, &self.language)?);
        let mut globals = Object::new();
        globals.insert("site".into(), self.site.clone());
        globals.insert("page".into(), Value::Object(page.clone()));
        globals.insert("post".into(), Value::Object(page.clone()));
        let runtime = RuntimeBuilder::new().set_globals(&globals).build();
        runtime.registers().get_mut::<tags::Frame>().dir = dir.to_path_buf();
        let runtime = values::Forgiving::root(&runtime);
        let mut out = Limited::default();
        template.render_to(&mut out, &runtime)?;
        Ok(String::from_utf8_lossy(&out.bytes).into_owned())
    }
}

/// Standard Liquid, with Jekyll's tags and filters.
fn language(shared: &Arc<tags::Shared>) -> Language {
    use liquid_lib::{jekyll, stdlib};
    let mut lang = Language::empty();
    let tags: Vec<Box<dyn ParseTag>> = vec![
        Box::new(stdlib::AssignTag),
        Box::new(stdlib::BreakTag),
        Box::new(stdlib::ContinueTag),
        Box::new(stdlib::CycleTag),
        Box::new(stdlib::IncrementTag),
        Box::new(stdlib::DecrementTag),
        Box::new(tags::IncludeTag {
            relative: false,
            shared: shared.clone(),
        }),
        Box::new(tags::IncludeTag {
            relative: true,
            shared: shared.clone(),
        }),
        Box::new(tags::PostLinkTag {
            name: "post_url",
            shared: shared.clone(),
        }),
        Box::new(tags::PostLinkTag {
            name: "link",
            shared: shared.clone(),
        }),
    ];
    for tag in tags {
        lang.tags.register(tag.reflection().tag().to_string(), tag);
    }
    let blocks: Vec<Box<dyn ParseBlock>> = vec![
        Box::new(stdlib::RawBlock),
        Box::new(stdlib::IfBlock),
        Box::new(stdlib::UnlessBlock),
        Box::new(stdlib::IfChangedBlock),
        Box::new(stdlib::ForBlock),
        Box::new(stdlib::TableRowBlock),
        Box::new(stdlib::CommentBlock),
        Box::new(stdlib::CaptureBlock),
        Box::new(stdlib::CaseBlock),
        Box::new(tags::HighlightBlock),
    ];
    for block in blocks {
        lang.blocks
            .register(block.reflection().start_tag().to_string(), block);
    }
    for filter in standard_filters() {
        lang.filters
            .register(filter.reflection().name().to_string(), filter);
    }
    let jekyll: Vec<Box<dyn ParseFilter>> = vec![
        Box::new(jekyll::Slugify),
        Box::new(jekyll::Sort),
        Box::new(jekyll::Push),
        Box::new(jekyll::Pop),
        Box::new(jekyll::Shift),
        Box::new(jekyll::Unshift),
        Box::new(jekyll::ArrayToSentenceString),
    ];
    for filter in jekyll {
        lang.filters
            .register(filter.reflection().name().to_string(), filter);
    }
    for filter in filters::all() {
        lang.filters
            .register(filter.reflection().name().to_string(), Box::new(filter));
    }
    lang
}

fn standard_filters() -> Vec<Box<dyn ParseFilter>> {
    use liquid_lib::stdlib::*;
    vec![
        Box::new(Abs),
        Box::new(Append),
        Box::new(AtLeast),
        Box::new(AtMost),
        Box::new(Capitalize),
        Box::new(Ceil),
        Box::new(Compact),
        Box::new(Concat),
        Box::new(Date),
        Box::new(Default),
        Box::new(DividedBy),
        Box::new(Downcase),
        Box::new(Escape),
        Box::new(EscapeOnce),
        Box::new(First),
        Box::new(Floor),
        Box::new(Join),
        Box::new(Last),
        Box::new(Lstrip),
        Box::new(Map),
        Box::new(Minus),
        Box::new(Modulo),
        Box::new(NewlineToBr),
        Box::new(Plus),
        Box::new(Prepend),
        Box::new(Remove),
        Box::new(RemoveFirst),
        Box::new(Replace),
        Box::new(ReplaceFirst),
        Box::new(Reverse),
        Box::new(Round),
        Box::new(Rstrip),
        Box::new(Size),
        Box::new(Slice),
        Box::new(SortNatural),
        Box::new(Split),
        Box::new(Strip),
        Box::new(StripHtml),
        Box::new(StripNewlines),
        Box::new(Times),
        Box::new(Truncate),
        Box::new(TruncateWords),
        Box::new(Uniq),
        Box::new(Upcase),
        Box::new(UrlDecode),
        Box::new(UrlEncode),
        Box::new(Where),
    ]
}

/// A writer that refuses output past [`MAX_OUTPUT_BYTES`].
#[derive(Default)]
struct Limited {
    bytes: Vec<u8>,
}

impl std::io::Write for Limited {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > MAX_OUTPUT_BYTES {
            return Err(std::io::Error::other("Liquid output larger than 4 MB"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests;
