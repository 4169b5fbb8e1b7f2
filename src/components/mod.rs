//! Pieces shared by the views.

pub mod article_card;
pub mod banner;
pub mod body_view;
pub mod hash_links;
pub mod meta_line;
pub mod pager;
pub mod site_header;
#[cfg(feature = "feeds")]
pub mod source_notes;
pub mod status;
pub mod toc;
