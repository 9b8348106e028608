//! Real prose that no one here wrote (`tests/fixtures/realtext/`, see `SOURCES.md` there):
//! Debian changelogs, licence texts, READMEs, contributor lists, copyright files and a NEWS
//! file, full of people's names, dates with
//! weekdays, e-mail addresses and version numbers that are in no table. copydesk must raise
//! no finding on them that is not a real error, with the default table and with a
//! newsroom's table of people from many traditions (the generality corpus's and the rule
//! fixtures' tables merged over it). Every finding it does raise is listed here, with why it
//! is a real error.

mod support;

use std::path::PathBuf;

use copydesk::analysis::Analysis;
use copydesk::check_text;
use copydesk::config::Config;
use copydesk::table::{DEFAULT_TABLE, DEFAULT_TABLE_NAME, Index, load_tables};
use copydesk::text::Kind;
use support::{root, texts_in};

/// The findings the samples really deserve: (file, rule code, flagged text, why it is right).
/// None so far: every weekday in the 723 dated changelog signatures is the date's own.
const EXPECTED: &[(&str, &str, &str, &str)] = &[];

fn dir() -> PathBuf {
    root().join("tests/fixtures/realtext")
}

fn samples() -> Vec<(String, String)> {
    texts_in(&dir(), &["txt"])
}

fn tables(extra: &[&str]) -> Index {
    let mut files = vec![(DEFAULT_TABLE_NAME.to_string(), DEFAULT_TABLE.to_string())];
    for f in extra {
        let p = root().join(f);
        files.push((f.to_string(), std::fs::read_to_string(p).unwrap()));
    }
    Index::new(load_tables(&files).unwrap())
}

fn findings(index: &Index) -> Vec<(String, &'static str, String, String)> {
    let mut out = Vec::new();
    for (name, text) in samples() {
        for f in check_text(&text, Kind::Plain, index, &Config::default()) {
            out.push((
                name.clone(),
                f.code,
                text[f.range.0..f.range.1].to_string(),
                f.message,
            ));
        }
    }
    out
}

fn assert_only_expected(index: &Index) {
    let got = findings(index);
    let unexplained: Vec<_> = got
        .iter()
        .filter(|(file, code, text, _)| {
            !EXPECTED
                .iter()
                .any(|e| e.0 == file && e.1 == *code && e.2 == text)
        })
        .collect();
    assert!(
        unexplained.is_empty(),
        "findings on real text that are not real errors:\n{}",
        unexplained
            .iter()
            .map(|(f, c, t, m)| format!("{f}: {c} {t:?}: {m}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    for e in EXPECTED {
        assert!(
            got.iter().any(|g| g.0 == e.0 && g.1 == e.1 && g.2 == e.2),
            "expected finding gone: {e:?}"
        );
    }
}

#[test]
fn the_samples_are_real_and_rich() {
    let total: usize = samples().iter().map(|s| s.1.len()).sum();
    assert!(total > 300_000, "{total} bytes of real text");
    // The rules had something to look at: dated signatures with weekdays, capitalised names.
    let index = tables(&[]);
    let config = Config::default();
    let (mut weekday_dates, mut names) = (0, 0);
    for (_, text) in samples() {
        let a = Analysis::new(&text, Kind::Plain, &index, &config, None);
        for pl in &a.blocks {
            let b = &pl.block;
            weekday_dates += b
                .dates
                .iter()
                .filter(|d| d.weekday.is_some() && d.date().is_some())
                .count();
            names += (1..b.tokens.len())
                .filter(|&k| {
                    let cap = |k: usize| b.token_text(k).starts_with(char::is_uppercase);
                    cap(k - 1) && cap(k) && b.token_text(k).len() > 2
                })
                .count();
        }
    }
    assert!(weekday_dates >= 700, "{weekday_dates} dates with a weekday");
    assert!(names >= 1000, "{names} pairs of capitalised words");
}

#[test]
fn a_wrong_weekday_planted_in_the_changelogs_is_found() {
    // The same text with one signature's weekday changed draws exactly that finding.
    let text = std::fs::read_to_string(dir().join("debian-changelogs.txt")).unwrap();
    let (at, day) = [
        "Mon, ", "Tue, ", "Wed, ", "Thu, ", "Fri, ", "Sat, ", "Sun, ",
    ]
    .iter()
    .filter_map(|d| text.find(&format!(">  {d}")).map(|i| (i + 3, *d)))
    .min()
    .expect("a dated signature");
    let other = if day == "Mon, " { "Tue, " } else { "Mon, " };
    let planted = format!("{}{other}{}", &text[..at], &text[at + other.len()..]);
    let found = check_text(&planted, Kind::Plain, &tables(&[]), &Config::default());
    let found: Vec<_> = found
        .iter()
        .map(|f| (f.code, f.range.0, &planted[f.range.0..f.range.1]))
        .collect();
    assert_eq!(found, vec![("weekday-mismatch", at, &other[..3])]);
}

#[test]
fn no_noise_with_the_default_table() {
    assert_only_expected(&tables(&[]));
}

#[test]
fn no_noise_with_a_newsrooms_table_of_many_traditions() {
    assert_only_expected(&tables(&[
        "tests/generality/table.json",
        "src/rules/testdata/world.json",
    ]));
}
