//! Jekyll's own test posts (`../shared/corpus/jekyll-test`, copied from
//! jekyll/jekyll's `test/source`), converted as a site, against what
//! Jekyll's tests say Jekyll does with each (`test/test_post_reader.rb`,
//! `test_document.rb`, `test_excerpt.rb`, `test_tags.rb`,
//! `test_generated_site.rb`, `test_site.rb`, `test_url.rb`). Where sinmun
//! deliberately differs, the test says so and `crates/convert/README.md`
//! lists it. Skipped, loudly, when the corpus is absent.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use sinmun_convert::report::Status;
use sinmun_convert::{run, Options, RunResult};
use sinmun_model::{Article, BodyFormat};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

struct Site {
    out: PathBuf,
    result: RunResult,
}

/// The corpus converted once for every test here; `None` when it is absent.
fn site() -> Option<&'static Site> {
    static SITE: OnceLock<Option<Site>> = OnceLock::new();
    SITE.get_or_init(|| {
        let corpus =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/jekyll-test");
        if !corpus.join("_posts").is_dir() {
            eprintln!(
                "\n\n!!!!! NOTE: {} is absent: Jekyll's own test posts were NOT checked !!!!!\n\n",
                corpus.display()
            );
            return None;
        }
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("jekyll-suite/site");
        let _ = fs::remove_dir_all(&out);
        let result = run(&Options::new(corpus.join("_posts"), &out)).unwrap();
        assert!(result.written);
        Some(Site { out, result })
    })
    .as_ref()
}

impl Site {
    /// The report of the file at `rel` below `_posts`.
    fn file(&self, rel: &str) -> &sinmun_convert::report::FileReport {
        self.result
            .files
            .iter()
            .find(|f| f.file.ends_with(rel))
            .unwrap_or_else(|| panic!("{rel} is not in the report"))
    }

    /// The article converted from `rel`.
    fn article(&self, rel: &str) -> Article {
        let report = self.file(rel);
        let path = report
            .path
            .as_deref()
            .unwrap_or_else(|| panic!("{rel} is not an article: {:?}", report.messages));
        let slug = path.trim_end_matches('/').rsplit('/').next().unwrap();
        let json = self.out.join(format!("data/articles/{slug}.json"));
        let data = fs::read(&json).unwrap_or_else(|e| panic!("{}: {e}", json.display()));
        serde_json::from_slice(&data).unwrap()
    }

    fn body(&self, rel: &str) -> String {
        let article = self.article(rel);
        assert_eq!(article.body.format, BodyFormat::Html, "{rel}");
        article.body.source
    }
}

/// test_post_reader.rb, "skip unprocessable documents": the unpublished post
/// and the `.yml` file are not posts; every other dated file is, whatever
/// its text extension (`.text` and `.Rmd` go through Jekyll's identity
/// converter), including one with no front matter and one in a subfolder.
/// Files without a date in their own name are not posts.
#[test]
fn which_files_are_posts() {
    let Some(site) = site() else { return };
    let skipped: Vec<&str> = site
        .result
        .files
        .iter()
        .filter(|f| f.status == Status::Skipped)
        .map(|f| f.file.as_str())
        .collect();
    let expected_skipped = [
        "2008-02-02-not-published.markdown",
        "2008-02-03-wrong-extension.yml",
        "2013-03-19-not-a-post.markdown/.gitkeep",
        "2013-03-19-not-a-post/dubious.markdown",
        "include_relative/params.html",
        "include_relative/rel_include.html",
    ];
    for name in expected_skipped {
        assert!(
            skipped.iter().any(|s| s.ends_with(name)),
            "{name} should be skipped; skipped: {skipped:?}"
        );
    }
    assert_eq!(skipped.len(), expected_skipped.len(), "{skipped:?}");
    for rel in [
        "2011-04-12-text-extension.text",
        "2014-11-24-Rmd-extension.Rmd",
        "2013-08-01-mkdn-extension.mkdn",
        "2011-04-12-md-extension.md",
        "2009-06-22-no-yaml.markdown",
        "2009-06-22-empty-yaml.markdown",
        "es/2008-11-21-nested.markdown",
        "2017-2-5-i-dont-like-zeroes.md",
    ] {
        assert!(site.file(rel).path.is_some(), "{rel} is a post");
    }
    // No post is lost: Jekyll's 55 publishable posts of this folder.
    assert_eq!(site.result.articles(), 55);
    assert_eq!(site.result.failed, 0);
    let unpublished = site.file("2008-02-02-not-published.markdown");
    assert!(unpublished
        .messages
        .iter()
        .any(|m| m.message.contains("published: false")));
}

