//! No quadratic paths: each test times one input at size n and at 8n in the same run, and
//! requires the larger to take at most about 12 times as long (8 is linear, 64 quadratic).
//!
//! The inputs are made outside the timing. Time is the thread's CPU time, so other work on a
//! shared machine does not count. The two sizes are timed in turn, several times, and each
//! counts its fastest run (the one load disturbed least); while the ratio is over the limit,
//! more runs are timed before the test fails, so a burst of load on a shared machine does not
//! fail it, while a quadratic path fails every time. A run too short to time well is repeated
//! until the repeats take [`SHORTEST`], and the time per run counts: the ratio is a real one at
//! any size (a floor under the small size's time would hide a quadratic path whose small run
//! is short).

use std::sync::{LazyLock, Mutex};
use std::time::Duration;
#[cfg(not(unix))]
use std::time::Instant;

use copydesk::check_text;
use copydesk::cli::output;
use copydesk::config::Config;
use copydesk::dates::Date;
use copydesk::lsp::framing::{Frames, Item};
use copydesk::table::{DEFAULT_TABLE, Index, load_tables, parse_table};
use copydesk::text::Kind;
use copydesk::{Finding, Fix, Severity};

/// One timing test at a time: two at once on a small machine would time each other.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

const LIMIT: f64 = 12.0;
/// The most runs of each size timed before a ratio over [`LIMIT`] fails.
const PAIRS: usize = 12;
/// The least time a measurement takes: shorter runs are repeated until they fill it.
const SHORTEST: Duration = Duration::from_millis(5);

/// The CPU time of this thread: other processes on a busy machine do not count in it.
#[cfg(unix)]
fn cpu_now() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec, which `ts` is.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0;
    assert!(ok, "the thread's CPU clock");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

#[cfg(not(unix))]
fn cpu_now() -> Duration {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

/// The time of one run of `f`: `f` repeated until the repeats take [`SHORTEST`], divided.
fn per_run(f: &mut impl FnMut()) -> Duration {
    let t = cpu_now();
    let mut runs = 0;
    loop {
        f();
        runs += 1;
        let spent = cpu_now() - t;
        if spent >= SHORTEST {
            return spent / runs;
        }
    }
}

/// Time `run` on `make(n)` and `make(8 * n)`; fail if the larger takes over [`LIMIT`] times
/// as long as the smaller.
///
/// The sizes are timed in turn (small, large, small, large, ...), and each keeps its fastest
/// run: load on a shared machine only ever slows a run, so the fastest of several is the one
/// it disturbed least, and timing the sizes in turn spreads a burst over both. While the
/// ratio of the fastest runs is over the limit, more pairs are timed (the minima can only
/// fall), up to [`PAIRS`]; a quadratic path stays near 64 however often it is timed (and a
/// ratio over twice the limit after three pairs fails at once).
fn assert_scales<I>(what: &str, n: usize, make: impl Fn(usize) -> I, run: impl Fn(&I)) {
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let small = make(n);
    let large = make(8 * n);
    let mut ts = Duration::MAX;
    let mut tl = Duration::MAX;
    let mut ratio = f64::INFINITY;
    for pair in 1..=PAIRS {
        ts = ts.min(per_run(&mut || run(&small)));
        tl = tl.min(per_run(&mut || run(&large)));
        ratio = tl.as_secs_f64() / ts.as_secs_f64();
        if pair >= 3 && ratio < LIMIT {
            eprintln!("{what}: n={n} {ts:?}, 8n {tl:?}, ratio {ratio:.1} ({pair} pairs)");
            return;
        }
        if pair >= 3 && ratio > 2.0 * LIMIT {
            // No burst of load keeps three fastest runs that far apart: fail now.
            break;
        }
    }
    panic!(
        "{what}: 8 times the input took over {LIMIT} times as long: fastest runs {ts:?} -> \
         {tl:?} (x{ratio:.1})"
    );
}

/// A table of `n` people (names from several syllable sets, unique ids and aliases).
fn people_table(n: usize, broken_references: usize) -> String {
    const SYL: &[&str] = &[
        "an", "ba", "chi", "dung", "em", "giang", "ha", "hoa", "khanh", "lan", "minh", "nam",
        "ngoc", "son", "al", "ber", "cor", "dan", "el", "fran", "gor", "hel", "jo", "kar",
    ];
    let word = |mut i: usize, parts: usize| {
        let mut w = String::new();
        for _ in 0..parts {
            w.push_str(SYL[i % SYL.len()]);
            i /= SYL.len();
        }
        w[..1].to_uppercase() + &w[1..]
    };
    let mut people = Vec::new();
    for i in 0..n {
        let (given, family) = (word(i * 7 + 3, 2), word(i, 5));
        people.push(format!(
            r#"{{"id": "p{i}", "name": "{given} {family}", "order": "given-first",
  "parts": {{"family": "{family}", "given": "{given}"}}, "aliases": ["Dr {family}"]}}"#
        ));
    }
    let mut events = Vec::new();
    for i in 0..broken_references {
        events.push(format!(
            r#"{{"id": "e{i}", "name": "Talks {i}", "date": "2025-03-04", "participants": ["nobody{i}"]}}"#
        ));
    }
    format!(
        "{{\"version\": 1, \"people\": [\n{}\n], \"events\": [\n{}\n]}}\n",
        people.join(",\n"),
        events.join(",\n")
    )
}

