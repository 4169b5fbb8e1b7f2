//! The deploy templates a blog owner copies (`deploy/github-pages.yml`,
//! `deploy/netlify.toml`), run for real so that they cannot drift from what
//! the tests ran: every `run:` step of the workflow and Netlify's build
//! command, each in a folder laid out like a blog's repository (the sample
//! site `content/` as the blog, `.sinmun` a link to this repository, so its
//! `target/` and app bundle are reused), with the variables GitHub and
//! Netlify set. Steps that are actions are checked for what they must say
//! (pinned to a commit, the upload path being the folder the build wrote),
//! and the built sites for what a host needs (`index.html`, an article,
//! `404.html`, `.nojekyll`, every page's `<base href>`). A step the check
//! does not know how to run fails it. Small hand parsers read the subset of
//! YAML and TOML the templates use: xtask takes no YAML or TOML crate.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::run::run;
use crate::{root, Result};

use toml_lite::{Table, Value};
use yaml_lite::Yaml;

/// The base path `actions/configure-pages` gives a project site (no slash at the end).
const PAGES_BASE_PATH: &str = "/myblog";

/// Runs both templates in `target/deploy-check/` and checks the sites they built.
pub fn check() -> Result {
    let started = Instant::now();
    let work = root().join("target/deploy-check");
    // remove_dir_all removes the `.sinmun` links, not what they point to.
    if work.exists() {
        std::fs::remove_dir_all(&work).map_err(io_error("remove", &work))?;
    }
    github_pages(&lay_out_blog(&work.join("github"))?)?;
    netlify(&lay_out_blog(&work.join("netlify"))?)?;
    eprintln!(
        "xtask: deploy templates (GitHub Pages, Netlify) ran and built their sites in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn io_error<'a>(what: &'a str, path: &'a Path) -> impl FnOnce(std::io::Error) -> String + 'a {
    move |e| format!("cannot {what} {}: {e}", path.display())
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(io_error("read", path))
}

/// A blog's repository: the sample Jekyll site, and sinmun beside it in `.sinmun`.
fn lay_out_blog(blog: &Path) -> Result<PathBuf> {
    copy_dir(&root().join("content"), blog)?;
    symlink(&root(), &blog.join(".sinmun"))?;
    Ok(blog.to_path_buf())
}

fn copy_dir(from: &Path, to: &Path) -> Result {
    std::fs::create_dir_all(to).map_err(io_error("create", to))?;
    for entry in std::fs::read_dir(from).map_err(io_error("read", from))? {
        let entry = entry.map_err(io_error("read", from))?;
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        if source.is_dir() {
            copy_dir(&source, &target)?;
        } else {
            std::fs::copy(&source, &target).map_err(io_error("copy", &source))?;
        }
    }
    Ok(())
}

#[cfg(unix)]
fn symlink(original: &Path, link: &Path) -> Result {
    std::os::unix::fs::symlink(original, link).map_err(io_error("link", link))
}

#[cfg(not(unix))]
fn symlink(_original: &Path, link: &Path) -> Result {
    Err(format!(
        "cannot link {}: the deploy check needs symbolic links (Unix)",
        link.display()
    ))
}

// ---------------------------------------------------------------- GitHub Pages

fn github_pages(blog: &Path) -> Result {
    let path = root().join("deploy/github-pages.yml");
    let source = read(&path)?;
    let fail = |e: String| format!("{}: {e}", path.display());
    check_pins(&source).map_err(fail)?;
    let workflow = yaml_lite::parse(&source).map_err(fail)?;
    check_workflow_settings(&workflow).map_err(fail)?;
    let mut walk = Workflow::new(blog, &workflow).map_err(fail)?;
    for (job_name, job) in workflow.get("jobs").map(Yaml::entries).unwrap_or_default() {
        check_job_keys(job_name, job).map_err(fail)?;
        for step in job.get("steps").map(Yaml::items).unwrap_or_default() {
            walk.step(job_name, job, step).map_err(fail)?;
        }
    }
    let site = walk.finish(&workflow).map_err(fail)?;
    check_site(&site, &format!("{PAGES_BASE_PATH}/"), "GitHub Pages")
}

/// Every `uses:` is pinned to a commit, its version in a comment.
fn check_pins(source: &str) -> Result {
    for (index, line) in source.lines().enumerate() {
        let line = line.trim_start().trim_start_matches("- ");
        let Some(value) = line.strip_prefix("uses:") else {
            continue;
        };
        let (uses, comment) = value.split_once('#').unwrap_or((value, ""));
        let pinned = uses
            .trim()
            .split_once('@')
            .is_some_and(|(_, v)| is_commit(v));
        if !pinned || !comment.trim().starts_with('v') {
            return Err(format!(
                "line {}: pin `{}` to a commit, its version in a comment (`@<40 hex digits> # vX.Y.Z`)",
                index + 1,
                uses.trim()
            ));
        }
    }
    Ok(())
}

fn is_commit(version: &str) -> bool {
    version.len() == 40 && version.bytes().all(|b| b.is_ascii_hexdigit())
}

/// What Pages deployments need at the top: permissions, one deployment at a
/// time, and the sinmun to build with.
fn check_workflow_settings(workflow: &Yaml) -> Result {
    let permission = |name| workflow.get("permissions")?.get(name)?.text();
    if permission("pages") != Some("write") || permission("id-token") != Some("write") {
        return Err("the workflow needs `permissions: pages: write, id-token: write`".into());
    }
    if workflow.get("concurrency").is_none() {
        return Err("the workflow needs a `concurrency:` group (one deployment at a time)".into());
    }
    for name in ["SINMUN_REPOSITORY", "SINMUN_REF"] {
        let value = workflow.get("env").and_then(|env| env.get(name)?.text());
        if value.is_none_or(str::is_empty) {
            return Err(format!("the workflow's `env:` needs {name}"));
        }
    }
    Ok(())
}

/// Keys of a job that change how its steps run are not simulated: refuse them.
fn check_job_keys(name: &str, job: &Yaml) -> Result {
    const KNOWN: &[&str] = &[
        "runs-on",
        "needs",
        "environment",
        "permissions",
        "env",
        "steps",
        "timeout-minutes",
    ];
    match job.entries().iter().find(|(key, _)| !KNOWN.contains(&key.as_str())) {
        Some((key, _)) => Err(format!(
            "job `{name}`: the deploy check does not simulate `{key}:` (teach xtask/src/deploy_check.rs)"
        )),
        None => Ok(()),
    }
}

/// The walk through the workflow's steps, in order, with what they left.
struct Workflow<'a> {
    blog: &'a Path,
    /// `${{ … }}` expressions a `run:` step may use, and their values here.
    expressions: BTreeMap<String, String>,
    /// The workflow's `env:`, which every step sees.
    env: Vec<(String, String)>,
    sinmun_checked_out: bool,
    ran: usize,
    /// The uploaded folder and the job that uploads it.
    upload: Option<(String, String)>,
    deploy_job: Option<String>,
}

