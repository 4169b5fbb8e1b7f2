//! Whole-site builds from the same Jekyll posts: sinmun against Hugo (part of
//! `cargo xtask bench`, or alone with `cargo xtask bench --site-only`).
//!
//! Why: a converter's own timer says little to someone choosing a site
//! generator. This times the commands a user types, whole, with
//! `/usr/bin/time` (wall seconds, max RSS), and counts what each writes:
//!
//! - Hugo (Debian's package) with the minimal site in `tests/bench/hugo`,
//!   into an emptied folder; the posts it refuses (it stops the whole build
//!   at the first one) are found by running it, leaving out the file its
//!   error names, and running again, so the list is exactly Hugo's on any
//!   corpus
//! - sinmun warm: `cargo xtask site POSTS OUT -q --keep-going --full` with
//!   the converter and app bundle built, into an emptied folder too (the
//!   compared figure), and then again over that output, as a user rebuilds
//! - sinmun incremental: the same command without `--full` after one post's
//!   title and body changed, on a copy of the posts
//!
//! For `cargo xtask site`, the max RSS `/usr/bin/time` reports is that of the
//! largest single process among cargo, xtask and the converter (Linux keeps
//! the maximum over reaped descendants), not their sum.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::bench::{JEKYLL_BYTES, JEKYLL_SECONDS};
use crate::run::{describe, output};
use crate::{root, Result};

/// The goals: sinmun warm against Hugo, and one changed post.
const GOAL_RATIO: f64 = 0.25;
const GOAL_INCREMENTAL_SECONDS: f64 = 1.0;

/// One timed command and what it left in its output folder.
#[derive(Clone, Copy, Default)]
struct Measure {
    seconds: f64,
    peak_kb: f64,
    files: u64,
    bytes: u64,
}

/// A command's exit, time and memory, with its stderr when captured.
struct Timed {
    ok: bool,
    seconds: f64,
    peak_kb: f64,
    stderr: String,
}

fn bench_dir() -> PathBuf {
    root().join("target/bench")
}

/// Runs `command` under `/usr/bin/time`; `capture` keeps its output (Hugo's
/// error names the post it refuses), else it goes to the terminal.
fn timed(command: &Command, capture: bool) -> Result<Timed> {
    let report = bench_dir().join("time.txt");
    let mut wrapped = Command::new("/usr/bin/time");
    wrapped
        .args(["-f", "%e %M", "-o"])
        .arg(&report)
        .arg(command.get_program())
        .args(command.get_args());
    if let Some(dir) = command.get_current_dir() {
        wrapped.current_dir(dir);
    }
    for (key, value) in command.get_envs() {
        if let Some(value) = value {
            wrapped.env(key, value);
        }
    }
    eprintln!("xtask: $ {}", describe(command));
    let (ok, stderr) = if capture {
        let out = wrapped
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("cannot start `{}`: {e}", describe(command)))?;
        let mut text = String::from_utf8_lossy(&out.stderr).to_string();
        text.push_str(&String::from_utf8_lossy(&out.stdout));
        (out.status.success(), text)
    } else {
        let status = wrapped
            .status()
            .map_err(|e| format!("cannot start `{}`: {e}", describe(command)))?;
        (status.success(), String::new())
    };
    let text = fs::read_to_string(&report).map_err(|e| format!("no /usr/bin/time report: {e}"))?;
    // On failure, time writes "Command exited with non-zero status N" first.
    let mut numbers = text
        .lines()
        .last()
        .unwrap_or_default()
        .split_whitespace()
        .map(|n| n.parse::<f64>().unwrap_or(f64::NAN));
    Ok(Timed {
        ok,
        seconds: numbers.next().unwrap_or(f64::NAN),
        peak_kb: numbers.next().unwrap_or(f64::NAN),
        stderr,
    })
}

/// Files and bytes under `dir` (regular files; links are not followed).
fn tree_size(dir: &Path) -> (u64, u64) {
    let (mut files, mut bytes) = (0, 0);
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let Ok(meta) = fs::symlink_metadata(entry.path()) else {
                continue;
            };
            if meta.is_dir() {
                stack.push(entry.path());
            } else if meta.is_file() {
                files += 1;
                bytes += meta.len();
            }
        }
    }
    (files, bytes)
}

