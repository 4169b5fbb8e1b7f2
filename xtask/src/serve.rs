//! `cargo xtask serve [--port N] [--watch] [POSTS_DIR]`: a site built from
//! Jekyll posts (the bundled sample by default) and served like GitHub Pages.
//! With `--watch` the server (tests/support/server.mjs with watch.mjs) builds
//! it, rebuilds it on each save and reloads the open pages, showing a post's
//! problems on the page: so this only builds the tools and hands them over.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::build::{build_app, build_converter, build_site, SiteOptions};
use crate::run::run;
use crate::{root, Result};

const USAGE: &str = "serve takes [--port N] [--watch] [POSTS_DIR]";

/// What `serve` was asked for.
#[derive(Debug, PartialEq)]
struct ServeArgs {
    port: String,
    watch: bool,
    /// Absolute; relative ones are the caller's (`cargo xtask` keeps its cwd).
    /// Or a feed's URL.
    posts: PathBuf,
}

fn parse(args: &[String], cwd: &Path) -> Result<ServeArgs> {
    let mut parsed = ServeArgs {
        port: "8080".into(),
        watch: false,
        posts: root().join("content/_posts"),
    };
    let mut posts_given = false;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--port" => parsed.port = iter.next().ok_or("--port needs a number")?.clone(),
            "--watch" => parsed.watch = true,
            other if other.starts_with('-') => {
                return Err(format!("unknown option {other} ({USAGE})"))
            }
            // A feed's URL works too (without --watch): the converter reads it.
            dir if !posts_given => {
                parsed.posts = if dir.contains("://") {
                    PathBuf::from(dir)
                } else {
                    cwd.join(dir)
                };
                posts_given = true;
            }
            extra => return Err(format!("unexpected argument {extra} ({USAGE})")),
        }
    }
    if !parsed.port.chars().all(|c| c.is_ascii_digit()) || parsed.port.is_empty() {
        return Err(format!("--port needs a number, not {}", parsed.port));
    }
    Ok(parsed)
}

/// Where the site of `posts` is built: `target/site` for the sample posts
/// (as always), else a folder of its own per posts folder (never one a test
/// uses), so that switching between blogs keeps each one's last build.
fn site_dir(posts: &Path) -> PathBuf {
    let sample = root().join("content/_posts");
    let canonical = posts.canonicalize().unwrap_or_else(|_| posts.to_path_buf());
    if posts == sample || sample.canonicalize().is_ok_and(|s| s == canonical) {
        return root().join("target/site");
    }
    let mut hasher = DefaultHasher::new();
    canonical.hash(&mut hasher);
    let name = canonical
        .parent()
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".into());
    let name: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    root()
        .join("target/serve")
        .join(format!("{name}-{:016x}", hasher.finish()))
}

pub fn serve(args: &[String]) -> Result {
    let cwd = std::env::current_dir().map_err(|e| format!("no working directory: {e}"))?;
    let options = parse(args, &cwd)?;
    let site = site_dir(&options.posts);
    let extra = if options.watch {
        watch_args(&options.posts)?
    } else {
        // Unusable posts are skipped and named (the converter's summary), not fatal.
        build_site(&SiteOptions {
            posts: options.posts.clone(),
            out: site.clone(),
            base_path: "/".into(),
            report: None,
            keep_going: true,
            bodies_in_data: false,
        })?;
        Vec::new()
    };
    let port = &options.port;
    println!("sinmun is at http://127.0.0.1:{port}/  (Ctrl-C stops it)");
    run(Command::new("node")
        .arg(root().join("tests/support/server.mjs"))
        .args(["--root"])
        .arg(&site)
        .args(["--port", port, "--mode", "pages"])
        .args(extra))
}

/// The server's watch options: it builds the site itself (so that the first
/// build's problems show on the page too) and rebuilds it on each save.
fn watch_args(posts: &Path) -> Result<Vec<PathBuf>> {
    let folder = posts.canonicalize().ok().filter(|p| p.is_dir());
    let posts = folder
        .ok_or_else(|| format!("--watch needs a posts folder; {} is none", posts.display()))?;
    let convert = build_converter()?.join("sinmun-convert");
    let app = build_app()?;
    Ok(vec![
        "--watch".into(),
        posts,
        "--convert".into(),
        convert,
        "--app".into(),
        app,
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn defaults_are_the_sample_posts_on_8080_without_watching() {
        let parsed = parse(&[], Path::new("/anywhere")).unwrap();
        assert_eq!(parsed.port, "8080");
        assert!(!parsed.watch);
        assert_eq!(parsed.posts, root().join("content/_posts"));
        assert_eq!(site_dir(&parsed.posts), root().join("target/site"));
    }

    #[test]
    fn posts_dir_is_relative_to_the_callers_cwd() {
        let parsed = parse(
            &args(&["--watch", "blog/_posts", "--port", "18123"]),
            Path::new("/home/me"),
        )
        .unwrap();
        assert!(parsed.watch);
        assert_eq!(parsed.port, "18123");
        assert_eq!(parsed.posts, PathBuf::from("/home/me/blog/_posts"));
        let site = site_dir(&parsed.posts);
        assert!(site.starts_with(root().join("target/serve")), "{site:?}");
        assert!(site.to_string_lossy().contains("blog-"), "{site:?}");
    }

    #[test]
    fn bad_arguments_are_refused() {
        let cwd = Path::new("/");
        assert!(parse(&args(&["--port"]), cwd).is_err());
        assert!(parse(&args(&["--port", "http"]), cwd).is_err());
        assert!(parse(&args(&["--wach"]), cwd).is_err());
        assert!(parse(&args(&["a", "b"]), cwd).is_err());
    }
}
