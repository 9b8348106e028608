//! The embedded default table is `copydesk table build tests/fixtures/seeds` plus the overlay:
//! the two never drift. And the facts extracted from the seeds, one by one, with their sources.
//! `tests/fixtures/seeds/` is a byte-for-byte copy of the two seed articles, kept here so that a
//! clean clone (CI) has them; a missing folder fails these tests rather than skipping them.

mod support;

use std::path::Path;

use copydesk::build::{Built, Options, build, json, overlay};
use copydesk::cli::table_build::Files;
use copydesk::table::{NameOrder, ReferencePart, Table, TitleWord, load_tables};
use support::{root, seeds};

fn overlay_text() -> String {
    std::fs::read_to_string(root().join("src/table/overlay.json")).expect("overlay")
}

fn vocabulary() -> Vec<TitleWord> {
    let v: serde_json::Value = serde_json::from_str(&overlay_text()).unwrap();
    serde_json::from_value(v["titles"].clone()).unwrap()
}

/// Build from the seeds, without or with the overlay.
fn build_seeds(dir: &Path, with_overlay: bool) -> Built {
    let files = Files::collect(&[dir.to_path_buf()]).unwrap();
    let mut built = build(&files, &vocabulary(), &Options::default(), &|| {}).unwrap();
    if with_overlay {
        let notes = overlay::apply(&mut built, &overlay_text(), "overlay.json").unwrap();
        assert!(notes.is_empty(), "{notes:?}");
    }
    built
}

fn sources(t: &Table, refs: &[copydesk::table::SourceRef]) -> Vec<(String, u32)> {
    refs.iter()
        .map(|r| {
            let file = t.source(&r.source).expect("cited source").file.clone();
            (file[..3].to_string(), r.line.expect("line"))
        })
        .collect()
}

fn cites(list: &[(&str, u32)]) -> Vec<(String, u32)> {
    list.iter().map(|(f, l)| (f.to_string(), *l)).collect()
}

#[test]
fn the_kept_copy_is_the_seeds_byte_for_byte() {
    let dir = seeds();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["000_81e2ba5f78579261.txt", "001_9d09c6c4d54eea1e.txt"]
    );
    // Where the shared originals are also present (the project's machines), they are equal.
    let shared = root().join("../shared/seeds");
    if shared.is_dir() {
        for n in &names {
            let a = std::fs::read(dir.join(n)).unwrap();
            let b = std::fs::read(shared.join(n)).unwrap();
            assert!(
                a == b,
                "tests/fixtures/seeds/{n} differs from ../shared/seeds/{n}"
            );
        }
    }
}

#[test]
fn default_table_is_the_build_of_the_seeds() {
    let dir = seeds();
    let built = build_seeds(&dir, true);
    let text = json::to_string(&serde_json::to_value(&built.table).unwrap());
    let committed = std::fs::read_to_string(root().join("src/table/default.json")).unwrap();
    assert!(
        text == committed,
        "src/table/default.json is not the build of the seeds; regenerate it with\n  \
         cargo run -- table build tests/fixtures/seeds --overlay src/table/overlay.json -o src/table/default.json"
    );
}

#[test]
fn the_command_writes_the_default_table() {
    let dir = seeds();
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("table.json");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["table", "build"])
        .arg(&dir)
        .arg("--overlay")
        .arg(root().join("src/table/overlay.json"))
        .arg("-o")
        .arg(&file)
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let stderr = String::from_utf8_lossy(&status.stderr);
    // The caption's title is a conflict for review.
    assert!(
        stderr.contains(
            "Simon Ridley: title \"Second Permanent Secretary\" (2 sources: \
             000_81e2ba5f78579261.txt:1, 001_9d09c6c4d54eea1e.txt:8) over \
             \"Permanent Secretary\" (1 source: 001_9d09c6c4d54eea1e.txt:6)"
        ),
        "{stderr}"
    );
    let written = std::fs::read_to_string(&file).unwrap();
    let committed = std::fs::read_to_string(root().join("src/table/default.json")).unwrap();
    assert_eq!(written, committed);
}

