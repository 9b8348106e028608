//! A newsroom-scale table against prose it has never seen. `tests/newsroom/table.rs` builds,
//! seeded, a table of about 5,000 people from more than thirty naming traditions (with their
//! titles, organisations, places, events and laws), the way a desk's own table looks; the
//! articles in `tests/newsroom/articles/` were written for it (wire copy, features with long
//! quotes, sports, business, an obituary, Markdown with lists, tables, code and links, hard-
//! wrapped plain text, CRLF, NFD), naming some table people correctly in every way a
//! reporter does and many people who are in no table, near namesakes of table people among
//! them. Every name, title, date and weekday in them is right.
//!
//! - The articles, and the real prose of `tests/fixtures/realtext/`, draw no finding at
//!   warning or above; the articles of `tests/newsroom/strangers/`, mostly about people in
//!   no table, draw none at all, with this table or the default one.
//! - The errors planted in copies of the articles (`tests/newsroom/plants.txt`, all eight
//!   rules; one copy per error) are found: at least 98% of them ([`MIN_RECALL`]), and nothing
//!   else at warning or above. The plants of [`KNOWN_GAPS`] are misses we know of and have not
//!   fixed yet: they are left out of the floor, reported, and must still be missed (a gap
//!   that closes must leave the list).
//!
//! `cargo test --test newsroom -- --nocapture` prints recall per rule and every miss.

mod newsroom {
    pub mod table;
}
mod support;

use std::collections::BTreeMap;
use std::sync::LazyLock;

use copydesk::check_text;
use copydesk::config::Config;
use copydesk::finding::{Finding, Severity};
use copydesk::table::{DEFAULT_TABLE, DEFAULT_TABLE_NAME, Index, load_tables};
use copydesk::text::Kind;
use newsroom::table;
use support::{root, texts_in};
use unicode_normalization::UnicodeNormalization;

const SEED: u64 = 20250612;

/// The floor: per cent of the planted errors found (known gaps aside).
const MIN_RECALL: usize = 98;

/// Planted errors copydesk misses today, each with why: (file, rule code, planted text).
const KNOWN_GAPS: &[(&str, &str, &str)] = &[
    // Every word is some table name's word and, two letters off ("Riley" for "Reilly"), the
    // apostrophised unit is too far from the table's for a name this short.
    (
        "05-obituary.md",
        "name-spelling",
        "Culture, Siobhán O'Riley, called",
    ),
    // A weekday with the event's place and participants but no event word in its clause
    // ("agreed in Athens on Thursday to set up ..."): reading any verb as the event's would
    // date the participants' journeys and dinners as the event too.
    (
        "10-aegean-talks.md",
        "event-date-mismatch",
        "in Athens on Thursday to set up",
    ),
];
const PEOPLE: usize = 5000;

/// The default table with the newsroom's merged over it, built once for all the tests.
static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let g = table::generate(PEOPLE, SEED);
    let files = vec![
        (DEFAULT_TABLE_NAME.to_string(), DEFAULT_TABLE.to_string()),
        ("newsroom.json".to_string(), table::json(&g.table)),
    ];
    Index::new(load_tables(&files).unwrap_or_else(|e| {
        panic!(
            "{}",
            e.iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    }))
});

/// The articles (`.txt`, `.md`) of a folder of the repository: names and texts.
fn articles_in(dir: &str) -> Vec<(String, String)> {
    texts_in(&root().join(dir), &["txt", "md"])
}

fn kind_of(name: &str) -> Kind {
    if name.ends_with(".md") {
        Kind::Markdown
    } else {
        Kind::Plain
    }
}

fn check(name: &str, text: &str) -> Vec<Finding> {
    check_text(text, kind_of(name), &INDEX, &Config::default())
}

fn show(name: &str, text: &str, f: &Finding) -> String {
    format!(
        "{name}: {} {} {:?}: {}",
        f.severity.as_str(),
        f.code,
        &text[f.range.0..f.range.1],
        f.message
    )
}