/// The `.text` and `.Rmd` posts are published as they are (Jekyll's
/// identity converter: no Markdown), their titles made from their slugs
/// (document.rb `populate_title`).
#[test]
fn other_extensions_are_published_as_they_are() {
    let Some(site) = site() else { return };
    let text = site.article("2011-04-12-text-extension.text");
    assert_eq!(text.title, "Text Extension");
    assert!(
        text.body.source.contains("Best **post** ever"),
        "{}",
        text.body.source
    );
    let markdown = site.body("2013-08-01-mkdn-extension.mkdn");
    assert!(!markdown.contains("**"), "{markdown}");
    let properties = site.article("2013-12-20-properties.text");
    assert_eq!(properties.title, "Properties Post");
    assert_eq!(properties.categories, ["foo", "bar", "baz", "MixedCase"]);
    assert_eq!(properties.tags, ["ay", "bee", "cee"]);
}

/// Front matter: none, empty, ended by `...`, fences with trailing spaces.
#[test]
fn front_matter_shapes() {
    let Some(site) = site() else { return };
    let none = site.article("2009-06-22-no-yaml.markdown");
    assert_eq!(none.title, "No Yaml");
    assert!(none.body.source.contains("No YAML."));
    let empty = site.article("2009-06-22-empty-yaml.markdown");
    assert_eq!(empty.title, "Empty Yaml");
    assert!(empty.body.source.contains("Empty YAML."));
    let dots = site.article("2014-03-03-yaml-with-dots.md");
    assert_eq!(dots.title, "Test Post Where YAML Ends in Dots");
    let spaces = site.article("2015-12-27-extra-spaces.markdown");
    assert_eq!(spaces.title, "Extra Spaces");
    assert!(spaces.body.source.contains("<strong>post</strong>"));
    assert!(!spaces.body.source.contains("extra:"));
}

/// Dates: from the name (one-digit month and day, test_generated_site.rb),
/// overridden by the front matter's date, time and zone. A time without a
/// zone is in the site's `timezone` (UTC here: no `_config.yml`).
#[test]
fn dates_and_zones() {
    let Some(site) = site() else { return };
    let date = |rel: &str| site.article(rel).date;
    assert_eq!(
        date("2017-2-5-i-dont-like-zeroes.md"),
        "2017-02-05T00:00:00+00:00"
    );
    assert_eq!(
        date("2010-01-09-date-override.markdown"),
        "2010-01-10T00:00:00+00:00"
    );
    assert_eq!(
        date("2010-01-09-time-override.markdown"),
        "2010-01-10T13:07:09+00:00"
    );
    assert_eq!(
        date("2010-01-09-timezone-override.markdown"),
        "2010-01-10T13:07:09+00:00"
    );
    assert_eq!(
        date("2010-01-16-override-data.markdown"),
        "2010-01-10T13:07:09+00:00"
    );
    // `{{ page.date | date_to_string }}` in the body sees the overriding date
    assert!(site
        .body("2010-01-09-time-override.markdown")
        .contains("10 Jan 2010"));
    assert!(site
        .body("2010-01-09-date-override.markdown")
        .contains("10 Jan 2010"));
}

/// Categories and tags in every shape: a space-separated string, a list,
/// `category` alone, a number, empty; case kept (test_site.rb's category
/// list holds both `MixedCase` and `Mixedcase`); folders inside `_posts` add
/// none.
#[test]
fn categories_and_tags() {
    let Some(site) = site() else { return };
    let cats = |rel: &str| site.article(rel).categories;
    let tags = |rel: &str| site.article(rel).tags;
    assert_eq!(
        cats("2009-01-27-categories.markdown"),
        ["foo", "bar", "baz"]
    );
    assert_eq!(
        cats("2009-01-27-array-categories.markdown"),
        ["foo", "bar", "baz"]
    );
    assert_eq!(cats("2009-01-27-category.markdown"), ["foo"]);
    assert_eq!(
        cats("2014-07-05-mixed-case-category.markdown"),
        ["MixedCase"]
    );
    assert_eq!(
        cats("2014-07-05-another-mixed-case-category.markdown"),
        ["Mixedcase"]
    );
    assert_eq!(cats("2013-05-10-number-category.markdown"), ["2013"]);
    assert!(cats("2009-01-27-empty-categories.markdown").is_empty());
    assert!(cats("2009-01-27-empty-category.markdown").is_empty());
    assert!(cats("2009-01-27-no-category.markdown").is_empty());
    assert!(cats("es/2008-11-21-nested.markdown").is_empty());
    assert_eq!(
        tags("2009-05-18-tags.markdown"),
        ["food", "cooking", "pizza"]
    );
    assert_eq!(tags("2009-05-18-tag.markdown"), ["code"]);
    assert!(tags("2009-05-18-empty-tag.markdown").is_empty());
    assert!(tags("2009-05-18-empty-tags.markdown").is_empty());
    assert_eq!(tags("2010-01-16-override-data.markdown"), ["A", "string"]);
    let excerpt = site.article("2013-07-22-post-excerpt-with-layout.markdown");
    assert_eq!(
        excerpt.categories,
        ["bar", "baz", "z_category", "MixedCase"]
    );
    assert_eq!(excerpt.tags, ["first", "second", "third", "jekyllrb.com"]);
}

