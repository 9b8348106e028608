//! A compiled table gives the findings its JSON gives: on the project's tables (the
//! default table, the newsroom corpora's in English and Vietnamese) and on a generated table
//! of people from many naming traditions, over every article the tests keep and over text
//! that names the generated people, right, misspelt and without their diacritics.

use std::path::{Path, PathBuf};

use copydesk::table::compiled::{self, From, Meta};
use copydesk::table::{DEFAULT_TABLE, Entries, load_tables_traced};
use copydesk::text::Kind;
use copydesk::{Config, Index, check_text};

/// The index of tables from their JSON, and the same compiled and opened.
fn both(extra: Option<(&str, String)>) -> (Index, Index) {
    let mut files = vec![("<default table>".to_string(), DEFAULT_TABLE.to_string())];
    if let Some((name, text)) = extra {
        files.push((name.to_string(), text));
    }
    let traced = load_tables_traced(&files).unwrap();
    let meta = Meta {
        from: From {
            default: Some(compiled::default_table_hash()),
            files: Vec::new(),
        },
        entries: traced.entries.clone(),
    };
    let json = Index::new(traced.table);
    let bytes = compiled::write(&json, &meta, &traced.origins);
    let (mapped, _, _) = compiled::open(compiled::shared(bytes)).unwrap();
    assert!(matches!(mapped.table, Entries::Mapped(_)));
    (json, mapped)
}

fn texts_in(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            texts_in(&p, out);
        } else if p.extension().is_some_and(|e| e == "md" || e == "txt") {
            out.push((p.clone(), std::fs::read_to_string(&p).unwrap()));
        }
    }
}

/// Every article and text the tests keep.
fn texts() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut out = Vec::new();
    for d in [
        "generality",
        "fixtures/articles",
        "fixtures/realtext",
        "fixtures/seeds",
    ] {
        texts_in(&root.join(d), &mut out);
    }
    assert!(out.len() > 40, "{}", out.len());
    out
}

fn same_findings(json: &Index, mapped: &Index, texts: &[(PathBuf, String)]) -> usize {
    let mut n = 0;
    for (path, text) in texts {
        let kind = Kind::of_path(&path.display().to_string());
        let a = check_text(text, kind, json, &Config::default());
        let b = check_text(text, kind, mapped, &Config::default());
        assert_eq!(a, b, "{}", path.display());
        n += a.len();
    }
    n
}

#[test]
fn the_project_tables_give_the_same_findings_compiled() {
    let texts = texts();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/generality");
    let mut total = 0;
    for extra in [None, Some("table.json"), Some("vi/table.json")] {
        let extra = extra.map(|f| (f, std::fs::read_to_string(root.join(f)).unwrap()));
        let (json, mapped) = both(extra);
        total += same_findings(&json, &mapped, &texts);
    }
    // Findings were compared, not only their absence.
    assert!(total > 100, "{total}");
}

/// Names of several traditions, with diacritics, hyphens, particles and apostrophes.
const GIVEN: &[&str] = &[
    "Ngọc Anh",
    "Min-jun",
    "Jürgen",
    "Søren",
    "José",
    "Aoife",
    "Oluwaseun",
    "Zoë",
    "Łukasz",
    "Thảo",
    "Jean-Pierre",
    "Siobhán",
    "Çağla",
    "Dmitri",
    "Fatima",
    "Kwame",
];
const FAMILY: &[&str] = &[
    "Nguyễn",
    "Park",
    "Müller",
    "Østergaard",
    "García",
    "O'Brien",
    "Adeyemi",
    "van der Berg",
    "Wiśniewski",
    "Trần",
    "Lefèvre",
    "Ní Bhriain",
    "Yılmaz",
    "Ivanov",
    "al-Hashimi",
    "Mensah",
];

fn generated_table() -> (String, Vec<String>) {
    let mut people = Vec::new();
    let mut names = Vec::new();
    for (i, family) in FAMILY.iter().enumerate() {
        for (j, given) in GIVEN.iter().enumerate() {
            let family_first = matches!(i, 0 | 1 | 9);
            let name = if family_first {
                format!("{family} {given}")
            } else {
                format!("{given} {family}")
            };
            let mut p = serde_json::json!({
                "id": format!("p{i}-{j}"),
                "name": name,
                "parts": {"family": family, "given": given},
                "order": if family_first { "family-first" } else { "given-first" },
            });
            if (i + j) % 3 == 0 {
                p["titles"] = serde_json::json!([{"title": "Deputy Minister"}]);
            }
            if (i + j) % 5 == 0 {
                p["aliases"] = serde_json::json!([format!("Dr {family} {j}")]);
            }
            people.push(p);
            names.push(name);
        }
    }
    let table = serde_json::json!({ "people": people });
    (table.to_string(), names)
}

/// A text naming each person: right, without diacritics, with a letter changed, by the
/// second reference, with a title.
fn generated_text(names: &[String]) -> String {
    let mut out = String::from("date: 2025-03-05\n\n");
    for (k, n) in names.iter().enumerate() {
        let plain: String = n
            .chars()
            .map(|c| match c {
                'ễ' | 'ệ' => 'e',
                'ọ' => 'o',
                'ü' => 'u',
                'ø' | 'Ø' => 'o',
                'é' | 'è' => 'e',
                'ả' => 'a',
                'ş' | 'ś' => 's',
                'ı' => 'i',
                'Ł' => 'L',
                'á' => 'a',
                'ç' | 'Ç' => 'c',
                'ğ' => 'g',
                'ë' => 'e',
                'ầ' => 'a',
                other => other,
            })
            .collect();
        let mut typo: Vec<char> = n.chars().collect();
        if typo.len() > 4 {
            typo.swap(2, 3);
        }
        let typo: String = typo.into_iter().collect();
        match k % 4 {
            0 => out.push_str(&format!("{n} spoke on Tuesday. Later, {plain} left.\n\n")),
            1 => out.push_str(&format!(
                "Deputy Minister {typo} met reporters in the capital.\n\n"
            )),
            2 => out.push_str(&format!("{plain} said the talks went well.\n\n")),
            _ => out.push_str(&format!("Minister {n} and {typo} disagreed.\n\n")),
        }
    }
    out
}

#[test]
fn a_generated_table_gives_the_same_findings_compiled() {
    let (table, names) = generated_table();
    let (json, mapped) = both(Some(("generated.json", table)));
    let mut texts = texts();
    texts.push((PathBuf::from("generated.md"), generated_text(&names)));
    let n = same_findings(&json, &mapped, &texts);
    let generated = check_text(
        &texts.last().unwrap().1,
        Kind::Markdown,
        &json,
        &Config::default(),
    );
    assert!(generated.len() > 50, "{}", generated.len());
    assert!(n > generated.len());
}