#[test]
fn loading_a_table_is_linear_in_its_people() {
    assert_scales(
        "table load",
        1_500,
        |n| vec![("t.json".to_string(), people_table(n, 0))],
        |files| {
            let t = load_tables(files).expect("a good table");
            assert!(t.people.len() >= 1_500);
        },
    );
}

#[test]
fn placing_table_errors_is_linear_in_their_number() {
    assert_scales(
        "table errors",
        400,
        |n| vec![("t.json".to_string(), people_table(10, n))],
        |files| {
            let errors = load_tables(files).expect_err("unknown people");
            assert!(errors.len() >= 400 && errors[0].line > 1);
        },
    );
}

/// The default table's index, built once.
fn index() -> &'static Index {
    static INDEX: LazyLock<Index> =
        LazyLock::new(|| Index::new(parse_table("default", DEFAULT_TABLE).expect("default")));
    &INDEX
}

fn check(text: &str) -> Vec<Finding> {
    let config = Config {
        date: Date::parse("2025-03-04"),
        ..Config::default()
    };
    check_text(text, Kind::Plain, index(), &config)
}

fn repeat(piece: &str, n: usize) -> String {
    piece.repeat(n)
}

#[test]
fn a_very_long_word_in_a_table_is_indexed_in_linear_time() {
    assert_scales(
        "long name in a table",
        4_000,
        |n| {
            let table = format!(
                r#"{{"people": [{{"id": "x", "name": "Q{}", "order": "given-first"}}]}}"#,
                "a".repeat(n)
            );
            parse_table("t.json", &table).expect("a table")
        },
        |table| {
            let index = Index::new(table.clone());
            let f = check_text("Qaaa said so.", Kind::Plain, &index, &Config::default());
            assert!(f.is_empty());
        },
    );
}

#[test]
fn a_very_long_word_after_a_name_is_checked_in_linear_time() {
    assert_scales(
        "Simon R + a long word",
        4_000,
        |n| format!("Simon R{}", "a".repeat(n)),
        |text| {
            check(text);
        },
    );
}

#[test]
fn a_run_of_full_stops_is_linear() {
    assert_scales(
        "dots",
        4_000,
        |n| ".".repeat(n),
        |text| {
            assert!(check(text).is_empty());
        },
    );
}

#[test]
fn blank_lines_and_stops_are_linear() {
    assert_scales(
        "blank lines and stops",
        2_000,
        |n| repeat("!\n \n?\" ", n),
        |text| {
            assert!(check(text).is_empty());
        },
    );
}

#[test]
fn suppressions_on_a_line_of_many_findings_are_linear() {
    assert_scales(
        "suppressions",
        150,
        |n| {
            repeat("Hoang Xuan Chien said so. ", n)
                + "\n<!-- copydesk-disable-next-line title-mismatch -->\nHoang Xuan Chien.\n"
        },
        |text| {
            assert!(check(text).len() > 150);
        },
    );
}

