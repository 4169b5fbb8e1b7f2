//! Jekyll's own tags, which standard Liquid lacks: `include` (Jekyll's form,
//! with `key=value` parameters seen as `include.key`, and a name that may
//! hold `{{ }}`), `include_relative`, `highlight` (with `linenos`),
//! `post_url` and `link`. Their arguments arrive quoted (`prepare.rs`).

use super::files::IncludeRoots;
use super::prepare::quote_jekyll_arguments;
use super::values::{text_of, Forgiving};
use crate::render::highlight;
use liquid_core::error::ResultLiquidExt;
use liquid_core::model::{KString, Object, Value};
use liquid_core::parser::TryMatchToken;
use liquid_core::{
    BlockReflection, Error, Expression, Language, ParseBlock, ParseTag, Renderable, Result,
    Runtime, TagBlock, TagReflection, TagTokenIter, Template,
};
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// Includes may include others, but not forever (a file that includes
/// itself would otherwise overflow the stack).
const MAX_INCLUDE_DEPTH: usize = 16;

/// What the tags of one run share: the readable files, the language to
/// parse included files with, and where each post will be.
pub struct Shared {
    pub roots: IncludeRoots,
    pub language: OnceLock<Arc<Language>>,
    /// A post's path below `_posts` without extension (`2010-07-21-name`,
    /// `es/2010-07-21-name`) → its route (`/posts/<slug>/`).
    pub posts: HashMap<String, String>,
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shared")
            .field("roots", &self.roots)
            .finish()
    }
}

impl Shared {
    fn post_route(&self, name: &str) -> Option<&String> {
        let name = name.trim().trim_start_matches('/');
        let name = name.strip_prefix("_posts/").unwrap_or(name);
        let stem = name.rsplit_once('.').map_or(
            name,
            |(stem, ext)| {
                if ext.contains('/') {
                    name
                } else {
                    stem
                }
            },
        );
        self.posts.get(stem).or_else(|| self.posts.get(name))
    }
}

/// Per render: the folder `include_relative` reads from, and the depth.
#[derive(Default)]
pub struct Frame {
    pub dir: PathBuf,
    pub depth: usize,
}

/// A tag's first argument: a quoted name, which may itself be a template.
#[derive(Debug)]
enum Name {
    Plain(String),
    Template(Template),
}

impl Name {
    fn parse(arguments: &mut TagTokenIter<'_>, options: &Language) -> Result<Name> {
        let token = arguments.expect_next("a file name expected")?;
        let text = match token.expect_literal() {
            TryMatchToken::Matches(value) => text_of(&value),
            TryMatchToken::Fails(token) => token.as_str().to_string(),
        };
        if text.contains("{{") || text.contains("{%") {
            Ok(Name::Template(Template::new(liquid_core::parser::parse(
                &text, options,
            )?)))
        } else {
            Ok(Name::Plain(text))
        }
    }

    fn render(&self, runtime: &dyn Runtime) -> Result<String> {
        match self {
            Name::Plain(text) => Ok(text.clone()),
            Name::Template(template) => template.render(runtime).map(|s| s.trim().to_string()),
        }
    }
}

/// `{% include name k=v %}` and `{% include_relative name k=v %}`.
#[derive(Debug, Clone)]
pub struct IncludeTag {
    pub relative: bool,
    pub shared: Arc<Shared>,
}

impl TagReflection for IncludeTag {
    fn tag(&self) -> &'static str {
        if self.relative {
            "include_relative"
        } else {
            "include"
        }
    }
    fn description(&self) -> &'static str {
        "Jekyll's include: a file from _includes (or beside the post), with parameters"
    }
}

impl ParseTag for IncludeTag {
    fn parse(
        &self,
        mut arguments: TagTokenIter<'_>,
        options: &Language,
    ) -> Result<Box<dyn Renderable>> {
        let name = Name::parse(&mut arguments, options)?;
        let mut params = Vec::new();
        while let Ok(token) = arguments.expect_next("") {
            let key = token.expect_identifier().into_result()?.to_string();
            arguments
                .expect_next("`=` expected after an include parameter's name")?
                .expect_str("=")
                .into_result_custom_msg("`=` expected after an include parameter's name")?;
            let value = arguments
                .expect_next("a value expected")?
                .expect_value()
                .into_result()?;
            params.push((KString::from(key), value));
        }
        Ok(Box::new(Include {
            tag: self.clone(),
            name,
            params,
        }))
    }
    fn reflection(&self) -> &dyn TagReflection {
        self
    }
}

#[derive(Debug)]
struct Include {
    tag: IncludeTag,
    name: Name,
    params: Vec<(KString, Expression)>,
}

impl Include {
    fn trace(&self, name: &str) -> String {
        format!("{{% {} {name} %}}", self.tag.tag())
    }
}

