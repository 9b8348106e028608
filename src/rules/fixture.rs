//! Data-driven rule tests: the expected findings are written under the text with `^^^` marks.
//!
//! ```text
//! Hoang Xuan Chien met them.
//! ^^^^^^^^^^^^^^^^ name-diacritics: Hoàng Xuân Chiến
//! ```
//! A line that holds only marks (and a code, and optionally `: FIX`) belongs to the line
//! above it; the marks cover the characters flagged. A fixture checks that the rule finds
//! exactly the marked ranges and offers exactly the named fix.

use crate::analysis::Analysis;
use crate::config::Config;
use crate::table::{DEFAULT_TABLE, Index, parse_table};
use crate::text::Kind;
use std::sync::LazyLock;

pub static INDEX: LazyLock<Index> =
    LazyLock::new(|| Index::new(parse_table("default", DEFAULT_TABLE).expect("default table")));

/// Check `fixture` with the default table and only the rule `code`; compare with its marks.
pub fn check_fixture(code: &str, fixture: &str) {
    check_fixture_with(code, fixture, &Config::default(), &INDEX)
}

pub fn check_fixture_with(code: &str, fixture: &str, config: &Config, index: &Index) {
    let mut text = String::new();
    let mut expected: Vec<(usize, usize, String, Option<String>)> = Vec::new();
    let mut last_line_start = 0usize;
    for line in fixture.lines() {
        let t = line.trim_start();
        if t.starts_with('^') {
            let lead = line.len() - t.len();
            let marks = t.chars().take_while(|&c| c == '^').count();
            let rest = t[marks..].trim();
            let (c, fix) = match rest.split_once(':') {
                Some((c, f)) => (c.trim().to_string(), Some(f.trim().to_string())),
                None => (rest.to_string(), None),
            };
            let prev = &text[last_line_start..];
            // Columns count characters of the line above.
            let start = char_col_to_byte(prev, lead);
            let end = char_col_to_byte(prev, lead + marks);
            expected.push((last_line_start + start, last_line_start + end, c, fix));
        } else {
            last_line_start = text.len();
            text.push_str(line);
            text.push('\n');
        }
    }
    // The rules alone, as the check runs them (suppression comments are tested in `check`).
    let analysis = Analysis::new(&text, Kind::Markdown, index, config, None);
    let findings: Vec<_> = super::run(&analysis)
        .into_iter()
        .filter(|f| f.code == code)
        .collect();
    let got: Vec<(usize, usize, String, Option<String>)> = findings
        .iter()
        .map(|f| {
            (
                f.range.0,
                f.range.1,
                f.code.to_string(),
                f.fixes.first().map(|x| x.replacement.clone()),
            )
        })
        .collect();
    let show = |v: &[(usize, usize, String, Option<String>)]| {
        v.iter()
            .map(|(s, e, c, f)| format!("{c} {:?} fix {:?}", &text[*s..*e], f))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let want: Vec<_> = expected
        .iter()
        .map(|(s, e, c, f)| (*s, *e, c.clone(), f.clone()))
        .collect();
    // A mark without a fix does not check the fix.
    let got_cmp: Vec<_> = got
        .iter()
        .zip(
            want.iter()
                .chain(std::iter::repeat(&(0, 0, String::new(), None))),
        )
        .map(|(g, w)| {
            let mut g = g.clone();
            if w.3.is_none() {
                g.3 = None;
            }
            g
        })
        .collect();
    assert!(
        got_cmp.len() == want.len() && got_cmp == want,
        "\nwanted:\n{}\ngot:\n{}\nmessages:\n{}\n",
        show(&want),
        show(&got),
        findings
            .iter()
            .map(|f| f.message.clone())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn char_col_to_byte(line: &str, col: usize) -> usize {
    line.char_indices()
        .nth(col)
        .map_or(line.trim_end_matches('\n').len(), |(i, _)| i)
}

/// A small table of people from many naming traditions (Vietnamese names that differ only
/// in tone marks, Korean hyphenated given names, Dutch and Arabic particles, Irish
/// apostrophes, German, Nordic and Icelandic letters, a one-word Indonesian name), with a
/// repeated event and a law: `src/rules/testdata/world.json`.
pub static WORLD: LazyLock<Index> = LazyLock::new(|| {
    Index::new(parse_table("world", include_str!("testdata/world.json")).expect("world table"))
});

/// The index of a fixture's own table, given as JSON.
pub fn table(json: &str) -> Index {
    Index::new(parse_table("t", json).expect("fixture table"))
}

/// Check `fixture` against the [`WORLD`] table, published on `date`.
pub fn check_world(code: &str, date: &str, fixture: &str) {
    check_dated(code, date, fixture, &WORLD)
}

/// Check `fixture` against a table of its own, given as JSON, published on `date`.
pub fn check_with_table(code: &str, date: &str, table_json: &str, fixture: &str) {
    check_dated(code, date, fixture, &table(table_json))
}

/// Check `fixture` against `index`, published on `date`.
pub fn check_dated(code: &str, date: &str, fixture: &str, index: &Index) {
    let config = Config {
        date: crate::dates::Date::parse(date),
        ..Config::default()
    };
    check_fixture_with(code, fixture, &config, index)
}
