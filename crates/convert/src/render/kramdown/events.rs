//! The event pass: what the source passes left as tokens, and kramdown's
//! span IALs, applied to pulldown-cmark's events.
//!
//! - A paragraph that holds only block-IAL tokens is dropped; its
//!   attributes go to the block before or after it (the token knows which).
//!   A token at the edge of a paragraph (an IAL line inside a quote or list
//!   item) gives its attributes to that paragraph, or to the list item when
//!   a tight list has no paragraph.
//! - A raw-HTML token is written as it is: as a block when it is a paragraph
//!   of its own, inline otherwise.
//! - An unwrap token drops the paragraph it starts (a span-mode element).
//! - A span IAL (`{: .cls}` right after `**…**`, `*…*`, `~~…~~`, a link, an
//!   image or a code span) goes to that element; a valid one anywhere else
//!   is dropped, as kramdown would not show it; text that is not a valid
//!   attribute list (Ruby's `{:a => 1}`) stays.
//! - A list with the `toc` reference becomes a table of contents token.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::attrs::{self, Attrs};
use super::extensions::closing_brace;
use super::lines::{Definitions, Direction};
use super::marker::{self, Kind, Piece};
use super::writer::Item;

/// A table of contents asked for by a `{:toc}` list.
#[derive(Debug)]
pub(super) struct TocRequest {
    pub ordered: bool,
    pub attrs: Attrs,
}

struct Pass<'a, 'd> {
    items: Vec<Item<'a>>,
    /// For a start or end event, the index of its other half.
    partner: Vec<usize>,
    removed: Vec<bool>,
    /// Indices whose replacement items are not written (inside a list
    /// replaced by a table of contents).
    hidden: Vec<bool>,
    /// Items that replace the item at an index (in index order).
    splits: Vec<(usize, Vec<Item<'a>>)>,
    defs: &'d Definitions,
    raws: &'d [String],
}

/// The events as items with their attributes, tokens applied; tables of
/// contents asked for go to `tocs`.
pub(super) fn apply<'a>(
    events: Vec<Event<'a>>,
    defs: &Definitions,
    raws: &[String],
    tocs: &mut Vec<TocRequest>,
) -> Vec<Item<'a>> {
    let partner = partners(&events);
    let count = events.len();
    let mut pass = Pass {
        items: events.into_iter().map(Item::new).collect(),
        partner,
        removed: vec![false; count],
        hidden: vec![false; count],
        splits: Vec::new(),
        defs,
        raws,
    };
    let mut open: Vec<usize> = Vec::new();
    // code is never read for attribute lists
    let mut in_code = false;
    for i in 0..count {
        match pass.items.get(i).map(|item| &item.event) {
            Some(Event::Start(tag)) => {
                in_code |= matches!(tag, Tag::CodeBlock(_));
                open.push(i);
            }
            Some(Event::End(tag)) => {
                in_code &= !matches!(tag, TagEnd::CodeBlock);
                open.pop();
            }
            Some(Event::Text(text))
                if !in_code && (text.contains(marker::OPEN) || text.contains("{:")) =>
            {
                pass.text(i, open.last().copied());
            }
            _ => {}
        }
    }
    pass.tables_of_contents(tocs);
    pass.finish()
}

