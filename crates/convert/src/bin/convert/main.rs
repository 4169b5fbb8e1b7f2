//! `sinmun-convert <posts-dir> <out-dir>`: see the crate docs of `sinmun_convert`.

mod stats;

use clap::Parser;
use sinmun_convert::{report, run, Options, DEFAULT_SHARD_SIZE};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Turns a Jekyll `_posts` folder, or a feed (file or URL), into a deployable sinmun site folder.
#[derive(Parser, Debug)]
#[command(name = "sinmun-convert", version, about)]
struct Cli {
    /// The Jekyll `_posts` folder (`../_config.yml` and `../assets` are used if present),
    /// or a feed: an RSS, Atom, JSON Feed or WordPress REST file, or its http(s) URL.
    posts_dir: PathBuf,
    /// The site folder to create or replace (built beside it, swapped in at the end).
    out_dir: PathBuf,
    /// Path the site is served under, e.g. `/blog/` (default: `baseurl` of `_config.yml`, else `/`).
    #[arg(long)]
    base_path: Option<String>,
    /// The built app (Trunk's `dist`): copied into the site root, plus `404.html` and `_redirects`.
    #[arg(long)]
    app_dir: Option<PathBuf>,
    /// Write a JSON report with one entry per source file.
    #[arg(long)]
    report: Option<PathBuf>,
    /// Write the site even if some posts are unusable (exit code 0).
    #[arg(long)]
    keep_going: bool,
    /// Keep each body in its article JSON too, not only in its prerendered page (for other
    /// readers of the data; the site grows by the bodies' size).
    #[arg(long)]
    bodies_in_data: bool,
    /// Rebuild every file. Without it, a site built before into OUT_DIR is updated: only
    /// the files whose content changed are written, and those of deleted posts removed.
    #[arg(long)]
    full: bool,
    /// Summaries per index shard.
    #[arg(long, default_value_t = DEFAULT_SHARD_SIZE as u32, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    shard_size: u32,
    /// No progress bar and no summary unless something went wrong.
    #[arg(long, short)]
    quiet: bool,
    /// Write timing and size figures as JSON (for benchmarks).
    #[arg(long)]
    stats: Option<PathBuf>,
}

#[derive(serde::Serialize)]
struct Stats {
    posts: usize,
    seconds: f64,
    posts_per_second: f64,
    peak_rss_bytes: Option<u64>,
    output_bytes: u64,
    output_files: u64,
}

/// What the run did to the output folder, in one line.
fn written_line(result: &sinmun_convert::RunResult, out: &std::path::Path, seconds: f64) -> String {
    match result.changes {
        Some(c) => format!(
            "updated {}: {} articles; {} files written, {} removed, {} unchanged, in {seconds:.2} s (--full rebuilds all)",
            out.display(),
            result.articles(),
            c.written,
            c.removed,
            c.unchanged
        ),
        None => format!(
            "wrote {} articles to {} in {seconds:.2} s",
            result.articles(),
            out.display()
        ),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let start = Instant::now();
    let opts = Options {
        base_path: cli.base_path.clone(),
        app_dir: cli.app_dir.clone(),
        keep_going: cli.keep_going,
        bodies_in_data: cli.bodies_in_data,
        full: cli.full,
        shard_size: cli.shard_size as usize,
        progress: !cli.quiet && std::io::stderr().is_terminal(),
        ..Options::new(&cli.posts_dir, &cli.out_dir)
    };
    let result = match run(&opts) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("sinmun-convert: error: {e}");
            return ExitCode::from(2);
        }
    };
    let seconds = start.elapsed().as_secs_f64();
    eprint!("{}", report::summary(&result, cli.quiet));
    if result.written {
        if !cli.quiet {
            eprintln!("{}", written_line(&result, &cli.out_dir, seconds));
        }
    } else {
        eprintln!(
            "sinmun-convert: {} unusable post(s): {} left as it was (use --keep-going to write the site anyway)",
            result.failed,
            cli.out_dir.display()
        );
    }
    if let Some(path) = &cli.report {
        let written = serde_json::to_vec_pretty(&result.files)
            .map_err(std::io::Error::other)
            .and_then(|json| std::fs::write(path, json));
        if let Err(e) = written {
            eprintln!(
                "sinmun-convert: cannot write report {}: {e}",
                path.display()
            );
            return ExitCode::from(2);
        }
    }
    if let Some(path) = &cli.stats {
        let (output_bytes, output_files) = if result.written {
            stats::dir_usage(&cli.out_dir)
        } else {
            (0, 0)
        };
        let posts = result.articles();
        let stats = Stats {
            posts,
            seconds,
            posts_per_second: if seconds > 0.0 {
                posts as f64 / seconds
            } else {
                0.0
            },
            peak_rss_bytes: stats::peak_rss_bytes(),
            output_bytes,
            output_files,
        };
        let written = serde_json::to_vec_pretty(&stats)
            .map_err(std::io::Error::other)
            .and_then(|json| std::fs::write(path, json));
        if let Err(e) = written {
            eprintln!("sinmun-convert: cannot write stats {}: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    if result.written {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
