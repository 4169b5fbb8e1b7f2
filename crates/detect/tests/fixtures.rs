//! Every feed fixture of `shared/fixtures/feeds` (real files, see SOURCES.md
//! there) and a sinmun manifest written by the converter's serialiser are
//! detected as what they are, from their bytes (EUC-KR and EUC-JP files
//! undecoded) and from their text.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use sinmun_detect::{detect, detect_bytes, DetectError, Format, JsonFeedVersion, RssVersion};
use std::path::{Path, PathBuf};

/// The shared feed fixtures (`../shared/fixtures/feeds` beside the repository).
fn fixtures(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/fixtures/feeds")
        .join(kind);
    if !dir.is_dir() {
        // Like the converter's whole-corpus test: say so loudly, do not fail
        // a checkout that has no `shared/` beside it.
        eprintln!(
            "\n!!!!! NOTE: {} is absent: the fixture tests did NOT run !!!!!\n",
            dir.display()
        );
        return Vec::new();
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e} (the shared feed fixtures)", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json" || x == "xml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {}", dir.display());
    files
}

/// What a fixture's name says it is (SOURCES.md names them so).
fn expected(name: &str) -> Format {
    if name.contains("jsonfeed-10-") {
        Format::JsonFeed {
            version: JsonFeedVersion::V1_0,
        }
    } else if name.contains("jsonfeed-11-") {
        Format::JsonFeed {
            version: JsonFeedVersion::V1_1,
        }
    } else if name.contains("-wp-") {
        Format::WordPressPosts
    } else if name.contains("-rss20-") {
        Format::Rss {
            version: RssVersion::V2_0,
        }
    } else if name.contains("-rss091-") {
        Format::Rss {
            version: RssVersion::V0_91,
        }
    } else if name.contains("-rss10-") {
        Format::Rdf
    } else if name.contains("-atom-") {
        Format::Atom
    } else {
        panic!("{name}: no expectation for this fixture")
    }
}

#[test]
fn every_fixture_is_detected_from_its_bytes_and_its_text() {
    let mut seen = 0;
    for kind in ["jsonfeed", "wordpress", "rss", "atom"] {
        for path in fixtures(kind) {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let bytes = std::fs::read(&path).unwrap();
            let want = expected(&name);
            assert_eq!(detect_bytes(&bytes), Ok(want), "{name}");
            // UTF-8 files as text; legacy charsets as a browser decoding
            // them as UTF-8 would see them (the markup survives)
            assert_eq!(detect(&String::from_utf8_lossy(&bytes)), Ok(want), "{name}");
            seen += 1;
        }
    }
    assert!(seen == 0 || seen >= 17, "only {seen} fixtures");
}

/// Markup is decided by the prolog and the root start tag: a 3 KB prefix
/// tells as much as the whole feed. A cut JSON document is not JSON.
#[test]
fn prefixes_of_feeds() {
    for kind in ["jsonfeed", "wordpress", "rss", "atom"] {
        for path in fixtures(kind) {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let bytes = std::fs::read(&path).unwrap();
            let prefix = &bytes[..bytes.len().min(3072)];
            let found = detect_bytes(prefix);
            if name.ends_with(".xml") {
                assert_eq!(found, Ok(expected(&name)), "{name}");
            } else if prefix.len() < bytes.len() {
                assert!(
                    matches!(found, Err(DetectError::NotJson { .. })),
                    "{name}: {found:?}"
                );
            }
        }
    }
}

#[test]
fn a_single_wordpress_post_is_not_a_list() {
    let Some(path) = fixtures("wordpress").into_iter().next() else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    let list: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    let one = serde_json::to_string(&list[0]).unwrap();
    let err = detect(&one).unwrap_err();
    assert!(err.to_string().contains("single post"), "{err}");
}

#[test]
fn a_manifest_written_by_the_converters_serialiser_is_a_manifest() {
    use sinmun_model::{CategoryInfo, Manifest, FORMAT_VERSION};
    assert_eq!(
        sinmun_detect::SINMUN_FORMAT_VERSION,
        u64::from(FORMAT_VERSION)
    );
    let manifest = Manifest {
        version: FORMAT_VERSION,
        title: "신문 \"Sinmun\"".into(),
        total: 7478,
        shard_size: 20,
        categories: vec![CategoryInfo {
            slug: "news".into(),
            name: "뉴스".into(),
            count: 7478,
        }],
        generated: "2026-11-27T11:00:00Z".into(),
    };
    let empty = Manifest {
        version: FORMAT_VERSION,
        ..Manifest::default()
    };
    for json in [
        serde_json::to_string(&manifest).unwrap(),
        serde_json::to_string_pretty(&manifest).unwrap(),
        format!("\u{feff}{}\n", serde_json::to_string(&empty).unwrap()),
    ] {
        assert_eq!(detect(&json), Ok(Format::SinmunManifest), "{json}");
    }
    // the example of docs/format.md, with a BOM and a trailing newline
    let doc = "\u{feff}{ \"version\": 1, \"title\": \"신문 Sinmun\", \"total\": 7478, \"shard_size\": 20,\n  \"generated\": \"2026-11-27T11:00:00Z\",\n  \"categories\": [ { \"slug\": \"news\", \"name\": \"News\", \"count\": 7478 } ] }\n";
    assert_eq!(detect(doc), Ok(Format::SinmunManifest));
}