/// Findings below warning that the correct texts may draw, each with why it is fair:
/// (file, rule code, flagged text).
const ALLOWED_INFORMATION: &[(&str, &str, &str)] = &[
    // "Male flight attendants ..." opens a sentence, and the article never writes "male" in
    // lowercase: without a dictionary, a capitalised first word that is also the variant of
    // a place ("Male" for "Malé") cannot be told from the place. Information only.
    ("19-airline-crews.md", "style-variant", "Male"),
    // The same without a dictionary for a given name that is a common word, opening a
    // sentence ("Rose gardens ...", "Hope is not a strategy") after Rose King and Hope Young
    // were named: second-reference reads the person's given name. Information only.
    ("22-festival-and-laws.md", "second-reference", "Rose"),
    ("22-festival-and-laws.md", "second-reference", "Hope"),
];

fn assert_quiet(dir: &str) {
    let mut loud = Vec::new();
    for (name, text) in articles_in(dir) {
        for f in check(&name, &text) {
            let allowed = f.severity < Severity::Warning
                && ALLOWED_INFORMATION
                    .iter()
                    .any(|a| a.0 == name && a.1 == f.code && a.2 == &text[f.range.0..f.range.1]);
            if !allowed {
                loud.push(show(&name, &text, &f));
            }
        }
    }
    assert!(loud.is_empty(), "false alarms:\n{}", loud.join("\n"));
}

#[test]
fn the_table_is_newsroom_sized_and_loads() {
    let t = INDEX.table.whole();
    assert!(t.people.len() >= 5000, "{}", t.counts());
    // Many traditions, family names shared by many, namesakes.
    let countries: std::collections::HashSet<_> = t
        .people
        .iter()
        .filter_map(|p| p.country.as_deref())
        .collect();
    assert!(countries.len() >= 60, "{} countries", countries.len());
    let family = |f: &str| {
        t.people
            .iter()
            .filter(|p| p.parts.as_ref().is_some_and(|x| x.family == f))
            .count()
    };
    for f in ["Nguyễn", "Kim", "Smith", "Wang", "Müller", "Singh"] {
        assert!(family(f) >= 10, "{f}: {}", family(f));
    }
    assert!(
        t.people
            .iter()
            .all(|p| p.name.nfc().collect::<String>() == p.name)
    );
}

#[test]
fn the_articles_draw_no_false_alarm() {
    assert_quiet("tests/newsroom/articles");
}

/// Articles full of people in no table (`tests/newsroom/strangers/`), from many naming
/// traditions, with events, laws and dates of their own, and table people named rightly
/// beside them (titles that changed, other meetings near their events): every sentence must
/// stay quiet,
/// with the newsroom's table and with the default table alone. Each false alarm found on
/// new prose like this was fixed in the rules and its sentence stays here.
#[test]
fn strangers_draw_no_finding() {
    assert_quiet("tests/newsroom/strangers");
    let default = Index::new(
        load_tables(&[(DEFAULT_TABLE_NAME.to_string(), DEFAULT_TABLE.to_string())]).unwrap(),
    );
    let mut loud = Vec::new();
    for (name, text) in articles_in("tests/newsroom/strangers") {
        for f in check_text(&text, kind_of(&name), &default, &Config::default()) {
            loud.push(show(&name, &text, &f));
        }
    }
    assert!(
        loud.is_empty(),
        "findings with the default table:\n{}",
        loud.join("\n")
    );
}

#[test]
fn real_text_draws_no_false_alarm_with_the_newsroom_table() {
    assert_quiet("tests/fixtures/realtext");
}

/// A planted error: the article, the rule that must find it, the text and its replacement.
struct Plant {
    file: String,
    code: String,
    from: String,
    to: String,
}

fn plants() -> Vec<Plant> {
    let path = root().join("tests/newsroom/plants.txt");
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = Vec::new();
    let mut lines = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty());
    while let Some(head) = lines.next() {
        let (file, code) = head.split_once(' ').expect("file and rule");
        let from = lines
            .next()
            .and_then(|l| l.strip_prefix("- "))
            .expect("- line");
        let to = lines
            .next()
            .and_then(|l| l.strip_prefix("+ "))
            .expect("+ line");
        out.push(Plant {
            file: file.into(),
            code: code.into(),
            from: from.replace("\\n", "\n"),
            to: to.replace("\\n", "\n"),
        });
    }
    out
}