impl<'a> Workflow<'a> {
    fn new(blog: &'a Path, workflow: &Yaml) -> Result<Workflow<'a>> {
        let env = text_map(workflow.get("env"), "the workflow's env")?;
        let mut expressions: BTreeMap<String, String> = env
            .iter()
            .map(|(key, value)| (format!("env.{key}"), value.clone()))
            .collect();
        expressions.insert("runner.os".into(), "Linux".into());
        expressions.insert("github.workspace".into(), blog.display().to_string());
        Ok(Workflow {
            blog,
            expressions,
            env,
            sinmun_checked_out: false,
            ran: 0,
            upload: None,
            deploy_job: None,
        })
    }

    fn step(&mut self, job_name: &str, job: &Yaml, step: &Yaml) -> Result {
        let name = step.get("name").and_then(Yaml::text).unwrap_or("(unnamed)");
        let uses = step.get("uses").and_then(Yaml::text);
        let script = step.get("run").and_then(Yaml::text);
        match (uses, script) {
            (Some(uses), None) => self
                .action(job_name, step, uses)
                .map_err(|e| format!("step `{name}`: {e}")),
            (None, Some(script)) => self
                .run_step(job, step, script)
                .map_err(|e| format!("step `{name}`: {e}")),
            _ => Err(format!("step `{name}`: needs one of `uses:` or `run:`")),
        }
    }

    /// An action is not run: what it would do here is laid out already, or
    /// checked from its inputs.
    fn action(&mut self, job_name: &str, step: &Yaml, uses: &str) -> Result {
        let action = uses.split_once('@').map_or(uses, |(action, _)| action);
        let with = |key: &str| step.get("with").and_then(|with| with.get(key)?.text());
        match action {
            "actions/checkout" => self.checkout(with("path"), with("repository"), with("ref")),
            "actions/cache" if with("path").is_some() && with("key").is_some() => Ok(()),
            "actions/cache" => Err("a cache needs `path` and `key`".into()),
            "actions/configure-pages" => {
                let id = step.get("id").and_then(Yaml::text);
                let id = id.ok_or("configure-pages needs an `id:` for its output")?;
                let output = format!("steps.{id}.outputs.base_path");
                self.expressions.insert(output, PAGES_BASE_PATH.into());
                Ok(())
            }
            "actions/upload-pages-artifact" => {
                if with("include-hidden-files") != Some("true") {
                    return Err("upload `include-hidden-files: true` (.nojekyll)".into());
                }
                let path = with("path").unwrap_or("_site/").to_string();
                self.upload = Some((path, job_name.to_string()));
                Ok(())
            }
            "actions/deploy-pages" => {
                self.deploy_job = Some(job_name.to_string());
                Ok(())
            }
            _ => Err(format!(
                "the deploy check does not know `{uses}`: say in xtask/src/deploy_check.rs what it does here"
            )),
        }
    }

    /// The blog is checked out at the root; sinmun, at the repository and
    /// ref the workflow names once at the top, into `.sinmun`.
    fn checkout(&mut self, path: Option<&str>, repo: Option<&str>, rev: Option<&str>) -> Result {
        match path {
            None | Some("" | ".") => Ok(()),
            Some(".sinmun") => {
                let named = repo == Some("${{ env.SINMUN_REPOSITORY }}")
                    && rev == Some("${{ env.SINMUN_REF }}");
                if !named {
                    let wanted = "`${{ env.SINMUN_REPOSITORY }}` at `${{ env.SINMUN_REF }}`";
                    return Err(format!("check sinmun out from {wanted}"));
                }
                self.sinmun_checked_out = true;
                Ok(())
            }
            Some(other) => Err(format!(
                "a checkout into `{other}`: the check has the blog at the root, sinmun in .sinmun"
            )),
        }
    }

    /// A `run:` step, run in the blog's folder as GitHub's runner would.
    fn run_step(&mut self, job: &Yaml, step: &Yaml, script: &str) -> Result {
        if let Some((key, _)) = step
            .entries()
            .iter()
            .find(|(key, _)| !["name", "id", "env", "run"].contains(&key.as_str()))
        {
            return Err(format!("the deploy check cannot run a step with `{key}:`"));
        }
        if !self.sinmun_checked_out {
            return Err("runs before sinmun is checked out into .sinmun".into());
        }
        let mut env = self.env.clone();
        env.extend(text_map(job.get("env"), "the job's env")?);
        env.extend(text_map(step.get("env"), "the step's env")?);
        let mut resolved = Vec::new();
        for (key, value) in env {
            resolved.push((key, substitute(&value, &self.expressions)?));
        }
        resolved.extend(runner_variables(self.blog)?);
        let script = substitute(script, &self.expressions)?;
        run(Command::new("bash")
            .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", &script])
            .current_dir(self.blog)
            .envs(resolved))?;
        self.ran += 1;
        Ok(())
    }

    /// Returns the uploaded folder, once the jobs are known to fit together.
    fn finish(self, workflow: &Yaml) -> Result<PathBuf> {
        if self.ran == 0 {
            return Err("no `run:` step builds the site".into());
        }
        let (path, upload_job) = self.upload.ok_or("no upload-pages-artifact step")?;
        let deploy_job = self.deploy_job.ok_or("no deploy-pages step")?;
        let job = workflow.get("jobs").and_then(|jobs| jobs.get(&deploy_job));
        let needs = job.and_then(|job| job.get("needs"));
        let waits = match needs {
            Some(Yaml::Text(one)) => *one == upload_job,
            Some(Yaml::List(all)) => all.iter().any(|j| j.text() == Some(upload_job.as_str())),
            _ => upload_job == deploy_job,
        };
        let environment = job.and_then(|job| job.get("environment")?.get("name")?.text());
        if !waits || environment != Some("github-pages") {
            return Err(format!(
                "job `{deploy_job}` needs `needs: {upload_job}` and `environment: name: github-pages`"
            ));
        }
        Ok(self.blog.join(path))
    }
}

/// A mapping of text values (`env:`), or nothing.
fn text_map(value: Option<&Yaml>, what: &str) -> Result<Vec<(String, String)>> {
    let mut map = Vec::new();
    for (key, value) in value.map(Yaml::entries).unwrap_or_default() {
        let text = value
            .text()
            .ok_or_else(|| format!("{what}: {key} is not text"))?;
        map.push((key.clone(), text.to_string()));
    }
    Ok(map)
}

/// The variables and files GitHub's runner gives every step.
fn runner_variables(blog: &Path) -> Result<Vec<(String, String)>> {
    let temp = blog.with_file_name("runner-temp");
    std::fs::create_dir_all(&temp).map_err(io_error("create", &temp))?;
    let mut vars: Vec<(String, String)> = [
        ("CI", "true".to_string()),
        ("GITHUB_ACTIONS", "true".into()),
        ("GITHUB_WORKSPACE", blog.display().to_string()),
        ("RUNNER_OS", "Linux".into()),
        ("RUNNER_TEMP", temp.display().to_string()),
    ]
    .into_iter()
    .map(|(key, value)| (key.to_string(), value))
    .collect();
    for (key, file) in [
        ("GITHUB_OUTPUT", "output"),
        ("GITHUB_ENV", "env"),
        ("GITHUB_PATH", "path"),
        ("GITHUB_STEP_SUMMARY", "summary.md"),
    ] {
        vars.push((key.into(), temp.join(file).display().to_string()));
    }
    Ok(vars)
}

/// `text` with each `${{ expression }}` replaced by its value here; an
/// expression the check has no value for is an error.
fn substitute(text: &str, known: &BTreeMap<String, String>) -> Result<String> {
    let mut out = String::new();
    let mut rest = text;
    while let Some((before, after)) = rest.split_once("${{") {
        out.push_str(before);
        let (expression, after) = after
            .split_once("}}")
            .ok_or_else(|| format!("unclosed `${{{{` in `{text}`"))?;
        let expression = expression.trim();
        let value = known.get(expression).ok_or_else(|| {
            format!("the deploy check has no value for `${{{{ {expression} }}}}` (teach xtask/src/deploy_check.rs)")
        })?;
        out.push_str(value);
        rest = after;
    }
    out.push_str(rest);
    Ok(out)
}

// ---------------------------------------------------------------- Netlify

fn netlify(blog: &Path) -> Result {
    let path = root().join("deploy/netlify.toml");
    let fail = |e: String| format!("{}: {e}", path.display());
    let config = toml_lite::parse(&read(&path)?).map_err(fail)?;
    let (command, publish) = netlify_build(&config).map_err(fail)?;
    check_headers(&config).map_err(fail)?;
    check_cache_plugin(&config).map_err(fail)?;
    let mut env = Vec::new();
    for (key, value) in table(&config, "build.environment").map_or(&[][..], |t| &t.entries) {
        let Value::Text(text) = value else {
            return Err(fail(format!("[build.environment] {key} is not text")));
        };
        env.push((key.clone(), text.clone()));
    }
    for name in ["SINMUN_REPOSITORY", "SINMUN_REF"] {
        if !env
            .iter()
            .any(|(key, value)| key == name && !value.is_empty())
        {
            return Err(fail(format!("[build.environment] needs {name}")));
        }
    }
    // What Netlify's build sets (a production deploy).
    for (key, value) in [
        ("NETLIFY", "true"),
        ("CONTEXT", "production"),
        ("CI", "true"),
    ] {
        env.push((key.into(), value.into()));
    }
    run(Command::new("bash")
        .args(["-c", &command])
        .current_dir(blog)
        .envs(env))?;
    check_site(&blog.join(publish), "/", "Netlify")
}

fn table<'a>(config: &'a [Table], name: &str) -> Option<&'a Table> {
    config.iter().find(|t| t.name == name)
}

