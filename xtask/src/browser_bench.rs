//! Browser timings for `cargo xtask bench` (performance issue #5): P2 deep-link
//! first paint against a static page, P3 list → detail navigation, P7 render of
//! a 1 MB Markdown article against `innerHTML`.
//!
//! This module prepares what the browser needs and runs
//! `tests/support/browser-bench.mjs`, which measures and writes JSON:
//!
//! - `target/bench/browser-site`: the sample posts (`content/`) plus a generated
//!   1 MB Markdown post, built with the app, and beside it under `bench/` the
//!   static baselines: the P2 article as a plain page and the P7 article
//!   pre-rendered to HTML (see [`write_baselines`]), described by
//!   `bench/bench.json` for the script;
//! - the P3 site: the koreanews corpus with the app when the corpus is there
//!   (real articles), else the 1,000 synthetic posts.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use serde_json::Value;
// SplitMix64 from sinmun-synth, so the article is the same on every run and machine.
use sinmun_rng::Rng;

use crate::build::{build_site, SiteOptions};
use crate::run::run;
use crate::tools::{ensure_browser, ensure_npm_packages};
use crate::{root, Result};

/// The article P2 opens by deep link: the sample site's seed article.
const P2_SLUG: &str = "china-tech-regulation";
/// The generated post's file name (its slug is `bench-markdown-1mb`), dated
/// after every sample post so that it is the first card of the list.
const BIG_POST_FILE: &str = "2024-12-31-bench-markdown-1mb.md";
const BIG_SLUG: &str = "bench-markdown-1mb";
/// The text of the generated article's last paragraph: the outside timing of
/// P7 waits for it in `.article-body`.
const BIG_LAST_TEXT: &str = "END-OF-BENCH-ARTICLE 마지막 문단입니다.";
/// Size of the generated Markdown source, in bytes (at least).
const BIG_BYTES: usize = 1 << 20;

