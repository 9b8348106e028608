//! Text: the document, its prose, folding, words, sentences, and what a name's spelling tells.

pub mod document;
pub mod fold;
pub mod names;
pub mod prose;
pub mod sentences;
pub mod tokens;

pub use document::{Document, Encoding, Pos, line_col};
pub use prose::Kind;
