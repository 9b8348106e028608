//! `copydesk table build --merge`: a build added to a table a person keeps, without losing or
//! reordering anything of it; hand edits win and new conflicts are reported.

mod build_synth;
mod support;

use copydesk::build::merge::merge;
use copydesk::build::{Built, Options, Texts, build, json};
use copydesk::table::{DEFAULT_TABLE, parse_table};
use serde_json::Value;
use support::strings;

fn built() -> Built {
    let s = build_synth::generate(45, 11);
    let vocab = parse_table("default", DEFAULT_TABLE).unwrap().titles;
    build(&Texts(s.articles), &vocab, &Options::default(), &|| {}).unwrap()
}

/// A table kept by hand: its own order of lists and fields, fields the builder never writes,
/// a title the articles mostly disagree with, a place under its plain spelling.
const HAND: &str = r#"{
  "version": 1,
  "sources": [{ "id": "desk", "file": "desk-notes.md", "publisher": "Copy desk" }],
  "places": [
    {
      "id": "danang",
      "name": "Da Nang",
      "kind": "city",
      "country": "VN",
      "aliases": ["Danang"],
      "sources": [{ "source": "desk" }]
    }
  ],
  "people": [
    {
      "id": "m-ellison",
      "name": "Margaret Ellison",
      "order": "given-first",
      "country": "GB",
      "titles": [
        { "title": "Home Secretary", "from": "2024-01-01", "sources": [{ "source": "desk" }] }
      ],
      "specs": [{ "text": "Home Secretary Margaret Ellison spoke.", "expect": [] }],
      "aliases": ["Maggie Ellison"]
    },
    { "id": "peter-hale", "name": "Peter Hale", "order": "given-first" }
  ]
}
"#;

fn keys(v: &Value) -> Vec<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

#[test]
fn hand_made_entries_and_fields_are_kept_in_order() {
    let b = built();
    let m = merge(HAND, "hand.json", &b).unwrap();
    let v: Value = serde_json::from_str(&m.text).unwrap();
    // The lists in the hand-made order, new ones after.
    assert_eq!(
        &keys(&v)[..4],
        ["version", "sources", "places", "people"],
        "{:?}",
        keys(&v)
    );
    assert!(keys(&v).contains(&"events") && keys(&v).contains(&"laws"));
    // The hand-made people first, in their order, then the new ones.
    let ids = strings(v["people"].as_array().unwrap(), "id");
    assert_eq!(&ids[..2], ["m-ellison", "peter-hale"]);
    assert!(ids.contains(&"park-ji-hoon") && ids.contains(&"daniel-okafor"));
    assert!(
        !ids.contains(&"margaret-ellison"),
        "matched by name, not added twice"
    );
    // Her fields in the hand-made order, new fields appended.
    let e = &v["people"][0];
    assert_eq!(
        &keys(e)[..7],
        [
            "id", "name", "order", "country", "titles", "specs", "aliases"
        ]
    );
    assert!(keys(e).contains(&"parts") && keys(e).contains(&"sources"));
    assert_eq!(
        e["aliases"],
        serde_json::json!(["Maggie Ellison", "Ms Ellison"])
    );
    assert_eq!(e["specs"].as_array().unwrap().len(), 1);
    // The hand-made title wins and keeps its fields; the build's is recorded as disputed.
    let t = &e["titles"][0];
    assert_eq!(t["title"], "Home Secretary");
    assert_eq!(t["from"], "2024-01-01");
    assert_eq!(t["sources"][0]["source"], "desk");
    assert_eq!(t["disputed"][0]["value"], "Foreign Secretary");
    assert!(t["disputed"][0]["sources"].as_array().unwrap().len() > 5);
    assert_eq!(e["titles"].as_array().unwrap().len(), 1);
    // The place keeps its name and fields; the marked spelling joins as a variant, counted.
    let p = &v["places"][0];
    assert_eq!(
        (p["id"].as_str(), p["name"].as_str()),
        (Some("danang"), Some("Da Nang"))
    );
    assert_eq!(p["kind"], "city");
    assert_eq!(p["aliases"], serde_json::json!(["Danang"]));
    assert_eq!(p["variants"], serde_json::json!(["Đà Nẵng"]));
    assert_eq!(p["sources"][0]["source"], "desk");
    assert!(p["counts"].as_array().unwrap().len() == 2);
    // The events now point at the hand-made ids.
    let danang_talks = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["date"] == "2024-09-02")
        .unwrap();
    assert_eq!(danang_talks["place"], "danang");
    let london = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["date"] == "2024-06-07")
        .unwrap();
    assert_eq!(london["participants"][0], "m-ellison");
}

