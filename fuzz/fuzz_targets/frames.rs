//! The frame reader on stdin (`lsp::framing::Frames`):
//!
//! - arbitrary bytes, cut into pieces anywhere, never panic, and give the same items as the
//!   same bytes pushed at once (the reader does not depend on how reads cut the stream);
//! - well-formed messages, framed as the server frames its own and cut anywhere, all come
//!   out, whole and in order.

#![no_main]

use arbitrary::Arbitrary;
use copydesk::lsp::framing::{Frames, Item, frame};
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};

#[derive(Debug, Arbitrary)]
struct Input {
    noise: Vec<u8>,
    /// Where the stream is cut: the lengths of successive reads (0 means 1).
    cuts: Vec<u8>,
    messages: Vec<(String, Option<u32>, Vec<u8>)>,
}

fn read_all(bytes: &[u8], cuts: &[u8]) -> Vec<Item> {
    let mut f = Frames::default();
    let mut out = Vec::new();
    let mut at = 0;
    let mut cut = cuts.iter().cycle();
    while at < bytes.len() {
        let n = if cuts.is_empty() {
            bytes.len()
        } else {
            (*cut.next().unwrap()).max(1) as usize
        };
        let end = (at + n).min(bytes.len());
        f.push(&bytes[at..end]);
        at = end;
        while let Some(i) = f.next_item() {
            out.push(i);
        }
    }
    out
}

fuzz_target!(|input: Input| {
    // Noise alone: the same items however it is cut.
    let whole = read_all(&input.noise, &[]);
    let cut = read_all(&input.noise, &input.cuts);
    assert_eq!(whole, cut, "items depend on the cuts");
    for item in &whole {
        if let Item::Message(v) = item {
            assert!(v.is_object(), "{v}");
        }
    }

    // Good messages.
    let messages: Vec<Value> = input
        .messages
        .iter()
        .map(|(method, id, params)| match id {
            Some(id) => json!({"jsonrpc": "2.0", "id": id, "method": method, "params": {"p": params}}),
            None => json!({"jsonrpc": "2.0", "method": method, "params": [params]}),
        })
        .collect();
    let mut good = Vec::new();
    for m in &messages {
        good.extend(frame(m));
    }
    let items = read_all(&good, &input.cuts);
    let got: Vec<&Value> = items
        .iter()
        .map(|i| match i {
            Item::Message(v) => v,
            Item::Bad { message, .. } => panic!("a good message was refused: {message}"),
        })
        .collect();
    assert_eq!(got, messages.iter().collect::<Vec<_>>());
});
