//! The widget's files in a bundle (see `src/embed/`): `embed.js` at the
//! root under that stable name, with the hashed names of what it loads
//! written into it, the widget build (a wasm module like the lazy ones), the
//! widget's styles, and the iframe embed (`embed/index.html`,
//! `embed-frame.js`, `embed-resize.js`). The widget shares the app's lazy
//! modules; its styles are the app's main and body styles without `rem`
//! (`widget_css.rs`) and `style/widget.css`.

use serde_json::json;

use crate::hash::hashed_name;
use crate::html::start_tags;
use crate::lazy::LazyFile;
use crate::loader::without_comments_or_indentation;
use crate::widget_css::without_rem;

/// The stable names a site serves (none carries a hash: a host's snippet
/// names them). The first is what `embed.js`'s host pages load.
pub const STABLE_FILES: [&str; 4] = [
    "embed.js",
    "embed/index.html",
    "embed-frame.js",
    "embed-resize.js",
];

/// Where `FILES` goes in `embed.js`.
const FILES_MARKER: &str = "/*sinmun:files*/ {}";

/// The widget's sources, built (xtask builds the module).
pub struct WidgetParts {
    /// The `sinmun-widget` build, as a wasm module.
    pub module: LazyFile,
    /// `style/widget.css`.
    pub style: Vec<u8>,
    /// `src/embed/embed.js`, `frame.html`, `frame.js`, `resize.js`.
    pub embed_js: String,
    pub frame_html: String,
    pub frame_js: String,
    pub resize_js: String,
}

/// Every widget file `(name, bytes)` for a bundle whose index.html is
/// `html` and whose lazy files are `lazy` (`(meta name, first file)`);
/// `read` gives a bundle file's bytes by name.
pub fn widget_files(
    parts: &WidgetParts,
    html: &str,
    lazy: &[(String, String)],
    read: &dyn Fn(&str) -> Result<Vec<u8>, String>,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut files = parts.module.place()?.files;
    let module = files
        .first()
        .map(|(name, _)| name.clone())
        .ok_or("the widget module has no files")?;
    let lazy_file = |meta: &str| {
        lazy.iter()
            .find(|(m, _)| m == meta)
            .map(|(_, file)| file.clone())
            .ok_or_else(|| {
                format!("the widget needs the lazy file {meta}, which is not in the bundle")
            })
    };
    let css = |name: &str| -> Result<String, String> {
        Ok(without_rem(&String::from_utf8_lossy(&read(name)?)))
    };
    let style_text = [
        css(&main_style(html)?)?,
        "\n".into(),
        without_rem(&String::from_utf8_lossy(&parts.style)),
    ]
    .concat();
    let style = hashed_name("widget", style_text.as_bytes(), "css");
    files.push((style.clone(), style_text.into_bytes()));
    let body_text = css(&lazy_file("sinmun-body-style")?)?;
    let body_style = hashed_name("widget-body", body_text.as_bytes(), "css");
    files.push((body_style.clone(), body_text.into_bytes()));
    let names = json!({
        "module": module,
        "styles": [style],
        "files": {
            "sanitizer": lazy_file("sinmun-sanitizer")?,
            "bodyStyle": body_style,
            "markdown": lazy_file("sinmun-markdown")?,
            "enhance": lazy_file("sinmun-enhance")?,
            "feeds": lazy_file("sinmun-feeds")?,
        },
    });
    if !parts.embed_js.contains(FILES_MARKER) {
        return Err(format!("embed.js no longer has {FILES_MARKER}"));
    }
    let embed =
        without_comments_or_indentation(&parts.embed_js).replace(FILES_MARKER, &names.to_string());
    files.push((STABLE_FILES[0].into(), embed.into_bytes()));
    files.push((
        STABLE_FILES[1].into(),
        parts.frame_html.clone().into_bytes(),
    ));
    files.push((
        STABLE_FILES[2].into(),
        without_comments_or_indentation(&parts.frame_js).into_bytes(),
    ));
    files.push((STABLE_FILES[3].into(), parts.resize_js.clone().into_bytes()));
    Ok(files)
}