/// `[build]`: its command and publish folder, and nothing the check does not run.
fn netlify_build(config: &[Table]) -> Result<(String, String)> {
    const KNOWN: &[&str] = &[
        "",
        "build",
        "build.environment",
        "headers",
        "headers.values",
        "plugins",
        "plugins.inputs",
    ];
    if let Some(unknown) = config.iter().find(|t| !KNOWN.contains(&t.name.as_str())) {
        return Err(format!(
            "the deploy check does not simulate [{}]",
            unknown.name
        ));
    }
    let build = table(config, "build").ok_or("no [build]")?;
    if let Some((key, _)) = build
        .entries
        .iter()
        .find(|(k, _)| k != "command" && k != "publish")
    {
        return Err(format!("the deploy check does not simulate [build] {key}"));
    }
    match (build.text("command"), build.text("publish")) {
        (Some(command), Some(publish)) => Ok((command.to_string(), publish.to_string())),
        _ => Err("[build] needs `command` and `publish`".into()),
    }
}

/// Widgets on other sites read the site's files: `Access-Control-Allow-Origin: *`.
fn check_headers(config: &[Table]) -> Result {
    let mut path = None;
    for table in config {
        match table.name.as_str() {
            "headers" => path = table.text("for"),
            "headers.values"
                if path == Some("/*") && table.text("Access-Control-Allow-Origin") == Some("*") =>
            {
                return Ok(());
            }
            _ => {}
        }
    }
    Err("[[headers]] for \"/*\" needs Access-Control-Allow-Origin = \"*\"".into())
}

