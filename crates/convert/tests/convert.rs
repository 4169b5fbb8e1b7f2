//! End-to-end tests of `sinmun_convert::run` on real and hostile inputs.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use sinmun_convert::input::jekyll::{permalink::permalink_style, post, SiteSettings};
use sinmun_convert::report::Status;
use sinmun_convert::{run, Options, RunResult};
use sinmun_model::{AliasShard, Article, IndexShard, Manifest, SiteConfig};
use std::fs;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn read_json<T: serde::de::DeserializeOwned>(p: &Path) -> T {
    let data = fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    serde_json::from_slice(&data).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// A site folder `<tmp>/src` with `_posts` holding `posts` (name, content).
fn site_with(posts: &[(&str, &[u8])], config: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("src/_posts");
    fs::create_dir_all(&p).unwrap();
    for (name, content) in posts {
        fs::write(p.join(name), content).unwrap();
    }
    if let Some(c) = config {
        fs::write(dir.path().join("src/_config.yml"), c).unwrap();
    }
    dir
}

fn all_files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            }
            out.push(e.path());
        }
    }
    out.sort();
    out
}

#[test]
fn golden_real_posts() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let opts = Options::new(fixtures().join("koreanews/_posts"), &out);
    let r = run(&opts).unwrap();
    assert!(r.written);
    assert_eq!(
        (r.converted, r.recovered, r.skipped, r.failed),
        (2, 2, 0, 0)
    );
    let statuses: Vec<(String, Status)> = r
        .files
        .iter()
        .map(|f| (f.file.rsplit('/').next().unwrap().to_string(), f.status))
        .collect();
    assert_eq!(
        statuses,
        vec![
            ("2024-06-12-10.md".to_string(), Status::Converted),
            ("2024-06-27-433.md".to_string(), Status::Recovered),
            ("2024-07-01-966.md".to_string(), Status::Recovered),
            ("2024-07-20-2972.md".to_string(), Status::Converted),
        ]
    );
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    for slug in ["10", "433", "966", "2972"] {
        let got = fs::read(out.join(format!("data/articles/{slug}.json"))).unwrap();
        let got: serde_json::Value = serde_json::from_slice(&got).unwrap();
        let pretty = serde_json::to_string_pretty(&got).unwrap() + "\n";
        let golden = fixtures().join(format!("golden/{slug}.json"));
        if update {
            fs::write(&golden, &pretty).unwrap();
        }
        let want = fs::read_to_string(&golden)
            .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_GOLDEN=1)", golden.display()));
        assert_eq!(
            pretty,
            want,
            "article {slug} differs from {}",
            golden.display()
        );
    }
    let config: SiteConfig = read_json(&out.join("config.json"));
    assert_eq!(config.title, "KoreaNews");
    assert_eq!(config.page_size, 3);
    assert_eq!(config.base_path, "/");
    assert_eq!(config.source, "data/manifest.json");
    let manifest: Manifest = read_json(&out.join("data/manifest.json"));
    assert_eq!(manifest.total, 4);
    let shard: IndexShard = read_json(&out.join("data/index/0.json"));
    let order: Vec<&str> = shard.items.iter().map(|s| s.slug.as_str()).collect();
    assert_eq!(order, vec!["2972", "966", "433", "10"]);
    assert_eq!(
        shard.items.last().unwrap().thumbnail.as_deref(),
        Some("https://picsum.photos/2560/600?image=733"),
        "feature_image wins as thumbnail"
    );
    let alias = "news/2024/06/12/10";
    let bucket: AliasShard = read_json(&out.join(format!(
        "data/{}",
        sinmun_model::alias_shard_path(sinmun_model::alias_bucket(alias))
    )));
    assert_eq!(bucket.aliases.get(alias).map(String::as_str), Some("10"));
    let feed: serde_json::Value = read_json(&out.join("feed.json"));
    assert_eq!(feed["items"].as_array().unwrap().len(), 4);
    assert_eq!(
        feed["items"][0]["url"],
        "https://koreanews.github.io/posts/2972/"
    );
    let sitemap = fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://koreanews.github.io/posts/10/</loc>"));
    assert!(fs::read_to_string(out.join("atom.xml"))
        .unwrap()
        .contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
}

