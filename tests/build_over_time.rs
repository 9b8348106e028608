//! A generated archive of a year of articles (2024), in which a Vietnamese minister is
//! promoted, a Korean minister's name is misspelt in a minority of articles, a German
//! minister's title is given wrongly in a quarter of them and his name without its umlaut in a
//! few, while a Yoruba and a Turkish name stay the same all year. The build must turn the
//! promotion into dated spans, keep the true conflict as majority and disputed, and fold each
//! misspelling into its person as a disputed spelling; and the checker must use the spans
//! and never take a disputed value for the truth.

use std::fmt::Write as _;

use copydesk::build::{Built, Options, Texts, build};
use copydesk::table::{DEFAULT_TABLE, Date, Index, NameOrder, Person, ReferencePart, Table};
use copydesk::text::Kind;
use copydesk::{Config, check_text};

/// What the generator wrote.
#[derive(Debug, Default)]
struct Expect {
    /// Publication dates of the articles that call Hương each title.
    deputy: Vec<String>,
    minister: Vec<String>,
    /// The article after the promotion that still says "Deputy".
    stale: Vec<String>,
    /// Becker's articles with each title, and those that drop his umlaut.
    interior: usize,
    justice: usize,
    jurgen: usize,
    /// Park's articles with each spelling.
    min_jun: usize,
    min_joon: usize,
}

/// 48 articles, four a month (the 3rd, 10th, 17th and 24th).
fn archive() -> (Vec<(String, String)>, Expect) {
    let mut e = Expect::default();
    let mut out = Vec::new();
    for i in 0..48 {
        let date = format!("2024-{:02}-{:02}", i / 4 + 1, [3, 10, 17, 24][i % 4]);
        let mut text = if i % 5 == 0 {
            format!("---\ntitle: Regional report {i}\ndate: {date}\n---\n\n")
        } else {
            format!("date {date} World\n\n")
        };
        if i % 2 == 0 {
            huong(i, &date, &mut text, &mut e);
        }
        if i % 3 == 0 {
            becker(i, &mut text, &mut e);
        }
        if i % 4 == 1 {
            park(i, &mut text, &mut e);
        }
        if i % 4 == 3 {
            adeyemi(i, &mut text);
        }
        if i % 6 == 5 {
            sahin(&mut text);
        }
        let ext = if i % 5 == 0 { "md" } else { "txt" };
        out.push((format!("{date}-{i:02}.{ext}"), text));
    }
    (out, e)
}

/// Nguyễn Thị Hương: Deputy Foreign Minister until May, Foreign Minister from June; one July
/// article still gives the old title.
fn huong(i: usize, date: &str, s: &mut String, e: &mut Expect) {
    let promoted = i >= 20;
    let stale = i == 26;
    let sentence = match (promoted && !stale, i % 3) {
        (false, 0) => "Deputy Foreign Minister Nguyễn Thị Hương opened a seminar on river \
                       transport in Hà Nội."
            .to_string(),
        (false, 1) => "Nguyễn Thị Hương, the deputy foreign minister, told delegates in Hà Nội \
                       that the rules on river transport would be simplified."
            .to_string(),
        (false, _) => "Việt Nam's Deputy Foreign Minister Nguyễn Thị Hương received a group of \
                       port operators in Hà Nội."
            .to_string(),
        (true, 0) => "Foreign Minister Nguyễn Thị Hương opened a conference on river \
                      transport in Hà Nội."
            .to_string(),
        (true, 1) => "The foreign minister, Nguyễn Thị Hương, told delegates in Hà Nội that \
                      customs checks would move online."
            .to_string(),
        (true, _) => "Việt Nam's Foreign Minister Nguyễn Thị Hương received a group of port \
                      operators in Hà Nội."
            .to_string(),
    };
    match (promoted, stale) {
        (_, true) => e.stale.push(date.to_string()),
        (false, _) => e.deputy.push(date.to_string()),
        (true, _) => e.minister.push(date.to_string()),
    }
    let _ = writeln!(s, "{sentence}\n");
    let _ = writeln!(
        s,
        "Hương said the ministry wanted faster approval for barges on the northern rivers.\n"
    );
}

/// Jürgen Becker: Interior Minister, called Justice Minister in a quarter of his articles,
/// and written without the umlaut in some.
fn becker(i: usize, s: &mut String, e: &mut Expect) {
    let title = if (i / 3) % 4 == 1 {
        e.justice += 1;
        "Justice Minister"
    } else {
        e.interior += 1;
        "Interior Minister"
    };
    let first = if (i / 3) % 5 == 2 {
        e.jurgen += 1;
        "Jurgen"
    } else {
        "Jürgen"
    };
    let _ = writeln!(
        s,
        "Germany's {title} {first} Becker presented a plan for border checks in Berlin.\n"
    );
    let _ = writeln!(
        s,
        "Becker said the plan would need the approval of the regional governments.\n"
    );
}

