//! Trunk starts the app from an inline `<script type="module">`, which the
//! strict Content-Security-Policy of index.html blocks (Trunk issue #288).
//! This moves it into its own file, named by a hash of its content, with the
//! early data requests (`src/source/early.js`) in front of it.
//!
//! The start script finds the app relative to itself: Trunk's loader, built
//! with a relative public URL, imports `./app-….js`, and the wasm path it
//! passes is rewritten to `new URL('./app-…_bg.wasm', import.meta.url)`, so
//! neither depends on the page's `<base href>`. Its static `import` becomes
//! a dynamic one after `await sinmunReady` (defined by early.js): on a
//! prerendered page the app starts once the page has loaded, instead of
//! downloading while the page's own images and styles do.

use crate::hash::{fnv, hex};

/// The start script: its file name and content.
#[derive(Debug, PartialEq)]
pub struct StartScript {
    pub name: String,
    pub text: String,
}

const OPEN: &str = "<script type=\"module\">";
const CLOSE: &str = "</script>";
const WASM_ARGUMENT: &str = "module_or_path: ";

/// The line of the start script that names the lazy files
/// (`globalThis.sinmunFiles`, read by `src/body/lazy.rs`), so a page need not
/// carry a `<meta name="sinmun-…">` tag for each.
pub fn files_script(files: &[(String, String)]) -> String {
    let map: serde_json::Map<String, serde_json::Value> = files
        .iter()
        .map(|(meta, file)| (meta.clone(), file.clone().into()))
        .collect();
    let json = serde_json::Value::Object(map).to_string();
    format!("globalThis.sinmunFiles={json};\n")
}

/// index.html with its inline loader replaced by `<script type="module"
/// src="sinmun-start-<hash>.js">`, and that script; `None` when the page has
/// no inline module script (already external).
pub fn externalise(html: &str, early_js: &str) -> Result<Option<(String, StartScript)>, String> {
    let Some(start) = html.find(OPEN) else {
        return Ok(None);
    };
    let body_start = start + OPEN.len();
    let end = html[body_start..]
        .find(CLOSE)
        .map(|i| body_start + i)
        .ok_or("index.html: unterminated inline module script")?;
    let loader = dynamic_import(&relative_wasm_url(html[body_start..end].trim())?)?;
    let text = format!("{}{loader}\n", without_comments_or_indentation(early_js));
    let name = format!("sinmun-start-{}.js", hex(fnv(text.as_bytes())));
    // Relative src: <base href> makes it work under any base path.
    let tag = format!("<script type=\"module\" src=\"{name}\"></script>");
    let page = format!("{}{tag}{}", &html[..start], &html[end + CLOSE.len()..]);
    Ok(Some((page, StartScript { name, text })))
}

/// Comment lines and indentation stay in the source: they would cost
/// first-load bytes. Indentation stays when a template literal runs over
/// several lines (its lines are text, not code).
pub fn without_comments_or_indentation(js: &str) -> String {
    let multi_line_literal = js.lines().any(|line| line.matches('`').count() % 2 == 1);
    js.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .map(|line| match multi_line_literal {
            true => format!("{line}\n"),
            false => format!("{}\n", line.trim_start()),
        })
        .collect()
}

/// `import init, * as bindings from './app.js';` (fetched before the script
/// runs) as `await sinmunReady;` and an `import()` of the same module.
fn dynamic_import(loader: &str) -> Result<String, String> {
    const STATIC: &str = "import init, * as bindings from ";
    let start = loader.find(STATIC).ok_or_else(|| {
        format!("Trunk's loader no longer starts with `{STATIC}'./…';`: {loader}")
    })?;
    let rest = loader.get(start + STATIC.len()..).unwrap_or("");
    let end = rest
        .find(';')
        .ok_or("Trunk's loader: unterminated import")?;
    let module = rest.get(..end).unwrap_or("").trim();
    Ok(format!(
        "{}await sinmunReady;\nconst bindings = await import({module});\nconst init = bindings.default;{}",
        loader.get(..start).unwrap_or(""),
        rest.get(end + 1..).unwrap_or("")
    ))
}