#[test]
fn whole_koreanews_corpus() {
    let corpus =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/koreanews/_posts");
    if !corpus.is_dir() {
        eprintln!(
            "\n\n!!!!! NOTE: {} is absent: the whole-corpus test did NOT run !!!!!\n\n",
            corpus.display()
        );
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let r: RunResult = run(&Options::new(&corpus, &out)).unwrap();
    assert!(r.written);
    assert_eq!(r.failed, 0, "no post may be lost");
    assert_eq!(r.articles(), 7478, "every post converted or recovered");
    assert_eq!(r.recovered, 34, "exactly the 34 posts Jekyll 4.3 drops");
    assert_eq!(r.skipped, 1);
    let ds = r
        .files
        .iter()
        .find(|f| f.file.ends_with(".DS_Store"))
        .unwrap();
    assert_eq!(ds.status, Status::Skipped);
    for f in r.files.iter().filter(|f| f.status == Status::Recovered) {
        assert!(
            f.messages.iter().any(|m| m.line.is_some()),
            "{}: recovery without line",
            f.file
        );
    }
    let manifest: Manifest = read_json(&out.join("data/manifest.json"));
    assert_eq!(manifest.total, 7478);
    let articles = fs::read_dir(out.join("data/articles")).unwrap().count();
    assert_eq!(articles, 7478);
}

#[test]
fn duplicate_slugs_are_numbered_by_date_then_path() {
    let post = |title: &str| format!("---\ntitle: {title}\n---\nbody\n");
    let (a, b, c, d) = (post("A"), post("B"), post("C"), post("D"));
    let site = site_with(
        &[
            ("2024-06-13-hello.md", a.as_bytes()),
            ("2024-06-12-Hello.md", b.as_bytes()),
            ("2024-06-14-hello.html", c.as_bytes()),
            ("2024-06-11-hello-2.md", d.as_bytes()),
        ],
        None,
    );
    let out = site.path().join("out");
    let r = run(&Options::new(site.path().join("src/_posts"), &out)).unwrap();
    let slug_of = |title: &str| {
        r.files
            .iter()
            .find(|f| f.title.as_deref() == Some(title))
            .and_then(|f| f.path.clone())
            .unwrap()
    };
    assert_eq!(slug_of("D"), "posts/hello-2/");
    assert_eq!(slug_of("B"), "posts/hello/");
    assert_eq!(slug_of("A"), "posts/hello-3/");
    assert_eq!(slug_of("C"), "posts/hello-4/");
    for slug in ["hello", "hello-2", "hello-3", "hello-4"] {
        let a: Article = read_json(&out.join(format!("data/articles/{slug}.json")));
        assert_eq!(a.slug, slug);
    }
    assert!(!out.join("data/articles/.pending").exists());
    let warned = r
        .files
        .iter()
        .filter(|f| {
            f.messages
                .iter()
                .any(|m| m.message.contains("already used"))
        })
        .count();
    assert_eq!(warned, 2);
}

#[test]
fn hostile_names_and_permalinks_stay_inside() {
    let long = format!("2024-06-12-{}.md", "가".repeat(80));
    let posts: Vec<(String, String)> = vec![
        ("2024-06-12-con.md".into(), "---\ntitle: c\npermalink: ../../x\n---\n".into()),
        ("2024-06-12-nul.html".into(), "---\ntitle: n\npermalink: /etc/passwd\n---\n".into()),
        ("2024-06-12-...md".into(), "---\ntitle: d\npermalink: a/../../b\n---\n".into()),
        (
            "2024-06-12-x.md".into(),
            "---\ntitle: x\npermalink: \"a\\0b/../../../../tmp/evil\"\ncategories: [\"../..\", \"/etc\", \"con\"]\n---\n".into(),
        ),
        (long, "---\ntitle: long\n---\n".into()),
        ("2024-06-12-LPT1.md".into(), "---\ntitle: l\npermalink: \"C:\\\\Windows\\\\x\"\n---\n".into()),
    ];
    let refs: Vec<(&str, &[u8])> = posts
        .iter()
        .map(|(n, c)| (n.as_str(), c.as_bytes()))
        .collect();
    let site = site_with(&refs, None);
    let out = site.path().join("out");
    let r = run(&Options::new(site.path().join("src/_posts"), &out)).unwrap();
    assert!(r.written);
    assert_eq!(r.failed, 0);
    let root = out.canonicalize().unwrap();
    for p in all_files(&out) {
        let c = p.canonicalize().unwrap();
        assert!(c.starts_with(&root), "{} escaped", c.display());
        let rel = c.strip_prefix(&root).unwrap();
        for seg in rel.iter() {
            let seg = seg.to_str().unwrap();
            let stem = seg.split('.').next().unwrap().to_ascii_lowercase();
            assert!(
                !["con", "nul", "prn", "aux", "lpt1"].contains(&stem.as_str()),
                "{seg}"
            );
            assert!(seg.len() <= 255 && !seg.contains('\0'));
        }
    }
    // nothing beside the output, its build record and memos and the sources in the parent folder
    let mut parent: Vec<String> = fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    parent.sort();
    assert_eq!(
        parent,
        vec![
            ".out.sinmun-build.json",
            ".out.sinmun-posts",
            ".out.sinmun-search.bin",
            "out",
            "src"
        ]
    );
    assert!(!Path::new("/tmp/evil").exists());
}

fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    all_files(dir)
        .into_iter()
        .filter(|p| p.is_file())
        .map(|p| {
            let data = fs::read(&p).unwrap();
            (p, data)
        })
        .collect()
}

