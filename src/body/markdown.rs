//! Markdown (CommonMark + GFM extensions, raw HTML allowed) to an HTML string.
//! The string is untrusted: it only ever goes to the sanitiser, never to the DOM.

use pulldown_cmark::{html, CowStr, Event, Options, Parser};

pub fn to_html(source: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let mut out = String::with_capacity(source.len() + source.len() / 4);
    let events = Parser::new_ext(source, options).map(|event| match event {
        // The sanitiser drops <input>; a task box is shown as a symbol instead.
        Event::TaskListMarker(done) => Event::InlineHtml(CowStr::Borrowed(if done {
            r#"<span class="task task-done" role="img" aria-label="done">☑</span> "#
        } else {
            r#"<span class="task" role="img" aria-label="to do">☐</span> "#
        })),
        other => other,
    });
    html::push_html(&mut out, events);
    out
}
