//! Builds of an archive written in Vietnamese (`tests/fixtures/archive-vi/`: agency copy with
//! `ngày d/m/yyyy` datelines, `(TTXVN)` credits and rank-and-post chains) and of the same
//! archive mixed with English copy about some of the same people
//! (`tests/fixtures/archive-en/`). The articles are written for these tests. They hold the hard
//! cases: names that differ only by a tone mark (Đặng Thị Hà and Đặng Thị Hạ, Phạm Thị Lệ and
//! Phạm Thị Lê) are two people; an English article's "Dang Thi Ha" fits both and joins
//! neither; two people share the given name Tuấn; a title in a quote before someone else's
//! name, a foreign envoy's name after a place, and a former minister give no title.

mod support;

use copydesk::build::{Built, Options, Texts, build};
use copydesk::table::{
    DEFAULT_TABLE, Language, NameOrder, Person, ReferencePart, Table, parse_table,
};

/// The articles of a folder of `tests/fixtures`, named by the folder and the file.
fn read_dir(dir: &str) -> Vec<(String, String)> {
    support::texts_in(&support::root().join("tests/fixtures").join(dir), &["md"])
        .into_iter()
        .map(|(name, text)| (format!("{dir}/{name}"), text))
        .collect()
}

/// A build of some articles (name, text) with the default table's title vocabulary.
fn build_all(texts: Vec<(String, String)>) -> Built {
    let vocab = parse_table("default", DEFAULT_TABLE).unwrap().titles;
    build(&Texts(texts), &vocab, &Options::default(), &|| {}).unwrap()
}

fn build_of(dirs: &[&str]) -> Built {
    build_all(dirs.iter().flat_map(|d| read_dir(d)).collect())
}

fn person<'a>(t: &'a Table, name: &str) -> &'a Person {
    t.people
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no {name} in {:?}", names(t)))
}

fn names(t: &Table) -> Vec<&str> {
    let mut v: Vec<&str> = t.people.iter().map(|p| p.name.as_str()).collect();
    v.sort();
    v
}

/// (English title, Vietnamese form) of each title a person holds.
fn titles(p: &Person) -> Vec<(&str, Option<&str>)> {
    p.titles
        .iter()
        .map(|h| {
            (
                h.title.as_str(),
                h.forms.get(Language::Vi).map(|f| f.title.as_str()),
            )
        })
        .collect()
}

const VIETNAMESE_PEOPLE: [&str; 10] = [
    "Đinh Trọng Cường",
    "Đặng Thị Hà",
    "Đặng Thị Hạ",
    "Hoàng Anh Tuấn",
    "Lò Văn Kiên",
    "Lưu Đình Khải",
    "Nguyễn Minh Tuấn",
    "Phạm Thị Lê",
    "Phạm Thị Lệ",
    "Trần Quốc Vinh",
];

fn sorted<'a>(v: &[&'a str]) -> Vec<&'a str> {
    let mut v = v.to_vec();
    v.sort();
    v
}

#[test]
fn a_vietnamese_archive_gives_its_people_and_their_titles() {
    let b = build_of(&["archive-vi"]);
    let t = &b.table;
    // Exactly these people: no quoted farmer, no envoy named after a place.
    assert_eq!(names(t), sorted(&VIETNAMESE_PEOPLE));
    for (name, held) in [
        (
            "Trần Quốc Vinh",
            vec![("Vice Minister", "Thứ trưởng Bộ Tài chính")],
        ),
        (
            "Lò Văn Kiên",
            vec![
                ("Vice Minister", "Thứ trưởng Bộ Công an"),
                ("Lieutenant General", "Trung tướng"),
            ],
        ),
        (
            "Lưu Đình Khải",
            vec![("Deputy Prime Minister", "Phó Thủ tướng")],
        ),
        (
            "Đặng Thị Hạ",
            vec![("Ambassador", "Đại sứ Việt Nam tại Chile")],
        ),
        (
            "Đặng Thị Hà",
            vec![("Chairman", "Chủ tịch Hội Nông dân tỉnh Bến Tre")],
        ),
        ("Phạm Thị Lệ", vec![("Senior Colonel", "Đại tá")]),
        ("Phạm Thị Lê", vec![("Major", "Thiếu tá")]),
    ] {
        let want: Vec<(&str, Option<&str>)> = held.into_iter().map(|(e, v)| (e, Some(v))).collect();
        assert_eq!(titles(person(t, name)), want, "{name}");
    }
    // Two people named Tuấn in one article: "Ông Tuấn" could be either, and is cited for
    // neither.
    for name in ["Nguyễn Minh Tuấn", "Hoàng Anh Tuấn"] {
        let cited: Vec<(&str, Option<u32>)> = person(t, name)
            .sources
            .iter()
            .map(|r| (r.source.as_str(), r.line))
            .collect();
        assert_eq!(cited, [("archive-vi-04-y-te", Some(5))], "{name}");
    }
    // "Nguyên Bộ trưởng": a former minister holds no title now.
    assert!(person(t, "Đinh Trọng Cường").titles.is_empty());
    // Vietnamese names: family name first, the given name for later references.
    for name in VIETNAMESE_PEOPLE {
        let p = person(t, name);
        assert_eq!(p.order, NameOrder::FamilyFirst, "{name}");
        assert_eq!(p.reference, Some(ReferencePart::Given), "{name}");
    }
    // Names that differ by a tone mark are two people, neither a spelling of the other.
    for p in &t.people {
        assert!(p.disputed.is_empty(), "{}: {:?}", p.name, p.disputed);
    }
    assert!(b.conflicts.is_empty(), "{:?}", b.conflicts);
}

