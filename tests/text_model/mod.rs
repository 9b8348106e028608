//! A model of an LSP client's text, written independently of the server's rope: lines split
//! at `\n`, `\r\n` and `\r`; columns in UTF-16 code units, UTF-8 bytes or characters; a
//! position past the end of its line clamped to the line's end, one past the last line to
//! the end of the text, one inside a character floored to its start.
//!
//! Shared by `tests/lsp_sync.rs` and the fuzz targets (`fuzz/`), which check the server's
//! text sync and position mapping against it.

#![allow(dead_code)]

/// How a column is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enc {
    Utf16,
    Utf8,
    /// Characters (LSP `utf-32`, the CLI's columns).
    Utf32,
}

impl Enc {
    /// The width of a character in this encoding.
    pub fn width(self, c: char) -> usize {
        match self {
            Enc::Utf16 => c.len_utf16(),
            Enc::Utf8 => c.len_utf8(),
            Enc::Utf32 => 1,
        }
    }
}

/// Byte ranges of the lines of a text, without their line breaks (`\r\n`, `\n`, `\r`).
pub fn model_lines(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\r' if b.get(i + 1) == Some(&b'\n') => {
                out.push((start, i));
                i += 2;
                start = i;
            }
            b'\r' | b'\n' => {
                out.push((start, i));
                i += 1;
                start = i;
            }
            _ => i += 1,
        }
    }
    out.push((start, b.len()));
    out
}

/// The byte offset of an LSP position in the text.
pub fn model_offset(text: &str, line: u64, col: u64, enc: Enc) -> usize {
    model_offset_in(text, &model_lines(text), line, col, enc)
}

/// [`model_offset`] with the text's [`model_lines`] already split (the fuzz target asks for
/// many positions of one text).
pub fn model_offset_in(
    text: &str,
    lines: &[(usize, usize)],
    line: u64,
    col: u64,
    enc: Enc,
) -> usize {
    let Some(&(start, end)) = usize::try_from(line).ok().and_then(|l| lines.get(l)) else {
        return text.len();
    };
    let mut units = 0u64;
    for (i, c) in text[start..end].char_indices() {
        let w = enc.width(c) as u64;
        if units + w > col {
            return start + i;
        }
        units += w;
    }
    end
}

/// The line and column of a byte offset (clamped to the text, floored to a character; a
/// byte inside a line break belongs to the line it ends).
pub fn model_position(text: &str, byte: usize, enc: Enc) -> (usize, usize) {
    model_position_in(text, &model_lines(text), byte, enc)
}

/// [`model_position`] with the text's [`model_lines`] already split.
pub fn model_position_in(
    text: &str,
    lines: &[(usize, usize)],
    byte: usize,
    enc: Enc,
) -> (usize, usize) {
    let byte = byte.min(text.len());
    // The last line that starts at or before the byte.
    let line = lines.partition_point(|&(s, _)| s <= byte) - 1;
    let (start, _) = lines[line];
    let col = text[start..]
        .char_indices()
        .take_while(|&(i, _)| start + i < byte)
        .filter(|&(i, c)| start + i + c.len_utf8() <= byte)
        .map(|(_, c)| enc.width(c))
        .sum();
    (line, col)
}