/// Copies the files below `from` that `keep` accepts (by name) to the same
/// place below `to`; a fresh copy, never a link: the bench edits its copy,
/// never the corpus. Returns how many it copied.
fn copy_tree(from: &Path, to: &Path, keep: fn(&str) -> bool) -> Result<u64> {
    fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let mut copied = 0;
    for entry in fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        let meta = fs::metadata(&source).map_err(|e| e.to_string())?;
        if meta.is_dir() {
            copied += copy_tree(&source, &target, keep)?;
        } else if meta.is_file() && keep(&entry.file_name().to_string_lossy()) {
            fs::copy(&source, &target)
                .map_err(|e| format!("cannot copy {}: {e}", source.display()))?;
            copied += 1;
        }
    }
    Ok(copied)
}

/// Jekyll's name of a post, `YYYY-MM-DD-title.ext` (it reads no other file
/// in `_posts`; Hugo would build any, so it gets only these).
fn is_post_name(name: &str) -> bool {
    let mut parts = name.splitn(4, '-');
    let numeric = |part: Option<&str>, widths: std::ops::RangeInclusive<usize>| {
        part.is_some_and(|p| widths.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
    };
    numeric(parts.next(), 2..=4)
        && numeric(parts.next(), 1..=2)
        && numeric(parts.next(), 1..=2)
        && parts
            .next()
            .and_then(|rest| rest.rsplit_once('.'))
            .is_some_and(|(title, ext)| !title.is_empty() && !ext.is_empty())
}

/// Removes `dir` if it is there, so the next run starts from nothing.
fn remove_dir(dir: &Path) -> Result {
    match fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(format!("cannot remove {}: {e}", dir.display()))
        }
        _ => Ok(()),
    }
}

/// The whole comparison; the JSON object for the report, or None when the
/// corpus is missing.
pub fn site_bench(corpus: &Path, quick: bool) -> Result<Option<String>> {
    if !corpus.is_dir() {
        eprintln!(
            "xtask: {} is missing; skipping the site build benchmark",
            corpus.display()
        );
        return Ok(None);
    }
    crate::tools::ensure_apt_packages(&[("/usr/bin/hugo", "hugo"), ("/usr/bin/time", "time")])?;
    fs::create_dir_all(bench_dir()).map_err(|e| e.to_string())?;
    // Warm means built: the timed runs below only check that they are.
    crate::build::build_converter()?;
    crate::build::build_app()?;
    let hugo = hugo_bench(corpus, quick)?;
    let warm = sinmun_warm(corpus, quick)?;
    let incremental = sinmun_incremental(corpus)?;
    let results = Results {
        hugo,
        warm,
        incremental,
    };
    print_table(&results);
    let json = results.json();
    let path = bench_dir().join("site-build.json");
    fs::write(&path, format!("{json}\n")).map_err(|e| e.to_string())?;
    println!("written: {}", path.display());
    Ok(Some(json))
}

/// Hugo's figures and the posts it refused.
struct HugoRun {
    version: String,
    posts: u64,
    refused: Vec<(String, String)>,
    measure: Measure,
}

struct Results {
    hugo: HugoRun,
    warm: SinmunRun,
    incremental: Measure,
}

/// The Hugo build: its content folder, the posts it refuses, the run.
fn hugo_bench(corpus: &Path, quick: bool) -> Result<HugoRun> {
    let site = bench_dir().join("hugo-site");
    let content = site.join("content");
    remove_dir(&content)?;
    let posts = copy_tree(corpus, &content.join("posts"), is_post_name)?;
    // Hugo echoes the content path as given: give it the real one.
    let content = content.canonicalize().map_err(|e| e.to_string())?;
    let out = bench_dir().join("hugo-out");
    let (refused, last) = hugo_refusals(&site, &content, &out, posts)?;
    let run = if quick {
        // The run that succeeded was a whole build: it is the measure.
        last
    } else {
        // That run warmed up the page cache and Hugo; now the measured one.
        remove_dir(&out)?;
        let run = timed(&hugo_command(&site, &content, &out), true)?;
        if !run.ok {
            return Err(format!("hugo failed:\n{}", run.stderr));
        }
        run
    };
    let version = output("hugo", &["version"]).unwrap_or_default();
    Ok(HugoRun {
        version: version.split_whitespace().nth(1).unwrap_or("?").into(),
        posts,
        refused,
        measure: measured(&run, &out),
    })
}