/// The build cache keeps sinmun's `target/` (the app bundle, the converter).
fn check_cache_plugin(config: &[Table]) -> Result {
    let cached = config.iter().any(|t| {
        t.name == "plugins.inputs"
            && matches!(t.get("paths"), Some(Value::List(paths)) if paths.iter().any(|p| p == ".sinmun/target"))
    });
    if cached {
        Ok(())
    } else {
        Err("the cache plugin's paths need \".sinmun/target\"".into())
    }
}

// ---------------------------------------------------------------- the built site

/// What a host needs of the folder a template built: the front page, an
/// article, `404.html`, `.nojekyll`, `_redirects`, and every page's
/// `<base href>` the base path it is served under.
fn check_site(site: &Path, base: &str, host: &str) -> Result {
    for file in [
        "index.html",
        "404.html",
        ".nojekyll",
        "_redirects",
        "config.json",
    ] {
        if !site.join(file).is_file() {
            return Err(format!("{host}: the site {} has no {file}", site.display()));
        }
    }
    let article = first_article(site)
        .ok_or_else(|| format!("{host}: the site {} has no article page", site.display()))?;
    for page in [site.join("index.html"), site.join("404.html"), article] {
        if base_href(&read(&page)?).as_deref() != Some(base) {
            return Err(format!(
                "{host}: {} has no <base href=\"{base}\">",
                page.display()
            ));
        }
    }
    let mut pages = Vec::new();
    html_pages(site, &mut pages)?;
    for page in &pages {
        if let Some(href) = base_href(&read(page)?) {
            if href != base {
                return Err(format!(
                    "{host}: {} has <base href=\"{href}\">, not {base}",
                    page.display()
                ));
            }
        }
    }
    eprintln!(
        "xtask: {host}: {} pages, served under {base}, in {}",
        pages.len(),
        site.display()
    );
    Ok(())
}

