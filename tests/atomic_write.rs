//! Nothing lost: copydesk killed at any moment while it writes an article (`check --fix`) or
//! a table (`table build -o`) leaves the old file or the new one, never a torn one.

mod support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use support::{temp_files, wait_for_temp_file};

fn bin() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("copydesk")
}

/// A long article with a fix in every paragraph.
fn draft() -> String {
    let mut s = String::new();
    for i in 0..600 {
        s.push_str(&format!(
            "Paragraph {i}: Hoang Xuan Chien met the delegation and spoke about the agenda of \
             the day, the weather and the trains.\n\n"
        ));
    }
    s
}

/// Run copydesk in `dir` (held between the synced temporary file and the rename for
/// `pause_ms`).
fn spawn(dir: &Path, args: &[&str], pause_ms: Option<u64>) -> std::process::Child {
    let mut c = Command::new(bin());
    c.current_dir(dir)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if let Some(ms) = pause_ms {
        c.env("COPYDESK_TEST_PAUSE_BEFORE_RENAME_MS", ms.to_string());
    }
    c.spawn().unwrap()
}

/// `args` rewrite `name` in `dir` from `old` to a new text: killed while it holds the new
/// text in its temporary file, and at moments spread over a whole run, it leaves `old` or
/// the new text each time. Returns the new text.
fn killed_anywhere_leaves_old_or_new(dir: &Path, name: &str, old: &str, args: &[&str]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, old).unwrap();

    // Killed with the new text written and synced in the temporary file, before the rename.
    let mut child = spawn(dir, args, Some(60_000));
    wait_for_temp_file(dir);
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert_eq!(std::fs::read_to_string(&p).unwrap(), old);
    // The leftover is hidden: a folder check does not read it.
    let left = temp_files(dir);
    assert_eq!(left.len(), 1);
    assert!(left[0].starts_with(&format!(".{name}.")), "{left:?}");
    for f in left {
        std::fs::remove_file(dir.join(f)).unwrap();
    }

    // A whole run, timed, gives the new file.
    let start = Instant::now();
    assert!(spawn(dir, args, None).wait().unwrap().success());
    let whole = start.elapsed();
    let new = std::fs::read_to_string(&p).unwrap();
    assert_ne!(new, old);

    // Killed at moments spread over a whole run: the old file or the new one, each time.
    let mut seen_old = 0;
    for i in 0..12u32 {
        std::fs::write(&p, old).unwrap();
        let mut child = spawn(dir, args, None);
        std::thread::sleep(whole * i / 10);
        let _ = child.kill();
        child.wait().unwrap();
        let now = std::fs::read_to_string(&p).unwrap();
        assert!(now == old || now == new, "run {i}: a torn file");
        seen_old += usize::from(now == old);
        for f in temp_files(dir) {
            std::fs::remove_file(dir.join(f)).unwrap();
        }
    }
    assert!(seen_old > 0, "no run was killed before its write");
    new
}

#[test]
fn a_fix_killed_mid_write_leaves_the_old_article_or_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let old = draft();
    let new =
        killed_anywhere_leaves_old_or_new(dir.path(), "a.md", &old, &["check", "--fix", "a.md"]);
    assert!(new.contains("Hoàng Xuân Chiến") && !new.contains("Hoang Xuan"));
}

/// An archive of 40 articles naming two people with their titles, and a table of the desk's
/// own (`desk.json`) that a build merges into.
fn archive(d: &Path) -> &'static str {
    std::fs::create_dir(d.join("archive")).unwrap();
    for i in 0..40 {
        std::fs::write(
            d.join(format!("archive/{i:02}.md")),
            format!(
                "# Harbour report {i}\n\nHarbour Master Ingrid Solberg said the new quay would \
                 open in May. Trade Minister Kwame Mensah is expected at the opening, and \
                 Ingrid Solberg said the ferries would run as usual.\n"
            ),
        )
        .unwrap();
    }
    r#"{
  "people": [
    {"id": "ana-reyes", "name": "Ana Reyes", "order": "given-first"}
  ]
}
"#
}

const BUILD_INTO_DESK: [&str; 7] = [
    "table",
    "build",
    "archive",
    "--merge",
    "desk.json",
    "-o",
    "desk.json",
];

#[test]
fn a_table_build_killed_mid_write_leaves_the_old_table_or_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let old = archive(dir.path());
    let new = killed_anywhere_leaves_old_or_new(dir.path(), "desk.json", old, &BUILD_INTO_DESK);
    assert!(
        new.contains("Ana Reyes") && new.contains("Kwame Mensah"),
        "{new}"
    );
}

#[test]
fn a_table_changed_while_a_build_merges_into_it_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("desk.json"), archive(d)).unwrap();
    let mut child = spawn(d, &BUILD_INTO_DESK, Some(3_000));
    wait_for_temp_file(d);
    // An editor saves the table meanwhile.
    let edited = r#"{"people": [{"id": "bo-lin", "name": "Bo Lin", "order": "given-first"}]}"#;
    std::fs::write(d.join("desk.json"), edited).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(d.join("desk.json")).unwrap(),
        edited
    );
    assert!(temp_files(d).is_empty());
}
