//! The files a JavaScript module names statically, the way bundlers read them:
//! `import … from '…'`, `import '…'`, `export … from '…'` and
//! `new URL('…', import.meta.url)` (how wasm-bindgen's glue names its wasm).
//! Dynamic `import(url)` with a computed URL is not followed: it is what lazy
//! loading is made of. A mention inside a comment or string may be found too;
//! callers ignore names that are not files of the bundle.

/// The specifiers, as written, in order. Bare package names (`import 'x'`)
/// are left out: only `./`, `../` and, in `new URL`, plain relative names are
/// files.
pub fn referenced_specifiers(js: &str) -> Vec<String> {
    let mut found = Vec::new();
    for keyword in ["from", "import"] {
        for at in keyword_positions(js, keyword) {
            if let Some((literal, _)) = string_literal(js[at + keyword.len()..].trim_start()) {
                if literal.starts_with("./") || literal.starts_with("../") {
                    found.push((at, literal.to_string()));
                }
            }
        }
    }
    for (at, _) in js.match_indices("new URL(") {
        let after = js[at + "new URL(".len()..].trim_start();
        if let Some((literal, rest)) = string_literal(after) {
            let rest = rest.trim_start();
            let relative = !literal.contains(':') && !literal.starts_with('/');
            if relative
                && rest.starts_with(',')
                && rest[1..].trim_start().starts_with("import.meta.url")
            {
                found.push((at, literal.to_string()));
            }
        }
    }
    found.sort();
    found.into_iter().map(|(_, literal)| literal).collect()
}

/// Where `keyword` stands as a word (not inside `transform` or `.from`).
fn keyword_positions<'a>(js: &'a str, keyword: &'a str) -> impl Iterator<Item = usize> + 'a {
    js.match_indices(keyword)
        .map(|(at, _)| at)
        .filter(move |&at| {
            let before = js[..at].chars().next_back();
            let after = js[at + keyword.len()..].chars().next();
            let word = |c: Option<char>| {
                c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$' || c == '.')
            };
            !word(before) && !after.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$')
        })
}

/// A '…' or "…" literal at the start of `text` (no escapes: file names have
/// none); returns its content and what follows it.
fn string_literal(text: &str) -> Option<(&str, &str)> {
    let quote = text.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let inner = &text[1..];
    let end = inner.find(quote)?;
    let literal = &inner[..end];
    (!literal.contains('\n')).then(|| (literal, &inner[end + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_static_imports_and_asset_urls() {
        let js = r#"import { a } from './snippets/app-1/inline0.js';
import "./side-effect.js";
export * from "../shared.js";
import init, * as bindings from './app-2.js';
const wasm = await init({ module_or_path: new URL('./app-2_bg.wasm', import.meta.url) });
if (typeof module_or_path === 'undefined') { module_or_path = new URL('app_bg.wasm', import.meta.url); }"#;
        assert_eq!(
            referenced_specifiers(js),
            [
                "./snippets/app-1/inline0.js",
                "./side-effect.js",
                "../shared.js",
                "./app-2.js",
                "./app-2_bg.wasm",
                "app_bg.wasm",
            ]
        );
    }

    #[test]
    fn leaves_out_packages_urls_and_lookalikes() {
        let js = r#"import 'lodash'; Array.from('./not-an-import.js'); transform './x.js';
new URL('https://example.com/a.js', import.meta.url); new URL('/abs.js', import.meta.url);
new URL('./b.js', document.baseURI); import(url);"#;
        assert!(
            referenced_specifiers(js).is_empty(),
            "{:?}",
            referenced_specifiers(js)
        );
    }
}
