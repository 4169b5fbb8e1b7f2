//! The HTML writer: pulldown-cmark's `html::push_html`, ported line for line
//! so that plain Markdown gives exactly `sinmun_markdown::to_html`'s HTML,
//! with one addition pulldown-cmark has no hook for: an element may carry
//! attributes (from an IAL), written into its start tag. Task markers are
//! written as `sinmun_markdown::to_html` writes them.

use std::collections::HashMap;

use pulldown_cmark::{Alignment, BlockQuoteKind, CodeBlockKind, CowStr, Event, LinkType, Tag};
use pulldown_cmark::{HeadingLevel, TagEnd};

use super::attrs::{self, Attrs};
use super::escape;
use crate::render::highlight;

/// One event of the stream, with the attributes its element gets.
pub(super) struct Item<'a> {
    pub event: Event<'a>,
    pub attrs: Option<Box<Attrs>>,
}

impl<'a> Item<'a> {
    pub fn new(event: Event<'a>) -> Self {
        Item { event, attrs: None }
    }
}

/// The task box as `sinmun_markdown::to_html` shows it (the sanitiser drops
/// `<input>`).
pub(super) fn task_marker(done: bool) -> &'static str {
    if done {
        r#"<span class="task task-done" role="img" aria-label="done">☑</span> "#
    } else {
        r#"<span class="task" role="img" aria-label="to do">☐</span> "#
    }
}

/// The HTML of a stream of items.
pub(super) fn write<'a>(items: impl Iterator<Item = Item<'a>>, capacity: usize) -> String {
    let mut writer = Writer {
        items,
        out: String::with_capacity(capacity),
        end_newline: true,
        in_non_writing_block: false,
        table_head: true,
        table_alignments: Vec::new(),
        table_cell_index: 0,
        numbers: HashMap::new(),
    };
    writer.run();
    writer.out
}

struct Writer<'a, I> {
    items: I,
    out: String,
    /// Whether the last write ended with a newline.
    end_newline: bool,
    in_non_writing_block: bool,
    table_head: bool,
    table_alignments: Vec<Alignment>,
    table_cell_index: usize,
    numbers: HashMap<CowStr<'a>, usize>,
}