/// Park Min-jun, written Park Min-joon in a minority of articles.
fn park(i: usize, s: &mut String, e: &mut Expect) {
    let given = if (i / 4) % 4 == 3 {
        e.min_joon += 1;
        "Min-joon"
    } else {
        e.min_jun += 1;
        "Min-jun"
    };
    let _ = writeln!(
        s,
        "South Korea's Trade Minister Park {given} returned to South Korea after a week of \
         meetings abroad.\n"
    );
    let _ = writeln!(
        s,
        "Park said exporters of batteries had asked for faster customs clearance.\n"
    );
}

/// Ngozi Adeyemi, Nigeria's finance minister all year.
fn adeyemi(i: usize, s: &mut String) {
    if i % 8 == 3 {
        let _ = writeln!(
            s,
            "Ngozi Adeyemi, Nigeria's finance minister, announced a bond sale in Abuja.\n"
        );
    } else {
        let _ = writeln!(
            s,
            "Finance Minister Ngozi Adeyemi announced a bond sale in Abuja.\n"
        );
    }
    let _ = writeln!(s, "Adeyemi said the proceeds would pay for road repairs.\n");
}

/// Elif Şahin, an ambassador all year.
fn sahin(s: &mut String) {
    let _ = writeln!(
        s,
        "Ambassador Elif Şahin spoke at a trade fair in Ankara.\n"
    );
    let _ = writeln!(s, "Şahin said the fair had drawn record crowds.\n");
}

fn built() -> (Built, Expect) {
    let (articles, e) = archive();
    let vocab = copydesk::table::parse_table("default", DEFAULT_TABLE)
        .unwrap()
        .titles;
    let b = build(&Texts(articles), &vocab, &Options::default(), &|| {}).unwrap();
    (b, e)
}

fn person<'a>(t: &'a Table, name: &str) -> &'a Person {
    t.people.iter().find(|p| p.name == name).unwrap_or_else(|| {
        let names: Vec<&str> = t.people.iter().map(|p| p.name.as_str()).collect();
        panic!("no {name} in {names:?}")
    })
}

/// The publication dates of the articles a list of sources cites.
fn dates(t: &Table, refs: &[copydesk::table::SourceRef]) -> Vec<String> {
    let mut d: Vec<String> = refs
        .iter()
        .map(|r| t.source(&r.source).unwrap().date.unwrap().to_string())
        .collect();
    d.dedup();
    d
}

fn date(s: &str) -> Date {
    Date::parse(s).unwrap()
}

#[test]
fn a_promotion_becomes_dated_spans() {
    let (b, e) = built();
    let t = &b.table;
    let h = person(t, "Nguyễn Thị Hương");
    let spans: Vec<(&str, Option<Date>, Option<Date>)> = h
        .titles
        .iter()
        .map(|x| (x.title.as_str(), x.from, x.until))
        .collect();
    let (last_deputy, first_minister) = (e.deputy.last().unwrap(), e.minister.first().unwrap());
    assert_eq!(
        spans,
        [
            ("Deputy Foreign Minister", None, Some(date(last_deputy))),
            ("Foreign Minister", Some(date(first_minister)), None),
        ]
    );
    assert_eq!(
        (last_deputy.as_str(), first_minister.as_str()),
        ("2024-05-17", "2024-06-03")
    );
    // Each span cites the articles of its period, every one of them.
    assert_eq!(dates(t, &h.titles[0].sources), e.deputy);
    assert_eq!(dates(t, &h.titles[1].sources), e.minister);
    // The July article that still says "Deputy" disputes the new title; the old one is not.
    assert!(h.titles[0].disputed.is_empty());
    let d = &h.titles[1].disputed;
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].value, "Deputy Foreign Minister");
    assert_eq!(dates(t, &d[0].sources), e.stale);
    let c = b
        .conflicts
        .iter()
        .find(|c| c.subject == "Nguyễn Thị Hương" && c.field == "title")
        .unwrap();
    assert_eq!(c.chosen.value, "Foreign Minister (from 2024-06-03)");
    // Her name and order are unchanged by it.
    assert_eq!(h.order, NameOrder::FamilyFirst);
    assert_eq!(h.second_reference(), Some("Hương"));
}

