//! Builds of synthetic archives about people who are not in the seeds: name orders from later
//! references, titles split from organisations, conflicts kept as disputed, spelling variants
//! counted, events and laws; and the output loads and passes `copydesk table test`.

mod build_synth;
mod support;

use copydesk::build::{Built, Options, Texts, build, json};
use copydesk::table::{DEFAULT_TABLE, NameOrder, Person, ReferencePart, Table, parse_table};
use support::strings;

fn vocab() -> Vec<copydesk::table::TitleWord> {
    parse_table("default", DEFAULT_TABLE).unwrap().titles
}

fn build_synth(n: usize) -> (Built, build_synth::Expect) {
    let s = build_synth::generate(n, 7);
    let b = build(&Texts(s.articles), &vocab(), &Options::default(), &|| {}).unwrap();
    (b, s.expect)
}

fn person<'a>(t: &'a Table, id: &str) -> &'a Person {
    t.people
        .iter()
        .find(|p| p.id == id)
        .unwrap_or_else(|| panic!("no {id}"))
}

#[test]
fn name_order_from_later_references() {
    let (b, _) = build_synth(60);
    let t = &b.table;
    // A Korean name, family name first, referred to by the family name.
    let park = person(t, "park-ji-hoon");
    assert_eq!(park.name, "Park Ji-hoon");
    assert_eq!(park.order, NameOrder::FamilyFirst);
    assert_eq!(park.reference, Some(ReferencePart::Family));
    assert_eq!(park.second_reference(), Some("Park"));
    assert_eq!(park.wrong_reference(), Some("Ji-hoon"));
    // A Hungarian name in Hungarian order.
    let kovacs = person(t, "kovacs-eszter");
    assert_eq!(kovacs.name, "Kovács Eszter");
    assert_eq!(kovacs.order, NameOrder::FamilyFirst);
    assert_eq!(kovacs.second_reference(), Some("Kovács"));
    // A Vietnamese name: the given name is used.
    let lan = person(t, "nguyen-thi-lan");
    assert_eq!(lan.order, NameOrder::FamilyFirst);
    assert_eq!(lan.reference, Some(ReferencePart::Given));
    assert_eq!(lan.second_reference(), Some("Lan"));
    assert_eq!(lan.wrong_reference(), Some("Nguyễn"));
    assert_eq!(lan.parts.as_ref().unwrap().middle.as_deref(), Some("Thị"));
    // Western names: the surname is used.
    for id in ["margaret-ellison", "daniel-okafor", "hannah-weiss"] {
        let p = person(t, id);
        assert_eq!(p.order, NameOrder::GivenFirst, "{id}");
        assert_eq!(p.second_reference(), p.name.split(' ').nth(1), "{id}");
    }
    assert_eq!(person(t, "margaret-ellison").aliases, ["Ms Ellison"]);
    assert_eq!(person(t, "daniel-okafor").aliases, ["Mr Okafor"]);
    assert_eq!(t.people.len(), 6);
}

#[test]
fn titles_split_from_organisations() {
    let (b, _) = build_synth(60);
    let t = &b.table;
    let org = |id: &str| t.organisations.iter().find(|o| o.id == id).unwrap();
    let park = &person(t, "park-ji-hoon").titles;
    assert_eq!(park.len(), 1);
    assert_eq!(park[0].title, "Vice Foreign Minister");
    assert!(
        park[0]
            .aliases
            .contains(&"Vice Minister of Foreign Affairs".to_string())
    );
    assert_eq!(
        person(t, "park-ji-hoon").country.as_deref(),
        Some("South Korea")
    );
    let kovacs = &person(t, "kovacs-eszter").titles;
    assert_eq!(kovacs[0].title, "State Secretary");
    assert_eq!(
        kovacs[0].organisation.as_deref(),
        Some("ministry-of-interior")
    );
    assert_eq!(org("ministry-of-interior").name, "Ministry of Interior");
    let okafor = &person(t, "daniel-okafor").titles;
    assert_eq!(okafor[0].title, "Director General");
    assert_eq!(
        okafor[0].organisation.as_deref(),
        Some("national-crime-agency")
    );
    assert_eq!(org("national-crime-agency").name, "National Crime Agency");
    // An office and a rank held together.
    let weiss: Vec<&str> = person(t, "hannah-weiss")
        .titles
        .iter()
        .map(|h| h.title.as_str())
        .collect();
    assert_eq!(weiss, ["Chief of the Defence Staff", "Major General"]);
    assert!(
        person(t, "hannah-weiss")
            .titles
            .iter()
            .all(|h| h.disputed.is_empty())
    );
    assert_eq!(person(t, "nguyen-thi-lan").titles[0].title, "Ambassador");
}