#[test]
fn failure_mid_run_keeps_the_previous_site() {
    let post = |t: &str| format!("---\ntitle: {t}\n---\nbody\n");
    let (a, b, c) = (post("a"), post("b"), post("c"));
    let site = site_with(
        &[
            ("2024-06-12-a.md", a.as_bytes()),
            ("2024-06-13-b.md", b.as_bytes()),
            ("2024-06-14-c.md", c.as_bytes()),
        ],
        None,
    );
    let posts = site.path().join("src/_posts");
    let out = site.path().join("out");
    assert!(run(&Options::new(&posts, &out)).unwrap().written);
    let before = snapshot(&out);
    assert!(!before.is_empty());

    // an injected failure after one article
    fs::write(posts.join("2024-06-15-d.md"), post("d")).unwrap();
    let mut opts = Options::new(&posts, &out);
    opts.fail_after_articles = Some(1);
    assert!(run(&opts).is_err());
    assert_eq!(snapshot(&out), before);

    // an unusable post (unreadable: a dangling symlink) without --keep-going
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/nonexistent/x", posts.join("2024-06-16-e.md")).unwrap();
        let r = run(&Options::new(&posts, &out)).unwrap();
        assert_eq!(r.failed, 1);
        assert!(!r.written);
        assert_eq!(snapshot(&out), before);
        let mut opts = Options::new(&posts, &out);
        opts.keep_going = true;
        let r = run(&opts).unwrap();
        assert!(r.written);
        assert_eq!(r.articles(), 4);
    }
    // no staging or old folders are left behind, only the record of the build and its memo
    let names: Vec<String> = fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| n == "out" || n == "src" || n.starts_with(".out.sinmun-")),
        "{names:?}"
    );
}

#[test]
fn refuses_dangerous_out_dirs() {
    let site = site_with(&[("2024-06-12-a.md", b"---\ntitle: a\n---\n")], None);
    let posts = site.path().join("src/_posts");
    for bad in [
        PathBuf::from("/"),
        posts.clone(),
        site.path().join("src"),
        site.path().to_path_buf(),
        posts.join(".."),
    ] {
        assert!(
            run(&Options::new(&posts, &bad)).is_err(),
            "{}",
            bad.display()
        );
    }
    // a non-empty folder that is not a sinmun site is not replaced
    let other = site.path().join("mine");
    fs::create_dir_all(&other).unwrap();
    fs::write(other.join("precious.txt"), "x").unwrap();
    assert!(run(&Options::new(&posts, &other)).is_err());
    assert!(other.join("precious.txt").exists());
}

#[test]
fn app_dir_assets_and_base_path() {
    let site = site_with(
        &[(
            "2024-06-12-a.md",
            b"---\ntitle: a\nimage: /assets/img/x.png\n---\n![x](/assets/img/x.png)\n",
        )],
        Some("title: T\nurl: https://example.com\nbaseurl: /ignored\n"),
    );
    let app = site.path().join("dist");
    fs::create_dir_all(app.join("snippets")).unwrap();
    fs::write(app.join("index.html"), "<html>app</html>").unwrap();
    fs::write(app.join("app_bg.wasm"), b"\0asm").unwrap();
    fs::write(app.join("snippets/x.js"), "x").unwrap();
    fs::create_dir_all(site.path().join("src/assets/img")).unwrap();
    fs::write(site.path().join("src/assets/img/x.png"), b"png").unwrap();
    let out = site.path().join("out");
    let mut opts = Options::new(site.path().join("src/_posts"), &out);
    opts.app_dir = Some(app);
    opts.base_path = Some("blog".into());
    let r = run(&opts).unwrap();
    assert!(r.written);
    assert_eq!(
        fs::read_to_string(out.join("404.html")).unwrap(),
        "<html>app</html>"
    );
    assert!(out.join("app_bg.wasm").is_file() && out.join("snippets/x.js").is_file());
    assert_eq!(
        fs::read_to_string(out.join("_redirects")).unwrap(),
        "/blog/*  /blog/index.html  200\n"
    );
    assert!(out.join("assets/img/x.png").is_file());
    let config: SiteConfig = read_json(&out.join("config.json"));
    assert_eq!(config.base_path, "/blog/");
    let sitemap = fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>https://example.com/blog/posts/a/</loc>"),
        "{sitemap}"
    );
}

