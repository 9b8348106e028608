//! Snapshot tests over whole articles: every `tests/fixtures/articles/*.{md,txt}` is checked
//! with the default table and compared with its `.findings` file, which lists each finding as
//! `line:column code "flagged text" -> fix` followed by its message. Run with
//! `UPDATE_EXPECT=1` to rewrite the snapshots after a deliberate change, then review the diff.

mod support;

use std::fmt::Write;

use copydesk::check_text;
use copydesk::config::Config;
use copydesk::table::{DEFAULT_TABLE, Index, parse_table};
use copydesk::text::{Document, Encoding, Kind};
use support::{files_in, root};

fn render(text: &str, kind: Kind, index: &Index) -> String {
    let doc = Document::new(text, kind);
    let mut out = String::new();
    for f in check_text(text, kind, index, &Config::default()) {
        let p = doc.position(f.range.0, Encoding::Chars);
        let fix = f
            .fixes
            .first()
            .map(|x| format!(" -> {:?}", x.replacement))
            .unwrap_or_default();
        writeln!(
            out,
            "{}:{} {} {:?}{fix}\n    {}",
            p.line + 1,
            p.col + 1,
            f.code,
            &text[f.range.0..f.range.1],
            f.message
        )
        .unwrap();
    }
    if out.is_empty() {
        out.push_str("(no findings)\n");
    }
    out
}

#[test]
fn article_snapshots() {
    let index = Index::new(parse_table("default", DEFAULT_TABLE).unwrap());
    let paths = files_in(&root().join("tests/fixtures/articles"), &["md", "txt"]);
    assert!(paths.len() >= 2);
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let kind = Kind::of_path(&path.display().to_string());
        let got = render(&text, kind, &index);
        let snap = path.with_extension(format!(
            "{}.findings",
            path.extension().unwrap().to_str().unwrap()
        ));
        if update {
            std::fs::write(&snap, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&snap).unwrap_or_default();
        if want != got {
            failures.push(format!(
                "{}:\n--- expected\n{want}--- got\n{got}",
                snap.display()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "snapshots differ (UPDATE_EXPECT=1 rewrites them):\n{}",
        failures.join("\n")
    );
}

/// A Vietnamese article about the seeds' 4 March 2025 talks, written for the purpose, with
/// two errors (the weekday, and "Chiên" for "Chiến"): exactly those two are found, beside the
/// seeds, which give what they always gave (`tests/cli.rs`).
#[test]
fn the_vietnamese_article_about_the_seeds_talks_has_exactly_its_two_errors() {
    let index = Index::new(parse_table("default", DEFAULT_TABLE).unwrap());
    let path = root().join("tests/fixtures/articles/hoi-dam-vi.md");
    let text = std::fs::read_to_string(path).unwrap();
    let found: Vec<(&str, &str)> = check_text(&text, Kind::Markdown, &index, &Config::default())
        .iter()
        .map(|f| (f.code, &text[f.range.0..f.range.1]))
        .collect();
    assert_eq!(
        found,
        [
            ("weekday-mismatch", "thứ Tư"),
            ("name-diacritics", "Hoàng Xuân Chiên")
        ]
    );
}
