//! The position mapping of `text::Document` (the one place byte offsets become lines and
//! columns), in all three encodings (UTF-8 bytes, UTF-16 code units, characters = LSP's
//! `utf-32`), against the independent model of `tests/text_model`:
//!
//! - `position` of any byte equals the model's (clamped, floored, a byte inside a line break
//!   on the line it ends), and `line_col` is it 1-based in characters;
//! - `offset` of any line and column equals the model's (clamped to the line's end and the
//!   text's end, floored inside a character) and lands on a character boundary;
//! - round trips: `offset(position(b)) == b` for a character boundary `b` that is not inside
//!   a line break, and `position(offset(p)) <= p`.

#![no_main]

use arbitrary::Arbitrary;
use copydesk::text::{Document, Encoding, Kind, Pos};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/text_model/mod.rs"]
mod text_model;
use text_model::{Enc, model_lines, model_offset_in, model_position_in};

#[derive(Debug, Arbitrary)]
struct Input {
    text: String,
    offsets: Vec<u16>,
    positions: Vec<(u8, u16, bool)>,
}

const ENCODINGS: [(Encoding, Enc); 3] = [
    (Encoding::Utf8, Enc::Utf8),
    (Encoding::Utf16, Enc::Utf16),
    (Encoding::Chars, Enc::Utf32),
];

fuzz_target!(|input: Input| {
    let text = &input.text;
    let doc = Document::new(text, Kind::Plain);
    assert_eq!(doc.text(), *text);
    let lines = model_lines(text);
    // Every byte of a short text, and the offsets asked for (some past the end).
    let bytes: Vec<usize> = if text.len() <= 256 {
        (0..=text.len() + 1).collect()
    } else {
        input.offsets.iter().map(|&o| o as usize).collect()
    };
    for (enc, model) in ENCODINGS {
        for &b in &bytes {
            let p = doc.position(b, enc);
            assert_eq!((p.line, p.col), model_position_in(text, &lines, b, model), "position of {b} in {enc:?}");
            if enc == Encoding::Chars {
                assert_eq!(doc.line_col(b), (p.line + 1, p.col + 1));
            }
            // The character boundary at or before b, and the end of its line's content.
            let floor = (0..=b.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap();
            let line_end = lines[p.line].1;
            assert_eq!(doc.offset(p, enc), floor.min(line_end), "round trip of {b} in {enc:?}");
        }
        let mut asked: Vec<Pos> = input
            .positions
            .iter()
            .map(|&(line, col, far)| Pos {
                line: line as usize,
                col: if far { u32::MAX as usize } else { col as usize },
            })
            .collect();
        asked.push(Pos { line: u32::MAX as usize, col: 0 });
        for p in asked {
            let o = doc.offset(p, enc);
            assert_eq!(o, model_offset_in(text, &lines, p.line as u64, p.col as u64, model), "offset of {p:?} in {enc:?}");
            assert!(text.is_char_boundary(o));
            assert!(doc.position(o, enc) <= p, "position(offset({p:?})) in {enc:?}");
        }
    }
});