#[test]
fn datelines_and_credits_of_vietnamese_copy() {
    let t = build_of(&["archive-vi"]).table;
    let src = |file: &str| {
        t.sources
            .iter()
            .find(|s| s.file == file)
            .unwrap_or_else(|| panic!("no source {file}"))
    };
    let s = src("archive-vi/01-no-cong.md");
    assert_eq!(s.date.map(|d| d.to_string()).as_deref(), Some("2025-05-12"));
    assert_eq!(s.publisher.as_deref(), Some("TTXVN"));
    let s = src("archive-vi/06-trai-phieu.md");
    assert_eq!(s.date.map(|d| d.to_string()).as_deref(), Some("2025-06-02"));
    // A dateline that goes on into the story: "HÀ NỘI, ngày 26/5/2025 (TTXVN) - Sáng nay, …".
    let s = src("archive-vi/05-cong-an.md");
    assert_eq!(s.date.map(|d| d.to_string()).as_deref(), Some("2025-05-26"));
    assert_eq!(s.publisher.as_deref(), Some("TTXVN"));
    // Each title cites the lines that give it, in Vietnamese too.
    let vinh = person(&t, "Trần Quốc Vinh");
    let vi = vinh.titles[0].forms.get(Language::Vi).unwrap();
    let cited: Vec<(&str, Option<u32>)> = vi
        .sources
        .iter()
        .map(|r| (r.source.as_str(), r.line))
        .collect();
    assert_eq!(
        cited,
        [
            ("archive-vi-01-no-cong", Some(5)),
            ("archive-vi-06-trai-phieu", Some(7))
        ]
    );
}

#[test]
fn a_mixed_archive_links_the_two_languages_by_the_name() {
    let b = build_of(&["archive-en", "archive-vi"]);
    let t = &b.table;
    // The same people: the English copy's names join the Vietnamese ones.
    assert_eq!(names(t), sorted(&VIETNAMESE_PEOPLE));
    // One entry, the English title and its Vietnamese form.
    let vinh = person(t, "Trần Quốc Vinh");
    assert_eq!(
        titles(vinh),
        [("Deputy Finance Minister", Some("Thứ trưởng Bộ Tài chính"))]
    );
    // Written without its marks in one English article: a variant of the marked name.
    let spellings: Vec<&str> = vinh.disputed.iter().map(|d| d.value.as_str()).collect();
    assert_eq!(spellings, ["Tran Quoc Vinh"]);
    let mut kien = titles(person(t, "Lò Văn Kiên"));
    kien.sort();
    assert_eq!(
        kien,
        [
            (
                "Deputy Public Security Minister",
                Some("Thứ trưởng Bộ Công an")
            ),
            ("Lieutenant General", Some("Trung tướng"))
        ]
    );
    assert_eq!(
        titles(person(t, "Lưu Đình Khải")),
        [("Deputy Prime Minister", Some("Phó Thủ tướng"))]
    );
    // The table loads, with the default table under it.
    let json = serde_json::to_string(t).unwrap();
    copydesk::table::load_tables(&[
        ("default".into(), DEFAULT_TABLE.into()),
        ("built".into(), json),
    ])
    .unwrap();
    // The titles cite both languages' articles.
    let cited: Vec<&str> = vinh.titles[0]
        .sources
        .iter()
        .map(|r| r.source.as_str())
        .collect();
    assert_eq!(
        cited,
        [
            "archive-en-01-bonds",
            "archive-en-04-police",
            "archive-vi-01-no-cong",
            "archive-vi-06-trai-phieu"
        ]
    );
}