/// `hugo` over `content` into an emptied `out`, with the repository's site;
/// its caches and lock file go under `site` (target/), not the repository.
fn hugo_command(site: &Path, content: &Path, out: &Path) -> Command {
    let mut command = Command::new("hugo");
    command
        .args(["--quiet", "--noBuildLock", "-s"])
        .arg(root().join("tests/bench/hugo"))
        .arg("--contentDir")
        .arg(content)
        .arg("-d")
        .arg(out)
        .arg("--cacheDir")
        .arg(site.join("cache"))
        .env("HUGO_RESOURCEDIR", site.join("resources"));
    command
}

/// Runs Hugo until it builds: each failure that names a post under
/// `content` takes that post out (moved to `site/refused`). Returns the
/// refused posts with Hugo's reason, and the successful run.
fn hugo_refusals(
    site: &Path,
    content: &Path,
    out: &Path,
    posts: u64,
) -> Result<(Vec<(String, String)>, Timed)> {
    let aside = site.join("refused");
    remove_dir(&aside)?;
    fs::create_dir_all(&aside).map_err(|e| e.to_string())?;
    let mut refused = Vec::new();
    loop {
        remove_dir(out)?;
        let run = timed(&hugo_command(site, content, out), true)?;
        if run.ok {
            let list: String = refused.iter().map(|(f, r)| format!("{f}: {r}\n")).collect();
            fs::write(bench_dir().join("hugo-refused.txt"), list).map_err(|e| e.to_string())?;
            return Ok((refused, run));
        }
        let (post, reason) = refused_post(&run.stderr, content)
            .ok_or_else(|| format!("hugo failed, naming no post it refuses:\n{}", run.stderr))?;
        if refused.len() as u64 >= posts {
            return Err(format!("hugo refused every post; last:\n{}", run.stderr));
        }
        let name = post.strip_prefix(content).unwrap_or(&post);
        let target = aside.join(name.to_string_lossy().replace('/', "__"));
        fs::rename(&post, &target).map_err(|e| e.to_string())?;
        refused.push((name.to_string_lossy().to_string(), reason));
    }
}

/// The post a Hugo error names, as `"<content>/posts/x.md:3:1": reason`
/// (or without line and column), if it is a file under `content`.
fn refused_post(stderr: &str, content: &Path) -> Option<(PathBuf, String)> {
    let prefix = content.to_string_lossy().to_string();
    let start = stderr.find(&prefix)?;
    let rest = stderr.get(start..)?;
    let end = rest.find(['"', '\n']).unwrap_or(rest.len());
    let mut named = rest.get(..end)?;
    // Strip ":line:col" while what is left is no file.
    while !Path::new(named).is_file() {
        let (head, tail) = named.rsplit_once(':')?;
        if tail.is_empty() || !tail.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        named = head;
    }
    let reason = rest
        .get(end..)
        .unwrap_or_default()
        .trim_start_matches(['"', ':', ' '])
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    Some((PathBuf::from(named), reason))
}

/// `cargo xtask site` with `args`, timed, from the repository root; run
/// again (twice at most) when it compiled something (the checkout changed
/// under it), so the figure is a build's, not a compiler's.
fn xtask_site(args: &[&str]) -> Result<Timed> {
    let mut command = Command::new("cargo");
    command
        .current_dir(root())
        .args(["xtask", "site"])
        .args(args);
    let once = || match timed(&command, false) {
        Ok(run) if run.ok => Ok(run),
        Ok(_) => Err(format!("`{}` failed", describe(&command))),
        Err(e) => Err(e),
    };
    let mut before = built_stamps();
    let mut run = once()?;
    for _ in 0..2 {
        let after = built_stamps();
        if after == before {
            break;
        }
        eprintln!("xtask: that run rebuilt xtask, the converter or the app; timing it again");
        before = after;
        run = once()?;
    }
    Ok(run)
}

