#![no_main]
// The body is shared with the stable corpus replay test: crates/fuzz-targets.
libfuzzer_sys::fuzz_target!(|data: &[u8]| sinmun_fuzz_targets::feed_readers(data));