/// The app's stylesheet, as index.html names it (Trunk's hashed `main-….css`).
fn main_style(html: &str) -> Result<String, String> {
    start_tags(html)
        .into_iter()
        .find(|tag| tag.name == "link" && tag.attribute("rel") == Some("stylesheet"))
        .and_then(|tag| {
            tag.attribute("href")
                .map(|h| h.trim_start_matches("./").to_string())
        })
        .ok_or_else(|| "index.html names no stylesheet for the widget to share".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts() -> WidgetParts {
        WidgetParts {
            module: LazyFile::WasmModule {
                meta: "sinmun-widget".into(),
                stem: "sinmun-widget".into(),
                glue: "new URL('sinmun-widget_bg.wasm', import.meta.url)".into(),
                wasm: b"\0asm".to_vec(),
                wasm_name: "sinmun-widget_bg.wasm".into(),
            },
            style: b":host{}".to_vec(),
            embed_js: "// a comment\nconst FILES = /*sinmun:files*/ {};\n".into(),
            frame_html: "<html></html>".into(),
            frame_js: "// c\nreport();\n".into(),
            resize_js: "addEventListener('message', f);\n".into(),
        }
    }

    fn lazy() -> Vec<(String, String)> {
        [
            "sinmun-sanitizer",
            "sinmun-body-style",
            "sinmun-markdown",
            "sinmun-enhance",
            "sinmun-feeds",
        ]
        .iter()
        .map(|m| (m.to_string(), format!("{m}-1.js")))
        .collect()
    }

    /// A bundle's CSS files, by name.
    fn read(name: &str) -> Result<Vec<u8>, String> {
        match name {
            "main-abc.css" | "main.css" => Ok(b".sinmun{margin:1rem}".to_vec()),
            "sinmun-body-style-1.js" => Ok(b".article-body{gap:2rem}".to_vec()),
            other => Err(format!("no {other}")),
        }
    }

    #[test]
    fn embed_js_names_the_hashed_files_it_loads() {
        let html = r#"<link rel="stylesheet" href="./main-abc.css">"#;
        let files = widget_files(&parts(), html, &lazy(), &read).unwrap();
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names[0].starts_with("sinmun-widget-") && names[0].ends_with(".js"));
        assert!(names[1].ends_with("_bg.wasm"));
        assert!(names[2].starts_with("widget-") && names[2].ends_with(".css"));
        assert!(names[3].starts_with("widget-body-") && names[3].ends_with(".css"));
        assert_eq!(&names[4..], STABLE_FILES);
        let style = String::from_utf8(files[2].1.clone()).unwrap();
        assert!(
            style.starts_with(".sinmun{margin:calc(1 * var(--sinmun-font-size, 16px))}"),
            "{style}"
        );
        assert!(
            style.ends_with(":host{}"),
            "the widget's own rules come last: {style}"
        );
        let body = String::from_utf8(files[3].1.clone()).unwrap();
        assert!(!body.contains("2rem"), "{body}");
        let embed = String::from_utf8(files[4].1.clone()).unwrap();
        assert!(!embed.contains("a comment"), "comment lines are left out");
        let json = embed
            .trim()
            .trim_start_matches("const FILES = ")
            .trim_end_matches(';');
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(value["module"], names[0]);
        assert_eq!(value["styles"], serde_json::json!([names[2]]));
        assert_eq!(value["files"]["bodyStyle"], names[3]);
        assert_eq!(value["files"]["markdown"], "sinmun-markdown-1.js");
    }

    #[test]
    fn a_missing_lazy_file_or_marker_is_an_error() {
        let html = r#"<link rel="stylesheet" href="main.css">"#;
        let error = widget_files(&parts(), html, &lazy()[..2], &read).unwrap_err();
        assert!(error.contains("sinmun-markdown"), "{error}");
        let mut no_marker = parts();
        no_marker.embed_js = "const FILES = {};".into();
        assert!(widget_files(&no_marker, html, &lazy(), &read).is_err());
        assert!(widget_files(&parts(), "<p>", &lazy(), &read).is_err());
    }
}
