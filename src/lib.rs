//! copydesk: a copy desk's checks while a reporter types.
//!
//! Data flows one way: text -> [`text::Document`] and its prose -> [`analysis`] (mentions of
//! names, titles and dates found against the table's [`table::Index`]) -> [`rules`] ->
//! [`finding::Finding`]s (plain data) -> adapters: [`cli`] and [`lsp`]. The core works in
//! UTF-8 byte offsets; [`text::document`] is the one place that converts them to lines and
//! columns.

pub mod analysis;
pub mod build;
pub mod card;
pub mod check;
pub mod cli;
pub mod config;
pub mod dates;
pub mod finding;
pub mod lsp;
pub mod rules;
pub mod spec;
pub mod table;
pub mod text;
pub mod workspace;

pub use check::check_text;
pub use config::Config;
pub use finding::{Finding, Fix, Severity};
pub use table::Index;
