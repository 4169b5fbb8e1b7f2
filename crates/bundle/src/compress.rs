//! Precompression: `FILE.gz` (gzip -9) and `FILE.br` (brotli 11) beside each
//! text and wasm file of the bundle, for hosts that serve precompressed files
//! (and the test server). The originals stay for hosts that do not. The gzip
//! here is also what `bundle.json`'s `gzip` sizes and the budget measure.

use std::io::Write as _;
use std::path::Path;

/// The files worth compressing (images other than SVG are compressed already).
const COMPRESSIBLE: [&str; 5] = [".wasm", ".js", ".css", ".html", ".svg"];

pub fn is_compressible(path: &str) -> bool {
    COMPRESSIBLE.iter().any(|ext| path.ends_with(ext))
}

/// gzip at level 9 with no file name or time in the header (like `gzip -9 -n`;
/// zlib-rs, see Cargo.toml).
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

/// Brotli at the highest quality (11) with a 4 MB window.
pub fn brotli(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)
        .map_err(|e| format!("brotli: {e}"))?;
    Ok(out)
}

/// Writes `FILE.gz` and `FILE.br` beside `path`.
pub fn precompress(path: &Path) -> Result<(), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let brotli = brotli(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    for (suffix, data) in [(".gz", gzip(&bytes)), (".br", brotli)] {
        let mut target = path.as_os_str().to_owned();
        target.push(suffix);
        std::fs::write(&target, data)
            .map_err(|e| format!("cannot write {}{suffix}: {e}", path.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    #[test]
    fn both_encodings_round_trip() {
        let text = "정부는 발표했다 ".repeat(500);
        let mut unzipped = String::new();
        let gz = gzip(text.as_bytes());
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut unzipped)
            .unwrap();
        assert_eq!(unzipped, text);
        assert!(gz.len() < text.len() / 10);
        let br = brotli(text.as_bytes()).unwrap();
        let mut unbrotlied = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut unbrotlied).unwrap();
        assert_eq!(unbrotlied, text.as_bytes());
    }

    #[test]
    fn gzip_header_carries_no_name_or_time() {
        let gz = gzip(b"x");
        // ID1 ID2 CM FLG MTIME(4): no FNAME flag, time zero.
        assert_eq!(&gz[..8], &[0x1f, 0x8b, 8, 0, 0, 0, 0, 0]);
    }

    #[test]
    fn writes_gz_and_br_beside_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("app.js");
        std::fs::write(&file, "console.log(1)").unwrap();
        precompress(&file).unwrap();
        assert!(dir.path().join("app.js.gz").is_file());
        assert!(dir.path().join("app.js.br").is_file());
        assert!(is_compressible("a/b.wasm") && !is_compressible("a.png"));
    }
}
