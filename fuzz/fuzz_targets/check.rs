//! `check` on arbitrary bytes (read as UTF-8, invalid sequences replaced), as plain text
//! or as Markdown (the first byte's lowest bit says which; the text is the bytes after it),
//! against the default table and the rules' test table: it never panics, every finding's
//! range lies on character boundaries inside the text, and the certain fixes apply. One kind
//! per input, not both: each run costs half, and the fuzzer still reaches both.

#![no_main]

use std::sync::LazyLock;

use copydesk::table::{DEFAULT_TABLE, load_tables};
use copydesk::text::Kind;
use copydesk::{Config, Index, check_text, fix};
use libfuzzer_sys::fuzz_target;

static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let files = [
        ("default.json".to_string(), DEFAULT_TABLE.to_string()),
        (
            "world.json".to_string(),
            include_str!("../../src/rules/testdata/world.json").to_string(),
        ),
    ];
    Index::new(load_tables(&files).expect("the tables load"))
});
static CONFIG: LazyLock<Config> = LazyLock::new(Config::default);

fuzz_target!(|data: &[u8]| {
    let Some((&first, data)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(data);
    let kind = if first & 1 == 0 {
        Kind::Plain
    } else {
        Kind::Markdown
    };
    let findings = check_text(&text, kind, &INDEX, &CONFIG);
    for f in &findings {
        let (a, b) = f.range;
        assert!(
            a <= b && b <= text.len(),
            "{f:?} outside a text of {}",
            text.len()
        );
        assert!(
            text.is_char_boundary(a) && text.is_char_boundary(b),
            "{f:?} inside a character"
        );
        assert!(!f.message.is_empty(), "{f:?} has no message");
    }
    let edits = fix::certain_edits(&text, &findings);
    let _ = fix::apply(&text, &edits);
});