/// `n` capitalised words no table knows, each once ("Qaba Qabb ..."), joined by `join`.
fn unknown_names(n: usize, join: &str) -> String {
    (0..n)
        .map(|i| format!("Q{}{}", (b'a' + (i % 26) as u8) as char, i / 26))
        .collect::<Vec<_>>()
        .join(join)
}

#[test]
fn a_run_of_many_unknown_names_is_linear() {
    // One run of name words: someone the article introduces, remembered by their parts.
    assert_scales(
        "a run of unknown capitalised words",
        500,
        |n| format!("{} said so.", unknown_names(n, " ")),
        |text| {
            check(text);
        },
    );
    // One name unit described afresh, remembered by its parts.
    assert_scales(
        "a hyphenated name described afresh",
        500,
        |n| format!("{}, a nurse, said so.", unknown_names(n, "-")),
        |text| {
            check(text);
        },
    );
}

#[test]
fn a_line_of_one_repeated_name_is_linear() {
    assert_scales(
        "one line of a repeated name",
        150,
        |n| {
            repeat(
                "Permanent Secretary Simon Ridley met General Hoang Xuan Chien. ",
                n,
            )
        },
        |text| {
            assert!(check(text).len() >= 150);
        },
    );
}

#[test]
fn a_line_of_many_dates_is_linear() {
    assert_scales(
        "one line of dates",
        150,
        |n| {
            repeat(
                "On Tuesday, March 4, 2025, 4 March, 2014 and 2025-03-04 (Wed) ",
                n,
            )
        },
        |text| {
            assert!(!check(text).is_empty());
        },
    );
}

#[test]
fn one_long_sentence_of_events_and_dates_is_linear() {
    assert_scales(
        "one sentence of events and dates",
        100,
        |n| {
            "Simon Ridley met Hoang Xuan Chien in Hanoi. ".to_string()
                + &repeat(
                    "the talks in Hanoi on March 6 and the Modern Slavery Act of 2014 and \
\"a talk\" on Thursday with Ridley and ",
                    n,
                )
        },
        |text| {
            assert!(check(text).len() >= 100);
        },
    );
}

#[test]
fn printing_many_findings_on_one_line_is_linear() {
    assert_scales(
        "human printer, one line",
        150,
        |n| {
            let text = repeat("Hoang Xuan Chien said so, 🇻🇳 中文. ", n);
            let findings = check(&text);
            vec![output::Report {
                name: "a.txt".into(),
                text,
                findings,
            }]
        },
        |reports| {
            let mut out = Vec::new();
            output::human(
                &mut out,
                reports,
                &output::Summary {
                    hidden: 0,
                    min: Severity::Warning,
                    not_checked: 0,
                    fixed: 0,
                },
                &output::Palette::ANSI,
            )
            .expect("printed");
            let mut json = Vec::new();
            output::json(&mut json, reports).expect("printed");
            assert!(out.len() > 150 && json.len() > 150);
        },
    );
}

#[test]
fn reading_one_large_lsp_message_is_linear() {
    assert_scales(
        "LSP frame reader",
        256 << 10,
        |n| {
            let body = format!(
                r#"{{"jsonrpc":"2.0","method":"x","params":{{"text":"{}"}}}}"#,
                "a".repeat(n)
            );
            format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
        },
        |input| {
            let mut frames = Frames::default();
            let mut got = 0;
            for chunk in input.chunks(4 << 10) {
                frames.push(chunk);
                while let Some(item) = frames.next_item() {
                    assert!(matches!(item, Item::Message(_)));
                    got += 1;
                }
            }
            assert_eq!(got, 1);
        },
    );
}

#[test]
fn fix_all_over_many_findings_is_linear() {
    assert_scales(
        "fix all",
        20_000,
        |n| {
            let findings = (0..n)
                .map(|k| Finding {
                    code: "name-diacritics",
                    severity: Severity::Warning,
                    range: (10 * k, 10 * k + 5),
                    message: String::new(),
                    fixes: vec![Fix {
                        title: "fix".into(),
                        replacement: "y".into(),
                    }],
                    entry: None,
                })
                .collect::<Vec<_>>();
            ("x".repeat(10 * n), findings)
        },
        |(text, findings)| {
            assert_eq!(
                copydesk::fix::certain_edits(text, findings).len(),
                findings.len()
            );
        },
    );
}
