//! The bytes of an XML feed as text, decoded the way browsers decode:
//! the charset the XML prolog declares (`<?xml version="1.0"
//! encoding="euc-kr"?>`), else the HTTP header's, else UTF-8, mapped by the
//! WHATWG Encoding Standard (`euc-kr` is windows-949). The browser's
//! `TextDecoder` does it in the wasm module; `encoding_rs` (the same
//! standard, Firefox's decoder) natively. A BOM wins over both.

/// The text of `bytes`; `header` is the charset of the HTTP Content-Type.
pub fn decode(bytes: &[u8], header: Option<&str>) -> Result<String, String> {
    let label = bom_label(bytes)
        .map(str::to_string)
        .or_else(|| prolog_charset(bytes))
        .or_else(|| header.map(str::to_string))
        .unwrap_or_else(|| "utf-8".to_string());
    decode_with(bytes, label.trim())
}

/// Whether `bytes` start with a UTF-16 byte-order mark.
pub fn is_utf16(bytes: &[u8]) -> bool {
    matches!(bom_label(bytes), Some("utf-16le" | "utf-16be"))
}

fn bom_label(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        Some("utf-8")
    } else if bytes.starts_with(b"\xFF\xFE") {
        Some("utf-16le")
    } else if bytes.starts_with(b"\xFE\xFF") {
        Some("utf-16be")
    } else {
        None
    }
}

/// The `encoding` pseudo-attribute of an `<?xml …?>` prolog at the start.
pub fn prolog_charset(bytes: &[u8]) -> Option<String> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    let rest = bytes.get(start..)?;
    if !rest.starts_with(b"<?xml") {
        return None;
    }
    let end = rest.iter().position(|&b| b == b'>')?;
    let prolog = std::str::from_utf8(rest.get(..end)?).ok()?;
    let at = prolog.find("encoding")?;
    let after = prolog.get(at + "encoding".len()..)?.trim_start();
    let after = after.strip_prefix('=')?.trim_start();
    let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = after.get(1..)?;
    let close = value.find(quote)?;
    Some(value.get(..close)?.to_string())
}

/// The charset parameter of a Content-Type header.
pub fn header_charset(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|part| {
        let (key, value) = part.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"').to_string())
    })
}

#[cfg(not(target_arch = "wasm32"))]
fn decode_with(bytes: &[u8], label: &str) -> Result<String, String> {
    let encoding = encoding_rs::Encoding::for_label(label.as_bytes()).ok_or_else(|| {
        format!("it declares the character encoding \"{label}\", which is not one browsers know")
    })?;
    let (text, _, _) = encoding.decode(bytes);
    Ok(text.into_owned())
}

#[cfg(target_arch = "wasm32")]
fn decode_with(bytes: &[u8], label: &str) -> Result<String, String> {
    let decoder = web_sys::TextDecoder::new_with_label(label).map_err(|_| {
        format!("it declares the character encoding \"{label}\", which is not one browsers know")
    })?;
    decoder
        .decode_with_u8_array(bytes)
        .map_err(|_| format!("its bytes are not valid {label}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prolog_names_the_charset() {
        assert_eq!(
            prolog_charset(b"<?xml version=\"1.0\" encoding=\"euc-kr\"?><rss/>").as_deref(),
            Some("euc-kr")
        );
        assert_eq!(
            prolog_charset(b"  <?xml version='1.0' encoding = 'EUC-JP' ?>").as_deref(),
            Some("EUC-JP")
        );
        assert_eq!(prolog_charset(b"<?xml version=\"1.0\"?>"), None);
        assert_eq!(prolog_charset(b"<rss/>"), None);
        assert_eq!(
            header_charset("application/rss+xml; charset=\"EUC-KR\"").as_deref(),
            Some("EUC-KR")
        );
        assert_eq!(header_charset("text/xml"), None);
    }

    #[test]
    fn euc_kr_becomes_hangul() {
        // "한국" in EUC-KR.
        let bytes = b"<?xml version=\"1.0\" encoding=\"euc-kr\"?><t>\xC7\xD1\xB1\xB9</t>";
        assert!(decode(bytes, None).unwrap().contains("한국"));
        assert!(decode(b"<t>x</t>", Some("klingon")).is_err());
    }

    #[test]
    fn shift_jis_from_the_prolog_wins_over_the_header() {
        // "日本語" in Shift_JIS, served as if it were UTF-8.
        let bytes = b"<?xml version='1.0' encoding='Shift_JIS'?><t>\x93\xFA\x96\x7B\x8C\xEA</t>";
        assert!(decode(bytes, Some("utf-8")).unwrap().contains("日本語"));
        // Without a prolog charset the header's counts.
        let bare = b"<t>\x93\xFA\x96\x7B\x8C\xEA</t>";
        assert!(decode(bare, Some("shift_jis")).unwrap().contains("日本語"));
    }
}
