//! Incremental builds: a run over a site built before writes only what
//! changed, removes what is gone, and leaves exactly the site a full build
//! writes; a failed run leaves the site as it was.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use sinmun_convert::{run, Options, RunResult};
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// A fake built app: an index.html with the boot placeholder, a precompressed
/// copy of it (which the front page makes stale) and a script.
fn fake_app(dir: &Path) -> PathBuf {
    let app = dir.join("dist");
    fs::create_dir_all(&app).unwrap();
    let index = "<html><head><base href=\"./\"><title>sinmun</title>\n<meta name=\"description\" content=\"\"></head>\
<body><div id=\"sinmun\"><p class=\"status status-boot\" role=\"status\">…</p></div></body></html>";
    fs::write(app.join("index.html"), index).unwrap();
    fs::write(app.join("index.html.gz"), b"old").unwrap();
    fs::write(app.join("app.js"), b"js").unwrap();
    app
}

fn post(n: u32, title: &str) -> String {
    let category = ["news", "sports", "culture"][n as usize % 3];
    format!("---\ntitle: \"{title}\"\ncategories: [{category}]\n---\n<p>본문 {n}: {title}</p>\n")
}

fn post_name(n: u32) -> String {
    format!("2024-{:02}-{:02}-post-{n}.md", 1 + n / 28, 1 + n % 28)
}

/// `<tmp>/src/_posts` with posts 0..count, and the app.
fn blog(count: u32) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("src/_posts");
    fs::create_dir_all(&posts).unwrap();
    for n in 0..count {
        fs::write(posts.join(post_name(n)), post(n, &format!("기사 {n}"))).unwrap();
    }
    fake_app(dir.path());
    dir
}

fn build(dir: &Path, out: &str, full: bool) -> RunResult {
    // the same `generated` time in every build, so that trees compare
    std::env::set_var("SOURCE_DATE_EPOCH", "1720000000");
    let mut opts = Options::new(dir.join("src/_posts"), dir.join(out));
    opts.app_dir = Some(dir.join("dist"));
    opts.shard_size = 5;
    opts.full = full;
    run(&opts).unwrap()
}

