//! Leptos glue the views share, kept apart from data access (`source/`,
//! which has no Leptos import): compare the Yew RealWorld app's `hooks/`.

pub mod in_flight;
pub mod keyed_load;

pub use keyed_load::{keyed_load, Retry};
