//! `sinmun-convert`: a Jekyll `_posts` folder → a deployable sinmun site folder.
//!
//! The run streams: every post is read, parsed and written as its article JSON on
//! its own (rayon, all cores); only summaries stay in memory. Then the index,
//! category and alias shards, the manifest, `config.json`, feeds and sitemap are
//! written. Everything goes into a sibling staging folder that replaces the
//! output folder only when the run succeeded, so a failed run leaves the previous
//! site untouched.

pub mod feeds;
pub mod frontmatter;
pub mod jekyll;
pub mod output;
pub mod post;
pub mod prerender;
pub mod report;
pub mod synth;
pub mod text;

use crate::jekyll::SiteSettings;
use crate::output::{SafeOut, Staging};
use crate::post::{Converted, Level, Message, SkipKind};
use crate::report::{FileReport, Status};
use rayon::prelude::*;
use sinmun_model::{
    alias_bucket, alias_shard_path, article_path, article_route, category_route,
    category_shard_path, category_slug, index_shard_path, AliasShard, Article, CategoryInfo,
    IndexShard, Manifest, SiteConfig, Summary, FORMAT_VERSION,
};
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

pub const DEFAULT_SHARD_SIZE: usize = 20;

/// What to convert and where.
#[derive(Debug, Clone)]
pub struct Options {
    pub posts_dir: PathBuf,
    pub out_dir: PathBuf,
    /// `--base-path`; `None` uses `_config.yml` `baseurl`, else `/`.
    pub base_path: Option<String>,
    pub app_dir: Option<PathBuf>,
    /// Write the site even when some posts are unusable.
    pub keep_going: bool,
    pub shard_size: usize,
    /// Show a progress bar (the caller decides: terminal and not quiet).
    pub progress: bool,
    /// Test hook: fail the run after this many articles were written.
    #[doc(hidden)]
    pub fail_after_articles: Option<usize>,
}

impl Options {
    pub fn new(posts_dir: impl Into<PathBuf>, out_dir: impl Into<PathBuf>) -> Options {
        Options {
            posts_dir: posts_dir.into(),
            out_dir: out_dir.into(),
            base_path: None,
            app_dir: None,
            keep_going: false,
            shard_size: DEFAULT_SHARD_SIZE,
            progress: false,
            fail_after_articles: None,
        }
    }
}

/// What a run did.
#[derive(Debug, Default)]
pub struct RunResult {
    /// One entry per source file, in file name order.
    pub files: Vec<FileReport>,
    /// Problems not tied to one post (`_config.yml`, copied folders, feeds).
    pub site_warnings: Vec<String>,
    pub converted: usize,
    pub recovered: usize,
    /// Files that are not posts, or unpublished: skipped on purpose.
    pub skipped: usize,
    /// Posts that could not be used.
    pub failed: usize,
    /// Whether the output folder was replaced.
    pub written: bool,
}

impl RunResult {
    /// Articles in the site.
    pub fn articles(&self) -> usize {
        self.converted + self.recovered
    }
}

/// `/`, `/blog/`: leading and trailing slash, no empty, `.` or `..` segments.
pub fn normalise_base_path(p: &str) -> String {
    let segs: Vec<&str> = p
        .split(['/', '\\'])
        .map(str::trim)
        .filter(|s| !s.is_empty() && *s != "." && *s != "..")
        .collect();
    if segs.is_empty() {
        "/".into()
    } else {
        format!("/{}/", segs.join("/"))
    }
}

