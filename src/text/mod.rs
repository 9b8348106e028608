//! Text: the document, its prose, folding, words and sentences.

pub mod document;
pub mod fold;
pub mod prose;
pub mod sentences;
pub mod tokens;

pub use document::{Document, Encoding, Pos};
pub use prose::Kind;