/// Builds the sites, runs the browser benchmarks, returns their JSON
/// (`{"p2": …, "p3": …, "p7": …}`).
pub fn browser_bench(quick: bool, out_dir: &Path, koreanews: Option<&Path>) -> Result<Value> {
    // The site for P2 and P7.
    let src = out_dir.join("browser-src");
    write_sources(&src)?;
    let site = out_dir.join("browser-site");
    build_site(&SiteOptions {
        posts: src.join("_posts"),
        out: site.clone(),
        base_path: "/".into(),
        report: None,
        keep_going: false,
        bodies_in_data: false,
    })?;
    write_baselines(&site)?;

    // The site for P3: many real articles if we have them, else the 1,000
    // synthetic posts `bench` has generated already (sinmun-synth 1000).
    let (p3_posts, p3_site) = match koreanews {
        Some(posts) => (posts.to_path_buf(), out_dir.join("koreanews-app")),
        None => (
            out_dir.join("synth-1000/_posts"),
            out_dir.join("synth-1000-app"),
        ),
    };
    build_site(&SiteOptions {
        posts: p3_posts,
        out: p3_site.clone(),
        base_path: "/".into(),
        report: None,
        keep_going: true,
        bodies_in_data: false,
    })?;

    ensure_browser()?;
    ensure_npm_packages(&root().join("tests/e2e"))?;
    let json = out_dir.join("browser.json");
    let _ = std::fs::remove_file(&json);
    let mut command = Command::new("node");
    command
        .current_dir(root())
        .arg("tests/support/browser-bench.mjs")
        .arg("--site")
        .arg(&site)
        .arg("--p3-site")
        .arg(&p3_site)
        .arg("--json")
        .arg(&json);
    if quick {
        command.arg("--quick");
    }
    run(&mut command)?;
    let text = std::fs::read_to_string(&json)
        .map_err(|e| format!("no browser figures in {}: {e}", json.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", json.display()))
}

/// `content/` (posts, `_config.yml`, `assets/`) plus the generated 1 MB post.
fn write_sources(src: &Path) -> Result {
    if src.exists() {
        std::fs::remove_dir_all(src).map_err(|e| format!("cannot clear {}: {e}", src.display()))?;
    }
    let content = root().join("content");
    copy_dir(&content.join("_posts"), &src.join("_posts"))?;
    copy_dir(&content.join("assets"), &src.join("assets"))?;
    std::fs::copy(content.join("_config.yml"), src.join("_config.yml"))
        .map_err(|e| format!("cannot copy _config.yml: {e}"))?;
    let post = format!(
        "---\ntitle: \"벤치마크: 1 MB Markdown 기사\"\ncategories:\n  - Bench\nexcerpt: \"A generated 1 MB Markdown article for the P7 render benchmark.\"\n---\n\n{}",
        big_markdown(BIG_BYTES)
    );
    std::fs::write(src.join("_posts").join(BIG_POST_FILE), post).map_err(|e| e.to_string())
}

/// Copy the folder `from` to `to`, with everything in it.
pub fn copy_dir(from: &Path, to: &Path) -> Result {
    std::fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries =
        std::fs::read_dir(from).map_err(|e| format!("cannot list {}: {e}", from.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            std::fs::copy(&path, &target)
                .map_err(|e| format!("cannot copy {}: {e}", path.display()))?;
        }
    }
    Ok(())
}

const KO: &[&str] = &[
    "정부는",
    "발표했다",
    "경제",
    "성장률이",
    "기업들의",
    "수출",
    "전략을",
    "강화하기",
    "위해",
    "지원",
    "계획을",
    "시장",
    "변화에",
    "대응하는",
    "기술",
    "규제",
    "설명회를",
    "개최했다",
    "국민",
    "안전을",
    "지역",
    "주민들이",
    "참여하는",
    "행사가",
    "열렸다",
    "올해",
    "예산은",
    "확대될",
    "예정이다",
];
const EN: &[&str] = &[
    "the",
    "government",
    "announced",
    "a",
    "new",
    "plan",
    "for",
    "small",
    "businesses",
    "exports",
    "grew",
    "in",
    "the",
    "third",
    "quarter",
    "while",
    "prices",
    "stayed",
    "flat",
    "according",
    "to",
    "the",
    "report",
];

/// One sentence, two in three Korean; with inline Markdown when `markup`.
fn sentence(rng: &mut Rng, out: &mut String, markup: bool) {
    let korean = rng.below(3) > 0;
    let words = if korean { KO } else { EN };
    let n = 6 + rng.below(12);
    for i in 0..n {
        if i > 0 {
            out.push(' ');
        }
        let word = rng.pick(words);
        match if markup { rng.below(40) } else { 40 } {
            0 => {
                let _ = write!(out, "**{word}**");
            }
            1 => {
                let _ = write!(out, "*{word}*");
            }
            2 => {
                let _ = write!(out, "`{word}`");
            }
            3 => {
                let _ = write!(
                    out,
                    "[{word}](https://example.com/news/{})",
                    rng.below(10_000)
                );
            }
            4 => {
                let _ = write!(out, "~~{word}~~");
            }
            _ => out.push_str(word),
        }
    }
    out.push_str(if korean { "다. " } else { ". " });
}

fn paragraph(rng: &mut Rng, out: &mut String) {
    for _ in 0..2 + rng.below(5) {
        sentence(rng, out, true);
    }
    out.truncate(out.trim_end().len());
    out.push_str("\n\n");
}

/// A long news-like Markdown article: headings (so a table of contents),
/// paragraphs with emphasis, code spans, links and strikethrough, lists, task
/// lists, quotes, GFM tables, fenced code, footnotes, and the Tistory-style raw
/// HTML (`<p data-ke-size>`, coloured spans) of the blogs sinmun reads. Ends
/// with the paragraph [`BIG_LAST_TEXT`].
fn big_markdown(bytes: usize) -> String {
    let mut rng = Rng::new(0x5EED_0007);
    let mut out = String::with_capacity(bytes + 4096);
    let mut block = 0usize;
    while out.len() < bytes {
        if block.is_multiple_of(8) {
            // A section every 24 blocks, two subsections in each.
            out.push_str(if block.is_multiple_of(24) {
                "## "
            } else {
                "### "
            });
            sentence(&mut rng, &mut out, true);
            out.truncate(out.trim_end().len());
            out.push_str("\n\n");
        }
        match rng.below(20) {
            0 | 1 => {
                for i in 0..3 + rng.below(4) {
                    out.push_str(if i % 2 == 0 { "- " } else { "- [x] " });
                    sentence(&mut rng, &mut out, true);
                    out.truncate(out.trim_end().len());
                    out.push('\n');
                }
                out.push('\n');
            }
            2 => {
                for i in 1..4 + rng.below(4) {
                    let _ = write!(out, "{i}. ");
                    sentence(&mut rng, &mut out, true);
                    out.truncate(out.trim_end().len());
                    out.push('\n');
                }
                out.push('\n');
            }
            3 => {
                out.push_str("> ");
                paragraph(&mut rng, &mut out);
            }
            4 => {
                out.push_str("| 지역 | 2023 | 2024 | 증감 |\n|---|---:|---:|---:|\n");
                for _ in 0..5 {
                    let (a, b) = (rng.below(10_000), rng.below(10_000));
                    let _ = writeln!(
                        out,
                        "| {} | {a} | {b} | {} |",
                        rng.pick(KO),
                        b as i64 - a as i64
                    );
                }
                out.push('\n');
            }
            5 => {
                out.push_str("```rust\nfn main() {\n    let total: u32 = (1..=10).sum();\n    println!(\"{total}\");\n}\n```\n\n");
            }
            6 => {
                let n = block;
                paragraph(&mut rng, &mut out);
                out.truncate(out.trim_end().len());
                let _ = write!(out, "[^n{n}]\n\n[^n{n}]: ");
                sentence(&mut rng, &mut out, true);
                out.truncate(out.trim_end().len());
                out.push_str("\n\n");
            }
            7 | 8 => {
                out.push_str("<p data-ke-size=\"size16\">");
                let _ = write!(
                    out,
                    "<span style=\"color: #ee2323;\"><b>{}</b></span> ",
                    rng.pick(KO)
                );
                // Raw HTML: no Markdown inside, so plain text.
                sentence(&mut rng, &mut out, false);
                out.truncate(out.trim_end().len());
                out.push_str("</p>\n\n");
            }
            _ => paragraph(&mut rng, &mut out),
        }
        block += 1;
    }
    let _ = writeln!(out, "{BIG_LAST_TEXT}");
    out
}

/// Markdown → HTML by the app's own renderer (`crates/markdown`, the module
/// the app loads), before the app's sanitising and enhancing: the
/// "pre-rendered HTML" of the baselines.
pub fn markdown_to_html(source: &str) -> String {
    sinmun_markdown::to_html(source)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Title, body HTML (Markdown pre-rendered) and source size of a built site's article.
fn article_html(site: &Path, slug: &str) -> Result<(String, String, usize)> {
    let path = site.join("data/articles").join(format!("{slug}.json"));
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let article: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let title = article["title"].as_str().unwrap_or_default().to_string();
    let source = article["body"]["source"].as_str().unwrap_or_default();
    let html = match article["body"]["format"].as_str() {
        Some("markdown") => markdown_to_html(source),
        Some("html") => source.to_string(),
        _ => format!("<pre>{}</pre>", escape(source)),
    };
    Ok((title, html, source.len()))
}

/// The site's stylesheet `<link>` tags, from its index.html.
fn stylesheets(site: &Path) -> Result<String> {
    let index = std::fs::read_to_string(site.join("index.html"))
        .map_err(|e| format!("cannot read the site's index.html: {e}"))?;
    Ok(index
        .split('<')
        .filter(|tag| tag.starts_with("link") && tag.contains("rel=\"stylesheet\""))
        .map(|tag| format!("<{}\n", tag.trim_end()))
        .collect())
}

fn page(title: &str, head: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"ko\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n{head}</head>\n<body>\n{body}\n</body>\n</html>\n",
        escape(title)
    )
}

/// The static baselines, under `<site>/bench/`, served by the same server:
///
/// - `p2/<slug>/index.html`: the P2 article as a plain page, its title as the
///   `<h1>` and its body HTML, with the site's CSS and the app's class names;
/// - `p7/index.html`: an empty article with the site's CSS, and a script
///   (`time.js`) that times `element.innerHTML = html` plus a forced layout
///   (`offsetHeight`) of `p7/article.html`, the 1 MB article pre-rendered with
///   [`markdown_to_html`], after the same for `p7/warm.html` (the P2 article);
/// - `bench.json`: slugs, titles and paths, for the script.
fn write_baselines(site: &Path) -> Result {
    let dir = site.join("bench");
    let css = stylesheets(site)?;
    let (p2_title, p2_html, _) = article_html(site, P2_SLUG)?;
    let (big_title, big_html, big_source) = article_html(site, BIG_SLUG)?;
    let write = |rel: &str, text: &str| -> Result {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    write(
        &format!("p2/{P2_SLUG}/index.html"),
        &page(
            &p2_title,
            &css,
            &format!(
                "<main class=\"page\"><article class=\"article\" lang=\"ko-KR\">\n\
                 <div class=\"article-head\"><h1 class=\"article-title\">{}</h1></div>\n\
                 <div class=\"article-body\">\n{p2_html}</div>\n</article></main>",
                escape(&p2_title)
            ),
        ),
    )?;
    write("p7/article.html", &big_html)?;
    write("p7/warm.html", &p2_html)?;
    write("p7/time.js", P7_TIMER)?;
    write(
        "p7/index.html",
        &page(
            "P7 innerHTML baseline",
            &format!("{css}<script src=\"time.js\"></script>\n"),
            "<main class=\"page\"><article class=\"article\" lang=\"ko-KR\" id=\"host\"></article></main>",
        ),
    )?;
    let manifest = serde_json::json!({
        "p2": { "slug": P2_SLUG, "title": p2_title, "static": format!("bench/p2/{P2_SLUG}/") },
        "p7": {
            "slug": BIG_SLUG, "title": big_title, "last_text": BIG_LAST_TEXT,
            "markdown_bytes": big_source,
            "html_bytes": big_html.len(),
            "static": "bench/p7/",
        },
    });
    write("bench.json", &format!("{manifest:#}\n"))
}

/// The P7 baseline page's timer: `timeInnerHTML()` fetches the fragments,
/// renders the warm-up article into a fresh `.article-body` (as sinmun's warm
/// run opens another article first), then times the big one into another:
/// `ms` with the forced layout, `parseMs` the `innerHTML` assignment alone.
const P7_TIMER: &str = r#"// P7 baseline: innerHTML + forced layout of the pre-rendered article.
async function fragment(name) {
  const response = await fetch(name, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${name}: ${response.status}`);
  return response.text();
}
function render(html) {
  const host = document.getElementById('host');
  host.textContent = '';
  const body = document.createElement('div');
  body.className = 'article-body';
  host.appendChild(body);
  const start = performance.now();
  body.innerHTML = html;
  const parsed = performance.now();
  void body.offsetHeight;
  return { ms: performance.now() - start, parseMs: parsed - start };
}
window.timeInnerHTML = async function timeInnerHTML() {
  const [warm, big] = await Promise.all([fragment('warm.html'), fragment('article.html')]);
  const warmMs = render(warm).ms;
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return { warmMs, ...render(big), bytes: big.length };
};
"#;