/// Post files below `dir`, relative, `/`-separated, sorted. Folders starting with
/// `.` or `_` are skipped as Jekyll does; files of any name are listed (so that
/// `.DS_Store` and friends show up in the report as skipped).
pub fn list_files(dir: &Path) -> std::io::Result<Vec<String>> {
    fn walk(dir: &Path, prefix: &str, out: &mut Vec<String>) -> std::io::Result<()> {
        for entry in fs::read_dir(dir)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = if prefix.is_empty() {
                name.clone()
            } else {
                format!("{prefix}/{name}")
            };
            let ft = entry.file_type()?;
            if ft.is_dir() {
                if !name.starts_with(['.', '_']) {
                    walk(&entry.path(), &rel, out)?;
                }
            } else {
                out.push(rel);
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, "", &mut out)?;
    out.sort();
    Ok(out)
}

fn file_name(rel: &str) -> &str {
    rel.rsplit('/').next().unwrap_or(rel)
}

/// Per file, after phase 1.
struct Phase1 {
    rel: String,
    messages: Vec<Message>,
    outcome: Result<Meta, SkipKind>,
}

/// What stays in memory of an article.
struct Meta {
    summary: Summary,
    aliases: Vec<String>,
    updated: Option<String>,
    timestamp: i64,
    recovered: bool,
    base_slug: String,
    /// Where the article JSON was written if its slug was not yet final.
    pending: Option<String>,
}

fn panic_text(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

/// Worker threads: more than cores, because much of a run waits for the disk
/// (creating and unlinking thousands of small files), not the CPU.
/// `SINMUN_THREADS` overrides it.
pub const IO_THREADS: usize = 12;

/// Runs the whole conversion. `Err` is a fatal problem (nothing was replaced);
/// unusable posts are reported in the result instead.
pub fn run(opts: &Options) -> Result<RunResult, String> {
    let threads = std::env::var("SINMUN_THREADS")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(IO_THREADS);
    match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool.install(|| run_in_pool(opts)),
        Err(_) => run_in_pool(opts),
    }
}

fn run_in_pool(opts: &Options) -> Result<RunResult, String> {
    let posts_dir = &opts.posts_dir;
    if !posts_dir.is_dir() {
        return Err(format!("{} is not a folder", posts_dir.display()));
    }
    output::check_out_dir(&opts.out_dir, posts_dir)?;
    let mut result = RunResult::default();
    let site_root = output::absolute(posts_dir)
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| posts_dir.join(".."));
    let settings = SiteSettings::load(&site_root.join("_config.yml"), &mut result.site_warnings);
    let shard_size = opts.shard_size.max(1);
    let config = SiteConfig {
        title: settings.title.clone(),
        description: settings.description.clone(),
        lang: settings.lang.clone(),
        url: settings.url.clone(),
        page_size: settings.paginate.unwrap_or(SiteConfig::default().page_size),
        base_path: normalise_base_path(opts.base_path.as_deref().unwrap_or(&settings.baseurl)),
        source: "data/manifest.json".into(),
    };

    let files = list_files(posts_dir).map_err(|e| format!("{}: {e}", posts_dir.display()))?;
    let mut base_counts: HashMap<String, u32> = HashMap::new();
    for rel in &files {
        if let Ok(p) = jekyll::parse_post_name(file_name(rel)) {
            *base_counts.entry(post::base_slug(&p.slug)).or_default() += 1;
        }
    }

    let staging =
        Staging::create(&opts.out_dir).map_err(|e| format!("cannot create staging folder: {e}"))?;
    let out = SafeOut::new(staging.dir.clone());
    let io = |e: std::io::Error| e.to_string();

    // the app first, so that generated files win over same-named app files
    if let Some(app) = &opts.app_dir {
        out.copy_dir(app, "", &mut result.site_warnings)
            .map_err(|e| format!("copying the app from {}: {e}", app.display()))?;
        let index = app.join("index.html");
        if !index.is_file() {
            return Err(format!("{} has no index.html", app.display()));
        }
        out.copy_file(&index, "404.html").map_err(io)?;
        let base = &config.base_path;
        out.write(
            "_redirects",
            format!("{base}*  {base}index.html  200\n").as_bytes(),
        )
        .map_err(io)?;
    }
    let assets = site_root.join("assets");
    if assets.is_dir() {
        out.mkdir("assets").map_err(io)?;
        out.copy_dir(&assets, "assets", &mut result.site_warnings)
            .map_err(|e| format!("copying {}: {e}", assets.display()))?;
    }
    out.mkdir("data/articles").map_err(io)?;

    // phase 1: every file on its own, in parallel
    let bar = if opts.progress {
        let b = indicatif::ProgressBar::new(files.len() as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} posts {per_sec} eta {eta}",
        ) {
            b.set_style(style);
        }
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let written = AtomicUsize::new(0);
    let phase1: Vec<Result<Phase1, String>> = files
        .par_iter()
        .enumerate()
        .map(|(idx, rel)| {
            let r = convert_file(
                idx,
                rel,
                posts_dir,
                &settings,
                &base_counts,
                &out,
                &written,
                opts,
            );
            bar.inc(1);
            r
        })
        .collect();
    bar.finish_and_clear();
    let mut phase1 = phase1.into_iter().collect::<Result<Vec<_>, _>>()?;

    // phase 2: final slugs, oldest first (then by source path), like Jekyll's order
    let mut order: Vec<usize> = (0..phase1.len())
        .filter(|&i| phase1.get(i).is_some_and(|p| p.outcome.is_ok()))
        .collect();
    let key = |i: &usize| {
        phase1.get(*i).and_then(|p| {
            p.outcome
                .as_ref()
                .ok()
                .map(|m| (m.timestamp, p.rel.clone()))
        })
    };
    order.sort_by_cached_key(key);
    let mut taken: HashMap<String, String> = HashMap::new();
    // first owners of a base slug keep it
    let mut dups: Vec<usize> = Vec::new();
    for &i in &order {
        if let Some(p) = phase1.get(i) {
            if let Ok(m) = &p.outcome {
                if taken.contains_key(&m.base_slug) {
                    dups.push(i);
                } else {
                    taken.insert(m.base_slug.clone(), p.rel.clone());
                }
            }
        }
    }
    for &i in &dups {
        let Some(p) = phase1.get_mut(i) else { continue };
        let Ok(m) = &mut p.outcome else { continue };
        let mut n = 2u32;
        let slug = loop {
            let candidate = output::portable_slug(&format!("{}-{n}", m.base_slug));
            if !taken.contains_key(&candidate) {
                break candidate;
            }
            n += 1;
        };
        let first = taken.get(&m.base_slug).cloned().unwrap_or_default();
        p.messages.push(Message::new(
            Level::Warning,
            None,
            format!(
                "slug `{}` is already used by {first}; this post becomes `{slug}`",
                m.base_slug
            ),
        ));
        taken.insert(slug.clone(), p.rel.clone());
        m.summary.slug = slug;
    }
    // move pending articles into place
    phase1.par_iter().try_for_each(|p| -> Result<(), String> {
        let Ok(m) = &p.outcome else { return Ok(()) };
        let Some(pending) = &m.pending else {
            return Ok(());
        };
        let from = output::checked_join(out.root(), pending).map_err(io)?;
        let to = output::checked_join(
            out.root(),
            &format!("data/{}", article_path(&m.summary.slug)),
        )
        .map_err(io)?;
        if m.summary.slug == m.base_slug {
            fs::rename(&from, &to).map_err(io)?;
        } else {
            let data = fs::read(&from).map_err(io)?;
            let mut a: Article = serde_json::from_slice(&data).map_err(|e| e.to_string())?;
            a.slug = m.summary.slug.clone();
            out.write_json(&format!("data/{}", article_path(&a.slug)), &a)
                .map_err(io)?;
            fs::remove_file(&from).map_err(io)?;
        }
        Ok(())
    })?;
    let _ = fs::remove_dir(staging.dir.join("data/articles/.pending"));

    // aliases: the oldest claim wins
    let mut alias_buckets: BTreeMap<u8, BTreeMap<String, String>> = BTreeMap::new();
    let mut alias_owner: HashMap<String, usize> = HashMap::new();
    for &i in &order {
        let Some(p) = phase1.get(i) else { continue };
        let Ok(m) = &p.outcome else { continue };
        let mut conflicts = Vec::new();
        for a in &m.aliases {
            if let Some(&owner) = alias_owner.get(a) {
                let other = phase1.get(owner).map(|o| o.rel.as_str()).unwrap_or("");
                conflicts.push(format!(
                    "old URL /{a} already belongs to {other}; not redirected here"
                ));
                continue;
            }
            alias_owner.insert(a.clone(), i);
            alias_buckets
                .entry(alias_bucket(a))
                .or_default()
                .insert(a.clone(), m.summary.slug.clone());
        }
        if let Some(p) = phase1.get_mut(i) {
            for c in conflicts {
                p.messages.push(Message::new(Level::Warning, None, c));
            }
        }
    }
    (0..=255u8)
        .into_par_iter()
        .try_for_each(|b| {
            let shard = AliasShard {
                version: FORMAT_VERSION,
                aliases: alias_buckets.get(&b).cloned().unwrap_or_default(),
            };
            out.write_json(&format!("data/{}", alias_shard_path(b)), &shard)
        })
        .map_err(io)?;

    // index and category shards, newest first
    let newest: Vec<usize> = order.iter().rev().copied().collect();
    let summaries: Vec<&Summary> = newest
        .iter()
        .filter_map(|&i| phase1.get(i).and_then(|p| p.outcome.as_ref().ok()))
        .map(|m| &m.summary)
        .collect();
    write_shards(&out, &summaries, shard_size, |n| {
        format!("data/{}", index_shard_path(n))
    })
    .map_err(io)?;
    // prerendered article pages (see prerender.rs), when the app is part of the site
    if let Some(app) = &opts.app_dir {
        let template = fs::read_to_string(app.join("index.html")).map_err(io)?;
        summaries
            .par_iter()
            .try_for_each(|s| match prerender::article_page(&template, s, &config) {
                Some(page) => out.write(
                    &format!("{}index.html", sinmun_model::article_route(&s.slug)),
                    page.as_bytes(),
                ),
                None => Ok(()),
            })
            .map_err(io)?;
    }
    let mut cats: BTreeMap<String, (String, Vec<&Summary>)> = BTreeMap::new();
    for s in &summaries {
        let mut seen: Vec<String> = Vec::new();
        for name in &s.categories {
            let slug = output::portable_slug(&category_slug(name));
            if seen.contains(&slug) {
                continue;
            }
            seen.push(slug.clone());
            cats.entry(slug)
                .or_insert_with(|| (name.clone(), Vec::new()))
                .1
                .push(s);
        }
    }
    cats.par_iter()
        .try_for_each(|(slug, (_, list))| {
            write_shards(&out, list, shard_size, |n| {
                format!("data/{}", category_shard_path(slug, n))
            })
        })
        .map_err(io)?;
    let mut categories: Vec<CategoryInfo> = cats
        .iter()
        .map(|(slug, (name, list))| CategoryInfo {
            slug: slug.clone(),
            name: name.clone(),
            count: u32::try_from(list.len()).unwrap_or(u32::MAX),
        })
        .collect();
    categories.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.slug.cmp(&b.slug)));

    let generated = generated_time();
    let manifest = Manifest {
        version: FORMAT_VERSION,
        title: config.title.clone(),
        total: u32::try_from(summaries.len()).unwrap_or(u32::MAX),
        shard_size: u32::try_from(shard_size).unwrap_or(u32::MAX),
        categories: categories.clone(),
        generated: generated.clone(),
    };
    out.write_json(&format!("data/{}", sinmun_model::MANIFEST_FILE), &manifest)
        .map_err(io)?;
    out.write(
        "config.json",
        &serde_json::to_vec_pretty(&config).map_err(|e| e.to_string())?,
    )
    .map_err(io)?;
    // GitHub Pages: serve the folder as is, no Jekyll run
    out.write(".nojekyll", b"").map_err(io)?;

    // feeds: the newest articles, read back from the staging folder
    let entries: Vec<feeds::FeedEntry> = summaries
        .iter()
        .take(feeds::FEED_ITEMS)
        .collect::<Vec<_>>()
        .par_iter()
        .map(|s| -> Result<feeds::FeedEntry, String> {
            let path = output::checked_join(out.root(), &format!("data/{}", article_path(&s.slug)))
                .map_err(io)?;
            let data = fs::read(&path).map_err(io)?;
            let article: Article = serde_json::from_slice(&data).map_err(|e| e.to_string())?;
            let html = feeds::render_html(&article, &config);
            Ok(feeds::FeedEntry { article, html })
        })
        .collect::<Result<_, _>>()?;
    out.write(
        "feed.json",
        &feeds::json_feed(&config, &entries).map_err(|e| e.to_string())?,
    )
    .map_err(io)?;
    out.write("atom.xml", &feeds::atom(&config, &entries, &generated))
        .map_err(io)?;
    if config.url.is_empty() {
        result.site_warnings.push(
            "_config.yml has no `url`: sitemap and feed links are site-relative, which most crawlers and feed readers reject".into(),
        );
    }
    let mut urls = vec![feeds::SitemapUrl {
        loc: feeds::site_url(&config, ""),
        lastmod: summaries.first().map(|s| s.date.clone()),
    }];
    urls.extend(categories.iter().map(|c| feeds::SitemapUrl {
        loc: feeds::site_url(&config, &category_route(&c.slug)),
        lastmod: None,
    }));
    for &i in &newest {
        if let Some(Ok(m)) = phase1.get(i).map(|p| p.outcome.as_ref()) {
            urls.push(feeds::SitemapUrl {
                loc: feeds::site_url(&config, &article_route(&m.summary.slug)),
                lastmod: Some(m.updated.clone().unwrap_or_else(|| m.summary.date.clone())),
            });
        }
    }
    for (name, data) in feeds::sitemaps(&config, &urls) {
        out.write(&name, &data).map_err(io)?;
    }

    // the report
    for p in phase1 {
        let (status, title, path) = match &p.outcome {
            Ok(m) => {
                if m.recovered {
                    result.recovered += 1;
                } else {
                    result.converted += 1;
                }
                (
                    if m.recovered {
                        Status::Recovered
                    } else {
                        Status::Converted
                    },
                    Some(m.summary.title.clone()),
                    Some(article_route(&m.summary.slug)),
                )
            }
            Err(kind) => {
                if *kind == SkipKind::Error {
                    result.failed += 1;
                } else {
                    result.skipped += 1;
                }
                (Status::Skipped, None, None)
            }
        };
        result.files.push(FileReport {
            file: posts_dir.join(&p.rel).display().to_string(),
            status,
            title,
            path,
            messages: p.messages,
            skip: p.outcome.err(),
        });
    }

    if result.failed > 0 && !opts.keep_going {
        // staging is removed on drop; the previous site stays
        return Ok(result);
    }
    staging.commit().map_err(|e| {
        format!(
            "cannot move the new site into {}: {e}",
            opts.out_dir.display()
        )
    })?;
    result.written = true;
    Ok(result)
}