/// test_excerpt.rb: the first paragraph (link references resolved), or up
/// to the post's `excerpt_separator`, or the front matter's `excerpt`; a
/// Liquid block cut by the separator never shows its tags. sinmun's
/// excerpt is plain text (the list view's summary), so it is compared as
/// text.
#[test]
fn excerpts() {
    let Some(site) = site() else { return };
    let excerpt = |rel: &str| site.article(rel).excerpt;
    assert_eq!(
        excerpt("2013-01-02-post-excerpt.markdown"),
        "First paragraph with link ref."
    );
    assert_eq!(
        excerpt("2013-07-22-post-excerpt-with-layout.markdown"),
        "First paragraph with link ref."
    );
    let separated = excerpt("2015-01-08-post-excerpt-separator.markdown");
    assert!(
        separated.starts_with("First paragraph with link ref."),
        "{separated}"
    );
    assert!(separated.contains("Second paragraph"), "{separated}");
    assert!(!separated.contains("Third"), "{separated}");
    assert_eq!(
        excerpt("2013-04-11-custom-excerpt.markdown"),
        "I can set a custom excerpt"
    );
    assert_eq!(
        excerpt("2008-02-02-published.markdown"),
        "This should be published."
    );
    let indented = excerpt("2016-08-16-indented-link-references.markdown");
    assert!(
        indented.starts_with("This is the first paragraph. It has lots of links."),
        "{indented}"
    );
    for rel in [
        "2018-01-28-open-liquid-block-excerpt.markdown",
        "2018-01-28-closed-liquid-block-excerpt.markdown",
        "2018-05-15-open-liquid-block-excerpt-whitespace-control.md",
        "2018-05-15-closed-liquid-block-excerpt-whitespace-control.md",
        "2018-05-15-excerpt-whitespace-control-variable.md",
    ] {
        let e = excerpt(rel);
        assert!(!e.contains("{%") && !e.contains("%}"), "{rel}: {e}");
    }
    // the one with a plugin's tag shows that tag as text, in its excerpt
    // too (see an_unknown_tag_is_reported_not_fatal); the rest is rendered
    let e = excerpt("2018-11-15-excerpt-liquid-block.md");
    assert!(e.starts_with("{% do_nothing_other %}"), "{e}");
    assert!(
        e.contains("EVIL! PURE AND SIMPLE") && !e.contains("{% raw"),
        "{e}"
    );
    // the custom excerpt is `page.excerpt` in the post's Liquid
    assert!(site
        .body("2013-04-11-custom-excerpt.markdown")
        .contains("<quote>I can set a custom excerpt</quote>"));
}

/// test_tags.rb's include tests: `_includes/` beside `_posts`, the name
/// from a variable with filters, parameters as `include.*`, whitespace
/// inside the braces; `include_relative` from the post's own folder.
#[test]
fn includes() {
    let Some(site) = site() else { return };
    let sig = site.body("2008-12-13-include.markdown");
    assert!(
        sig.contains("Tom Preston-Werner") && sig.contains("github.com/mojombo"),
        "{sig}"
    );
    for (rel, included) in [
        ("2013-12-17-include-variable-filters.markdown", "included"),
        ("2014-09-02-relative-includes.markdown", "relative_included"),
    ] {
        let body = site.body(rel);
        // items 1 to 6 and 8 include the file by a computed name
        assert!(body.matches(included).count() >= 7, "{rel}: {body}");
        // item 7 passes parameters, listed by the include
        assert!(
            body.contains("var1 = foo") && body.contains("var2 = bar"),
            "{rel}: {body}"
        );
        assert!(
            !body.contains("{%") && !body.contains("{{"),
            "{rel}: {body}"
        );
        assert!(
            site.file(rel)
                .messages
                .iter()
                .all(|m| !m.message.contains("include")),
            "{rel}"
        );
    }
}