fn first_article(site: &Path) -> Option<PathBuf> {
    let posts = std::fs::read_dir(site.join("posts")).ok()?;
    posts
        .flatten()
        .map(|entry| entry.path().join("index.html"))
        .find(|page| page.is_file())
}

fn html_pages(dir: &Path, pages: &mut Vec<PathBuf>) -> Result {
    for entry in std::fs::read_dir(dir).map_err(io_error("read", dir))? {
        let path = entry.map_err(io_error("read", dir))?.path();
        if path.is_dir() {
            html_pages(&path, pages)?;
        } else if path.extension().is_some_and(|e| e == "html") {
            pages.push(path);
        }
    }
    Ok(())
}

/// The `href` of a page's first `<base>` (quoted, or unquoted as minified pages have it).
fn base_href(html: &str) -> Option<String> {
    let (_, tag) = html.split_once("<base")?;
    let (tag, _) = tag.split_once('>')?;
    let (_, value) = tag.split_once("href=")?;
    let value = value.trim_start();
    let href = match value.strip_prefix(['"', '\'']) {
        Some(quoted) => quoted.split(['"', '\'']).next()?,
        None => value.split(char::is_whitespace).next()?,
    };
    Some(href.to_string())
}

/// Quoted text at the start of `raw` (`"…"` with `\` escapes, `'…'` as is,
/// or `''` for a quote when `doubled_quote`); returns it and what follows.
fn quoted(raw: &str, doubled_quote: bool) -> Option<(String, &str)> {
    let mut chars = raw.char_indices();
    let (_, quote) = chars.next()?;
    let mut value = String::new();
    while let Some((at, c)) = chars.next() {
        let rest = raw.get(at + c.len_utf8()..)?;
        if c == quote && doubled_quote && quote == '\'' && rest.starts_with('\'') {
            chars.next();
            value.push('\'');
        } else if c == quote {
            return Some((value, rest));
        } else if c == '\\' && quote == '"' {
            let (_, escaped) = chars.next()?;
            value.push(match escaped {
                'n' => '\n',
                't' => '\t',
                other => other,
            });
        } else {
            value.push(c);
        }
    }
    None
}

/// The YAML the workflow template uses: block mappings and sequences,
/// plain and quoted scalars, `|` and `|-` literal blocks, comments.
mod yaml_lite {
    use crate::Result;

    #[derive(Debug, Clone, PartialEq)]
    pub enum Yaml {
        Text(String),
        List(Vec<Yaml>),
        Map(Vec<(String, Yaml)>),
    }

    impl Yaml {
        pub fn get(&self, key: &str) -> Option<&Yaml> {
            self.entries()
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v)
        }

        pub fn text(&self) -> Option<&str> {
            match self {
                Yaml::Text(text) => Some(text),
                _ => None,
            }
        }

        pub fn entries(&self) -> &[(String, Yaml)] {
            match self {
                Yaml::Map(entries) => entries,
                _ => &[],
            }
        }

