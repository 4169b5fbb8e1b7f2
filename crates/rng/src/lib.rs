//! Seeded random numbers for sinmun's synthetic posts (`sinmun-synth`) and
//! the benchmark's generated article (`xtask`): the same sequence on every
//! machine, so generated sites and figures can be compared across runs. A
//! crate of its own so that `xtask` (run before every command) does not
//! depend on the converter: cargo then checks some 30 crates before running
//! it instead of 500 (`cargo xtask help`: 0.23 s → 0.15 s).

/// SplitMix64: tiny, fast and the same everywhere (no dependency needed).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items.get(self.below(items.len())).copied().unwrap_or("")
    }
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}
