//! Inline styles of article bodies, as pure string code with no dependency
//! beyond `std`: the app (`src/body/`) runs it in the browser, and the fuzz
//! targets (`crates/fuzz-targets`) drive it natively without linking the
//! Leptos app.
//!
//! - [`style_attrs`]: before sanitising, `style` attributes are renamed to
//!   [`style_attrs::DEFERRED_STYLE`] (a strict CSP refuses them at parse time);
//! - [`style_filter`]: after sanitising, only checked `color`,
//!   `background-color` and `text-align` declarations are applied.

pub mod style_attrs;
pub mod style_filter;
