//! An archive of thousands of articles, streamed from disk in parallel: the facts still match
//! what the generator wrote. (The speed figure comes from a timed command, not from here:
//! `write_an_archive_for_timing` writes the archive it is measured on.)

mod build_synth;
mod support;

use std::sync::atomic::{AtomicUsize, Ordering};

use copydesk::build::{Options, build};
use copydesk::cli::table_build::Files;
use copydesk::table::{DEFAULT_TABLE, parse_table};

#[test]
fn an_archive_of_2000_articles_streamed_from_disk() {
    let n = 2000;
    let s = build_synth::generate(n, 3);
    let dir = tempfile::tempdir().unwrap();
    build_synth::write(dir.path(), &s);
    let files = Files::collect(&[dir.path().to_path_buf()]).unwrap();
    let vocab = parse_table("default", DEFAULT_TABLE).unwrap().titles;
    let calls = AtomicUsize::new(0);
    let opts = Options::default();
    let b = build(&files, &vocab, &opts, &|| {
        calls.fetch_add(1, Ordering::Relaxed);
    })
    .unwrap();
    // Two passes, each article read once per pass.
    assert_eq!(calls.load(Ordering::Relaxed), 2 * n);
    let t = &b.table;
    let e = &s.expect;
    assert_eq!(t.people.len(), 6);
    assert_eq!(t.events.len(), 3);
    // Counts are exact at any size.
    let dn = t.places.iter().find(|p| p.id == "da-nang").unwrap();
    let count = |f: &str| dn.counts.iter().find(|c| c.form == f).unwrap().count;
    assert_eq!(
        (count("Đà Nẵng"), count("Da Nang")),
        (e.da_nang_marked, e.da_nang_plain)
    );
    // The majority decides; sources are capped, one line per article past the cap.
    let el = t
        .people
        .iter()
        .find(|p| p.id == "margaret-ellison")
        .unwrap();
    assert_eq!(el.titles[0].title, "Foreign Secretary");
    assert_eq!(el.titles[0].disputed[0].value, "Home Secretary");
    assert_eq!(el.titles[0].sources.len(), opts.max_sources);
    let mut arts: Vec<&str> = el.sources.iter().map(|s| s.source.as_str()).collect();
    arts.dedup();
    assert_eq!(arts.len(), el.sources.len());
    assert!(e.ellison_foreign > e.ellison_home && e.ellison_home > 50);
    let act = build_synth::law(t, "Border Security Act");
    assert_eq!(act.year, 2019);
    let seoul = build_synth::event_at(t, "seoul");
    assert_eq!(seoul.date.to_string(), "2024-05-13");
    assert_eq!(b.conflicts.len(), 3);
}

/// Write a synthetic archive for the timed command:
/// `COPYDESK_SYNTH_DIR=/tmp/archive COPYDESK_SYNTH_N=10000 cargo test --release --test
/// build_scale -- --ignored`, then `time target/release/copydesk table build /tmp/archive -o
/// /tmp/table.json`.
#[test]
#[ignore]
fn write_an_archive_for_timing() {
    let dir = std::env::var("COPYDESK_SYNTH_DIR").expect("COPYDESK_SYNTH_DIR");
    let n: usize = std::env::var("COPYDESK_SYNTH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let s = build_synth::generate(n, 42);
    build_synth::write(std::path::Path::new(&dir), &s);
    eprintln!("wrote {n} articles to {dir}: {:?}", s.expect);
}