impl<'a, I: Iterator<Item = Item<'a>>> Writer<'a, I> {
    fn write(&mut self, s: &str) {
        self.out.push_str(s);
        if !s.is_empty() {
            self.end_newline = s.ends_with('\n');
        }
    }

    /// `s` on a new line.
    fn block(&mut self, s: &str) {
        if !self.end_newline {
            self.out.push('\n');
        }
        self.write(s);
    }

    /// `<name` + attributes + `tail`, on a new line when `new_line`.
    fn open(&mut self, name: &str, attrs: Option<&Attrs>, tail: &str, new_line: bool) {
        let mut tag = String::with_capacity(name.len() + tail.len() + 1);
        tag.push('<');
        tag.push_str(name);
        if let Some(attrs) = attrs {
            attrs::write(&mut tag, attrs, &[], &[]);
        }
        tag.push_str(tail);
        match new_line {
            true => self.block(&tag),
            false => self.write(&tag),
        }
    }

    fn run(&mut self) {
        while let Some(Item { event, attrs }) = self.items.next() {
            match event {
                Event::Start(tag) => self.start(tag, attrs.as_deref()),
                Event::End(tag) => self.end(tag),
                event => self.leaf(event, attrs.as_deref()),
            }
        }
    }

    fn leaf(&mut self, event: Event<'a>, attrs: Option<&Attrs>) {
        match event {
            Event::Text(text) if !self.in_non_writing_block => {
                escape::body(&mut self.out, &text);
                self.end_newline = text.ends_with('\n');
            }
            Event::Code(text) => {
                self.open("code", attrs, ">", false);
                escape::body(&mut self.out, &text);
                self.write("</code>");
            }
            Event::InlineMath(text) => self.math("math-inline", &text),
            Event::DisplayMath(text) => self.math("math-display", &text),
            Event::Html(html) | Event::InlineHtml(html) => self.write(&html),
            Event::SoftBreak => self.write("\n"),
            Event::HardBreak => self.write("<br />\n"),
            Event::Rule => self.open("hr", attrs, " />\n", true),
            Event::FootnoteReference(name) => {
                self.write("<sup class=\"footnote-reference\"><a href=\"#");
                escape::attr(&mut self.out, &name);
                self.write("\">");
                let number = self.number(name);
                self.write(&number.to_string());
                self.write("</a></sup>");
            }
            Event::TaskListMarker(done) => self.write(task_marker(done)),
            Event::Text(_) | Event::Start(_) | Event::End(_) => {}
        }
    }

    fn math(&mut self, class: &str, text: &str) {
        self.write(&format!("<span class=\"math {class}\">"));
        escape::attr(&mut self.out, text);
        self.write("</span>");
    }

    fn number(&mut self, name: CowStr<'a>) -> usize {
        let next = self.numbers.len() + 1;
        *self.numbers.entry(name).or_insert(next)
    }

    fn start(&mut self, tag: Tag<'a>, attrs: Option<&Attrs>) {
        match tag {
            Tag::HtmlBlock => {}
            Tag::Paragraph => self.open("p", attrs, ">", true),
            Tag::Heading {
                level,
                id,
                classes,
                attrs: pairs,
            } => self.heading(level, id, classes, pairs, attrs),
            Tag::BlockQuote(kind) => self.blockquote(kind, attrs),
            Tag::CodeBlock(kind) => self.code_block(kind, attrs),
            Tag::List(Some(1)) => self.open("ol", attrs, ">\n", true),
            Tag::List(Some(start)) => {
                self.open("ol", None, "", true);
                self.write(&format!(" start=\"{start}\""));
                if let Some(attrs) = attrs {
                    attrs::write(&mut self.out, attrs, &[], &["start"]);
                }
                self.write(">\n");
            }
            Tag::List(None) => self.open("ul", attrs, ">\n", true),
            Tag::Item => self.open("li", attrs, ">", true),
            Tag::DefinitionList => self.open("dl", attrs, ">\n", true),
            Tag::DefinitionListTitle => self.open("dt", attrs, ">", true),
            Tag::DefinitionListDefinition => self.open("dd", attrs, ">", true),
            Tag::FootnoteDefinition(name) => self.footnote_definition(name),
            Tag::MetadataBlock(_) => self.in_non_writing_block = true,
            tag => self.start_table_or_span(tag, attrs),
        }
    }

    fn start_table_or_span(&mut self, tag: Tag<'a>, attrs: Option<&Attrs>) {
        match tag {
            Tag::Table(alignments) => {
                self.table_alignments = alignments;
                self.open("table", attrs, ">", false);
            }
            Tag::TableHead => {
                self.table_head = true;
                self.table_cell_index = 0;
                self.write("<thead><tr>");
            }
            Tag::TableRow => {
                self.table_cell_index = 0;
                self.write("<tr>");
            }
            Tag::TableCell => self.table_cell(),
            Tag::Subscript => self.open("sub", attrs, ">", false),
            Tag::Superscript => self.open("sup", attrs, ">", false),
            Tag::Emphasis => self.open("em", attrs, ">", false),
            Tag::Strong => self.open("strong", attrs, ">", false),
            Tag::Strikethrough => self.open("del", attrs, ">", false),
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => self.link(link_type, &dest_url, &title, attrs),
            Tag::Image {
                dest_url, title, ..
            } => self.image(&dest_url, &title, attrs),
            _ => {}
        }
    }

    fn heading(
        &mut self,
        level: HeadingLevel,
        id: Option<CowStr<'a>>,
        classes: Vec<CowStr<'a>>,
        pairs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
        ial: Option<&Attrs>,
    ) {
        let mut all = Attrs {
            id: id.map(|id| id.to_string()),
            ..Attrs::default()
        };
        classes.iter().for_each(|class| all.add_class(class));
        for (key, value) in &pairs {
            all.set(key, value.as_deref().unwrap_or_default());
        }
        if let Some(ial) = ial {
            all.merge(ial.clone());
        }
        let name = level.to_string();
        self.open(&name, (!all.is_empty()).then_some(&all), ">", true);
    }

    fn blockquote(&mut self, kind: Option<BlockQuoteKind>, attrs: Option<&Attrs>) {
        let class = match kind {
            None => "",
            Some(BlockQuoteKind::Note) => "markdown-alert-note",
            Some(BlockQuoteKind::Tip) => "markdown-alert-tip",
            Some(BlockQuoteKind::Important) => "markdown-alert-important",
            Some(BlockQuoteKind::Warning) => "markdown-alert-warning",
            Some(BlockQuoteKind::Caution) => "markdown-alert-caution",
        };
        let mut tag = String::from("<blockquote");
        attrs::write(&mut tag, attrs.unwrap_or(&Attrs::default()), &[class], &[]);
        tag.push_str(">\n");
        self.block(&tag);
    }

    /// `<pre><code class="language-x">`: an IAL's `language-x` class names
    /// the language when the fence does not (kramdown's
    /// `extract_code_language!`); its other attributes go on the `<pre>`.
    fn code_block(&mut self, kind: CodeBlockKind<'a>, attrs: Option<&Attrs>) {
        let fence = match &kind {
            CodeBlockKind::Fenced(info) => info.split(' ').next().unwrap_or_default(),
            CodeBlockKind::Indented => "",
        };
        let mut pre = attrs.cloned().unwrap_or_default();
        let ial_language = pre
            .classes
            .iter()
            .find_map(|c| c.strip_prefix("language-").map(str::to_string));
        pre.classes.retain(|c| !c.starts_with("language-"));
        let language = match fence {
            "" => ial_language.unwrap_or_default(),
            fence => fence.to_string(),
        };
        if !self.end_newline {
            self.write("\n");
        }
        if !language.is_empty() {
            return self.highlighted_code(&language, pre);
        }
        self.open("pre", (!pre.is_empty()).then_some(&pre), ">", false);
        if language.is_empty() {
            self.write("<code>");
        } else {
            self.write("<code class=\"language-");
            escape::attr(&mut self.out, &language);
            self.write("\">");
        }
    }

    /// A code block with a language, highlighted at build time as Jekyll's
    /// kramdown and Rouge write it: `<div class="language-x
    /// highlighter-rouge">` (the IAL's attributes on it) around the
    /// highlighted `<pre>`. Takes the block's text up to its end.
    fn highlighted_code(&mut self, language: &str, mut wrapper: Attrs) {
        let mut code = String::new();
        for Item { event, .. } in self.items.by_ref() {
            match event {
                Event::Text(text) => code.push_str(&text),
                Event::End(TagEnd::CodeBlock) => break,
                _ => {}
            }
        }
        let mut classes = vec![format!("language-{language}"), "highlighter-rouge".into()];
        classes.append(&mut wrapper.classes);
        wrapper.classes = classes;
        self.open("div", Some(&wrapper), ">", false);
        self.write(&highlight::code_block(Some(language), &code, false));
        self.write("</div>\n");
    }

    fn table_cell(&mut self) {
        self.write(if self.table_head { "<th" } else { "<td" });
        match self.table_alignments.get(self.table_cell_index) {
            Some(Alignment::Left) => self.write(" style=\"text-align: left\">"),
            Some(Alignment::Center) => self.write(" style=\"text-align: center\">"),
            Some(Alignment::Right) => self.write(" style=\"text-align: right\">"),
            _ => self.write(">"),
        }
    }

    fn link(&mut self, kind: LinkType, url: &str, title: &str, attrs: Option<&Attrs>) {
        let overrides = |key: &str| attrs.is_some_and(|a| a.get(key).is_some());
        self.write("<a");
        if !overrides("href") {
            self.write(" href=\"");
            if kind == LinkType::Email {
                self.write("mailto:");
            }
            escape::href(&mut self.out, url);
            self.write("\"");
        }
        self.title_and_attrs(title, attrs);
        self.write(">");
    }

    /// A link's or image's `title` (unless an IAL sets one), then its IAL's
    /// attributes.
    fn title_and_attrs(&mut self, title: &str, attrs: Option<&Attrs>) {
        if !title.is_empty() && attrs.is_none_or(|a| a.get("title").is_none()) {
            self.write(" title=\"");
            escape::attr(&mut self.out, title);
            self.write("\"");
        }
        if let Some(attrs) = attrs {
            attrs::write(&mut self.out, attrs, &[], &[]);
        }
    }

    fn image(&mut self, url: &str, title: &str, attrs: Option<&Attrs>) {
        let overrides = |key: &str| attrs.is_some_and(|a| a.get(key).is_some());
        self.write("<img");
        if !overrides("src") {
            self.write(" src=\"");
            escape::href(&mut self.out, url);
            self.write("\"");
        }
        let mut alt = String::new();
        self.raw_text(&mut alt);
        if !overrides("alt") {
            self.write(" alt=\"");
            self.out.push_str(&alt);
            self.write("\"");
        }
        self.title_and_attrs(title, attrs);
        self.write(" />");
    }

    /// An image's alt text, its end consumed (pulldown-cmark's `raw_text`).
    fn raw_text(&mut self, alt: &mut String) {
        let mut nest = 0usize;
        while let Some(Item { event, .. }) = self.items.next() {
            match event {
                Event::Start(_) => nest += 1,
                Event::End(_) if nest == 0 => break,
                Event::End(_) => nest -= 1,
                Event::Html(_) => {}
                Event::InlineHtml(text) | Event::Code(text) | Event::Text(text) => {
                    escape::attr(alt, &text);
                }
                Event::InlineMath(text) => alt.push_str(&format!("${}$", attr_text(&text))),
                Event::DisplayMath(text) => alt.push_str(&format!("$${}$$", attr_text(&text))),
                Event::SoftBreak | Event::HardBreak | Event::Rule => alt.push(' '),
                Event::FootnoteReference(name) => {
                    let number = self.number(name);
                    alt.push_str(&format!("[{number}]"));
                }
                Event::TaskListMarker(true) => alt.push_str("[x]"),
                Event::TaskListMarker(false) => alt.push_str("[ ]"),
            }
        }
    }

    fn footnote_definition(&mut self, name: CowStr<'a>) {
        self.block("<div class=\"footnote-definition\" id=\"");
        escape::attr(&mut self.out, &name);
        self.write("\"><sup class=\"footnote-definition-label\">");
        let number = self.number(name);
        self.write(&number.to_string());
        self.write("</sup>");
    }

    fn end(&mut self, tag: TagEnd) {
        let html = match tag {
            TagEnd::HtmlBlock | TagEnd::Image => "",
            TagEnd::Paragraph => "</p>\n",
            TagEnd::Heading(level) => return self.write(&format!("</{level}>\n")),
            TagEnd::Table => "</tbody></table>\n",
            TagEnd::TableHead => {
                self.table_head = false;
                "</tr></thead><tbody>\n"
            }
            TagEnd::TableRow => "</tr>\n",
            TagEnd::TableCell => {
                self.table_cell_index += 1;
                if self.table_head {
                    "</th>"
                } else {
                    "</td>"
                }
            }
            TagEnd::BlockQuote(_) => "</blockquote>\n",
            TagEnd::CodeBlock => "</code></pre>\n",
            TagEnd::List(true) => "</ol>\n",
            TagEnd::List(false) => "</ul>\n",
            TagEnd::Item => "</li>\n",
            TagEnd::DefinitionList => "</dl>\n",
            TagEnd::DefinitionListTitle => "</dt>\n",
            TagEnd::DefinitionListDefinition => "</dd>\n",
            TagEnd::Emphasis => "</em>",
            TagEnd::Superscript => "</sup>",
            TagEnd::Subscript => "</sub>",
            TagEnd::Strong => "</strong>",
            TagEnd::Strikethrough => "</del>",
            TagEnd::Link => "</a>",
            TagEnd::FootnoteDefinition => "</div>\n",
            TagEnd::MetadataBlock(_) => {
                self.in_non_writing_block = false;
                ""
            }
        };
        self.write(html);
    }
}

fn attr_text(text: &str) -> String {
    let mut out = String::new();
    escape::attr(&mut out, text);
    out
}
