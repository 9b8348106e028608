//! Properties of the language server's text sync, driven through the server's own code
//! (`lsp::sync::before_framework`, the function the stdin reader calls for every
//! `didOpen`/`didChange`/`didSave`) in process:
//!
//! - random edit sequences, malformed changes among them, leave the server's text equal to
//!   a model written independently (`tests/text_model`: lines split at `\n`, `\r\n` and `\r`, columns in
//!   UTF-16 code units or UTF-8 bytes, clamped, floored inside a character); a malformed
//!   change is refused whole and the text kept until the whole text comes again;
//! - the findings of a document do not depend on how it was edited into its state: after
//!   every edit, the findings the server computes incrementally (`check::Incremental`: the
//!   document's block cache and its last findings by block) equal the findings of the same
//!   text opened fresh. The texts are made of pieces of articles that move the
//!   document-level facts: people named in full and their later references, words written
//!   in lowercase and capitalised, people described afresh, people the article introduces,
//!   style variants, the publication date, the language, code fences and suppression
//!   comments.

use std::sync::{Arc, LazyLock};

use copydesk::lsp::documents::DocumentFindings;
use copydesk::lsp::handlers::diagnostics::findings;
use copydesk::lsp::state::ServerState;
use copydesk::lsp::sync::before_framework;
use proptest::prelude::*;
use serde_json::{Value, json};

mod text_model;
use text_model::{Enc, model_offset};

/// The servers' log (refused changes are logged), kept out of the test output.
static LOG: LazyLock<tempfile::TempDir> = LazyLock::new(|| tempfile::tempdir().unwrap());

fn server(enc: Enc) -> Arc<ServerState> {
    let s = Arc::new(ServerState::new());
    let encodings = match enc {
        Enc::Utf16 => json!(["utf-16"]),
        Enc::Utf8 => json!(["utf-8", "utf-16"]),
        Enc::Utf32 => unreachable!("the server does not choose utf-32"),
    };
    let log = LOG.path().join("lsp.log");
    before_framework(
        &s,
        "initialize",
        &json!({"params": {
            "capabilities": {"general": {"positionEncodings": encodings}},
            "initializationOptions": {"logFile": log},
        }}),
    );
    s
}