        pub fn items(&self) -> &[Yaml] {
            match self {
                Yaml::List(items) => items,
                _ => &[],
            }
        }
    }

    struct Line {
        number: usize,
        indent: usize,
        text: String,
    }

    pub fn parse(source: &str) -> Result<Yaml> {
        let mut lines = Vec::new();
        for (index, raw) in source.lines().enumerate() {
            let text = raw.trim_start_matches(' ');
            if text.starts_with('\t') {
                return Err(format!("line {}: a tab in the indentation", index + 1));
            }
            lines.push(Line {
                number: index + 1,
                indent: raw.len() - text.len(),
                text: text.trim_end().to_string(),
            });
        }
        let mut parser = Parser { lines, pos: 0 };
        parser.skip_blank();
        let value = match parser.current().map(|line| line.indent) {
            Some(indent) => parser.block(indent)?,
            None => Yaml::Map(Vec::new()),
        };
        parser.skip_blank();
        match parser.current() {
            Some(line) => Err(format!(
                "line {}: not where its indentation puts it",
                line.number
            )),
            None => Ok(value),
        }
    }

    fn is_item(text: &str) -> bool {
        text == "-" || text.starts_with("- ")
    }

    /// `key: value` (or `key:`): the key has no spaces and is not quoted.
    fn split_key(text: &str) -> Option<(&str, &str)> {
        let (at, _) = text
            .match_indices(':')
            .find(|(at, _)| matches!(text.as_bytes().get(at + 1), None | Some(b' ')))?;
        let key = text.get(..at)?;
        let plain = !key.is_empty() && !key.starts_with(['"', '\'', '#', '[', '{', '-']);
        (plain && !key.contains(char::is_whitespace)).then_some((key, text.get(at + 1..)?))
    }

    fn scalar(raw: &str, number: usize) -> Result<String> {
        let raw = raw.trim();
        if raw.starts_with(['"', '\'']) {
            let (value, rest) = super::quoted(raw, true)
                .ok_or_else(|| format!("line {number}: a quote is not closed"))?;
            let rest = rest.trim();
            if !rest.is_empty() && !rest.starts_with('#') {
                return Err(format!("line {number}: text after a quoted value"));
            }
            return Ok(value);
        }
        if raw.starts_with('#') {
            return Ok(String::new());
        }
        let plain = raw.split_once(" #").map_or(raw, |(value, _)| value);
        Ok(plain.trim_end().to_string())
    }

    struct Parser {
        lines: Vec<Line>,
        pos: usize,
    }

    impl Parser {
        fn current(&self) -> Option<&Line> {
            self.lines.get(self.pos)
        }

        fn skip_blank(&mut self) {
            while self
                .current()
                .is_some_and(|line| line.text.is_empty() || line.text.starts_with('#'))
            {
                self.pos += 1;
            }
        }

        fn block(&mut self, indent: usize) -> Result<Yaml> {
            if self.current().is_some_and(|line| is_item(&line.text)) {
                self.list(indent)
            } else {
                self.map(indent)
            }
        }

        /// A value on the lines below a `key:` or `-`: a block indented
        /// more than `parent`, or (after a key) a list at its indentation.
        fn nested(&mut self, parent: usize, list_beside: bool) -> Result<Yaml> {
            self.skip_blank();
            match self.current() {
                Some(line) if line.indent > parent => {
                    let indent = line.indent;
                    self.block(indent)
                }
                Some(line) if list_beside && line.indent == parent && is_item(&line.text) => {
                    self.list(parent)
                }
                _ => Ok(Yaml::Text(String::new())),
            }
        }

        fn list(&mut self, indent: usize) -> Result<Yaml> {
            let mut items = Vec::new();
            loop {
                self.skip_blank();
                let Some(line) = self.lines.get_mut(self.pos) else {
                    break;
                };
                if line.indent != indent || !is_item(&line.text) {
                    break;
                }
                let rest = line.text.get(1..).unwrap_or_default().to_string();
                let content = rest.trim_start();
                if content.is_empty() {
                    self.pos += 1;
                    items.push(self.nested(indent, false)?);
                } else if split_key(content).is_some() {
                    // `- key: value` opens a mapping at the key's column.
                    line.indent += 1 + rest.len() - content.len();
                    line.text = content.to_string();
                    let inner = line.indent;
                    items.push(self.map(inner)?);
                } else {
                    let number = line.number;
                    self.pos += 1;
                    items.push(Yaml::Text(scalar(content, number)?));
                }
            }
            Ok(Yaml::List(items))
        }

        fn map(&mut self, indent: usize) -> Result<Yaml> {
            let mut entries = Vec::new();
            loop {
                self.skip_blank();
                let Some(line) = self.current() else { break };
                if line.indent < indent || (line.indent == indent && is_item(&line.text)) {
                    break;
                }
                let number = line.number;
                if line.indent > indent {
                    return Err(format!(
                        "line {number}: indented more than the key before it"
                    ));
                }
                let (key, value) = split_key(&line.text)
                    .map(|(key, value)| (key.to_string(), value.trim().to_string()))
                    .ok_or_else(|| format!("line {number}: expected `key: value`"))?;
                self.pos += 1;
                let value = match value.as_str() {
                    "" => self.nested(indent, true)?,
                    v if v.starts_with('#') => self.nested(indent, true)?,
                    "|" => self.literal(indent, true)?,
                    "|-" => self.literal(indent, false)?,
                    v if v.starts_with(['|', '>', '&', '*', '!']) => {
                        return Err(format!(
                            "line {number}: `{v}` is more YAML than this reader reads"
                        ));
                    }
                    v => Yaml::Text(scalar(v, number)?),
                };
                entries.push((key, value));
            }
            Ok(Yaml::Map(entries))
        }

        /// The lines of a `|` block: indented more than its key, that
        /// indentation removed; a final newline kept unless `|-`.
        fn literal(&mut self, parent: usize, final_newline: bool) -> Result<Yaml> {
            let mut body: Vec<String> = Vec::new();
            let mut indent = None;
            while let Some(line) = self.current() {
                if line.text.is_empty() {
                    body.push(String::new());
                } else if line.indent <= parent {
                    break;
                } else {
                    let first = *indent.get_or_insert(line.indent);
                    if line.indent < first {
                        return Err(format!(
                            "line {}: less indented than its block",
                            line.number
                        ));
                    }
                    body.push(format!("{}{}", " ".repeat(line.indent - first), line.text));
                }
                self.pos += 1;
            }
            while body.last().is_some_and(String::is_empty) {
                body.pop();
            }
            let mut text = body.join("\n");
            if final_newline && !text.is_empty() {
                text.push('\n');
            }
            Ok(Yaml::Text(text))
        }
    }
}

