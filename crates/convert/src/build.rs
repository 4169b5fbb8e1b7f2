//! One run as a list of named steps over the [`Catalogue`]: read inputs (a
//! Jekyll folder or a feed, `input/`) → render Markdown →
//! measure images → assign slugs → place articles → aliases → lists → onward reading →
//! prerendered pages →
//! feeds → sitemap → search index → report → commit (after Zola's `Site::build()`). Over a
//! site built before, the steps run the same but only changed files are
//! written (`output/update.rs`). Each
//! step is a short function of its own module; `SINMUN_TIMINGS=1` prints
//! how long each took.

use crate::input::Input;
use crate::options::Options;
use crate::output::report::RunResult;
use crate::output::safe::SafeOut;
use crate::output::staging::{absolute, check_out_dir, Staging};
use crate::output::{app, data, feeds, last_build, onward, prerender, search, sitemap};
use sinmun_model::SiteConfig;
use std::path::Path;
use std::time::Instant;

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
    let mut timer = Timer::from_env();
    let mut warnings = Vec::new();
    let site = Input::open(&opts.posts_dir, &mut warnings)?;
    check_out_dir(&opts.out_dir, &opts.posts_dir)?;
    // The memo of converted posts, unless everything is to be done again.
    let memo = if opts.full {
        None
    } else {
        last_build::beside(&opts.out_dir, "sinmun-posts").ok()
    };
    let mut catalogue = site.read(opts.progress, memo.as_deref())?;
    timer.step("read inputs");
    let mut config = site.site_config(opts.base_path.as_deref());
    site.settle_language(&mut config, &catalogue);
    let (out, staging) = open_output(opts)?;
    // the app and assets first, so that generated files win over same-named ones
    let template = match &opts.app_dir {
        Some(app_dir) => Some(app::copy(&out, app_dir, &config, &mut warnings)?),
        None => None,
    };
    copy_assets(&out, &site, &mut warnings)?;
    timer.step("copy the app and assets");

    catalogue.render_markdown();
    timer.step("render Markdown");
    catalogue.measure_images(&out, &config.base_path);
    timer.step("measure images");
    catalogue.assign_slugs();
    timer.step("assign slugs");
    let bodies_in_pages =
        !opts.bodies_in_data && template.as_deref().is_some_and(prerender::can_fill);
    data::write_articles(&out, &catalogue, bodies_in_pages, opts.fail_after_articles)
        .map_err(io)?;
    timer.step("place articles");
    let aliases = catalogue.claim_aliases();
    data::write_aliases(&out, &aliases).map_err(io)?;
    timer.step("aliases");
    let generated = generated_time();
    let categories = data::write_lists(
        &out,
        &catalogue,
        &config,
        opts.shard_size.max(1),
        &generated,
    )
    .map_err(io)?;
    timer.step("lists");
    if let Some(template) = &template {
        // A site's articles end with share links and onward reading.
        let onward = onward::for_catalogue(&catalogue);
        timer.step("onward reading");
        prerender::write_pages(&out, template, &catalogue, &config, &categories, &onward)
            .map_err(io)?;
        timer.step("prerendered pages");
    }
    feeds::write(&out, &catalogue, &config, &generated).map_err(io)?;
    timer.step("feeds");
    if matches!(site, Input::Jekyll(_)) {
        warn_without_url(&config, &mut warnings);
    }
    sitemap::write(&out, &catalogue, &categories, &config).map_err(io)?;
    timer.step("sitemap");
    let search_memo = last_build::beside(&opts.out_dir, "sinmun-search.bin").ok();
    let memo_file = search_memo.as_deref().map(|path| search::MemoFile {
        path,
        load: !opts.full,
    });
    search::write(&out, &catalogue, &categories, memo_file).map_err(io)?;
    timer.step("search index");

    let report_dir = site.source_dir().unwrap_or(Path::new(""));
    let result = RunResult::new(catalogue, report_dir, warnings);
    timer.step("report");
    let result = commit(staging, out, result, opts)?;
    timer.step("commit");
    Ok(result)
}

fn io(e: std::io::Error) -> String {
    e.to_string()
}

/// `assets/` beside `_posts`, copied as it is.
fn copy_assets(out: &SafeOut, site: &Input, warnings: &mut Vec<String>) -> Result<(), String> {
    let Some(assets) = site.assets_dir() else {
        return Ok(());
    };
    if assets.is_dir() {
        out.mkdir("assets").map_err(io)?;
        out.copy_dir(&assets, "assets", warnings)
            .map_err(|e| format!("copying {}: {e}", assets.display()))?;
    }
    Ok(())
}

fn warn_without_url(config: &SiteConfig, warnings: &mut Vec<String>) {
    if config.url.is_empty() {
        warnings.push(
            "_config.yml has no `url`: sitemap and feed links are site-relative, which most crawlers and feed readers reject".into(),
        );
    }
}

/// Where the run writes: the site built before, updated in place, when the
/// record of its last build says what it holds (and `--full` was not
/// given); else a fresh staging folder.
fn open_output(opts: &Options) -> Result<(SafeOut, Option<Staging>), String> {
    let previous = if opts.full {
        None
    } else {
        last_build::load(&opts.out_dir)
    };
    if let Some(previous) = previous {
        let root =
            absolute(&opts.out_dir).map_err(|e| format!("{}: {e}", opts.out_dir.display()))?;
        return Ok((SafeOut::updating(root, previous), None));
    }
    let staging =
        Staging::create(&opts.out_dir).map_err(|e| format!("cannot create staging folder: {e}"))?;
    Ok((SafeOut::new(staging.dir.clone()), Some(staging)))
}

/// The "commit" step: puts the new site in place (the staging folder swapped
/// in, or an update's changed files renamed over the old ones and stale
/// files removed) and records what it holds, unless a post was unusable and
/// `--keep-going` was not given (then the staging folder or the update's
/// new files are removed on drop and the previous site stays).
fn commit(
    staging: Option<Staging>,
    out: SafeOut,
    mut result: RunResult,
    opts: &Options,
) -> Result<RunResult, String> {
    if result.failed > 0 && !opts.keep_going {
        return Ok(result);
    }
    let cannot = |e: std::io::Error| {
        format!(
            "cannot move the new site into {}: {e}",
            opts.out_dir.display()
        )
    };
    // No record while the folder changes: a run stopped here builds in full next time.
    last_build::forget(&opts.out_dir).map_err(cannot)?;
    let (stamps, changes) = out.finish().map_err(cannot)?;
    if let Some(staging) = staging {
        staging.commit().map_err(cannot)?;
    }
    result.written = true;
    result.changes = changes;
    if let Err(e) = last_build::save(&opts.out_dir, stamps) {
        result.site_warnings.push(format!(
            "cannot record this build, so the next one rebuilds everything: {e}"
        ));
    }
    Ok(result)
}

/// `manifest.generated` and the feeds' date when they have no articles.
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

/// Step timings on stderr when `SINMUN_TIMINGS` is set (like Zola's
/// `log_time`); otherwise nothing, not even a clock read.
struct Timer {
    last: Option<Instant>,
}

impl Timer {
    fn from_env() -> Timer {
        Timer {
            last: std::env::var_os("SINMUN_TIMINGS").map(|_| Instant::now()),
        }
    }

    fn step(&mut self, name: &str) {
        if let Some(last) = self.last {
            eprintln!("{name}: {:.1} ms", last.elapsed().as_secs_f64() * 1000.0);
            self.last = Some(Instant::now());
        }
    }
}