#[test]
fn conflicts_keep_the_majority_and_the_minority_as_disputed() {
    let (b, e) = build_synth(60);
    let t = &b.table;
    // A title.
    let h = &person(t, "margaret-ellison").titles;
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].title, "Foreign Secretary");
    assert_eq!(h[0].sources.len() as u32, e.ellison_foreign);
    assert_eq!(h[0].disputed.len(), 1);
    assert_eq!(h[0].disputed[0].value, "Home Secretary");
    assert_eq!(h[0].disputed[0].sources.len() as u32, e.ellison_home);
    let c = b
        .conflicts
        .iter()
        .find(|c| c.subject == "Margaret Ellison")
        .unwrap();
    assert_eq!((c.field.as_str(), c.rule.as_str()), ("title", "majority"));
    // A law's year.
    let act = build_synth::law(t, "Border Security Act");
    assert_eq!(act.year, 2019);
    assert_eq!(act.parties, ["uk"]);
    let c = b
        .conflicts
        .iter()
        .find(|c| c.subject == "Border Security Act")
        .unwrap();
    assert_eq!(c.field, "year");
    assert_eq!(c.chosen.sources.len() as u32, e.act_2019);
    assert_eq!(c.others[0].value, "2018");
    assert_eq!(c.others[0].sources.len() as u32, e.act_2018);
    // An event's day.
    let c = b.conflicts.iter().find(|c| c.field == "date").unwrap();
    assert_eq!(c.chosen.value, "2024-05-13");
    assert_eq!(c.others[0].value, "2024-05-12");
    // Every conflict shows in the summary.
    let summary = copydesk::build::Summary {
        table: t,
        conflicts: &b.conflicts,
    }
    .to_string();
    assert!(summary.starts_with(&format!("{} conflicts to review", b.conflicts.len())));
    assert_eq!(b.conflicts.len(), 3, "{summary}");
}

#[test]
fn spelling_variants_are_grouped_and_counted() {
    let (b, e) = build_synth(60);
    let p = b.table.places.iter().find(|p| p.id == "da-nang").unwrap();
    assert_eq!(p.name, "Đà Nẵng");
    assert_eq!(p.variants, ["Da Nang"]);
    let count = |f: &str| p.counts.iter().find(|c| c.form == f).unwrap().count;
    assert_eq!(count("Đà Nẵng"), e.da_nang_marked);
    assert_eq!(count("Da Nang"), e.da_nang_plain);
}

