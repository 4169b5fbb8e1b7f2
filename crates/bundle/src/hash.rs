//! The one content hash of the bundle: it names files (`stem-<hash>.ext`, so a
//! changed file gets a new URL and caches never serve a stale one) and it is
//! the `hash` of every file in `bundle.json`.

/// FNV-1a, 64 bits: for cache-busting file names, not a security hash.
pub fn fnv<'a>(bytes: impl IntoIterator<Item = &'a u8>) -> u64 {
    bytes.into_iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The hash as it appears in names and in `bundle.json`: 16 lower-case hex digits.
pub fn hex(hash: u64) -> String {
    format!("{hash:016x}")
}

/// `stem-<hash of bytes>.ext`.
pub fn hashed_name(stem: &str, bytes: &[u8], ext: &str) -> String {
    format!("{stem}-{}.{ext}", hex(fnv(bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_1a_reference_values() {
        // From the FNV reference test vectors (64-bit FNV-1a).
        assert_eq!(fnv(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn names_carry_sixteen_hex_digits() {
        assert_eq!(
            hashed_name("body", b"a", "css"),
            "body-af63dc4c8601ec8c.css"
        );
        assert_eq!(hex(1), "0000000000000001");
    }
}
