//! How the check scales with the text and with the table.
//!
//! `cargo bench --bench check` prints, for tables of 1 (the default), 100,000 and 1,000,000
//! people: the time to build the index, and the time to check a 5,000-word article, whole and
//! again with the block cache after a one-word edit (what the language server does on a
//! keystroke). Under `cargo test` it runs once on small sizes, as a smoke test.

use std::time::{Duration, Instant};

use copydesk::analysis::{Analysis, BlockCache};
use copydesk::check::run_rules;
use copydesk::config::Config;
use copydesk::table::{DEFAULT_TABLE, Index, Person, parse_table};
use copydesk::text::Kind;

const SYLLABLES: &[&str] = &[
    "an", "ba", "chi", "dung", "em", "giang", "ha", "hoa", "khanh", "lan", "minh", "nam", "ngoc",
    "phuong", "quang", "son", "tam", "thanh", "trung", "van", "xuan", "yen", "al", "ber", "cor",
    "dan", "el", "fran", "gor", "hel", "ing", "jo", "kar", "lor", "mar", "nor", "ol", "per", "ros",
    "sten", "tor", "ul", "vic", "wen",
];

fn word(mut n: u64, parts: usize) -> String {
    let mut w = String::new();
    for _ in 0..parts {
        w.push_str(SYLLABLES[(n % SYLLABLES.len() as u64) as usize]);
        n /= SYLLABLES.len() as u64;
    }
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// The default table plus `n` synthetic people with two titles each.
fn table(n: usize) -> copydesk::table::Table {
    let mut t = parse_table("default", DEFAULT_TABLE).unwrap();
    let template = t.people[1].clone();
    for i in 0..n as u64 {
        let given = word(i.wrapping_mul(2654435761) % 1_000_003, 2);
        let family = word(i, 3);
        let mut p: Person = template.clone();
        p.id = format!("p{i}");
        p.name = format!("{given} {family}");
        if let Some(parts) = &mut p.parts {
            parts.given = given.clone();
            parts.family = family.clone();
        }
        p.aliases = vec![format!("Mr {family}")];
        p.specs.clear();
        t.people.push(p);
    }
    t
}

fn article(words: usize) -> String {
    let para = "On Tuesday, March 4, 2025, Simon Ridley, Second Permanent Secretary at the UK \
Home Office, sat down in Hà Nội with Deputy Defence Minister Senior Lieutenant General Hoàng \
Xuân Chiến. Chiến said both sides would share experience on trafficking cases, and Ridley said the \
Home Office saw Việt Nam as a key partner. Permanent Secretary Simon Ridley met Hoang Xuan Chien \
again on Wednesday, March 4, 2025, after the Modern Slavery Act of 2014 was discussed.\n\n";
    let per = para.split_whitespace().count();
    para.repeat(words / per + 1)
}

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let v = f();
    (v, t.elapsed())
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let sizes: &[usize] = if full {
        &[0, 100_000, 1_000_000]
    } else {
        &[0, 1_000]
    };
    let words = if full { 5_000 } else { 500 };
    let runs = if full { 21 } else { 3 };
    let text = article(words);
    let config = Config::default();
    println!(
        "article: {} words, {} bytes; median of {runs} runs",
        text.split_whitespace().count(),
        text.len()
    );
    for &n in sizes {
        let t = table(n);
        let people = t.people.len();
        let (index, build) = time(|| Index::new(t));
        let mut whole = Vec::new();
        let mut findings = 0;
        for _ in 0..runs {
            let (f, d) = time(|| {
                let a = Analysis::new(&text, Kind::Markdown, &index, &config, None);
                run_rules(&a)
            });
            findings = f.len();
            whole.push(d);
        }
        // An edit in one paragraph: the other blocks come from the cache.
        let mut cache = BlockCache::default();
        let _ = run_rules(&Analysis::new(
            &text,
            Kind::Markdown,
            &index,
            &config,
            Some(&mut cache),
        ));
        let mut edited = Vec::new();
        for k in 0..runs {
            let mut t2 = text.clone();
            let at = t2.len() / 2;
            let at = (at..t2.len()).find(|&i| t2.as_bytes()[i] == b' ').unwrap();
            t2.insert_str(at, if k % 2 == 0 { " very" } else { " quite" });
            let (_, d) = time(|| {
                let a = Analysis::new(&t2, Kind::Markdown, &index, &config, Some(&mut cache));
                run_rules(&a)
            });
            edited.push(d);
        }
        println!(
            "table {people:>9} people: index built in {:>9.1?}; check {:>8.2?} whole, {:>8.2?} after a one-word edit (cached blocks); {findings} findings",
            build,
            median(whole),
            median(edited)
        );
        assert!(findings > 0);
    }
}