/// Every file below `root`, by relative path, with its content.
fn tree(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                files.push((rel, fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

fn names(tree: &[(String, Vec<u8>)]) -> Vec<&str> {
    tree.iter().map(|(name, _)| name.as_str()).collect()
}

/// The update in `site` equals a full build of the same posts.
fn assert_same_as_full_build(dir: &Path) {
    let full = build(dir, "full", true);
    assert!(full.written && full.changes.is_none());
    let (updated, fresh) = (tree(&dir.join("site")), tree(&dir.join("full")));
    assert_eq!(names(&updated), names(&fresh));
    for ((name, a), (_, b)) in updated.iter().zip(&fresh) {
        assert!(a == b, "{name} differs from a full build's");
    }
}

fn inode(path: &Path) -> u64 {
    fs::metadata(path).unwrap().ino()
}

#[test]
fn one_changed_post_rewrites_only_what_shows_it() {
    let blog = blog(30);
    let dir = blog.path();
    let first = build(dir, "site", false);
    assert!(
        first.written && first.changes.is_none(),
        "a first build is full"
    );
    assert!(dir.join(".site.sinmun-build.json").is_file());
    let untouched = dir.join("site/posts/post-3/index.html");
    let before = inode(&untouched);

    // the pages that show its title before the change and after
    let showing_post_29 = |dir: &Path| {
        (0..29)
            .filter(|n| {
                let page = dir.join(format!("site/posts/post-{n}/index.html"));
                fs::read_to_string(page).is_ok_and(|p| p.contains("/posts/post-29/"))
            })
            .count()
    };
    let showing_before = showing_post_29(dir);
    let posts = dir.join("src/_posts");
    fs::write(posts.join(post_name(29)), post(29, "고친 제목")).unwrap();
    let r = build(dir, "site", false);
    let changes = r.changes.expect("an update");
    // its page and JSON, the front page and list shard 0, its category's page
    // and shard, the feeds, the sitemap and the manifest; the pages whose
    // onward links show its title (its neighbour, those it is related to);
    // in the search index its record, the meta file and the term chunks its
    // words are in (a changed chunk has a new name: the old one is removed)
    let chunks = fs::read_dir(dir.join("site/search/terms")).unwrap().count();
    let showing = showing_post_29(dir);
    assert!(showing >= 1, "its previous article links to it");
    assert!(
        changes.written <= 14 + chunks + showing + showing_before,
        "{changes:?}"
    );
    assert!(changes.removed <= chunks, "{changes:?}");
    assert_eq!(
        inode(&untouched),
        before,
        "an unchanged page is not rewritten"
    );
    let page = fs::read_to_string(dir.join("site/posts/post-29/index.html")).unwrap();
    assert!(page.contains("고친 제목"));
    assert_same_as_full_build(dir);

    // nothing changed: only the manifest (its time) is written
    let again = build(dir, "site", false).changes.unwrap();
    assert!(again.written <= 1, "{again:?}");
}

#[test]
fn deleted_renamed_and_new_posts_leave_nothing_stale() {
    let blog = blog(30);
    let dir = blog.path();
    build(dir, "site", false);
    let posts = dir.join("src/_posts");
    fs::remove_file(posts.join(post_name(3))).unwrap();
    fs::rename(
        posts.join(post_name(5)),
        posts.join("2024-01-06-renamed.md"),
    )
    .unwrap();
    fs::write(posts.join(post_name(40)), post(40, "새 기사")).unwrap();
    // the last post of a category: the category goes
    fs::write(
        posts.join(post_name(41)),
        "---\ntitle: 홀로\ncategories: [lonely]\n---\nx\n",
    )
    .unwrap();
    build(dir, "site", false);
    fs::remove_file(posts.join(post_name(41))).unwrap();
    let r = build(dir, "site", false);
    assert!(r.changes.unwrap().removed > 0);
    let site = dir.join("site");
    for gone in [
        "posts/post-3",
        "posts/post-5",
        "posts/post-41",
        "category/lonely",
    ] {
        assert!(!site.join(gone).exists(), "{gone} is stale");
    }
    assert!(site.join("posts/renamed/index.html").is_file());
    assert!(site.join("posts/post-40/index.html").is_file());
    let everything = tree(&site);
    assert!(
        names(&everything).iter().all(|n| !n.contains("sinmun-new")),
        "no temporary file is left"
    );
    assert_same_as_full_build(dir);
}

#[test]
fn a_failed_update_leaves_the_site_as_it_was() {
    let blog = blog(12);
    let dir = blog.path();
    build(dir, "site", false);
    let before = tree(&dir.join("site"));
    let posts = dir.join("src/_posts");
    fs::write(posts.join(post_name(2)), post(2, "바뀜")).unwrap();
    // an unusable post (a dangling link), without --keep-going
    std::os::unix::fs::symlink("/nonexistent/x", posts.join("2024-05-01-bad.md")).unwrap();
    let r = build(dir, "site", false);
    assert_eq!(r.failed, 1);
    assert!(!r.written);
    assert_eq!(tree(&dir.join("site")), before);
    // the record still describes the site: the next good run is an update
    fs::remove_file(posts.join("2024-05-01-bad.md")).unwrap();
    assert!(build(dir, "site", false).changes.is_some());
}

#[test]
fn a_site_changed_by_something_else_is_built_in_full() {
    let blog = blog(6);
    let dir = blog.path();
    build(dir, "site", false);
    fs::write(dir.join("site/data/manifest.json"), b"{}").unwrap();
    let r = build(dir, "site", false);
    assert!(
        r.written && r.changes.is_none(),
        "the record is not trusted"
    );
    assert!(build(dir, "site", false).changes.is_some());
    let r = build(dir, "site", true);
    assert!(r.changes.is_none(), "--full ignores the record");
    assert_same_as_full_build(dir);
}

#[test]
fn changed_settings_reach_every_post_converted_before() {
    let blog = blog(8);
    let dir = blog.path();
    build(dir, "site", false);
    assert!(dir.join(".site.sinmun-posts/00.bin").is_file(), "the memo");
    // a time zone that moves the posts' dates, and another permalink
    fs::write(
        dir.join("src/_config.yml"),
        "title: 새 이름\ntimezone: Pacific/Kiritimati\npermalink: /:year/:title/\n",
    )
    .unwrap();
    let r = build(dir, "site", false);
    assert!(
        r.changes.unwrap().written > 8,
        "every page shows the new title"
    );
    let article: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.join("site/data/articles/post-1.json")).unwrap())
            .unwrap();
    assert!(
        article["date"].as_str().unwrap().ends_with("+14:00"),
        "{article}"
    );
    assert_same_as_full_build(dir);
}

#[test]
fn damaged_memos_cost_time_not_correctness() {
    let blog = blog(12);
    let dir = blog.path();
    build(dir, "site", false);
    let memos = [".site.sinmun-posts/00.bin", ".site.sinmun-search.bin"];
    for memo in memos {
        assert!(dir.join(memo).is_file(), "{memo} is written");
    }
    let posts = dir.join("src/_posts");
    for (round, damage) in [&b"garbage"[..], &[0xff; 64][..], &[][..]]
        .iter()
        .enumerate()
    {
        for memo in memos {
            fs::write(dir.join(memo), damage).unwrap();
        }
        let title = format!("고친 제목 {round}");
        fs::write(
            posts.join(post_name(round as u32)),
            post(round as u32, &title),
        )
        .unwrap();
        build(dir, "site", false);
        assert_same_as_full_build(dir);
    }
}

#[test]
fn the_search_memo_follows_edits_and_deletions() {
    let blog = blog(20);
    let dir = blog.path();
    build(dir, "site", false);
    let posts = dir.join("src/_posts");
    // a word only the edited post has, then only the new one
    fs::write(posts.join(post_name(4)), post(4, "독특한낱말 기사")).unwrap();
    build(dir, "site", false);
    assert_same_as_full_build(dir);
    fs::write(posts.join(post_name(4)), post(4, "기사 4")).unwrap();
    fs::write(posts.join(post_name(25)), post(25, "독특한낱말 새 기사")).unwrap();
    fs::remove_file(posts.join(post_name(7))).unwrap();
    build(dir, "site", false);
    assert_same_as_full_build(dir);
    let files: Vec<(String, Vec<u8>)> = tree(&dir.join("site/search"))
        .into_iter()
        .filter_map(|(name, bytes)| Some((name, sinmun_search::build::unpack(&bytes)?)))
        .collect();
    assert!(
        files.len() > 20,
        "{:?}",
        names(&tree(&dir.join("site/search")))
    );
    let hits = sinmun_search::memory::search(&files, "독특한낱말").unwrap();
    let slugs: Vec<&str> = hits.iter().map(|r| r.slug.as_str()).collect();
    assert_eq!(slugs, ["post-25"], "the edited post lost the word");

    // most posts gone: the memo drops their terms (renumbered), and later
    // builds still match a full one
    for n in 8..20 {
        fs::remove_file(posts.join(post_name(n))).unwrap();
    }
    build(dir, "site", false);
    assert_same_as_full_build(dir);
    fs::write(posts.join(post_name(30)), post(30, "마지막 기사")).unwrap();
    build(dir, "site", false);
    assert_same_as_full_build(dir);
}
