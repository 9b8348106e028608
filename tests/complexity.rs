//! No quadratic paths: each test times one input at size n and at 8n in the same run, and
//! requires the larger to take at most about 12 times as long (8 is linear, 64 quadratic).
//!
//! The inputs are made outside the timing. Time is the thread's CPU time, so other work on a
//! shared machine does not count. Each size is timed a few times and the fastest run counts; a ratio over the limit is measured again before the test fails, so a burst of
//! load on a shared machine does not fail it, while a quadratic path fails every time. The
//! small size is compared with a floor, so a run too short to time well cannot make a ratio.

use std::sync::Mutex;
use std::time::Duration;
#[cfg(not(unix))]
use std::time::Instant;

use copydesk::config::Config;
use copydesk::table::load_tables;
use copydesk::text::Kind;

/// One timing test at a time: two at once on a small machine would time each other.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

const LIMIT: f64 = 12.0;
const FLOOR: Duration = Duration::from_millis(5);

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

fn fastest(runs: usize, f: &mut impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let t = cpu_now();
            f();
            cpu_now() - t
        })
        .min()
        .expect("at least one run")
}

/// Time `run` on `make(n)` and `make(8 * n)`; fail if the larger takes over [`LIMIT`] times
/// as long as the smaller (or the floor).
fn assert_scales<I>(what: &str, n: usize, make: impl Fn(usize) -> I, run: impl Fn(&I)) {
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let small = make(n);
    let large = make(8 * n);
    let mut seen = Vec::new();
    for _ in 0..3 {
        let ts = fastest(3, &mut || run(&small));
        let tl = fastest(2, &mut || run(&large));
        let ratio = tl.as_secs_f64() / ts.max(FLOOR).as_secs_f64();
        eprintln!("{what}: n={n} {ts:?}, 8n {tl:?}, ratio {ratio:.1}");
        if ratio < LIMIT {
            return;
        }
        seen.push(format!("{ts:?} -> {tl:?} (x{ratio:.1})"));
    }
    panic!(
        "{what}: 8 times the input took over {LIMIT} times as long: {}",
        seen.join(", ")
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

#[allow(dead_code)]
fn check(text: &str) -> usize {
    let index = copydesk::Index::new(
        copydesk::table::parse_table("default", copydesk::table::DEFAULT_TABLE).unwrap(),
    );
    copydesk::check_text(text, Kind::Plain, &index, &Config::default()).len()
}