/// The TOML the Netlify template uses: `[table]` and `[[array]]` headers,
/// `key = value` with strings, one-line arrays of strings, other values as
/// they are written, and comments.
mod toml_lite {
    use crate::Result;

    #[derive(Debug, Clone, PartialEq)]
    pub enum Value {
        Text(String),
        List(Vec<String>),
        /// A number, boolean or date, as written.
        Other(String),
    }

    /// One header's keys, in the file's order (`[[headers]]` and the
    /// `[headers.values]` after it are two tables).
    #[derive(Debug, PartialEq)]
    pub struct Table {
        pub name: String,
        pub entries: Vec<(String, Value)>,
    }

    impl Table {
        pub fn get(&self, key: &str) -> Option<&Value> {
            self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
        }

        pub fn text(&self, key: &str) -> Option<&str> {
            match self.get(key) {
                Some(Value::Text(text)) => Some(text),
                _ => None,
            }
        }
    }

    pub fn parse(source: &str) -> Result<Vec<Table>> {
        let mut tables = vec![Table {
            name: String::new(),
            entries: Vec::new(),
        }];
        for (index, raw) in source.lines().enumerate() {
            let line = raw.trim();
            let error = |what: &str| format!("line {}: {what}", index + 1);
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.starts_with('[') {
                let header = line.split_once('#').map_or(line, |(h, _)| h).trim();
                let name = header.trim_start_matches('[').trim_end_matches(']').trim();
                let entries = Vec::new();
                tables.push(Table {
                    name: name.to_string(),
                    entries,
                });
                continue;
            }
            let (key, value) = line
                .split_once('=')
                .ok_or_else(|| error("expected `key = value`"))?;
            let value =
                value_of(value.trim()).ok_or_else(|| error("a value this reader cannot read"))?;
            if let Some(table) = tables.last_mut() {
                table.entries.push((key.trim().to_string(), value));
            }
        }
        Ok(tables)
    }

    fn value_of(raw: &str) -> Option<Value> {
        if raw.starts_with(['"', '\'']) {
            let (text, rest) = super::quoted(raw, false)?;
            return ends_line(rest).then_some(Value::Text(text));
        }
        if let Some(mut rest) = raw.strip_prefix('[') {
            let mut items = Vec::new();
            loop {
                rest = rest.trim_start().trim_start_matches(',').trim_start();
                if let Some(after) = rest.strip_prefix(']') {
                    return ends_line(after).then_some(Value::List(items));
                }
                let (item, after) = super::quoted(rest, false)?;
                items.push(item);
                rest = after;
            }
        }
        let value = raw.split_once('#').map_or(raw, |(value, _)| value).trim();
        (!value.is_empty()).then(|| Value::Other(value.to_string()))
    }

