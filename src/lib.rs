//! copydesk: a copy desk's checks while a reporter types.
//!
//! Data flows one way: text -> [`text::Document`] and its prose -> [`analysis`] (mentions of
//! names, titles and dates found against the table's [`table::Index`]) -> [`rules`] ->
//! [`finding::Finding`]s (plain data) -> adapters: [`cli`] and [`lsp`]. The core works in
//! UTF-8 byte offsets; [`text::Document`] is the one place that converts them to lines and
//! columns.
//!
//! The modules are layers, each importing only from those below it (`tests/layers.rs`
//! checks it, ARCHITECTURE.md draws it): [`text`] and [`dates`]; [`table`]; [`finding`] and
//! [`config`]; [`analysis`]; [`rules`] and [`card`]; [`check`] and [`spec`]; [`workspace`]
//! (a document's `copydesk.json`, settings and tables, read through a file system passed
//! in); the builder core [`build`]; [`disk`] (the real file system); and on top the
//! adapters [`cli`] and [`lsp`], which alone do I/O and never import each other (`main.rs`
//! runs one or the other).

pub mod analysis;
pub mod build;
pub mod card;
pub mod check;
pub mod cli;
pub mod config;
pub mod dates;
pub mod disk;
pub mod finding;
pub mod fix;
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
