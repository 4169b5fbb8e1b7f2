//! The lazily loaded search module's exports (the app's `src/views/search.rs`
//! and `src/components/site_header.rs` call them):
//!
//! - `show(container, lang, query, category)`: the search view's results
//!   for a query, drawn into `container` (a view per container, kept until
//!   `hide(container)`), fetching what the query needs (`view.rs`);
//! - `attachInput(input, basePath)` → an `InputHandle`: typing in the
//!   masthead's search box goes to the search view (debounced), a submit at
//!   once, ArrowDown moves to the results, Escape leaves the box
//!   (`input.rs`). Dropping it (`free()`) removes its listeners.

mod engine;
mod fetch;
mod input;
mod keys;
mod render;
mod view;