#[test]
fn a_name_without_marks_that_fits_two_people_joins_neither() {
    let b = build_of(&["archive-en", "archive-vi"]);
    let t = &b.table;
    // "Dang Thi Ha" (an ambassador in one English article, a farmers' leader in another)
    // could be Đặng Thị Hà or Đặng Thị Hạ: neither takes its title or its lines.
    assert_eq!(
        titles(person(t, "Đặng Thị Hạ")),
        [("Ambassador", Some("Đại sứ Việt Nam tại Chile"))]
    );
    assert_eq!(
        titles(person(t, "Đặng Thị Hà")),
        [("Chairman", Some("Chủ tịch Hội Nông dân tỉnh Bến Tre"))]
    );
    for name in ["Đặng Thị Hạ", "Đặng Thị Hà"] {
        let p = person(t, name);
        assert!(p.disputed.is_empty(), "{name}: {:?}", p.disputed);
        assert!(
            p.sources.iter().all(|r| r.source.starts_with("archive-vi")),
            "{name}: {:?}",
            p.sources
        );
    }
    // It is reported for review, with the two people it fits.
    let c = b
        .conflicts
        .iter()
        .find(|c| c.subject == "Dang Thi Ha")
        .expect("a conflict for the unmarked name");
    assert_eq!(c.field, "person");
    let fits: Vec<&str> = c.others.iter().map(|s| s.value.as_str()).collect();
    assert_eq!(sorted(&fits), ["Đặng Thị Hà", "Đặng Thị Hạ"]);
    let lines: Vec<&str> = c.chosen.sources.iter().map(|r| r.source.as_str()).collect();
    assert_eq!(lines, ["archive-en-02-envoys", "archive-en-03-coconuts"]);
    // Besides it, only the English copy's names without marks, kept as disputed spellings.
    let mut all: Vec<(&str, &str, &str)> = b
        .conflicts
        .iter()
        .map(|c| {
            (
                c.subject.as_str(),
                c.field.as_str(),
                c.others[0].value.as_str(),
            )
        })
        .collect();
    all.sort();
    assert_eq!(
        all,
        [
            ("Dang Thi Ha", "person", "Đặng Thị Hà"),
            ("Lò Văn Kiên", "spelling", "Kien"),
            ("Lò Văn Kiên", "spelling", "Lo Van Kien"),
            ("Trần Quốc Vinh", "spelling", "Tran Quoc Vinh"),
        ]
    );
}

fn build_texts(texts: &[(&str, &str)]) -> Built {
    build_all(
        texts
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect(),
    )
}

#[test]
fn tone_marks_in_english_copy() {
    // English copy that writes both names with their marks: two people.
    let b = build_texts(&[
        (
            "a.txt",
            "Health Minister Lê Thị Hà opened the clinic. Hà said it was needed.\n",
        ),
        (
            "b.txt",
            "Ambassador Lê Thị Hạ arrived in Lima. Hạ met traders.\n",
        ),
        ("c.txt", "Health Minister Lê Thị Hà spoke again.\n"),
    ]);
    assert_eq!(names(&b.table), ["Lê Thị Hà", "Lê Thị Hạ"]);
    assert!(b.table.people.iter().all(|p| p.disputed.is_empty()));
    // "Hạ" in an article that introduces Lê Thị Hà only is no reference to her.
    let b = build_texts(&[(
        "a.txt",
        "Health Minister Lê Thị Hà opened the clinic. Hạ, a nurse, said little. Hà smiled.\n",
    )]);
    let ha = person(&b.table, "Lê Thị Hà");
    assert!(ha.disputed.is_empty(), "{:?}", ha.disputed);
    // An archive that only writes the name without marks keeps it so.
    let b = build_texts(&[
        ("a.txt", "Health Minister Le Thi Ha opened the clinic.\n"),
        ("b.txt", "Health Minister Le Thi Ha closed it.\n"),
    ]);
    assert_eq!(names(&b.table), ["Le Thi Ha"]);
    // Written partly without marks ("Lê Thi Ha"): a variant of the one marked name.
    let b = build_texts(&[
        ("a.txt", "Health Minister Lê Thị Hà opened the clinic.\n"),
        ("b.txt", "Health Minister Lê Thi Ha closed it.\n"),
    ]);
    assert_eq!(names(&b.table), ["Lê Thị Hà"]);
    let p = person(&b.table, "Lê Thị Hà");
    assert_eq!(p.disputed[0].value, "Lê Thi Ha");
    assert_eq!(p.titles[0].sources.len(), 2);
    // A name introduced without marks, written elsewhere with two different sets of marks
    // (by articles that give no title): the forms do not say which, so it stays unmarked.
    let b = build_texts(&[
        ("a.txt", "Health Minister Le Thi Ha opened the clinic.\n"),
        ("b.txt", "A nurse, Lê Thị Hạ, said it was late.\n"),
        ("c.txt", "The clinic was named after Lê Thị Hà last year.\n"),
    ]);
    assert_eq!(names(&b.table), ["Le Thi Ha"]);
}
