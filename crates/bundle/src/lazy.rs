//! Files the app loads on first use, not with the first load (see
//! `src/body/lazy.rs`): each is written under a content-hashed name and named
//! in index.html by a `<meta name="sinmun-…" content="file">` tag. The files
//! come built (xtask builds the Markdown module); this only names and places
//! them.

use crate::hash::{fnv, hashed_name, hex};

/// A file the app loads on first use.
pub enum LazyFile {
    /// One file, e.g. DOMPurify (`purify-<hash>.js`) or the body styles
    /// (`body-<hash>.css`).
    Single {
        meta: String,
        stem: String,
        ext: String,
        bytes: Vec<u8>,
    },
    /// A wasm-bindgen module (`--target web`): its glue and its wasm, as
    /// `<stem>-<hash>.js` and `<stem>-<hash>_bg.wasm`. `wasm_name` is the name
    /// the glue gives its wasm (`sinmun_markdown_bg.wasm`).
    WasmModule {
        meta: String,
        stem: String,
        glue: String,
        wasm: Vec<u8>,
        wasm_name: String,
    },
}

/// What adding a lazy file writes: files `(name, bytes)`, and the tag for index.html.
pub struct Placed {
    pub files: Vec<(String, Vec<u8>)>,
    pub meta_tag: String,
}

impl LazyFile {
    /// The name the page knows it by (`sinmun-markdown`).
    pub fn meta(&self) -> &str {
        match self {
            LazyFile::Single { meta, .. } | LazyFile::WasmModule { meta, .. } => meta,
        }
    }

    pub fn place(&self) -> Result<Placed, String> {
        let (meta, files) = match self {
            LazyFile::Single {
                meta,
                stem,
                ext,
                bytes,
            } => {
                // Stylesheets are compacted before they are named by hash.
                let bytes = match (ext.as_str(), std::str::from_utf8(bytes)) {
                    ("css", Ok(css)) => crate::css::compact(css).into_bytes(),
                    _ => bytes.clone(),
                };
                (meta, vec![(hashed_name(stem, &bytes, ext), bytes)])
            }
            LazyFile::WasmModule {
                meta,
                stem,
                glue,
                wasm,
                wasm_name,
            } => (meta, wasm_module_files(stem, glue, wasm, wasm_name)?),
        };
        let first = files
            .first()
            .map(|(name, _)| name.as_str())
            .unwrap_or_default();
        let meta_tag = format!("<meta name=\"{meta}\" content=\"{first}\">");
        Ok(Placed { files, meta_tag })
    }
}

/// The glue (first) and the wasm, renamed by one hash of both, the glue
/// pointing at the wasm's new name.
fn wasm_module_files(
    stem: &str,
    glue: &str,
    wasm: &[u8],
    wasm_name: &str,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let quoted = format!("'{wasm_name}'");
    if !glue.contains(&quoted) {
        return Err(format!("wasm-bindgen's glue no longer names {quoted}"));
    }
    let stem = format!("{stem}-{}", hex(fnv(wasm.iter().chain(glue.as_bytes()))));
    let new_wasm_name = format!("{stem}_bg.wasm");
    let glue = glue.replace(&quoted, &format!("'{new_wasm_name}'"));
    Ok(vec![
        (format!("{stem}.js"), glue.into_bytes()),
        (new_wasm_name, wasm.to_vec()),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_single_file_is_named_by_its_hash() {
        let placed = LazyFile::Single {
            meta: "sinmun-body-style".into(),
            stem: "body".into(),
            ext: "css".into(),
            bytes: b"a".to_vec(),
        }
        .place()
        .unwrap();
        assert_eq!(
            placed.files,
            [("body-af63dc4c8601ec8c.css".to_string(), b"a".to_vec())]
        );
        assert_eq!(
            placed.meta_tag,
            "<meta name=\"sinmun-body-style\" content=\"body-af63dc4c8601ec8c.css\">"
        );
    }

    #[test]
    fn a_wasm_module_glue_names_its_renamed_wasm() {
        let module = LazyFile::WasmModule {
            meta: "sinmun-markdown".into(),
            stem: "sinmun-markdown".into(),
            glue: "module_or_path = new URL('sinmun_markdown_bg.wasm', import.meta.url);".into(),
            wasm: b"\0asm".to_vec(),
            wasm_name: "sinmun_markdown_bg.wasm".into(),
        };
        let placed = module.place().unwrap();
        let [(js, glue), (wasm, _)] = placed.files.as_slice() else {
            panic!("two files expected");
        };
        let stem = js.trim_end_matches(".js");
        assert_eq!(wasm, &format!("{stem}_bg.wasm"));
        assert!(String::from_utf8_lossy(glue).contains(&format!("new URL('{wasm}'")));
        assert_eq!(
            placed.meta_tag,
            format!("<meta name=\"sinmun-markdown\" content=\"{js}\">")
        );
    }

    #[test]
    fn a_glue_that_does_not_name_its_wasm_is_refused() {
        let module = LazyFile::WasmModule {
            meta: "m".into(),
            stem: "m".into(),
            glue: "nothing".into(),
            wasm: Vec::new(),
            wasm_name: "m_bg.wasm".into(),
        };
        assert!(module.place().is_err());
    }
}