    fn ends_line(rest: &str) -> bool {
        let rest = rest.trim();
        rest.is_empty() || rest.starts_with('#')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORKFLOW: &str = r#"
# a comment
name: demo
on:
  push:
    branches: [main] # trailing comment
env:
  A: "quoted # not a comment"
  B: 'it''s'
jobs:
  build:
    steps:
    - name: first
      uses: actions/checkout@0123456789abcdef0123456789abcdef01234567 # v1.0.0
      with:
        path: .sinmun
    - run: |
        echo one
        # a shell comment

          echo indented
    - name: stripped
      run: |-
        echo two
      env:
        X: ${{ steps.pages.outputs.base_path }}
  deploy:
    needs: [build]
    steps:
      - uses: actions/deploy-pages@0123456789abcdef0123456789abcdef01234567 # v2
"#;

    #[test]
    fn yaml_maps_lists_scalars_and_blocks() {
        let yaml = yaml_lite::parse(WORKFLOW).unwrap();
        assert_eq!(yaml.get("name").and_then(Yaml::text), Some("demo"));
        let branches = yaml
            .get("on")
            .and_then(|on| on.get("push")?.get("branches"));
        assert_eq!(branches.and_then(Yaml::text), Some("[main]"));
        let env = yaml.get("env").unwrap();
        assert_eq!(
            env.get("A").and_then(Yaml::text),
            Some("quoted # not a comment")
        );
        assert_eq!(env.get("B").and_then(Yaml::text), Some("it's"));
        let steps = yaml
            .get("jobs")
            .unwrap()
            .get("build")
            .unwrap()
            .get("steps")
            .unwrap();
        let steps = steps.items();
        assert_eq!(steps.len(), 3);
        assert_eq!(
            steps[0].get("with").and_then(|w| w.get("path")?.text()),
            Some(".sinmun")
        );
        assert_eq!(
            steps[1].get("run").and_then(Yaml::text),
            Some("echo one\n# a shell comment\n\n  echo indented\n")
        );
        assert_eq!(steps[2].get("run").and_then(Yaml::text), Some("echo two"));
        let x = steps[2].get("env").and_then(|env| env.get("X")?.text());
        assert_eq!(x, Some("${{ steps.pages.outputs.base_path }}"));
        let deploy = yaml.get("jobs").unwrap().get("deploy").unwrap();
        assert_eq!(deploy.get("steps").unwrap().items().len(), 1);
    }

    #[test]
    fn yaml_it_cannot_read_is_an_error() {
        for (source, error) in [
            ("a:\n\tb: 1\n", "line 2: a tab"),
            ("a: >\n  folded\n", "line 1: `>`"),
            ("a: 1\n    b: 2\n", "line 2: indented more"),
            ("a: \"open\n", "line 1: a quote"),
            ("- a\nb: 1\n", "line 2"),
        ] {
            let message = yaml_lite::parse(source).unwrap_err();
            assert!(message.contains(error), "{source:?}: {message}");
        }
    }

    #[test]
    fn expressions_are_substituted_or_refused() {
        let known = BTreeMap::from([(
            "steps.pages.outputs.base_path".to_string(),
            "/x".to_string(),
        )]);
        let text = "a ${{ steps.pages.outputs.base_path }} b ${{steps.pages.outputs.base_path}}";
        assert_eq!(substitute(text, &known).unwrap(), "a /x b /x");
        let error = substitute("${{ secrets.TOKEN }}", &known).unwrap_err();
        assert!(error.contains("secrets.TOKEN"), "{error}");
        assert!(substitute("${{ open", &known).is_err());
    }

    #[test]
    fn pins_are_commits_with_versions() {
        let good = "      - uses: actions/x@0123456789abcdef0123456789abcdef01234567 # v1.2.3\n";
        assert!(check_pins(good).is_ok());
        for bad in [
            "  - uses: actions/x@v4\n",
            "    uses: actions/x@0123456789abcdef0123456789abcdef01234567\n",
        ] {
            assert!(check_pins(bad).unwrap_err().contains("line 1"), "{bad}");
        }
    }

    #[test]
    fn toml_tables_strings_and_lists() {
        let source = r#"
# comment
[build]
  command = 'echo "$A" # not a comment' # a comment
  publish = "_site"
[build.environment]
  A = "x\"y"
[[headers]]
  for = "/*"
  [headers.values]
    Access-Control-Allow-Origin = "*"
[[plugins]]
  package = "p"
  [plugins.inputs]
    paths = [".sinmun/target", '/b', ]
    n = 3
"#;
        let tables = toml_lite::parse(source).unwrap();
        let names: Vec<&str> = tables.iter().map(|t| t.name.as_str()).collect();
        let expected = [
            "",
            "build",
            "build.environment",
            "headers",
            "headers.values",
        ];
        assert_eq!(names[..5], expected);
        let build = table(&tables, "build").unwrap();
        assert_eq!(build.text("command"), Some("echo \"$A\" # not a comment"));
        assert_eq!(
            table(&tables, "build.environment").unwrap().text("A"),
            Some("x\"y")
        );
        let inputs = table(&tables, "plugins.inputs").unwrap();
        let paths = vec![".sinmun/target".to_string(), "/b".to_string()];
        assert_eq!(inputs.get("paths"), Some(&Value::List(paths)));
        assert_eq!(inputs.get("n"), Some(&Value::Other("3".into())));
        assert!(check_headers(&tables).is_ok());
        assert!(check_cache_plugin(&tables).is_ok());
        assert!(toml_lite::parse("paths = [\n").is_err());
    }

    #[test]
    fn base_href_quoted_or_not() {
        assert_eq!(
            base_href("<head><base href=\"/a/\"><x>").as_deref(),
            Some("/a/")
        );
        assert_eq!(base_href("<base href=/a/b/>").as_deref(), Some("/a/b/"));
        assert_eq!(
            base_href("<base target=_top href='/'>").as_deref(),
            Some("/")
        );
        assert_eq!(base_href("<p>no base</p>"), None);
    }

    /// The templates themselves: what the check will run and look at.
    #[test]
    fn the_templates_read_as_the_check_expects() {
        let source = read(&root().join("deploy/github-pages.yml")).unwrap();
        check_pins(&source).unwrap();
        let workflow = yaml_lite::parse(&source).unwrap();
        check_workflow_settings(&workflow).unwrap();
        let jobs = workflow.get("jobs").unwrap().entries();
        let scripts: Vec<&str> = jobs
            .iter()
            .flat_map(|(_, job)| job.get("steps").unwrap().items())
            .filter_map(|step| step.get("run").and_then(Yaml::text))
            .collect();
        assert_eq!(scripts.len(), 1, "{scripts:?}");
        assert!(scripts[0].contains(".sinmun/deploy/build-site.sh _posts _site"));
        let netlify =
            toml_lite::parse(&read(&root().join("deploy/netlify.toml")).unwrap()).unwrap();
        let (command, publish) = netlify_build(&netlify).unwrap();
        assert!(command.contains(".sinmun/deploy/build-site.sh _posts _site /"));
        assert_eq!(publish, "_site");
        check_headers(&netlify).unwrap();
        check_cache_plugin(&netlify).unwrap();
    }
}
