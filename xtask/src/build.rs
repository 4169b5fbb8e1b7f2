//! Building the app bundle, the converter, and whole site folders.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::lazy_files::{add_body_style, add_markdown_module, add_sanitizer};
use crate::run::run;
use crate::tools::ensure_build_tools;
use crate::{root, Result};

/// `/blog` → `/blog/`, `` → `/`.
pub fn normalise_base_path(path: &str) -> String {
    let trimmed = path.trim().trim_matches('/');
    if trimmed.is_empty() {
        "/".into()
    } else {
        format!("/{trimmed}/")
    }
}

/// Build the browser bundle for one base path; returns its folder.
pub fn build_app(base_path: &str) -> Result<PathBuf> {
    ensure_build_tools()?;
    let key = base_path.trim_matches('/').replace('/', "_");
    let dist = root()
        .join("target/app")
        .join(if key.is_empty() { "root" } else { &key });
    run(Command::new("trunk")
        .current_dir(root())
        .args([
            "build",
            "--release",
            "--offline",
            "--public-url",
            base_path,
            "--dist",
        ])
        .arg(&dist))?;
    externalise_loader(&dist)?;
    add_markdown_module(&dist)?;
    add_sanitizer(&dist)?;
    add_body_style(&dist)?;
    precompress(&dist)?;
    Ok(dist)
}

/// `FILE.gz` and `FILE.br` beside each bundle file, for hosts that serve
/// precompressed files (and the test server). The originals stay for hosts
/// that do not.
fn precompress(dist: &Path) -> Result {
    let entries =
        std::fs::read_dir(dist).map_err(|e| format!("cannot list {}: {e}", dist.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if [".wasm", ".js", ".css", ".html", ".svg"]
            .iter()
            .any(|ext| name.ends_with(ext))
        {
            run(Command::new("gzip")
                .args(["-9", "-k", "-f", "-n"])
                .arg(entry.path()))?;
            brotli_file(&entry.path())?;
        }
    }
    Ok(())
}

/// `FILE.br` at the highest quality (11) with a 4 MB window.
fn brotli_file(path: &Path) -> Result {
    let data = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut data.as_slice(), &mut out, &params)
        .map_err(|e| format!("brotli {}: {e}", path.display()))?;
    let mut target = path.as_os_str().to_owned();
    target.push(".br");
    std::fs::write(&target, out).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Trunk starts the app from an inline `<script type="module">`, which the
/// strict Content-Security-Policy in index.html blocks (Trunk issue #288).
/// Move it into its own file, named by a hash of its content, with the early
/// data requests of `src/source/early.js` in front of it.
pub fn externalise_loader(dist: &Path) -> Result {
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index)
        .map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    let open = "<script type=\"module\">";
    let Some(start) = html.find(open) else {
        return Ok(()); // already external
    };
    let body_start = start + open.len();
    let end = html[body_start..]
        .find("</script>")
        .map(|i| body_start + i)
        .ok_or("index.html: unterminated inline module script")?;
    // In front of the loader: the page's early data requests (see the file).
    let early_path = root().join("src/source/early.js");
    let early = std::fs::read_to_string(&early_path)
        .map_err(|e| format!("cannot read {}: {e}", early_path.display()))?;
    // Comment lines stay in the source: they would cost first-load bytes.
    let early: String = early
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .map(|line| format!("{line}\n"))
        .collect();
    let script = format!("{early}{}", html[body_start..end].trim());
    let hash = fnv(script.as_bytes());
    let name = format!("sinmun-start-{hash:016x}.js");
    std::fs::write(dist.join(&name), format!("{script}\n")).map_err(|e| e.to_string())?;
    // Relative src: <base href> makes it work under any base path.
    let tag = format!("<script type=\"module\" src=\"{name}\"></script>");
    let rewritten = format!(
        "{}{}{}",
        &html[..start],
        tag,
        &html[end + "</script>".len()..]
    );
    std::fs::write(&index, rewritten).map_err(|e| e.to_string())
}

/// FNV-1a, for cache-busting file names (not a security hash).
pub fn fnv<'a>(bytes: impl IntoIterator<Item = &'a u8>) -> u64 {
    bytes.into_iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Build the native converter binaries; returns the folder holding them.
pub fn build_converter() -> Result<PathBuf> {
    run(Command::new("cargo").current_dir(root()).args([
        "build",
        "--quiet",
        "--profile",
        "native",
        "-p",
        "sinmun-convert",
        "--bins",
    ]))?;
    Ok(root().join("target/native"))
}

pub struct SiteOptions {
    pub posts: PathBuf,
    pub out: PathBuf,
    pub base_path: String,
    pub report: Option<PathBuf>,
    pub keep_going: bool,
}

/// App bundle + converted posts = one deployable folder.
pub fn build_site(options: &SiteOptions) -> Result {
    let app = build_app(&options.base_path)?;
    let bin = build_converter()?;
    let mut command = Command::new(bin.join("sinmun-convert"));
    command
        .arg(&options.posts)
        .arg(&options.out)
        .args(["--base-path", &options.base_path, "--app-dir"])
        .arg(&app);
    if let Some(report) = &options.report {
        command.arg("--report").arg(report);
    }
    if options.keep_going {
        command.arg("--keep-going");
    }
    run(&mut command)
}

fn absolute(path: &str) -> PathBuf {
    let p = Path::new(path);
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(p))
            .unwrap_or_else(|_| p.to_path_buf())
    }
}

/// `cargo xtask site <posts-dir> <out-dir> [--base-path /x/] [--report file] [--keep-going]`
pub fn site_command(args: &[String]) -> Result {
    let mut positional = Vec::new();
    let mut base_path = "/".to_string();
    let mut report = None;
    let mut keep_going = false;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--base-path" => base_path = iter.next().ok_or("--base-path needs a value")?.clone(),
            "--report" => report = Some(absolute(iter.next().ok_or("--report needs a file")?)),
            "--keep-going" => keep_going = true,
            other if other.starts_with("--") => return Err(format!("unknown option {other}")),
            other => positional.push(other.to_string()),
        }
    }
    let [posts, out] = positional.as_slice() else {
        return Err("usage: cargo xtask site <posts-dir> <out-dir> [--base-path /x/] [--report file] [--keep-going]".into());
    };
    // `cargo run` keeps the caller's working directory, so relative paths are theirs.
    let resolve = absolute;
    build_site(&SiteOptions {
        posts: resolve(posts),
        out: resolve(out),
        base_path: normalise_base_path(&base_path),
        report,
        keep_going,
    })?;
    eprintln!("xtask: site written to {}", resolve(out).display());
    Ok(())
}