#[test]
fn the_default_table_copies_no_sentence_of_the_seeds() {
    let dir = seeds();
    let table = std::fs::read_to_string(root().join("src/table/default.json")).unwrap();
    assert!(!table.contains("\"quote\""));
    // No run of eight words of a seed appears in the table.
    for f in std::fs::read_dir(&dir).unwrap() {
        let text = std::fs::read_to_string(f.unwrap().path()).unwrap();
        let words: Vec<&str> = text.split_whitespace().collect();
        for w in words.windows(8) {
            let phrase = w.join(" ");
            assert!(!table.contains(&phrase), "copied: {phrase}");
        }
    }
}

#[test]
fn chien_rank_post_order_and_sources() {
    let dir = seeds();
    let t = build_seeds(&dir, false).table;
    let p = t
        .people
        .iter()
        .find(|p| p.id == "hoang-xuan-chien")
        .unwrap();
    assert_eq!(p.name, "Hoàng Xuân Chiến");
    assert_eq!(p.order, NameOrder::FamilyFirst);
    assert_eq!(p.reference, Some(ReferencePart::Given));
    assert_eq!(p.second_reference(), Some("Chiến"));
    let parts = p.parts.as_ref().unwrap();
    assert_eq!(
        (&*parts.family, parts.middle.as_deref(), &*parts.given),
        ("Hoàng", Some("Xuân"), "Chiến")
    );
    assert_eq!(p.aliases, ["General Chiến"]);
    assert_eq!(p.country.as_deref(), Some("Việt Nam"));
    // The post, with its ministry, and the rank.
    let post = &p.titles[0];
    assert_eq!(post.title, "Deputy Defence Minister");
    assert_eq!(
        post.organisation.as_deref(),
        Some("ministry-of-national-defence")
    );
    assert!(
        post.aliases
            .contains(&"Deputy Minister of National Defence".to_string())
    );
    assert_eq!(
        sources(&t, &post.sources),
        cites(&[("000", 1), ("001", 6), ("001", 8)])
    );
    let rank = &p.titles[1];
    assert_eq!(rank.title, "Senior Lieutenant General");
    assert_eq!(
        sources(&t, &rank.sources),
        cites(&[("000", 1), ("001", 6), ("001", 8)])
    );
    assert!(rank.disputed.is_empty() && post.disputed.is_empty());
    assert_eq!(p.titles.len(), 2);
    // Every line that names him, second references included ("Chiến said", "Chien").
    let s = sources(&t, &p.sources);
    for at in [
        ("000", 1),
        ("000", 5),
        ("000", 20),
        ("001", 8),
        ("001", 10),
        ("001", 14),
    ] {
        assert!(s.contains(&(at.0.to_string(), at.1)), "{at:?} in {s:?}");
    }
}

#[test]
fn ridley_title_and_the_caption_conflict() {
    let dir = seeds();
    let b = build_seeds(&dir, false);
    let t = &b.table;
    let p = t.people.iter().find(|p| p.id == "simon-ridley").unwrap();
    assert_eq!(p.order, NameOrder::GivenFirst);
    assert_eq!(p.second_reference(), Some("Ridley"));
    assert_eq!(p.titles.len(), 1);
    let h = &p.titles[0];
    assert_eq!(h.title, "Second Permanent Secretary");
    assert_eq!(h.organisation.as_deref(), Some("uk-home-office"));
    assert_eq!(sources(t, &h.sources), cites(&[("000", 1), ("001", 8)]));
    assert_eq!(h.disputed.len(), 1);
    assert_eq!(h.disputed[0].value, "Permanent Secretary");
    assert_eq!(sources(t, &h.disputed[0].sources), cites(&[("001", 6)]));
    // The organisation is split from the title.
    let org = t
        .organisations
        .iter()
        .find(|o| o.id == "uk-home-office")
        .unwrap();
    assert_eq!(org.name, "UK Home Office");
    assert_eq!(org.aliases, ["Home Office"]);
    // The conflict is reported.
    let c = b
        .conflicts
        .iter()
        .find(|c| c.subject == "Simon Ridley")
        .unwrap();
    assert_eq!(c.field, "title");
    assert_eq!(c.chosen.value, "Second Permanent Secretary");
    assert_eq!(c.others[0].value, "Permanent Secretary");
    assert_eq!(sources(t, &c.others[0].sources), cites(&[("001", 6)]));
}