fn partners(events: &[Event<'_>]) -> Vec<usize> {
    let mut partner = vec![usize::MAX; events.len()];
    let mut open = Vec::new();
    for (i, event) in events.iter().enumerate() {
        match event {
            Event::Start(_) => open.push(i),
            Event::End(_) => {
                if let Some(start) = open.pop() {
                    if let Some(p) = partner.get_mut(start) {
                        *p = i;
                    }
                    if let Some(p) = partner.get_mut(i) {
                        *p = start;
                    }
                }
            }
            _ => {}
        }
    }
    partner
}

impl<'a> Pass<'a, '_> {
    fn event(&self, i: usize) -> Option<&Event<'a>> {
        self.items.get(i).map(|item| &item.event)
    }

    fn partner(&self, i: usize) -> Option<usize> {
        self.partner.get(i).copied().filter(|&p| p != usize::MAX)
    }

    fn remove(&mut self, i: usize) {
        if let Some(removed) = self.removed.get_mut(i) {
            *removed = true;
        }
    }

    /// `attrs` (ALD references resolved first, as kramdown does) added to
    /// the element that starts at `target`.
    fn give(&mut self, target: usize, attrs: &Attrs) {
        let mut resolved = Attrs::default();
        for name in &attrs.refs {
            if let Some(ald) = self.defs.alds.get(name) {
                resolved.merge(ald.clone());
            }
        }
        resolved.merge(attrs.clone());
        if let Some(item) = self.items.get_mut(target) {
            item.attrs.get_or_insert_with(Box::default).merge(resolved);
        }
    }

    /// A text event that holds tokens or `{:`; `parent` is the element it
    /// is in.
    fn text(&mut self, i: usize, parent: Option<usize>) {
        let Some(Event::Text(text)) = self.event(i) else {
            return;
        };
        let text = text.clone();
        let pieces = marker::pieces(&text);
        let paragraph =
            parent.filter(|&p| matches!(self.event(p), Some(Event::Start(Tag::Paragraph))));
        if let Some(p) = paragraph.filter(|&p| p + 1 == i && self.partner(p) == Some(i + 1)) {
            if pieces.iter().all(is_token_or_space) {
                return self.token_paragraph(p, i, &pieces);
            }
        }
        let mut replacement = Vec::new();
        for (n, piece) in pieces.iter().enumerate() {
            match *piece {
                Piece::Text(part) => self.span_ials(i, part, n == 0, &mut replacement),
                Piece::Token(kind, index) => {
                    let edge = if n == 0 {
                        Edge::Start
                    } else if n + 1 == pieces.len() {
                        Edge::End
                    } else {
                        Edge::Middle
                    };
                    self.inline_token(i, parent, kind, index, edge, &mut replacement);
                }
            }
        }
        self.remove(i);
        self.splits.push((i, replacement));
    }

    /// A paragraph of tokens only: attributes to a neighbour, raw HTML as a
    /// block.
    fn token_paragraph(&mut self, start: usize, text: usize, pieces: &[Piece<'_>]) {
        let end = text + 1;
        let mut blocks = Vec::new();
        for piece in pieces {
            match *piece {
                Piece::Token(Kind::Ial, index) => {
                    let Some(ial) = self.defs.ials.get(index) else {
                        continue;
                    };
                    let target = match ial.direction {
                        Direction::Previous => self.block_before(start),
                        Direction::Next => self.block_after(end),
                        Direction::Nowhere => None,
                    };
                    if let Some(target) = target {
                        self.give(target, &ial.attrs);
                    }
                }
                Piece::Token(Kind::Raw, index) => {
                    let raw = self.raws.get(index).cloned().unwrap_or_default();
                    blocks.push(Item::new(Event::Html(CowStr::from(raw))));
                }
                _ => {}
            }
        }
        for i in start..=end {
            self.remove(i);
        }
        self.splits.push((text, blocks));
    }

    /// The block that ends right before `start` (a sibling).
    fn block_before(&self, start: usize) -> Option<usize> {
        let before = start.checked_sub(1)?;
        match self.event(before)? {
            Event::End(_) => self.partner(before),
            Event::Rule => Some(before),
            _ => None,
        }
    }

    /// The block that starts right after `end` (a sibling).
    fn block_after(&self, end: usize) -> Option<usize> {
        match self.event(end + 1)? {
            Event::Start(_) | Event::Rule => Some(end + 1),
            _ => None,
        }
    }

    fn inline_token(
        &mut self,
        i: usize,
        parent: Option<usize>,
        kind: Kind,
        index: usize,
        edge: Edge,
        out: &mut Vec<Item<'a>>,
    ) {
        match kind {
            Kind::Ial => self.edge_ial(i, parent, index, edge),
            Kind::Raw => {
                let raw = self.raws.get(index).cloned().unwrap_or_default();
                out.push(Item::new(Event::InlineHtml(CowStr::from(raw))));
            }
            Kind::Unwrap => {
                let start = parent.filter(|&p| p + 1 == i && edge == Edge::Start);
                let paragraph =
                    start.filter(|&p| matches!(self.event(p), Some(Event::Start(Tag::Paragraph))));
                if let Some((p, end)) = paragraph.and_then(|p| Some((p, self.partner(p)?))) {
                    self.remove(p);
                    self.remove(end);
                }
            }
            Kind::Toc => {}
        }
    }

    /// A block IAL's token inside a paragraph (or a tight list item): its
    /// attributes go to that element, with the line break next to it.
    fn edge_ial(&mut self, i: usize, parent: Option<usize>, index: usize, edge: Edge) {
        let Some(ial) = self.defs.ials.get(index) else {
            return;
        };
        let attrs = ial.attrs.clone();
        let target = parent.filter(|&p| {
            matches!(
                self.event(p),
                Some(Event::Start(
                    Tag::Paragraph | Tag::Item | Tag::Heading { .. }
                ))
            )
        });
        if let (Some(target), false) = (target, ial.direction == Direction::Nowhere) {
            self.give(target, &attrs);
        }
        let whole = self
            .event(i)
            .is_some_and(|e| matches!(e, Event::Text(t) if marker::pieces(t).len() == 1));
        let neighbour = match edge {
            Edge::Start if whole => Some(i + 1),
            Edge::End if whole => i.checked_sub(1),
            _ => None,
        };
        if let Some(n) = neighbour.filter(|&n| matches!(self.event(n), Some(Event::SoftBreak))) {
            self.remove(n);
        }
    }

    /// Plain text of a text event, with its span IALs applied and removed;
    /// `first`: the text starts the event (right after the element before).
    fn span_ials(&mut self, i: usize, text: &str, first: bool, out: &mut Vec<Item<'a>>) {
        let mut target = if first { self.span_before(i) } else { None };
        let mut rest = text;
        let mut kept = String::new();
        while let Some(at) = rest.find("{:") {
            let (before, from) = rest.split_at(at);
            kept.push_str(before);
            if !before.is_empty() {
                target = None;
            }
            let ial = span_ial(from);
            match ial {
                Some((attrs, len)) => {
                    if let Some(t) = target {
                        self.give(t, &attrs);
                    }
                    rest = from.get(len..).unwrap_or_default();
                }
                None => {
                    kept.push_str("{:");
                    target = None;
                    rest = from.get(2..).unwrap_or_default();
                }
            }
        }
        kept.push_str(rest);
        if !kept.is_empty() {
            out.push(Item::new(Event::Text(CowStr::from(kept))));
        }
    }

    /// The span element that ends right before event `i`.
    fn span_before(&self, i: usize) -> Option<usize> {
        let before = i.checked_sub(1)?;
        match self.event(before)? {
            Event::Code(_) => Some(before),
            Event::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
                | TagEnd::Superscript
                | TagEnd::Subscript,
            ) => self.partner(before),
            _ => None,
        }
    }

    /// Lists with the `toc` reference become table of contents tokens.
    fn tables_of_contents(&mut self, tocs: &mut Vec<TocRequest>) {
        for start in 0..self.items.len() {
            if self.removed.get(start).copied().unwrap_or(true) {
                continue;
            }
            let Some(item) = self.items.get(start) else {
                continue;
            };
            let Event::Start(Tag::List(first)) = item.event else {
                continue;
            };
            let Some(attrs) = item.attrs.as_deref().filter(|a| a.has_ref("toc")) else {
                continue;
            };
            let Some(end) = self.partner(start) else {
                continue;
            };
            let attrs = Attrs {
                refs: Vec::new(),
                ..attrs.clone()
            };
            let token = format!("{}\n", marker::token(Kind::Toc, tocs.len()));
            tocs.push(TocRequest {
                ordered: first.is_some(),
                attrs,
            });
            for i in start..=end {
                self.remove(i);
                if let Some(hidden) = self.hidden.get_mut(i) {
                    *hidden = i != start;
                }
            }
            self.splits
                .push((start, vec![Item::new(Event::Html(CowStr::from(token)))]));
        }
    }

    fn finish(mut self) -> Vec<Item<'a>> {
        self.splits.sort_by_key(|(i, _)| *i);
        let mut splits = self.splits.into_iter().peekable();
        let mut out = Vec::with_capacity(self.items.len());
        for (i, item) in self.items.into_iter().enumerate() {
            while let Some((_, items)) = splits.next_if(|(at, _)| *at == i) {
                if !self.hidden.get(i).copied().unwrap_or(false) {
                    out.extend(items);
                }
            }
            if !self.removed.get(i).copied().unwrap_or(false) {
                out.push(item);
            }
        }
        out
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Edge {
    Start,
    Middle,
    End,
}

fn is_token_or_space(piece: &Piece<'_>) -> bool {
    match piece {
        Piece::Text(text) => text.trim().is_empty(),
        Piece::Token(kind, _) => matches!(kind, Kind::Ial | Kind::Raw),
    }
}

/// The longest span IAL read (kramdown's are a few words).
const MAX_IAL_BYTES: usize = 1024;

/// A valid span IAL at the start of `text` (`{: …}`), and its length.
fn span_ial(text: &str) -> Option<(Attrs, usize)> {
    let body = text.strip_prefix("{:")?;
    if body.starts_with([':', '/']) {
        return None;
    }
    // an IAL is short: looking further would make a line of `{:{:{:…`
    // quadratic
    let mut window = body.len().min(MAX_IAL_BYTES);
    while !body.is_char_boundary(window) {
        window -= 1;
    }
    let close = closing_brace(body.get(..window)?)?;
    let (attrs, valid) = attrs::parse(body.get(..close)?);
    (valid && !attrs.is_empty()).then_some((attrs, 2 + close + 1))
}