/// A fake built app whose index.html has a relative `<base>` (a bundle built
/// for any base path), with precompressed copies beside it.
fn fake_app(dir: &Path) -> PathBuf {
    let app = dir.join("dist");
    fs::create_dir_all(&app).unwrap();
    let index = "<html><head><base href=\"./\"><title>sinmun</title>\n<meta name=\"description\" content=\"\"></head>\
<body><div id=\"sinmun\"><p class=\"status status-boot\" role=\"status\">…</p></div></body></html>";
    fs::write(app.join("index.html"), index).unwrap();
    for stale in ["index.html.gz", "index.html.br"] {
        fs::write(app.join(stale), b"old").unwrap();
    }
    fs::write(app.join("app.js.gz"), b"js").unwrap();
    app
}

#[test]
fn every_app_page_gets_the_sites_base_href() {
    let site = site_with(
        &[
            ("2024-06-12-a.md", b"---\ntitle: a\n---\nx\n"),
            ("2024-06-13-b.md", b"---\ntitle: b\n---\ny\n"),
        ],
        None,
    );
    let out = site.path().join("out");
    let mut opts = Options::new(site.path().join("src/_posts"), &out);
    opts.app_dir = Some(fake_app(site.path()));
    opts.base_path = Some("/blog/".into());
    let r = run(&opts).unwrap();
    assert!(r.written);
    let pages: Vec<PathBuf> = all_files(&out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    assert_eq!(
        pages.len(),
        5,
        "index, 404, the search page and two articles: {pages:?}"
    );
    for page in pages {
        let html = fs::read_to_string(&page).unwrap();
        assert!(
            // Prerendered pages are written minified (no quotes needed).
            (html.contains("<base href=\"/blog/\">") || html.contains("<base href=/blog/>"))
                && !html.contains("\"./\""),
            "{}: {html}",
            page.display()
        );
    }
    assert!(!out.join("index.html.gz").exists() && !out.join("index.html.br").exists());
    assert!(
        out.join("app.js.gz").is_file(),
        "other precompressed files stay"
    );
}

#[test]
fn the_front_page_is_prerendered_without_the_apps_stale_compressed_copies() {
    let site = site_with(&[("2024-06-12-a.md", b"---\ntitle: a\n---\nx\n")], None);
    let app = fake_app(site.path());
    let index = fs::read_to_string(app.join("index.html")).unwrap();
    fs::write(app.join("index.html"), index.replace("\"./\"", "\"/\"")).unwrap();
    let out = site.path().join("out");
    let mut opts = Options::new(site.path().join("src/_posts"), &out);
    opts.app_dir = Some(app);
    assert!(run(&opts).unwrap().written);
    let front = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        front.contains("<h2 class=card-title><a href=/posts/a/>a</a></h2>"),
        "{front}"
    );
    assert!(!out.join("index.html.gz").exists() && !out.join("index.html.br").exists());
}

#[test]
fn the_cli_falls_back_to_baseurl() {
    let site = site_with(
        &[("2024-06-12-a.md", b"---\ntitle: a\n---\nx\n")],
        Some("title: T\nbaseurl: /news\n"),
    );
    let out = site.path().join("out");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_sinmun-convert"))
        .arg("--quiet")
        .arg(site.path().join("src/_posts"))
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let config: SiteConfig = read_json(&out.join("config.json"));
    assert_eq!(config.base_path, "/news/");
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    fn settings() -> SiteSettings {
        SiteSettings {
            permalink: permalink_style("pretty"),
            ..Default::default()
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn arbitrary_bytes(name in "[0-9a-zA-Z._ -]{0,30}", bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let _ = post::convert(&name, &bytes, &settings());
            let _ = post::convert("2024-06-12-x.md", &bytes, &settings());
        }

        #[test]
        fn arbitrary_front_matter(
            lines in proptest::collection::vec("[a-z_]{1,12}:? ?[\\PC\\[\\]{}:'\"|>#&*!-]{0,40}", 0..12),
            indent in proptest::collection::vec("( |  |- |\t)?", 0..12),
            body in "\\PC{0,200}",
            html in any::<bool>(),
        ) {
            let mut text = String::from("---\n");
            for (i, l) in lines.iter().enumerate() {
                text.push_str(indent.get(i).map(String::as_str).unwrap_or(""));
                text.push_str(l);
                text.push('\n');
            }
            text.push_str("---\n");
            text.push_str(&body);
            let name = if html { "2024-06-12-p.html" } else { "2024-06-12-p.md" };
            let r = post::convert(name, text.as_bytes(), &settings());
            if let Ok(c) = r.outcome {
                prop_assert!(!c.article.slug.is_empty());
                prop_assert!(c.article.reading_minutes >= 1);
                prop_assert!(c.article.excerpt.chars().count() <= 200);
                for a in &c.article.aliases {
                    prop_assert!(!a.split('/').any(|s| s == ".." || s == "." || s.is_empty()), "{a}");
                }
            }
        }
    }
}
