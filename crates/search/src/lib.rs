//! Full-text search for sinmun sites, in one crate so that the converter
//! (which writes the index) and the browser (which reads it) cannot
//! disagree about what a word is.
//!
//! - [`normalize`]: NFKC and lowercase, the one form text is compared in.
//! - [`tokens`]: the terms of a text: Hangul, kana and CJK ideographs as
//!   character bigrams (so `대출` is found inside `가계대출`, and `서울`
//!   in `서울은`), every other letter or digit run as a word (found by
//!   prefix).
//! - [`query`]: what a reader's query asks for, in those terms.
//! - [`format`] and [`index`]: the files of the index (term chunks, result
//!   records, categories) and how they are read.
//! - [`build`]: the converter's side, the index made from the collection.
//! - [`rank`] and [`snippet`]: ranking and highlighted snippets.
//! - `module` (feature `module`, wasm only): the lazily loaded browser
//!   module that fetches what a query needs and shows the results.
//!
//! Why bigrams: a Korean word carries its particles (`서울은`, `서울시`) and
//! compounds are written without spaces (`가계대출`), so whole-word or
//! prefix matching (Pagefind's) misses words inside words. Measured figures
//! are in the README.

pub mod build;
pub mod format;
pub mod index;
pub mod labels;
pub mod memory;
pub mod normalize;
pub mod query;
pub mod rank;
pub mod snippet;
pub mod tokens;

#[cfg(all(target_arch = "wasm32", feature = "module"))]
mod module;

#[cfg(all(target_arch = "wasm32", feature = "module"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
