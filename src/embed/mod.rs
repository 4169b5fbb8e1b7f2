//! The widget build (`--features embed`, the `sinmun-widget` binary that
//! `embed.js` loads): the JavaScript API that mounts an embedded instance
//! (`api.rs`) and what only a widget does, announcing an article a reader
//! opens to the page around it (`open.rs`).
//!
//! The JavaScript side lives beside this file: `embed.js` (the
//! `<sinmun-feed>` element, lazy loading, the no-WASM fallback), `frame.html`
//! and `frame.js` (the iframe embed) and `resize.js` (the host's optional
//! iframe resizer). `crates/bundle` writes them into every bundle.

pub mod api;
pub mod decorate;
pub mod open;
pub mod relative;
pub mod view;
