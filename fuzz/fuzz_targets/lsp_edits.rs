//! A sequence of LSP `didChange`s against a model of the client's text, through the server's
//! own sync code (`lsp::sync::apply_changes`, which the stdin reader runs for every
//! `didChange`, as `tests/lsp_sync.rs` drives it), in the three position encodings.
//!
//! Each change is JSON: a range change (positions anywhere, some past the end or at
//! `u32::MAX`), a whole-text change, a range change with one field made wrong (negative,
//! above 32 bits, a string, null, a fraction, missing), or arbitrary bytes as JSON. The model
//! reads a change as LSP defines it; a `didChange` with one change it cannot read must be
//! refused whole (the error naming that change), otherwise the server's text must equal the
//! model's after it.

#![no_main]

use arbitrary::Arbitrary;
use copydesk::lsp::sync::apply_changes;
use copydesk::text::{Document, Encoding, Kind};
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};

#[path = "../../tests/text_model/mod.rs"]
mod text_model;
use text_model::{Enc, model_offset};

#[derive(Debug, Arbitrary)]
struct Input {
    initial: String,
    encoding: u8,
    did_changes: Vec<Vec<Change>>,
}

#[derive(Debug, Arbitrary)]
struct Range {
    start: (u8, u8),
    end: (u8, u8),
    /// Put a position at `u32::MAX` (bit 0: start line, 1: start column, 2: end line, 3: end
    /// column).
    far: u8,
}

#[derive(Debug, Arbitrary)]
enum Change {
    Range(Range, String),
    Whole(String),
    /// A range change with one field replaced (which field, which value).
    Odd(Range, String, u8, u8),
    Raw(String),
}

impl Range {
    fn json(&self) -> Value {
        let n = |v: u8, bit: u8| -> u64 {
            if self.far & (1 << bit) != 0 {
                u32::MAX.into()
            } else {
                v.into()
            }
        };
        json!({
            "start": {"line": n(self.start.0, 0), "character": n(self.start.1, 1)},
            "end": {"line": n(self.end.0, 2), "character": n(self.end.1, 3)},
        })
    }
}

impl Change {
    fn json(&self) -> Value {
        match self {
            Change::Range(r, text) => json!({"range": r.json(), "text": text}),
            Change::Whole(text) => json!({ "text": text }),
            Change::Odd(r, text, field, value) => {
                let mut v = json!({"range": r.json(), "text": text});
                let odd = match value % 7 {
                    0 => json!(-1),
                    1 => json!(1u64 << 32),
                    2 => json!("1"),
                    3 => Value::Null,
                    4 => json!(1.5),
                    5 => json!({}),
                    _ => json!(null),
                };
                let slot = match field % 8 {
                    0 => v.pointer_mut("/range/start/line"),
                    1 => v.pointer_mut("/range/start/character"),
                    2 => v.pointer_mut("/range/end/line"),
                    3 => v.pointer_mut("/range/end/character"),
                    4 => v.pointer_mut("/range/start"),
                    5 => v.pointer_mut("/range/end"),
                    6 => v.pointer_mut("/range"),
                    _ => v.pointer_mut("/text"),
                };
                if let Some(slot) = slot {
                    if value % 7 == 6 {
                        // Missing rather than null.
                        *slot = Value::Null;
                        remove_nulls(&mut v);
                    } else {
                        *slot = odd;
                    }
                }
                v
            }
            Change::Raw(s) => serde_json::from_str(s).unwrap_or_else(|_| Value::String(s.clone())),
        }
    }
}

fn remove_nulls(v: &mut Value) {
    if let Value::Object(o) = v {
        o.retain(|_, x| !x.is_null());
        for x in o.values_mut() {
            remove_nulls(x);
        }
    }
}

/// A change as LSP defines `TextDocumentContentChangeEvent`: its text, and its range as
/// line/column pairs (none: the whole text), or `None` if it is not one.
#[allow(clippy::type_complexity)]
fn model_read(v: &Value) -> Option<(&str, Option<((u64, u64), (u64, u64))>)> {
    let text = v.get("text")?.as_str()?;
    let Some(r) = v.get("range") else {
        return Some((text, None));
    };
    let pos = |p: &Value| -> Option<(u64, u64)> {
        let n = |k: &str| p.get(k)?.as_u64().filter(|&n| n <= u32::MAX.into());
        Some((n("line")?, n("character")?))
    };
    let (start, end) = (pos(r.get("start")?)?, pos(r.get("end")?)?);
    (start <= end).then_some((text, Some((start, end))))
}

fuzz_target!(|input: Input| {
    let (enc, model_enc) = match input.encoding % 3 {
        0 => (Encoding::Utf16, Enc::Utf16),
        1 => (Encoding::Utf8, Enc::Utf8),
        _ => (Encoding::Chars, Enc::Utf32),
    };
    let mut doc = Document::new(&input.initial, Kind::Markdown);
    let mut model = input.initial.clone();
    for changes in &input.did_changes {
        let json: Vec<Value> = changes.iter().map(Change::json).collect();
        let read: Vec<_> = json.iter().map(model_read).collect();
        let result = apply_changes(&doc, &Value::Array(json.clone()), enc);
        match read.iter().position(Option::is_none) {
            Some(bad) => {
                let err = result.expect_err("a change the model cannot read was applied");
                assert_eq!(err.index, Some(bad), "{err}: {:?}", json[bad]);
            }
            None => {
                doc = result.unwrap_or_else(|e| panic!("a good change was refused: {e}"));
                for (text, range) in read.into_iter().flatten() {
                    match range {
                        None => model = text.to_string(),
                        Some(((sl, sc), (el, ec))) => {
                            let a = model_offset(&model, sl, sc, model_enc);
                            let b = model_offset(&model, el, ec, model_enc);
                            model.replace_range(a..b, text);
                        }
                    }
                }
                assert_eq!(doc.text(), model);
            }
        }
    }
});