/// When xtask, the converter and the app bundle were last built.
fn built_stamps() -> Vec<Option<std::time::SystemTime>> {
    [
        "target/debug/xtask",
        "target/native/sinmun-convert",
        "target/app/bundle.json",
    ]
    .iter()
    .map(|f| fs::metadata(root().join(f)).and_then(|m| m.modified()).ok())
    .collect()
}

fn path_arg(path: &Path) -> String {
    path.to_string_lossy().to_string()
}

/// The warm build, the same over its own output (unless quick), and how
/// many article pages it wrote.
struct SinmunRun {
    measure: Measure,
    over_last: Option<Measure>,
    articles: u64,
    full_flag: bool,
}

/// Whether the converter knows `--full` (rebuild ignoring the last build's
/// cache); a converter from before it has no cache to ignore.
fn converter_has_full() -> bool {
    let bin = root().join("target/native/sinmun-convert");
    output(&bin.to_string_lossy(), &["--help"]).is_some_and(|help| help.contains("--full"))
}

/// sinmun as the user runs it, with its converter and app bundle built,
/// into an emptied folder like Hugo: a warm-up run (unless quick), the
/// measured one, then (unless quick) the same over that output, which
/// `--full` replaces.
fn sinmun_warm(corpus: &Path, quick: bool) -> Result<SinmunRun> {
    let out = bench_dir().join("sinmun-warm");
    let (corpus_arg, out_arg) = (path_arg(corpus), path_arg(&out));
    let mut args = vec![corpus_arg.as_str(), out_arg.as_str(), "-q", "--keep-going"];
    let full_flag = converter_has_full();
    if full_flag {
        args.push("--full");
    } else {
        eprintln!("xtask: sinmun-convert has no --full yet; timing without it");
    }
    if !quick {
        remove_dir(&out)?;
        xtask_site(&args)?;
    }
    remove_dir(&out)?;
    let measure = measured(&xtask_site(&args)?, &out);
    let articles = fs::read_dir(out.join("posts"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().join("index.html").is_file())
        .count() as u64;
    let over_last = if quick {
        None
    } else {
        Some(measured(&xtask_site(&args)?, &out))
    };
    Ok(SinmunRun {
        measure,
        over_last,
        articles,
        full_flag,
    })
}

/// A run's time and memory with the size of what `out` holds after it.
fn measured(run: &Timed, out: &Path) -> Measure {
    let (files, bytes) = tree_size(out);
    Measure {
        seconds: run.seconds,
        peak_kb: run.peak_kb,
        files,
        bytes,
    }
}

/// A copy of the posts built once, one post changed (title and a sentence
/// at the end of its body), the measured rebuild, the post put back.
fn sinmun_incremental(corpus: &Path) -> Result<Measure> {
    let copy = bench_dir().join("kn-posts");
    remove_dir(&copy)?;
    let posts = copy.join("_posts");
    copy_tree(corpus, &posts, |_| true)?;
    if let Some(config) = corpus.parent().map(|p| p.join("_config.yml")) {
        if config.is_file() {
            fs::copy(&config, copy.join("_config.yml")).map_err(|e| e.to_string())?;
        }
    }
    let out = bench_dir().join("sinmun-incr");
    let (posts_arg, out_arg) = (path_arg(&posts), path_arg(&out));
    let args = [posts_arg.as_str(), out_arg.as_str(), "-q", "--keep-going"];
    xtask_site(&args)?;
    let edited = EditedPost::new(&posts)?;
    eprintln!("xtask: changed {}", edited.path.display());
    let run = xtask_site(&args);
    drop(edited);
    Ok(measured(&run?, &out))
}

/// One post changed on disk; put back as it was when dropped.
struct EditedPost {
    path: PathBuf,
    original: Vec<u8>,
}

impl EditedPost {
    /// The newest post whose title is a one-line scalar: the title gets a
    /// suffix and the body a sentence.
    fn new(posts: &Path) -> Result<Self> {
        let mut names: Vec<PathBuf> = fs::read_dir(posts)
            .map_err(|e| e.to_string())?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "md" || x == "markdown"))
            .collect();
        names.sort();
        for path in names.iter().rev() {
            let Ok(text) = fs::read_to_string(path) else {
                continue;
            };
            if let Some(changed) = edit_post(&text) {
                fs::write(path, changed).map_err(|e| e.to_string())?;
                return Ok(Self {
                    path: path.clone(),
                    original: text.into_bytes(),
                });
            }
        }
        Err(format!(
            "no post in {} has a one-line title",
            posts.display()
        ))
    }
}