#[test]
fn new_conflicts_are_reported() {
    let b = built();
    let m = merge(HAND, "hand.json", &b).unwrap();
    let title = m
        .conflicts
        .iter()
        .find(|c| c.field == "title")
        .expect("title conflict");
    assert_eq!(title.subject, "Margaret Ellison");
    assert_eq!(title.chosen.value, "Home Secretary");
    assert_eq!(title.others[0].value, "Foreign Secretary");
    assert_eq!(title.rule, "hand edit wins");
    let name = m
        .conflicts
        .iter()
        .find(|c| c.field == "name")
        .expect("name conflict");
    assert_eq!(
        (name.chosen.value.as_str(), name.others[0].value.as_str()),
        ("Da Nang", "Đà Nẵng")
    );
}

#[test]
fn the_merge_loads_passes_its_specs_and_is_stable() {
    let b = built();
    let m = merge(HAND, "hand.json", &b).unwrap();
    let loaded = copydesk::table::load_tables(&[
        ("default".into(), DEFAULT_TABLE.into()),
        ("merged".into(), m.text.clone()),
    ])
    .unwrap();
    let failed: Vec<_> = copydesk::spec::run_specs(&copydesk::Index::new(loaded))
        .into_iter()
        .filter(|r| !r.passed())
        .collect();
    assert!(failed.is_empty(), "{failed:#?}");
    // Merging the same build again changes nothing.
    let again = merge(&m.text, "hand.json", &b).unwrap();
    assert_eq!(again.text, m.text);
}

#[test]
fn a_build_merged_into_itself_is_unchanged() {
    let b = built();
    let text = json::to_string(&serde_json::to_value(&b.table).unwrap());
    let m = merge(&text, "t.json", &b).unwrap();
    assert_eq!(m.text, text);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
}

#[test]
fn the_command_merges_and_reports() {
    let s = build_synth::generate(45, 11);
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("archive");
    build_synth::write(&articles, &s);
    let hand = dir.path().join("hand.json");
    std::fs::write(&hand, HAND).unwrap();
    let out_file = dir.path().join("out.json");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["table", "build"])
        .arg(&articles)
        .arg("--merge")
        .arg(&hand)
        .arg("-o")
        .arg(&out_file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("Margaret Ellison: title \"Home Secretary\""),
        "{stderr}"
    );
    assert!(stderr.contains("[hand edit wins]"), "{stderr}");
    let text = std::fs::read_to_string(&out_file).unwrap();
    assert!(text.starts_with("{\n  \"version\": 1,\n  \"sources\": ["));
    let check = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["table", "test"])
        .arg(&out_file)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    // A table that does not load is an error, and nothing is written.
    std::fs::write(&hand, "{ \"people\": [ { \"id\": 1 } ] }").unwrap();
    let bad = dir.path().join("bad-out.json");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["table", "build"])
        .arg(&articles)
        .arg("--merge")
        .arg(&hand)
        .arg("-o")
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("people[0]"));
    assert!(!bad.exists());
}

#[test]
fn a_built_year_or_date_the_hand_made_table_denies_is_disputed() {
    let b = built();
    let act = b
        .table
        .laws
        .iter()
        .find(|l| l.name == "Border Security Act")
        .unwrap();
    let talks = b
        .table
        .events
        .iter()
        .find(|e| e.place.as_deref() == Some("seoul"))
        .unwrap();
    assert_eq!(
        (act.year, talks.date.to_string().as_str()),
        (2019, "2024-05-13")
    );
    // The desk says 2018 and the 12th.
    let hand = format!(
        r#"{{ "version": 1,
  "laws": [{{ "id": "{}", "name": "Border Security Act", "kind": "law", "year": 2018 }}],
  "events": [{{ "id": "{}", "name": "talks in Seoul", "date": "2024-05-12" }}] }}"#,
        act.id, talks.id
    );
    let m = merge(&hand, "hand.json", &b).unwrap();
    let law = &m.table.laws[0];
    assert_eq!(law.year, 2018);
    let values: Vec<&str> = law.disputed.iter().map(|d| d.value.as_str()).collect();
    assert_eq!(
        values,
        ["2019"],
        "the build's majority, not the desk's own year"
    );
    assert_eq!(law.disputed[0].sources, act.sources);
    let event = &m.table.events[0];
    assert_eq!(event.date.to_string(), "2024-05-12");
    let values: Vec<&str> = event.disputed.iter().map(|d| d.value.as_str()).collect();
    assert_eq!(values, ["2024-05-13"]);
    for field in ["year", "date"] {
        assert!(
            m.conflicts
                .iter()
                .any(|c| c.rule == "hand edit wins" && c.field == field),
            "{field}: {:?}",
            m.conflicts
        );
    }
}