fn open(s: &Arc<ServerState>, uri: &str, text: &str) {
    before_framework(
        s,
        "textDocument/didOpen",
        &json!({"params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}}),
    );
}

fn change(s: &Arc<ServerState>, uri: &str, version: i64, changes: &[Value]) {
    before_framework(
        s,
        "textDocument/didChange",
        &json!({"params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}}),
    );
}

fn server_text(s: &ServerState, uri: &str) -> String {
    s.docs.snapshot(uri).expect("open").doc.text()
}

/// A change that replaces a range (lines and columns) with a text.
fn replace(start: (u32, u32), end: (u32, u32), text: &str) -> Gen {
    Gen::Range {
        start,
        end,
        text: text.to_string(),
    }
}

/// Apply one `didChange`, then give the findings the server computes for the document (with
/// what it kept of the texts before) and those of the same text opened fresh.
fn edited_and_fresh(
    s: &Arc<ServerState>,
    uri: &str,
    version: i64,
    changes: &[Value],
) -> (Arc<DocumentFindings>, Arc<DocumentFindings>) {
    change(s, uri, version, changes);
    let edited = findings(s, &s.docs.snapshot(uri).unwrap());
    let fresh_uri = format!("{uri}-fresh-{version}");
    open(s, &fresh_uri, &server_text(s, uri));
    let fresh = findings(s, &s.docs.snapshot(&fresh_uri).unwrap());
    (edited, fresh)
}

// ---- the model -------------------------------------------------------------------------

/// The model's state: the editor's text, and what the server must hold.
struct Model {
    client: String,
    server: String,
    lost: bool,
}

/// One change as generated: a well-formed one (range as line/column pairs, possibly past
/// the end) or a malformed one.
#[derive(Debug, Clone)]
enum Gen {
    Range {
        start: (u32, u32),
        end: (u32, u32),
        text: String,
    },
    Whole(String),
    Malformed(Value),
}

impl Gen {
    fn json(&self) -> Value {
        match self {
            Gen::Range { start, end, text } => json!({
                "range": {"start": {"line": start.0, "character": start.1},
                          "end": {"line": end.0, "character": end.1}},
                "text": text,
            }),
            Gen::Whole(t) => json!({ "text": t }),
            Gen::Malformed(v) => v.clone(),
        }
    }
}

/// Apply one didChange to the model.
fn model_change(m: &mut Model, changes: &[Gen], enc: Enc) {
    if changes.iter().any(|c| matches!(c, Gen::Malformed(_))) {
        // The editor applied something the server cannot read; pretend it did nothing, the
        // server keeps its text and is lost until the whole text comes again.
        m.lost = true;
        return;
    }
    for c in changes {
        match c {
            Gen::Range { start, end, text } => {
                let a = model_offset(&m.client, start.0.into(), start.1.into(), enc);
                let b = model_offset(&m.client, end.0.into(), end.1.into(), enc);
                m.client.replace_range(a..b, text);
            }
            Gen::Whole(t) => m.client = t.clone(),
            Gen::Malformed(_) => unreachable!(),
        }
    }
    let whole = changes.iter().any(|c| matches!(c, Gen::Whole(_)));
    if !m.lost || whole {
        m.lost = false;
        m.server = m.client.clone();
    }
}

// ---- generators ------------------------------------------------------------------------

const PIECES: &[&str] = &[
    "a",
    "b",
    " ",
    "\n",
    "\r\n",
    "\r",
    "é",
    "e\u{301}",
    "😀",
    "Ư",
    "中",
    "Hoang ",
    "Xuan ",
    "Chien",
    "Hoàng Xuân Chiến",
    " spoke.",
    "\n\n",
    "Simon Ridley",
    "Permanent Secretary ",
    "Wednesday, March 4, 2025",
    "# Title\n",
    "- item\n",
];

/// Pieces of articles (see the module's comment).
const ARTICLE: &[&str] = &[
    "Hoàng Xuân Chiến spoke.",
    "Hoang Xuan Chien said so.",
    "Hoang Xuan Chein agreed.",
    "Chiến left.",
    "Chien",
    "Hoàng said",
    "Simon Ridley",
    "Simon Ridlee",
    "Ridley",
    "Mr Ridley",
    "Permanent Secretary Simon Ridley",
    "Deputy Minister Simon Ridley",
    "Piotr Kowalski",
    "Kowalsky",
    "Kowalski, a farmer, ",
    "Ridley, who sells fish, ",
    "Male nurses met.",
    "Male Hoàng said so.",
    " male",
    "Later ",
    "Hà Nội",
    "Hanoi",
    "Vietnam",
    "Việt Nam",
    "on Wednesday, March 4, 2025",
    "on Tuesday, March 4",
    "February 30, 2025",
    "signed the strategic partnership in 2011",
    "date 2025-03-05\n",
    "Ông Chiến nói rằng hai bên sẽ hợp tác chặt chẽ hơn.",
    "<!-- copydesk: ignore -->",
    "```\n",
    "# ",
    "- ",
    "https://example.org/Hoang",
    " ",
    ". ",
    ", ",
    "\n",
    "\n\n",
    "a",
    "M",
];

/// A text of article pieces.
fn article() -> impl Strategy<Value = String> {
    prop::collection::vec(0..ARTICLE.len(), 0..40)
        .prop_map(|v| v.into_iter().map(|i| ARTICLE[i]).collect())
}

/// Where an edit to an article lands: a line and a column on it.
fn article_pos() -> impl Strategy<Value = (u32, u32)> {
    (0u32..16, 0u32..120)
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(0..PIECES.len(), 0..24)
        .prop_map(|v| v.into_iter().map(|i| PIECES[i]).collect())
}

fn pos() -> impl Strategy<Value = (u32, u32)> {
    prop_oneof![
        8 => (0u32..8, 0u32..24),
        1 => (0u32..3, Just(u32::MAX)),
        1 => (Just(u32::MAX), 0u32..3),
    ]
}

fn malformed() -> impl Strategy<Value = Value> {
    let p = |l: Value, c: Value| json!({"line": l, "character": c});
    prop_oneof![
        Just(
            json!({"range": {"start": p(json!(-1), json!(0)), "end": p(json!(0), json!(0))}, "text": "x"})
        ),
        Just(
            json!({"range": {"start": p(json!(0), json!(4294967296u64)), "end": p(json!(0), json!(0))}, "text": "x"})
        ),
        Just(
            json!({"range": {"start": p(json!("1"), json!(0)), "end": p(json!(1), json!(0))}, "text": "x"})
        ),
        Just(json!({"range": {"start": p(json!(0), json!(0))}, "text": "x"})),
        Just(json!({"range": null, "text": "x"})),
        Just(
            json!({"range": {"start": p(json!(2), json!(0)), "end": p(json!(1), json!(0))}, "text": "x"})
        ),
        Just(json!({"range": {"start": p(json!(0), json!(0)), "end": p(json!(0), json!(1))}})),
        Just(json!(null)),
    ]
}

fn gen_change() -> impl Strategy<Value = Gen> {
    prop_oneof![
        12 => (pos(), pos(), text()).prop_map(|(a, b, text)| {
            let (start, end) = if a <= b { (a, b) } else { (b, a) };
            Gen::Range { start, end, text }
        }),
        1 => text().prop_map(Gen::Whole),
        1 => malformed().prop_map(Gen::Malformed),
    ]
}

fn edits() -> impl Strategy<Value = Vec<Vec<Gen>>> {
    prop::collection::vec(prop::collection::vec(gen_change(), 1..4), 1..16)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_servers_text_follows_the_model(
        initial in text(),
        script in edits(),
        utf8 in any::<bool>(),
    ) {
        let enc = if utf8 { Enc::Utf8 } else { Enc::Utf16 };
        let s = server(enc);
        let uri = "file:///tmp/model.md";
        open(&s, uri, &initial);
        let mut m = Model { client: initial.clone(), server: initial, lost: false };
        for (i, changes) in script.iter().enumerate() {
            let json: Vec<Value> = changes.iter().map(Gen::json).collect();
            change(&s, uri, i as i64 + 2, &json);
            model_change(&mut m, changes, enc);
            let snap = s.docs.snapshot(uri).unwrap();
            prop_assert_eq!(snap.doc.text(), m.server.clone(), "after change {}: {:?}", i, changes);
            prop_assert_eq!(snap.lost, m.lost);
        }
        // Saving with the text brings a lost document back.
        before_framework(
            &s,
            "textDocument/didSave",
            &json!({"params": {"textDocument": {"uri": uri}, "text": m.client}}),
        );
        let snap = s.docs.snapshot(uri).unwrap();
        prop_assert!(!snap.lost);
        prop_assert_eq!(snap.doc.text(), m.client);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]

    #[test]
    fn findings_do_not_depend_on_how_the_text_was_edited(
        initial in prop_oneof![text(), article()],
        script in prop::collection::vec(
            prop::collection::vec(
                prop_oneof![
                    (pos(), pos(), text()).prop_map(|(a, b, text)| {
                        let (start, end) = if a <= b { (a, b) } else { (b, a) };
                        Gen::Range { start, end, text }
                    }),
                    // A piece of an article typed, pasted over, or a stretch deleted.
                    (article_pos(), 0u32..40, prop_oneof![
                        3 => prop::sample::select(ARTICLE).prop_map(str::to_string),
                        1 => Just(String::new()),
                    ])
                        .prop_map(|(start, len, text)| Gen::Range {
                            start,
                            end: (start.0, start.1 + len.saturating_sub(20)),
                            text,
                        }),
                ],
                1..3,
            ),
            1..10,
        ),
    ) {
        let s = server(Enc::Utf16);
        let uri = "file:///tmp/edited.md";
        open(&s, uri, &initial);
        for (i, changes) in script.iter().enumerate() {
            let json: Vec<Value> = changes.iter().map(Gen::json).collect();
            let (edited, fresh) = edited_and_fresh(&s, uri, i as i64 + 2, &json);
            prop_assert_eq!(&edited.findings, &fresh.findings, "after change {}", i);
        }
    }
}

/// Open `text`, apply each change in turn and check that the findings equal those of the
/// same text opened fresh; the number of findings before and after each change.
fn same_as_fresh_after(uri: &str, text: &str, changes: &[Gen]) -> Vec<usize> {
    let s = server(Enc::Utf16);
    open(&s, uri, text);
    let mut counts = vec![findings(&s, &s.docs.snapshot(uri).unwrap()).findings.len()];
    for (i, c) in changes.iter().enumerate() {
        let (edited, fresh) = edited_and_fresh(&s, uri, i as i64 + 2, &[c.json()]);
        assert_eq!(edited.findings, fresh.findings, "after change {i}");
        counts.push(edited.findings.len());
    }
    counts
}

#[test]
fn a_text_with_findings_is_found_the_same_after_edits_that_split_and_join_paragraphs() {
    // A fixed case of the property above that is sure to have findings.
    let counts = same_as_fresh_after(
        "file:///tmp/paragraphs.md",
        "Hoang Xuan Chien spoke.\n\nChien left on Wednesday, March 4, 2025.\n",
        &[replace((1, 0), (2, 0), ""), replace((0, 5), (0, 5), "\n\n")],
    );
    assert!(counts[0] >= 2, "{counts:?}");
}

#[test]
fn a_word_written_in_lowercase_in_one_paragraph_changes_how_another_reads() {
    // "Male" before "Hoàng" is a sentence's ordinary first word only while the document
    // writes "male" somewhere: then "Hoàng" stands alone, a wrong second reference. Typing
    // and deleting "male" in a third paragraph must check the second one again.
    let counts = same_as_fresh_after(
        "file:///tmp/lowercase.md",
        "Hoàng Xuân Chiến spoke.\n\nMale Hoàng said so.\n\nThey met.\n",
        &[
            replace((4, 8), (4, 8), " male nurses"),
            replace((4, 8), (4, 20), ""),
        ],
    );
    assert_eq!(counts, [0, 1, 0], "the case must matter");
}

#[test]
fn a_document_level_fact_changed_in_one_paragraph_checks_the_others_again() {
    // The random edits above seldom change one of these facts while a finding elsewhere
    // depends on it; each case does, and the finding in the paragraph the edit did not
    // touch comes or goes.
    let cases: &[(&str, &str, Gen, [usize; 2])] = &[
        // The publication date (front matter): "Tuesday, March 4" is a Monday in 2024.
        (
            "date",
            "---\ndate: 2024-03-05\n---\n\nThey met on Tuesday, March 4.\n",
            replace((1, 6), (1, 10), "2025"),
            [1, 0],
        ),
        // Someone described afresh: this "Chien" is not Hoàng Xuân Chiến.
        (
            "described",
            "Hoàng Xuân Chiến spoke.\n\nChien left.\n",
            replace((2, 0), (2, 0), "Chien, a farmer, came.\n\n"),
            [1, 0],
        ),
        // Someone the article introduces who is not in the table: "Ridlee" is theirs.
        (
            "others",
            "Simon Ridley spoke.\n\nRidlee left.\n",
            replace((2, 0), (2, 0), "Piotr Ridlee came.\n\n"),
            [1, 0],
        ),
        // The places named: the agreement's parties, so "the strategic partnership" is it.
        (
            "named",
            "They met.\n\nThey signed the strategic partnership in 2011.\n",
            replace((0, 0), (0, 4), "Vietnam and Britain"),
            [0, 1],
        ),
    ];
    for (fact, text, change, counts) in cases {
        let uri = format!("file:///tmp/fact-{fact}.md");
        let got = same_as_fresh_after(&uri, text, std::slice::from_ref(change));
        assert_eq!(got, counts, "{fact}: the case must matter");
    }
}
