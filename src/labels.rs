//! Interface text in the site's language: shared with the converter's
//! prerendered pages, so it lives in the model crate.

pub use sinmun_model::labels::*;