#[test]
fn events_and_agreements() {
    let (b, _) = build_synth(60);
    let t = &b.table;
    let ev: Vec<(String, Option<&str>, Vec<&str>)> = t
        .events
        .iter()
        .map(|e| {
            (
                e.date.to_string(),
                e.place.as_deref(),
                e.participants.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        ev,
        vec![
            (
                "2024-05-13".to_string(),
                Some("seoul"),
                vec!["park-ji-hoon", "kovacs-eszter"]
            ),
            (
                "2024-06-07".to_string(),
                Some("london"),
                vec!["margaret-ellison", "daniel-okafor", "hannah-weiss"]
            ),
            (
                "2024-09-02".to_string(),
                Some("da-nang"),
                vec!["nguyen-thi-lan", "park-ji-hoon"]
            ),
        ]
    );
    let a = t
        .laws
        .iter()
        .find(|l| {
            l.aliases
                .contains(&"comprehensive partnership agreement".to_string())
        })
        .unwrap();
    assert_eq!(
        a.name,
        "South Korea–Hungary comprehensive partnership agreement"
    );
    assert_eq!(
        (a.year, a.parties.as_slice()),
        (
            2019,
            &["south-korea".to_string(), "hungary".to_string()][..]
        )
    );
}

#[test]
fn nothing_of_the_seeds_leaks_into_other_archives() {
    let (b, _) = build_synth(30);
    let text = json::to_string(&serde_json::to_value(&b.table).unwrap());
    for seed_fact in ["Chiến", "Ridley", "Hà Nội", "Home Office", "Slavery"] {
        assert!(!text.contains(seed_fact), "{seed_fact}");
    }
}

#[test]
fn the_output_loads_and_passes_table_test() {
    let (b, _) = build_synth(60);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("synthetic.json");
    std::fs::write(
        &file,
        json::to_string(&serde_json::to_value(&b.table).unwrap()),
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["table", "test"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["table", "check"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // And the check knows the archive's people now.
    let article = dir.path().join("draft.md");
    std::fs::write(
        &article,
        "State Secretary Kovács Eszter arrived in Seoul. Later, Eszter spoke.\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args([
            "check",
            "--format",
            "json",
            "--min-severity",
            "hint",
            "--table",
        ])
        .arg(&file)
        .arg(&article)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes = strings(v.as_array().unwrap(), "code");
    assert_eq!(codes, ["second-reference"], "{v}");
}

#[test]
fn nfd_and_crlf_give_the_same_table() {
    use unicode_normalization::UnicodeNormalization;
    let s = build_synth::generate(30, 5);
    let plain = Texts(s.articles.clone());
    let odd = Texts(
        s.articles
            .iter()
            .map(|(n, t)| (n.clone(), t.nfd().collect::<String>().replace('\n', "\r\n")))
            .collect(),
    );
    let a = build(&plain, &vocab(), &Options::default(), &|| {}).unwrap();
    let b = build(&odd, &vocab(), &Options::default(), &|| {}).unwrap();
    assert_eq!(a.table, b.table);
    assert!(a.table.people.iter().any(|p| p.name == "Nguyễn Thị Lan"));
}

#[test]
fn event_and_law_conflicts_land_in_the_table_as_disputed() {
    let (b, e) = build_synth(60);
    let t = &b.table;
    let act = build_synth::law(t, "Border Security Act");
    assert_eq!(act.disputed.len(), 1);
    assert_eq!(act.disputed[0].value, "2018");
    assert_eq!(act.disputed[0].sources.len() as u32, e.act_2018);
    let seoul = build_synth::event_at(t, "seoul");
    assert_eq!(seoul.date.to_string(), "2024-05-13");
    assert_eq!(seoul.disputed.len(), 1);
    assert_eq!(seoul.disputed[0].value, "2024-05-12");
    // Every report of the wrong day is cited there, none under the kept date.
    let mut wrong: Vec<&str> = seoul.disputed[0]
        .sources
        .iter()
        .map(|r| r.source.as_str())
        .collect();
    wrong.dedup();
    assert_eq!(wrong.len() as u32, e.seoul_wrong);
    assert!(
        seoul
            .sources
            .iter()
            .all(|r| !wrong.contains(&r.source.as_str()))
    );
    // The other events and laws are not disputed.
    assert!(
        t.events
            .iter()
            .filter(|ev| ev.id != seoul.id)
            .all(|ev| ev.disputed.is_empty())
    );
    assert!(
        t.laws
            .iter()
            .filter(|l| l.id != act.id)
            .all(|l| l.disputed.is_empty())
    );
}

#[test]
fn the_checker_never_takes_a_disputed_date_or_year_for_the_truth() {
    let (b, _) = build_synth(60);
    let built = serde_json::to_string(&b.table).unwrap();
    let tables = copydesk::table::load_tables(&[
        ("default".into(), DEFAULT_TABLE.into()),
        ("built".into(), built),
    ])
    .unwrap();
    let index = copydesk::Index::new(tables);
    let config = copydesk::Config {
        date: copydesk::table::Date::parse("2024-05-14"),
        ..copydesk::Config::default()
    };
    let text = "Vice Foreign Minister Park Ji-hoon hosted Kovács Eszter for talks in Seoul. The \
                talks in Seoul on May 12 ended late.\n\nThe UK passed the Border Security Act of \
                2018 after a debate.\n";
    let got: Vec<(&str, &str)> =
        copydesk::check_text(text, copydesk::text::Kind::Plain, &index, &config)
            .into_iter()
            .filter(|f| f.code == "event-date-mismatch")
            .map(|f| (f.code, &text[f.range.0..f.range.1]))
            .collect();
    assert_eq!(
        got,
        [
            ("event-date-mismatch", "May 12"),
            ("event-date-mismatch", "2018")
        ]
    );
}