fn generated_time() -> String {
    // SOURCE_DATE_EPOCH makes builds reproducible
    let from_env = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|t| chrono::DateTime::from_timestamp(t, 0));
    from_env
        .unwrap_or_else(chrono::Utc::now)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn write_shards(
    out: &SafeOut,
    list: &[&Summary],
    shard_size: usize,
    path: impl Fn(u32) -> String + Sync,
) -> std::io::Result<()> {
    if list.is_empty() {
        return out.write_json(
            &path(0),
            &IndexShard {
                version: FORMAT_VERSION,
                shard: 0,
                items: Vec::new(),
            },
        );
    }
    list.par_chunks(shard_size)
        .enumerate()
        .try_for_each(|(n, chunk)| {
            let n = u32::try_from(n).unwrap_or(u32::MAX);
            let shard = IndexShard {
                version: FORMAT_VERSION,
                shard: n,
                items: chunk.iter().map(|s| (*s).clone()).collect(),
            };
            out.write_json(&path(n), &shard)
        })
}

#[allow(clippy::too_many_arguments)]
fn convert_file(
    idx: usize,
    rel: &str,
    posts_dir: &Path,
    settings: &SiteSettings,
    base_counts: &HashMap<String, u32>,
    out: &SafeOut,
    written: &AtomicUsize,
    opts: &Options,
) -> Result<Phase1, String> {
    let mut messages = Vec::new();
    let bytes = match fs::read(posts_dir.join(rel)) {
        Ok(b) => b,
        Err(e) => {
            messages.push(Message::new(
                Level::Error,
                None,
                format!("cannot read: {e}"),
            ));
            return Ok(Phase1 {
                rel: rel.to_string(),
                messages,
                outcome: Err(SkipKind::Error),
            });
        }
    };
    let name = file_name(rel);
    let converted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        post::convert(name, &bytes, settings)
    }));
    drop(bytes);
    let result = match converted {
        Ok(r) => r,
        Err(p) => {
            messages.push(Message::new(
                Level::Error,
                None,
                format!("converter bug, post skipped: {}", panic_text(p.as_ref())),
            ));
            return Ok(Phase1 {
                rel: rel.to_string(),
                messages,
                outcome: Err(SkipKind::Error),
            });
        }
    };
    messages.extend(result.messages);
    let outcome = match result.outcome {
        Ok(Converted {
            article,
            timestamp,
            recovered,
        }) => {
            let unique = base_counts.get(&article.slug).copied().unwrap_or(0) <= 1;
            let target = if unique {
                format!("data/{}", article_path(&article.slug))
            } else {
                format!("data/articles/.pending/{idx}.json")
            };
            if let Some(limit) = opts.fail_after_articles {
                if written.fetch_add(1, Ordering::SeqCst) >= limit {
                    return Err("injected failure (test hook)".into());
                }
            }
            out.write_json(&target, &article)
                .map_err(|e| e.to_string())?;
            let thumbnail = article
                .feature_image
                .clone()
                .or_else(|| article.image.clone());
            Ok(Meta {
                summary: Summary {
                    slug: article.slug.clone(),
                    title: article.title,
                    date: article.date,
                    categories: article.categories,
                    excerpt: article.excerpt,
                    thumbnail,
                },
                aliases: article.aliases,
                updated: article.updated,
                timestamp,
                recovered,
                base_slug: article.slug,
                pending: (!unique).then_some(target),
            })
        }
        Err(kind) => Err(kind),
    };
    Ok(Phase1 {
        rel: rel.to_string(),
        messages,
        outcome,
    })
}

/// Bytes and files under `dir` (for `--stats`).
pub fn dir_usage(dir: &Path) -> (u64, u64) {
    let mut bytes = 0;
    let mut files = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            match e.file_type() {
                Ok(t) if t.is_dir() => stack.push(e.path()),
                Ok(_) => {
                    files += 1;
                    bytes += e.metadata().map(|m| m.len()).unwrap_or(0);
                }
                Err(_) => {}
            }
        }
    }
    (bytes, files)
}

/// Peak resident memory (VmHWM) of this process, Linux only.
pub fn peak_rss_bytes() -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}