#[test]
fn the_talks_in_ha_noi_on_2025_03_04() {
    let dir = seeds();
    let t = build_seeds(&dir, false).table;
    assert_eq!(t.events.len(), 1);
    let e = &t.events[0];
    assert_eq!(e.date.to_string(), "2025-03-04");
    assert_eq!(e.place.as_deref(), Some("ha-noi"));
    assert_eq!(e.participants, ["hoang-xuan-chien", "simon-ridley"]);
    for w in ["talks", "hosted", "meeting"] {
        assert!(e.words.contains(&w.to_string()), "{w} in {:?}", e.words);
    }
    let s = sources(&t, &e.sources);
    // Seed 000 is undated: its "on Tuesday" joins the dated report by its participants.
    for at in [("000", 1), ("001", 6), ("001", 8)] {
        assert!(s.contains(&(at.0.to_string(), at.1)), "{at:?} in {s:?}");
    }
    let seed1 = t
        .sources
        .iter()
        .find(|s| s.file.starts_with("001"))
        .unwrap();
    assert_eq!(
        seed1.date.map(|d| d.to_string()).as_deref(),
        Some("2025-03-04")
    );
    assert_eq!(seed1.publisher.as_deref(), Some("VNA/VNS"));
}

#[test]
fn spelling_variants_grouped_and_counted() {
    let dir = seeds();
    let t = build_seeds(&dir, false).table;
    let place = |id: &str| t.places.iter().find(|p| p.id == id).unwrap();
    let hn = place("ha-noi");
    assert_eq!(
        (hn.name.as_str(), hn.variants.as_slice()),
        ("Hà Nội", &["Hanoi".to_string()][..])
    );
    let count = |e: &copydesk::table::Entity, f: &str| {
        e.counts.iter().find(|c| c.form == f).map(|c| c.count)
    };
    // "HÀ NỘI" in the dateline counts as "Hà Nội".
    assert_eq!(count(hn, "Hà Nội"), Some(3));
    assert_eq!(count(hn, "Hanoi"), Some(6));
    let vn = place("viet-nam");
    assert_eq!(vn.name, "Việt Nam");
    assert_eq!(vn.variants, ["Vietnam"]);
    assert!(count(vn, "Vietnam").unwrap() > count(vn, "Việt Nam").unwrap());
    let s = sources(&t, &hn.sources);
    assert!(s.contains(&("001".into(), 8)) && s.contains(&("000".into(), 1)));
}

#[test]
fn laws_and_agreements_with_years() {
    let dir = seeds();
    let t = build_seeds(&dir, false).table;
    let act = t
        .laws
        .iter()
        .find(|l| l.name == "Modern Slavery Act")
        .unwrap();
    assert_eq!(act.year, 2015);
    assert_eq!(act.parties, ["uk"]);
    assert_eq!(sources(&t, &act.sources), cites(&[("000", 10)]));
    let sp = t
        .laws
        .iter()
        .find(|l| l.aliases.contains(&"strategic partnership".to_string()))
        .unwrap();
    assert_eq!(sp.year, 2010);
    assert_eq!(sp.name, "Việt Nam–UK strategic partnership");
    assert_eq!(sp.parties, ["viet-nam", "uk"]);
}

#[test]
fn with_quotes_every_source_has_its_sentence() {
    let dir = seeds();
    let files = Files::collect(&[dir]).unwrap();
    let opts = Options {
        quotes: true,
        ..Options::default()
    };
    let t = build(&files, &vocabulary(), &opts, &|| {}).unwrap().table;
    let p = t.people.iter().find(|p| p.id == "simon-ridley").unwrap();
    let q = p.titles[0].disputed[0].sources[0].quote.as_deref().unwrap();
    assert!(
        q.contains("Permanent Secretary at the UK Home Office Simon Ridley"),
        "{q}"
    );
    assert!(
        t.people
            .iter()
            .all(|p| p.sources.iter().all(|s| s.quote.is_some()))
    );
}

#[test]
fn the_build_loads_and_its_specs_pass() {
    let dir = seeds();
    for with_overlay in [false, true] {
        let t = build_seeds(&dir, with_overlay).table;
        let text = json::to_string(&serde_json::to_value(&t).unwrap());
        let loaded = load_tables(&[
            ("default".into(), copydesk::table::DEFAULT_TABLE.into()),
            ("built".into(), text),
        ])
        .unwrap();
        let index = copydesk::Index::new(loaded);
        let failed: Vec<_> = copydesk::spec::run_specs(&index)
            .into_iter()
            .filter(|r| !r.passed())
            .collect();
        assert!(failed.is_empty(), "{failed:#?}");
    }
}