/// test_document.rb and test_generated_site.rb: a post's Jekyll URL (its
/// `permalink`, else the site's `date` style with the slug's trailing dots
/// dropped). sinmun serves every article at `posts/<slug>/` and keeps the
/// Jekyll URL as an alias that redirects there, so old links keep working.
#[test]
fn permalinks_become_aliases() {
    let Some(site) = site() else { return };
    let aliases = |rel: &str| site.article(rel).aliases;
    let has = |rel: &str, alias: &str| {
        let all = aliases(rel);
        assert!(
            all.iter().any(|a| a == alias),
            "{rel}: {alias} not in {all:?}"
        );
    };
    has(
        "2018-10-12-trailing-dots...markdown",
        "2018/10/12/trailing-dots.html",
    );
    has(
        "2017-2-5-i-dont-like-zeroes.md",
        "2017/02/05/i-dont-like-zeroes.html",
    );
    has(
        "2009-01-27-categories.markdown",
        "foo/bar/baz/2009/01/27/categories.html",
    );
    has(
        "2008-12-03-permalinked-post.markdown",
        "my_category/permalinked-post",
    );
    has(
        "2015-02-20-extensionless-permalink.markdown",
        "extensionless-permalink",
    );
    // test_url.rb: a permalink climbing out of the site stays inside it
    for alias in aliases("2014-01-06-permalink-traversal.md") {
        assert!(!alias.contains(".."), "{alias}");
        assert!(!alias.to_lowercase().contains("%2e"), "{alias}");
    }
    has("2014-01-06-permalink-traversal.md", "baddie.html");
    // `page.url` in a post is where sinmun serves it (deliberately not the
    // Jekyll URL, which only redirects)
    assert!(site
        .body("2015-02-20-extensionless-permalink.markdown")
        .contains("/posts/extensionless-permalink/"));
    let complex = site.body("2008-11-21-complex.markdown");
    assert!(complex.contains("url: /posts/complex/"), "{complex}");
    assert!(
        complex.contains("date: 2008-11-21 00:00:00 +0000"),
        "{complex}"
    );
}

/// Odd file names (`escape-+ %20[]`, `special-chars-(+)`, `hash-#1`,
/// trailing dots): every post gets a slug that is safe in a URL and a file
/// name, unique across the site, and its article file exists.
#[test]
fn slugs_from_odd_names_are_safe_and_unique() {
    let Some(site) = site() else { return };
    let mut seen = BTreeMap::new();
    for file in &site.result.files {
        let Some(path) = &file.path else { continue };
        let slug = path
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap()
            .to_string();
        assert!(!slug.is_empty(), "{}", file.file);
        assert!(
            !slug.contains(['#', '?', '%', ' ', '/', '\\', '[', ']', '+'])
                && !slug.starts_with('.'),
            "{}: slug {slug:?}",
            file.file
        );
        assert!(
            site.out
                .join(format!("data/articles/{slug}.json"))
                .is_file(),
            "{slug}"
        );
        if let Some(other) = seen.insert(slug.clone(), file.file.clone()) {
            panic!("{slug} is the slug of {other} and {}", file.file);
        }
    }
    // YAML reads ` #1` as a comment, for Jekyll too
    assert_eq!(site.article("2009-03-12-hash-#1.markdown").title, "Hash");
    assert_eq!(
        site.article("2014-03-22-escape-+ %20[].markdown").title,
        "Plus space percent"
    );
    assert_eq!(
        site.article("2016-11-26-special-chars-(+).markdown").title,
        "Special Characters"
    );
    assert_eq!(
        site.article("2018-10-12-trailing-dots...markdown").title,
        "Ellipsis Path"
    );
}

/// `highlight` blocks, whose tags are split over lines and wrap `raw`,
/// become highlighted code at build time.
#[test]
fn highlight_blocks_split_over_lines() {
    let Some(site) = site() else { return };
    for rel in [
        "2018-01-28-open-liquid-block-excerpt.markdown",
        "2018-01-28-closed-liquid-block-excerpt.markdown",
    ] {
        let body = site.body(rel);
        assert!(body.contains("<pre class=\"highlight\">"), "{rel}: {body}");
        assert!(body.contains("data-lang=\"ruby\""), "{rel}: {body}");
        assert!(body.contains("print_hi"), "{rel}: {body}");
        // `raw` keeps the Liquid inside it as text: here, none; the
        // `assign` before it is Liquid and leaves nothing
        assert!(!body.contains("assign foo"), "{rel}: {body}");
        assert!(body.contains("talk business"), "{rel}: {body}");
    }
}

/// Jekyll's test site defines a `do_nothing` block tag in a plugin. sinmun
/// runs no plugins: an unknown tag is reported with its file line and the
/// post is kept, the fragment shown as text (Jekyll without that plugin
/// stops the whole build).
#[test]
fn an_unknown_tag_is_reported_not_fatal() {
    let Some(site) = site() else { return };
    let rel = "2018-11-15-excerpt-liquid-block.md";
    let report = site.file(rel);
    assert_eq!(report.status, Status::Recovered, "{:?}", report.messages);
    let message = report
        .messages
        .iter()
        .find(|m| m.message.contains("do_nothing"))
        .unwrap_or_else(|| panic!("{:?}", report.messages));
    assert_eq!(message.line, Some(7), "{message:?}");
    let body = site.body(rel);
    assert!(
        body.contains("do_nothing_other"),
        "the fragment is shown: {body}"
    );
}
