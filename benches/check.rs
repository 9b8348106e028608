//! The engine alone, without process start or I/O (divan).
//!
//! `cargo bench --bench check` times, for tables of the default table alone and with 100,000
//! and 1,000,000 generated people: building the index from a loaded table, loading a table
//! from its JSON text (parse, check, merge over the default table, index), the check of a
//! 5,000-word article and of 1 MB of prose (throughput), one edit checked incrementally
//! (`check::Incremental`, what the language server does on a keystroke), and a hover (the
//! analysis the last check kept, then the card at a name). `cargo bench --bench check -- edit` runs one group.
//!
//! Under `cargo test --all-targets` each benchmark runs once, on small sizes (a smoke test).

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use copydesk::card::card_at;
use copydesk::check::{Incremental, check_text};
use copydesk::config::Config;
use copydesk::table::load::load_tables;
use copydesk::table::{DEFAULT_TABLE, Index, Table, parse_table};
use copydesk::text::Kind;
use divan::counter::BytesCount;
use divan::{Bencher, black_box};

fn main() {
    divan::main();
}

/// `cargo bench` passes `--bench`; `cargo test` does not.
fn full() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// Generated people on top of the default table.
fn table_sizes() -> Vec<usize> {
    if full() {
        vec![0, 100_000, 1_000_000]
    } else {
        vec![0, 1_000]
    }
}

fn big_table_sizes() -> Vec<usize> {
    table_sizes().into_iter().filter(|&n| n > 0).collect()
}

/// Names of several traditions: (given names, family names, family first).
const TRADITIONS: &[(&[&str], &[&str], bool)] = &[
    (
        &[
            "An", "Bình", "Chi", "Dũng", "Hà", "Hải", "Hương", "Lan", "Minh", "Phương", "Sơn",
        ],
        &[
            "Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ",
        ],
        true,
    ),
    (
        &[
            "Wei", "Fang", "Jing", "Min", "Jun", "Lei", "Yong", "Yan", "Jie", "Tao",
        ],
        &[
            "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou",
        ],
        true,
    ),
    (
        &[
            "James", "Olivia", "Harry", "Amelia", "George", "Isla", "Oliver", "Emily",
        ],
        &[
            "Smith", "Jones", "Taylor", "Brown", "Wilson", "Davies", "Evans", "Walker",
        ],
        false,
    ),
    (
        &[
            "José", "María", "Lucía", "Álvaro", "Inés", "Íñigo", "Begoña", "Ramón",
        ],
        &[
            "García",
            "Fernández",
            "González",
            "Pérez",
            "Muñoz",
            "Jiménez",
            "Núñez",
        ],
        false,
    ),
    (
        &[
            "Jürgen", "Käthe", "Björn", "Sören", "Dörte", "Günter", "Ursula", "Lukas",
        ],
        &[
            "Müller",
            "Schröder",
            "Weiß",
            "Köhler",
            "Schäfer",
            "Krüger",
            "König",
        ],
        false,
    ),
    (
        &[
            "Łukasz",
            "Małgorzata",
            "Paweł",
            "Grażyna",
            "Michał",
            "Żaneta",
            "Wojciech",
        ],
        &[
            "Wójcik",
            "Dąbrowski",
            "Woźniak",
            "Kozłowski",
            "Zieliński",
            "Wiśniewski",
        ],
        false,
    ),
    (
        &[
            "Çağla", "Gökhan", "Şule", "Ömer", "İlker", "Barış", "Özge", "Gülşen",
        ],
        &[
            "Yılmaz", "Şahin", "Çelik", "Öztürk", "Doğan", "Kılıç", "Çetin",
        ],
        false,
    ),
];

/// Syllables that make the rarer family names a million people need.
const SYLLABLES: &[&str] = &[
    "al", "ba", "cor", "dan", "el", "fran", "gor", "hel", "ing", "jo", "kar", "lor", "mar", "nor",
    "ol", "per", "ros", "sten", "tor", "ul", "vic", "wen", "ya", "zel",
];

fn made_up(mut n: usize) -> String {
    let mut w = String::new();
    for _ in 0..3 {
        w.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
    }
    let mut c = w.chars();
    let first = c.next().unwrap().to_uppercase().collect::<String>();
    first + c.as_str()
}

/// The i-th generated person: the same in every table size.
fn person(i: usize) -> (String, serde_json::Value) {
    let (givens, families, family_first) = TRADITIONS[i % TRADITIONS.len()];
    let k = i / TRADITIONS.len();
    let given = givens[k % givens.len()].to_string();
    let j = k / givens.len();
    let family = match families.get(j) {
        Some(f) => f.to_string(),
        None => made_up(j),
    };
    let (name, order) = if family_first {
        (format!("{family} {given}"), "family-first")
    } else {
        (format!("{given} {family}"), "given-first")
    };
    let json = serde_json::json!({
        "id": format!("p{i}"),
        "name": name,
        "parts": { "family": family, "given": given },
        "order": order,
    });
    (name, json)
}

/// A table file of `n` generated people (a newsroom's file, over the default table).
fn people_json(n: usize) -> String {
    let people: Vec<_> = (0..n).map(|i| person(i).1).collect();
    serde_json::json!({ "version": 1, "people": people }).to_string()
}

/// The default table merged with `n` generated people: what the CLI loads.
fn loaded(n: usize) -> Table {
    load_tables(&[
        ("default".into(), DEFAULT_TABLE.into()),
        ("people.json".into(), people_json(n)),
    ])
    .unwrap()
}