/// Trunk's `init({ module_or_path: './app_bg.wasm' })` resolves the path
/// through the page's base URL (wasm-bindgen fetches it); resolve it against
/// the script's own URL instead, like its `import` of the glue.
fn relative_wasm_url(loader: &str) -> Result<String, String> {
    let not_relative = || {
        format!(
            "Trunk's loader no longer imports the app as `from './…'` and passes \
             `{WASM_ARGUMENT}'./…'` (build with public_url = \"./\"): {loader}"
        )
    };
    if !loader.contains(" from './") {
        return Err(not_relative());
    }
    let at = loader.find(WASM_ARGUMENT).ok_or_else(not_relative)?;
    let (head, argument) = loader.split_at(at + WASM_ARGUMENT.len());
    let path = argument
        .strip_prefix('\'')
        .and_then(|quoted| quoted.split('\'').next())
        .filter(|path| path.starts_with("./"))
        .ok_or_else(not_relative)?;
    let tail = argument.get(path.len() + 2..).ok_or_else(not_relative)?;
    Ok(format!("{head}new URL('{path}', import.meta.url){tail}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Trunk 0.21's loader, as built with `public_url = "./"`.
    const TRUNK_PAGE: &str = "<head><link rel=\"modulepreload\" href=\"./app-1.js\">\n\
<script type=\"module\">\nimport init, * as bindings from './app-1.js';\n\
const wasm = await init({ module_or_path: './app-1_bg.wasm' });\n\nwindow.wasmBindings = bindings;\n</script></head>";

    const EARLY: &str =
        "// Early requests.\n  // indented comment\ntry { start('config.json'); } catch {}\n";

    #[test]
    fn the_files_script_is_one_line_of_json() {
        let files = [("sinmun-markdown".to_string(), "md-1.js".to_string())];
        assert_eq!(
            files_script(&files),
            "globalThis.sinmunFiles={\"sinmun-markdown\":\"md-1.js\"};\n"
        );
    }

    #[test]
    fn comment_lines_and_indentation_go_but_not_from_multi_line_literals() {
        assert_eq!(
            without_comments_or_indentation("// note\nfunction f() {\n  return 1; // kept\n}\n"),
            "function f() {\nreturn 1; // kept\n}\n"
        );
        let literal = "const t = `a\n  b`;\n  x();\n";
        assert_eq!(without_comments_or_indentation(literal), literal);
    }

    #[test]
    fn moves_the_loader_out_behind_the_early_requests() {
        let (page, script) = externalise(TRUNK_PAGE, EARLY).unwrap().unwrap();
        assert_eq!(
            script.text,
            "try { start('config.json'); } catch {}\nawait sinmunReady;\n\
const bindings = await import('./app-1.js');\nconst init = bindings.default;\n\
const wasm = await init({ module_or_path: new URL('./app-1_bg.wasm', import.meta.url) });\n\n\
window.wasmBindings = bindings;\n"
        );
        let hash = hex(fnv(script.text.as_bytes()));
        assert_eq!(script.name, format!("sinmun-start-{hash}.js"));
        assert_eq!(
            page,
            format!(
                "<head><link rel=\"modulepreload\" href=\"./app-1.js\">\n\
<script type=\"module\" src=\"{}\"></script></head>",
                script.name
            )
        );
    }

    #[test]
    fn an_external_loader_is_left_alone() {
        assert_eq!(
            externalise("<script type=\"module\" src=\"s.js\"></script>", EARLY),
            Ok(None)
        );
    }

    #[test]
    fn a_root_relative_loader_is_refused() {
        let page = TRUNK_PAGE.replace("'./", "'/");
        let error = externalise(&page, EARLY).unwrap_err();
        assert!(error.contains("public_url = \"./\""), "{error}");
        assert!(externalise("<script type=\"module\">x", EARLY).is_err());
    }
}