#[test]
fn planted_errors_are_found() {
    let articles: BTreeMap<String, String> =
        articles_in("tests/newsroom/articles").into_iter().collect();
    let all = plants();
    assert!(all.len() >= 40, "{} plants", all.len());
    let mut by_rule: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut false_alarms = Vec::new();
    let (mut gaps, mut closed) = (0, Vec::new());
    for p in &all {
        let name = &p.file;
        let original = articles
            .get(name)
            .unwrap_or_else(|| panic!("no article {name}"));
        // The plant in the article's own form: NFD stays NFD, CRLF stays CRLF.
        let nfd = original.nfc().collect::<String>() != *original;
        let form = |s: &str| -> String {
            let s = if nfd {
                s.nfd().collect()
            } else {
                s.to_string()
            };
            if original.contains("\r\n") {
                s.replace('\n', "\r\n")
            } else {
                s
            }
        };
        let (from, to) = (form(&p.from), form(&p.to));
        assert_eq!(
            original.matches(&from).count(),
            1,
            "{name}: {:?} must occur once",
            p.from
        );
        let at = original.find(&from).unwrap();
        let mut text = original.clone();
        text.replace_range(at..at + from.len(), &to);
        let (s, e) = (at, at + to.len());
        let found = check(name, &text);
        let hit = found
            .iter()
            .any(|f| f.code == p.code && f.range.0 < e && s < f.range.1);
        let gap = KNOWN_GAPS
            .iter()
            .any(|g| g.0 == name && g.1 == p.code && g.2 == p.to);
        let entry = by_rule.entry(p.code.as_str()).or_default();
        entry.1 += 1;
        match (hit, gap) {
            (true, false) => entry.0 += 1,
            (false, false) => misses.push(format!("{name}: {} {:?}", p.code, p.to)),
            (false, true) => gaps += 1,
            (true, true) => closed.push(format!("{name}: {} {:?}", p.code, p.to)),
        }
        for f in &found {
            let planted = f.range.0 < e && s < f.range.1;
            if !planted && f.severity >= Severity::Warning {
                false_alarms.push(show(name, &text, f));
            }
        }
    }
    let (hit, total) = by_rule
        .values()
        .fold((0, 0), |acc, v| (acc.0 + v.0, acc.1 + v.1));
    for (code, (h, t)) in &by_rule {
        eprintln!("{code:22} {h:3}/{t:3}");
    }
    eprintln!(
        "recall {hit}/{total} = {:.1}% of all plants; {hit}/{} = {:.1}% without the {gaps} known gaps; {} false alarms at warning or above",
        100.0 * hit as f64 / total as f64,
        total - gaps,
        100.0 * hit as f64 / (total - gaps) as f64,
        false_alarms.len()
    );
    for m in &misses {
        eprintln!("missed: {m}");
    }
    for f in &false_alarms {
        eprintln!("false alarm in a planted copy: {f}");
    }
    assert_eq!(by_rule.len(), 8, "every rule has plants");
    assert!(
        closed.is_empty(),
        "known gaps now found, take them off KNOWN_GAPS:\n{}",
        closed.join("\n")
    );
    assert_eq!(
        gaps,
        KNOWN_GAPS.len(),
        "every known gap names a plant of plants.txt"
    );
    assert!(
        hit * 100 >= (total - gaps) * MIN_RECALL,
        "recall {hit}/{} is below {MIN_RECALL}%",
        total - gaps
    );
    assert!(
        false_alarms.is_empty(),
        "false alarms in the planted copies"
    );
}

/// Write the table for timed commands:
/// `COPYDESK_NEWSROOM_TABLE=/tmp/newsroom.json cargo test --test newsroom -- --ignored write_the_table`.
#[test]
#[ignore]
fn write_the_table() {
    let path = std::env::var("COPYDESK_NEWSROOM_TABLE").expect("COPYDESK_NEWSROOM_TABLE");
    let g = table::generate(PEOPLE, SEED);
    std::fs::write(path, table::json(&g.table)).unwrap();
}
