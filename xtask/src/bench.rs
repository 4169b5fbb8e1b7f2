//! `cargo xtask bench`: figures, not pass/fail (see README, "Figures").

use crate::Result;

pub fn bench(_args: &[String]) -> Result {
    Err("bench: not yet implemented".into())
}