impl Renderable for Include {
    fn render_to(&self, writer: &mut dyn Write, runtime: &dyn Runtime) -> Result<()> {
        let name = self.name.render(runtime)?;
        let shared = &self.tag.shared;
        let (depth, dir) = {
            let frame = runtime.registers().get_mut::<Frame>();
            (frame.depth, frame.dir.clone())
        };
        if depth >= MAX_INCLUDE_DEPTH {
            return Err(Error::with_msg(format!(
                "includes nested more than {MAX_INCLUDE_DEPTH} deep (does {name} include itself?)"
            )));
        }
        let read = if self.tag.relative {
            shared.roots.include_relative(&dir, &name)
        } else {
            shared.roots.include(&name)
        };
        let (path, text) = read.map_err(Error::with_msg)?;
        let language = shared
            .language
            .get()
            .ok_or_else(|| Error::with_msg("Liquid is not ready"))?;
        let template = liquid_core::parser::parse(&quote_jekyll_arguments(&text), language)
            .map(Template::new)
            .trace_with(|| self.trace(&name).into())?;
        let mut include = Object::new();
        for (key, value) in &self.params {
            include.insert(key.clone(), value.evaluate(runtime)?.into_owned());
        }
        let mut frame_vars = Object::new();
        frame_vars.insert("include".into(), Value::Object(include));
        let scope = Forgiving::with_frame(runtime, frame_vars);
        {
            let mut frame = runtime.registers().get_mut::<Frame>();
            frame.depth = depth + 1;
            if self.tag.relative {
                frame.dir = path.parent().map(PathBuf::from).unwrap_or_default();
            }
        }
        let rendered = template.render_to(writer, &scope);
        {
            let mut frame = runtime.registers().get_mut::<Frame>();
            frame.depth = depth;
            frame.dir = dir;
        }
        rendered.trace_with(|| self.trace(&name).into())
    }
}

/// `{% highlight lang [linenos] %}…{% endhighlight %}`: the block's Liquid is
/// rendered, then the code highlighted (`render/highlight.rs`).
#[derive(Debug, Clone, Copy, Default)]
pub struct HighlightBlock;

impl BlockReflection for HighlightBlock {
    fn start_tag(&self) -> &str {
        "highlight"
    }
    fn end_tag(&self) -> &str {
        "endhighlight"
    }
    fn description(&self) -> &str {
        "Jekyll's highlighted code block"
    }
}

impl ParseBlock for HighlightBlock {
    fn parse(
        &self,
        mut arguments: TagTokenIter<'_>,
        mut block: TagBlock<'_, '_>,
        options: &Language,
    ) -> Result<Box<dyn Renderable>> {
        let mut words = Vec::new();
        while let Ok(token) = arguments.expect_next("") {
            words.push(match token.expect_literal() {
                TryMatchToken::Matches(value) => text_of(&value),
                TryMatchToken::Fails(token) => token.as_str().to_string(),
            });
        }
        let lang = words.first().cloned().unwrap_or_default();
        let line_numbers = words
            .get(1)
            .is_some_and(|options| options.split_whitespace().any(|o| o.starts_with("linenos")));
        let body = Template::new(block.parse_all(options)?);
        block.assert_empty();
        Ok(Box::new(Highlight {
            lang,
            line_numbers,
            body,
        }))
    }
    fn reflection(&self) -> &dyn BlockReflection {
        self
    }
}

#[derive(Debug)]
struct Highlight {
    lang: String,
    line_numbers: bool,
    body: Template,
}

impl Renderable for Highlight {
    fn render_to(&self, writer: &mut dyn Write, runtime: &dyn Runtime) -> Result<()> {
        let code = self.body.render(runtime)?;
        let code = code.trim_matches(['\n', '\r']);
        let lang = (!self.lang.is_empty()).then_some(self.lang.as_str());
        let html = highlight::code_block(lang, code, self.line_numbers);
        // one line: no blank line inside may end Markdown's HTML block
        let html = html.replace("\r\n", "&#10;").replace('\n', "&#10;");
        writer
            .write_all(html.as_bytes())
            .map_err(|e| Error::with_msg(e.to_string()))
    }
}

/// `{% post_url 2010-07-21-name %}` and `{% link _posts/2010-07-21-name.md %}`:
/// the post's route in sinmun (`/posts/<slug>/`, made relative to the base
/// path later, like every root-relative link).
#[derive(Debug, Clone)]
pub struct PostLinkTag {
    pub name: &'static str,
    pub shared: Arc<Shared>,
}

impl TagReflection for PostLinkTag {
    fn tag(&self) -> &'static str {
        self.name
    }
    fn description(&self) -> &'static str {
        "Jekyll's link to a post"
    }
}

impl ParseTag for PostLinkTag {
    fn parse(
        &self,
        mut arguments: TagTokenIter<'_>,
        options: &Language,
    ) -> Result<Box<dyn Renderable>> {
        let target = Name::parse(&mut arguments, options)?;
        Ok(Box::new(PostLink {
            tag: self.clone(),
            target,
        }))
    }
    fn reflection(&self) -> &dyn TagReflection {
        self
    }
}

#[derive(Debug)]
struct PostLink {
    tag: PostLinkTag,
    target: Name,
}

impl Renderable for PostLink {
    fn render_to(&self, writer: &mut dyn Write, runtime: &dyn Runtime) -> Result<()> {
        let target = self.target.render(runtime)?;
        let shared = &self.tag.shared;
        let url = match shared.post_route(&target) {
            Some(route) => route.clone(),
            None if self.tag.name == "link" && site_file_exists(&shared.roots, &target) => {
                format!("/{}", target.trim_start_matches('/'))
            }
            None => {
                return Err(Error::with_msg(format!(
                    "{} {target:?}: no such post{}",
                    self.tag.name,
                    if self.tag.name == "link" {
                        " or file"
                    } else {
                        ""
                    }
                )))
            }
        };
        writer
            .write_all(url.as_bytes())
            .map_err(|e| Error::with_msg(e.to_string()))
    }
}

/// A file of the site that sinmun copies (`assets/…`), for `{% link %}`.
fn site_file_exists(roots: &IncludeRoots, path: &str) -> bool {
    let path = path.trim_start_matches('/');
    path.starts_with("assets/")
        && !path.split('/').any(|part| part == "..")
        && roots.site.join(path).is_file()
}