impl Drop for EditedPost {
    fn drop(&mut self) {
        if let Err(e) = fs::write(&self.path, &self.original) {
            eprintln!("xtask: cannot restore {}: {e}", self.path.display());
        }
    }
}

/// The post with " (수정)" added to its title and a sentence to its body, or
/// None when its front matter has no one-line title this can change safely.
fn edit_post(text: &str) -> Option<String> {
    let front = text.strip_prefix("---\n")?;
    let end = front.find("\n---")?;
    let mut out = String::from("---\n");
    let mut changed = false;
    for line in front.get(..end)?.split('\n') {
        match line.strip_prefix("title:").map(str::trim) {
            Some(value) if !changed => {
                out.push_str(&format!("title: {}\n", edited_title(value)?));
                changed = true;
            }
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out.push_str(front.get(end + 1..)?.trim_end());
    out.push_str("\n\n벤치마크가 이 기사에 덧붙인 문장입니다.\n");
    changed.then_some(out)
}

/// A plain or quoted one-line YAML title with the suffix inside it.
fn edited_title(value: &str) -> Option<String> {
    const SUFFIX: &str = " (수정)";
    let first = value.chars().next()?;
    for quote in ['"', '\''] {
        if first == quote {
            let inner = value.strip_prefix(quote)?.strip_suffix(quote)?;
            return Some(format!("{quote}{inner}{SUFFIX}{quote}"));
        }
    }
    let plain = !"[{>|&*!%@`#".contains(first) && !value.contains(" #");
    plain.then(|| format!("{value}{SUFFIX}"))
}

fn mb(bytes: f64) -> f64 {
    bytes / 1e6
}

fn met(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "NOT met"
    }
}

impl Results {
    fn time_ratio(&self) -> f64 {
        self.warm.measure.seconds / self.hugo.measure.seconds
    }

    fn memory_ratio(&self) -> f64 {
        self.warm.measure.peak_kb / self.hugo.measure.peak_kb
    }

    fn json(&self) -> String {
        let m = |m: &Measure| {
            format!(
                "{{\"seconds\": {:.3}, \"peak_rss_mb\": {:.1}, \"files\": {}, \"bytes\": {}}}",
                m.seconds,
                m.peak_kb / 1e3,
                m.files,
                m.bytes
            )
        };
        let mut json = format!(
            "{{\"hugo\": {{\"version\": \"{}\", \"posts\": {}, \"refused\": {}, \"run\": {}}}",
            self.hugo.version,
            self.hugo.posts,
            self.hugo.refused.len(),
            m(&self.hugo.measure)
        );
        let _ = write!(
            json,
            ", \"sinmun_warm\": {}, \"sinmun_warm_over_last_output\": {}, \"sinmun_warm_full_flag\": {}, \"sinmun_articles\": {}, \"sinmun_incremental\": {}",
            m(&self.warm.measure),
            self.warm.over_last.as_ref().map_or("null".into(), m),
            self.warm.full_flag,
            self.warm.articles,
            m(&self.incremental)
        );
        let _ = write!(
            json,
            ", \"jekyll\": {{\"seconds\": {JEKYLL_SECONDS}, \"bytes\": {JEKYLL_BYTES}}}, \"time_ratio\": {:.3}, \"memory_ratio\": {:.3}}}",
            self.time_ratio(),
            self.memory_ratio()
        );
        json
    }
}

/// The table against Hugo, the goals, and what Hugo refused.
fn print_table(r: &Results) {
    let hugo = r.hugo.measure;
    println!(
        "\nSite build from the same posts ({} posts; wall time and max RSS by /usr/bin/time)",
        r.hugo.posts
    );
    println!(
        "{:<34} {:>8} {:>8} {:>7} {:>10} {:>12}",
        "tool", "seconds", "peak MB", "files", "MB written", "vs Hugo t/m"
    );
    let row = |name: &str, m: &Measure| {
        println!(
            "{name:<34} {:>8.2} {:>8.0} {:>7} {:>10.1} {:>5.2} / {:>4.2}",
            m.seconds,
            m.peak_kb / 1e3,
            m.files,
            mb(m.bytes as f64),
            m.seconds / hugo.seconds,
            m.peak_kb / hugo.peak_kb
        );
    };
    row(&format!("Hugo {}", r.hugo.version), &hugo);
    let full = if r.warm.full_flag { " --full" } else { "" };
    row(&format!("sinmun warm (site{full})"), &r.warm.measure);
    if let Some(over) = &r.warm.over_last {
        row("  same, over its last output", over);
    }
    row("sinmun incremental (1 post changed)", &r.incremental);
    println!(
        "{:<34} {:>8.0} {:>8} {:>7} {:>10.0} {:>5.1} / -  (recorded, 34 posts dropped)",
        "Jekyll 4.3.1",
        JEKYLL_SECONDS,
        "-",
        "-",
        mb(JEKYLL_BYTES),
        JEKYLL_SECONDS / hugo.seconds
    );
    let (t, m, i) = (r.time_ratio(), r.memory_ratio(), r.incremental.seconds);
    println!("goals: sinmun warm time / Hugo {t:.3} (<= {GOAL_RATIO}: {}), peak memory / Hugo {m:.3} (<= {GOAL_RATIO}: {}), incremental {i:.2} s (<= {GOAL_INCREMENTAL_SECONDS} s: {})",
        met(t <= GOAL_RATIO), met(m <= GOAL_RATIO), met(i <= GOAL_INCREMENTAL_SECONDS));
    println!(
        "Hugo refused {} of {} posts and stops the whole build at each, so they are left out of \
         its build (list: target/bench/hugo-refused.txt); sinmun wrote {} article pages",
        r.hugo.refused.len(),
        r.hugo.posts,
        r.warm.articles
    );
    println!("peak MB of sinmun: the largest of cargo, xtask and sinmun-convert, not their sum");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hugo_error_names_the_refused_post() {
        let dir = tempfile::tempdir().unwrap();
        let post = dir.path().join("posts/2024-06-27-433.md");
        fs::create_dir_all(post.parent().unwrap()).unwrap();
        fs::write(&post, "---\n").unwrap();
        let error = format!(
            "Error: Error building site: \"{}:3:1\": failed to unmarshal YAML: yaml: line 3\n",
            post.display()
        );
        let (named, reason) = refused_post(&error, dir.path()).unwrap();
        assert_eq!(named, post);
        assert_eq!(reason, "failed to unmarshal YAML: yaml: line 3");
        let bare = format!("\"{}\": did not find expected key", post.display());
        assert_eq!(refused_post(&bare, dir.path()).unwrap().0, post);
        assert!(refused_post("Error: template: list.html:3: bad", dir.path()).is_none());
    }

    #[test]
    fn posts_are_named_as_jekyll_names_them() {
        assert!(is_post_name("2024-06-12-10.md"));
        assert!(is_post_name("2024-6-1-a-b.html"));
        assert!(!is_post_name(".DS_Store"));
        assert!(!is_post_name("2024-06-12.md"));
        assert!(!is_post_name("2024-06-12-notes"));
        assert!(!is_post_name("draft-06-12-x.md"));
    }

    #[test]
    fn a_post_gets_a_new_title_and_a_sentence() {
        let post = "---\ntitle: 라배도 여객선\ncategories:\n  - News\n---\n\nBody.\n";
        let edited = edit_post(post).unwrap();
        assert!(
            edited.starts_with("---\ntitle: 라배도 여객선 (수정)\ncategories:\n  - News\n---\n")
        );
        assert!(edited.ends_with("Body.\n\n벤치마크가 이 기사에 덧붙인 문장입니다.\n"));
        assert_eq!(edited_title("\"a: b\"").as_deref(), Some("\"a: b (수정)\""));
        assert_eq!(edited_title(">"), None);
        assert_eq!(edit_post("no front matter"), None);
    }
}