/// One index per size, built once for all benchmarks.
fn index(n: usize) -> Arc<Index> {
    static CACHE: OnceLock<Mutex<HashMap<usize, Arc<Index>>>> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Default::default).lock().unwrap();
    cache
        .entry(n)
        .or_insert_with(|| {
            let t = if n == 0 {
                parse_table("default", DEFAULT_TABLE).unwrap()
            } else {
                loaded(n)
            };
            Arc::new(Index::new(t))
        })
        .clone()
}

const SENTENCES: &[&str] = &[
    "The council met for three hours and agreed to publish the budget before the summer.",
    "Traffic on the ring road was slower than usual because of repairs near the bridge.",
    "{p} said the plan would be reviewed next year.",
    "Hoàng Xuân Chiến met Simon Ridley in Hà Nội on Tuesday, March 4, 2025.",
    "Farmers in the lowlands planted later this season, waiting for the water to drain.",
    "Asked about the delay, {p} said the contracts were being rewritten.",
    "Hoang Xuan Chien spoke on Wednesday, March 4, 2025, about training for border guards.",
    "Permanent Secretary Simon Ridley said the Home Office would send {n} experts.",
    "Prices of rice and cooking oil were steady, the statistics office said on {n} March.",
    "Rail freight rose by {n} per cent, the first increase in four years.",
];

/// About `bytes` of news prose: varied paragraphs (so that no two blocks share an analysis),
/// naming the default table's people and the first thousand generated ones.
fn prose(bytes: usize) -> String {
    let mut s = String::from("# News of the week\n\ndate 2025-03-05\n\n");
    let mut r: u64 = 7;
    let mut next = |m: usize| {
        r = r
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((r >> 33) as usize) % m
    };
    while s.len() < bytes {
        for _ in 0..3 + next(5) {
            let t = SENTENCES[next(SENTENCES.len())];
            let t = t
                .replace("{p}", &person(next(1000)).0)
                .replace("{n}", &(2 + next(27)).to_string());
            s.push_str(&t);
            s.push(' ');
        }
        s.push_str("\n\n");
    }
    s
}

fn article() -> &'static str {
    static A: OnceLock<String> = OnceLock::new();
    A.get_or_init(|| prose(if full() { 31_000 } else { 3_000 }))
}

fn megabyte() -> &'static str {
    static M: OnceLock<String> = OnceLock::new();
    M.get_or_init(|| prose(if full() { 1_000_000 } else { 20_000 }))
}

#[divan::bench(args = big_table_sizes(), sample_count = 3, sample_size = 1)]
fn index_build(bencher: Bencher, n: usize) {
    bencher.with_inputs(|| loaded(n)).bench_values(Index::new);
}

#[divan::bench(args = big_table_sizes(), sample_count = 3, sample_size = 1)]
fn table_load_json(bencher: Bencher, n: usize) {
    let files = vec![
        ("default".to_string(), DEFAULT_TABLE.to_string()),
        ("people.json".to_string(), people_json(n)),
    ];
    bencher
        .counter(BytesCount::new(files[1].1.len()))
        .bench(|| Index::new(load_tables(black_box(&files)).unwrap()));
}

fn check_doc(bencher: Bencher, n: usize, text: &str) {
    let index = index(n);
    let config = Config::default();
    assert!(!check_text(text, Kind::Markdown, &index, &config).is_empty());
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| check_text(black_box(text), Kind::Markdown, &index, &config));
}

#[divan::bench(args = table_sizes(), sample_count = 10)]
fn check_article(bencher: Bencher, n: usize) {
    check_doc(bencher, n, article());
}

#[divan::bench(args = table_sizes(), sample_count = 5)]
fn check_1mb(bencher: Bencher, n: usize) {
    check_doc(bencher, n, megabyte());
}

/// A new word typed into a paragraph in the middle, checked incrementally after the text
/// before it.
fn edit(bencher: Bencher, n: usize, text: &str) {
    let index = index(n);
    let config = Config::default();
    let check = RefCell::new(Incremental::default());
    check
        .borrow_mut()
        .check(text, Kind::Markdown, &index, &config);
    let at = (text.len() / 2..text.len())
        .find(|&i| text.as_bytes()[i] == b' ')
        .unwrap();
    let k = AtomicUsize::new(0);
    bencher
        .with_inputs(|| {
            let mut t = text.to_string();
            t.insert_str(at, &format!(" w{}", k.fetch_add(1, Ordering::Relaxed)));
            t
        })
        .bench_local_values(|t| {
            check
                .borrow_mut()
                .check(&t, Kind::Markdown, &index, &config)
        });
}

#[divan::bench(args = table_sizes())]
fn edit_article(bencher: Bencher, n: usize) {
    edit(bencher, n, article());
}

#[divan::bench(args = table_sizes(), sample_count = 5)]
fn edit_1mb(bencher: Bencher, n: usize) {
    edit(bencher, n, megabyte());
}

/// A hover on a name, as the server answers it: the analysis the last check kept, then the
/// card of the mention at the cursor.
fn hover(bencher: Bencher, n: usize, text: &str) {
    let index = index(n);
    let config = Config::default();
    let mut check = Incremental::default();
    check.check(text, Kind::Markdown, &index, &config);
    let at = text.len() / 2 + text[text.len() / 2..].find("Simon Ridley").unwrap() + 2;
    bencher.bench_local(|| {
        let a = check
            .analysis(text, Kind::Markdown, &index, &config)
            .expect("the text checked");
        card_at(&a, black_box(at)).expect("a card on the name")
    });
}

#[divan::bench(args = table_sizes())]
fn hover_article(bencher: Bencher, n: usize) {
    hover(bencher, n, article());
}

#[divan::bench(args = table_sizes(), sample_count = 5)]
fn hover_1mb(bencher: Bencher, n: usize) {
    hover(bencher, n, megabyte());
}