#[test]
fn a_conflict_in_one_period_stays_majority_and_disputed() {
    let (b, e) = built();
    let t = &b.table;
    let p = person(t, "Jürgen Becker");
    assert_eq!(p.titles.len(), 1);
    let h = &p.titles[0];
    assert_eq!(
        (h.title.as_str(), h.from, h.until),
        ("Interior Minister", None, None)
    );
    assert_eq!(h.sources.len(), e.interior);
    assert_eq!(h.disputed.len(), 1);
    assert_eq!(h.disputed[0].value, "Justice Minister");
    assert_eq!(h.disputed[0].sources.len(), e.justice);
    assert!(e.interior >= 3 * e.justice - 1 && e.justice >= 3, "{e:?}");
    // The stable names have one title each, with no dates.
    for (name, title) in [
        ("Ngozi Adeyemi", "Finance Minister"),
        ("Elif Şahin", "Ambassador"),
        ("Park Min-jun", "Trade Minister"),
    ] {
        let p = person(t, name);
        let got: Vec<(&str, Option<Date>, Option<Date>)> = p
            .titles
            .iter()
            .map(|x| (x.title.as_str(), x.from, x.until))
            .collect();
        assert_eq!(got, [(title, None, None)], "{name}");
        assert!(p.titles[0].disputed.is_empty(), "{name}");
    }
}

#[test]
fn misspellings_are_disputed_spellings_of_one_person() {
    let (b, e) = built();
    let t = &b.table;
    let names: Vec<&str> = t.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Nguyễn Thị Hương",
            "Jürgen Becker",
            "Park Min-jun",
            "Ngozi Adeyemi",
            "Elif Şahin"
        ]
    );
    // The Korean name: the majority spelling, the minority disputed with its sources.
    let park = person(t, "Park Min-jun");
    assert_eq!(park.order, NameOrder::FamilyFirst);
    assert_eq!(park.reference, Some(ReferencePart::Family));
    assert_eq!(park.disputed.len(), 1);
    assert_eq!(park.disputed[0].value, "Park Min-joon");
    assert_eq!(park.disputed[0].sources.len(), e.min_joon);
    assert_eq!(park.titles[0].sources.len(), e.min_jun + e.min_joon);
    assert_eq!(park.country.as_deref(), Some("South Korea"));
    let c = b
        .conflicts
        .iter()
        .find(|c| c.subject == "Park Min-jun")
        .unwrap();
    assert_eq!(
        (
            c.field.as_str(),
            c.rule.as_str(),
            c.others[0].value.as_str()
        ),
        ("spelling", "majority", "Park Min-joon")
    );
    // The German name without its umlaut: diacritics kept.
    let becker = person(t, "Jürgen Becker");
    assert_eq!(becker.disputed.len(), 1);
    assert_eq!(becker.disputed[0].value, "Jurgen Becker");
    assert_eq!(becker.disputed[0].sources.len(), e.jurgen);
    assert!(
        b.conflicts
            .iter()
            .any(|c| c.subject == "Jürgen Becker" && c.rule == "diacritics kept")
    );
    // Nobody else is disputed.
    for name in ["Nguyễn Thị Hương", "Ngozi Adeyemi", "Elif Şahin"] {
        assert!(person(t, name).disputed.is_empty(), "{name}");
    }
    assert!((e.min_jun, e.min_joon) == (9, 3), "{e:?}");
}

/// Findings of a draft published on `date`, checked against the default table and the build.
fn findings(table: &Table, date: &str, text: &str) -> Vec<(String, String)> {
    let built = serde_json::to_string(table).unwrap();
    let tables = copydesk::table::load_tables(&[
        ("default".into(), DEFAULT_TABLE.into()),
        ("built".into(), built),
    ])
    .unwrap();
    let index = Index::new(tables);
    let config = Config {
        date: Date::parse(date),
        ..Config::default()
    };
    check_text(text, Kind::Plain, &index, &config)
        .into_iter()
        .map(|f| (f.code.to_string(), text[f.range.0..f.range.1].to_string()))
        .collect()
}

#[test]
fn the_checker_uses_the_spans_and_never_the_disputed_values() {
    let (b, _) = built();
    let t = &b.table;
    let minister = "Foreign Minister Nguyễn Thị Hương spoke in Hà Nội.\n";
    let deputy = "Deputy Foreign Minister Nguyễn Thị Hương spoke in Hà Nội.\n";
    let title = |date: &str, text: &str| {
        findings(t, date, text)
            .into_iter()
            .filter(|(code, _)| code == "title-mismatch")
            .count()
    };
    assert_eq!(title("2024-03-12", deputy), 0);
    assert_eq!(title("2024-03-12", minister), 1);
    assert_eq!(title("2024-09-12", minister), 0);
    assert_eq!(title("2024-09-12", deputy), 1);
    // A disputed title, a disputed spelling: still findings.
    let got = findings(
        t,
        "2024-09-12",
        "Justice Minister Jürgen Becker spoke. Later, Jurgen Becker left.\n",
    );
    assert!(
        got.contains(&("title-mismatch".into(), "Justice Minister".into())),
        "{got:?}"
    );
    assert!(
        got.contains(&("name-diacritics".into(), "Jurgen Becker".into())),
        "{got:?}"
    );
}
