//! Property: whatever mix of NFC, NFD, emoji and CRLF surrounds them, findings slice exactly
//! the flagged words, and every range survives the conversion to lines and columns in
//! UTF-8, UTF-16 and characters and back.

use copydesk::check_text;
use copydesk::config::Config;
use copydesk::table::{DEFAULT_TABLE, Index, parse_table};
use copydesk::text::{Document, Encoding, Kind};
use proptest::prelude::*;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

static INDEX: LazyLock<Index> =
    LazyLock::new(|| Index::new(parse_table("default", DEFAULT_TABLE).unwrap()));

/// Pieces of text, each with the flagged text it must produce (if any).
const PIECES: &[(&str, Option<&str>)] = &[
    ("Hoang Xuan Chien", Some("Hoang Xuan Chien")),
    ("Hoàng Xuân Chiến", None),
    (
        "Permanent Secretary Simon Ridley",
        Some("Permanent Secretary"),
    ),
    ("Wednesday, March 4, 2025", Some("Wednesday")),
    ("Simon Ridlee", Some("Simon Ridlee")),
    ("29 February 2025", Some("29 February 2025")),
    ("talks in Ha Noi", Some("Ha Noi")),
    ("👍", None),
    ("🇻🇳🇬🇧", None),
    ("👩‍👩‍👧", None),
    ("漢字かな", None),
    ("the officials", None),
    ("said", None),
    ("café", None),
];

fn piece() -> impl Strategy<Value = (String, Option<String>)> {
    (0..PIECES.len(), any::<bool>()).prop_map(|(i, nfd)| {
        let (t, flag) = PIECES[i];
        let conv = |s: &str| {
            if nfd {
                s.nfd().collect::<String>()
            } else {
                s.to_string()
            }
        };
        (conv(t), flag.map(conv))
    })
}

fn separator() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just(" "),
        Just(". "),
        Just("\r\n"),
        Just("\n"),
        Just(", "),
        Just(" 🎉 "),
        Just("\r\n\r\n"),
        Just("\u{00A0}"),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn findings_slice_exactly(parts in prop::collection::vec((piece(), separator()), 1..12), markdown in any::<bool>()) {
        let mut text = String::new();
        let mut expected: Vec<String> = Vec::new();
        for ((t, flag), sep) in &parts {
            text.push_str(t);
            text.push_str(sep);
            if let Some(f) = flag {
                expected.push(f.clone());
            }
        }
        let kind = if markdown { Kind::Markdown } else { Kind::Plain };
        let findings = check_text(&text, kind, &INDEX, &Config::default());
        let doc = Document::new(&text, kind);
        for f in &findings {
            let (s, e) = f.range;
            prop_assert!(s < e && e <= text.len());
            prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
            let flagged = &text[s..e];
            // Whole words: no white space at the edges, no mark cut from its letter.
            prop_assert!(!flagged.starts_with(char::is_whitespace), "{flagged:?}");
            prop_assert!(!flagged.ends_with(char::is_whitespace), "{flagged:?}");
            prop_assert!(!flagged.chars().next().is_some_and(is_combining_mark), "{flagged:?}");
            prop_assert!(!text[e..].chars().next().is_some_and(is_combining_mark), "{flagged:?} cut a mark");
            for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Chars] {
                prop_assert_eq!(doc.offset(doc.position(s, enc), enc), s);
                prop_assert_eq!(doc.offset(doc.position(e, enc), enc), e);
            }
        }
        // Every piece that must be flagged is flagged with exactly its text.
        for want in &expected {
            prop_assert!(
                findings.iter().any(|f| &text[f.range.0..f.range.1] == want),
                "{want:?} not flagged exactly in {text:?}: {:?}",
                findings.iter().map(|f| (f.code, &text[f.range.0..f.range.1])).collect::<Vec<_>>()
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]
    /// No text makes the check panic, in either kind, and every range is on char boundaries.
    #[test]
    fn any_text_is_safe(text in "(?s).{0,300}", markdown in any::<bool>()) {
        let kind = if markdown { Kind::Markdown } else { Kind::Plain };
        for f in check_text(&text, kind, &INDEX, &Config::default()) {
            prop_assert!(text.is_char_boundary(f.range.0) && text.is_char_boundary(f.range.1));
        }
    }

    /// Text made of the words the rules look for, in any order, never panics either.
    #[test]
    fn rule_words_in_any_order_are_safe(words in prop::collection::vec(prop_oneof![
        Just("Hoàng"), Just("Xuân"), Just("Chiến"), Just("Chien"), Just("Simon"), Just("Ridley"),
        Just("Ridlee"), Just("Permanent"), Just("Secretary"), Just("Second"), Just("General"),
        Just("Sen."), Just("Lt."), Just("Gen."), Just("Mr"), Just("the"), Just("talks"), Just("met"),
        Just("on"), Just("in"), Just("of"), Just("Tuesday"), Just("Wed.,"), Just("March"), Just("4,"),
        Just("2025"), Just("2014"), Just("Modern"), Just("Slavery"), Just("Act"), Just(","), Just("."),
        Just("Việt"), Just("Nam"), Just("Vietnam"), Just("strategic"), Just("partnership"), Just("\n"),
        Just("`"), Just("*"), Just("#"), Just("-"), Just("'s"), Just("29"), Just("February"), Just("(")
    ], 0..60)) {
        let text = words.join(" ");
        for kind in [Kind::Markdown, Kind::Plain] {
            for f in check_text(&text, kind, &INDEX, &Config::default()) {
                prop_assert!(f.range.0 < f.range.1 && f.range.1 <= text.len());
            }
        }
    }
}

proptest! {
    /// Any bytes given as a table are an error or a table, never a panic.
    #[test]
    fn any_table_text_is_safe(text in "(?s).{0,200}") {
        let _ = copydesk::table::load_tables(&[("t.json".into(), text)]);
    }
}
