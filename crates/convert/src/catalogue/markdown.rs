//! The "render Markdown" step: every Markdown body and banner (`feature_text`)
//! becomes HTML here, with the app's own renderer (`sinmun_markdown`), so an
//! article page never downloads the browser's Markdown module (about 87 KB
//! gzip). The HTML is still untrusted: the browser sanitises it like any HTML
//! body, and the prerendered pages clean it with ammonia. Markdown that
//! arrives at run time (hand-written article JSON, a feed) is still rendered
//! in the browser.

use rayon::prelude::*;
use sinmun_model::{Body, BodyFormat};

use super::Catalogue;

impl Catalogue {
    pub fn render_markdown(&mut self) {
        self.sources
            .par_iter_mut()
            .filter_map(|source| source.outcome.as_mut().ok())
            .for_each(|item| {
                render(&mut item.article.body);
                if let Some(banner) = item.article.feature_text.as_mut() {
                    render(banner);
                }
            });
    }
}

/// A Markdown body as the HTML the app would have rendered from it.
fn render(body: &mut Body) {
    if body.format == BodyFormat::Markdown {
        body.source = sinmun_markdown::to_html(&body.source);
        body.format = BodyFormat::Html;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_the_html_the_app_renders_and_html_is_left_alone() {
        let mut markdown = Body {
            format: BodyFormat::Markdown,
            source: "## 제목\n\n- [x] done".into(),
        };
        render(&mut markdown);
        assert_eq!(markdown.format, BodyFormat::Html);
        assert_eq!(
            markdown.source,
            sinmun_markdown::to_html("## 제목\n\n- [x] done")
        );
        let mut html = Body {
            format: BodyFormat::Html,
            source: "# not *markdown*".into(),
        };
        render(&mut html);
        assert_eq!(html.source, "# not *markdown*");
    }
}
