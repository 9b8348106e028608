//! Hostile files and workspaces: devices, FIFOs, links, loops, tables outside the workspace,
//! huge values, byte-order marks. Each gives a clear error or the right answer, quickly.
#![cfg(unix)]

mod support;

use std::time::Duration;

use assert_cmd::Command;
use support::mkfifo;

fn copydesk() -> Command {
    let mut c = support::copydesk();
    // A hang is a failure, not a stuck suite.
    c.timeout(Duration::from_secs(60));
    c
}

/// Run and return (exit code, stdout, stderr).
fn run(c: &mut Command) -> (i32, String, String) {
    let out = c.output().unwrap();
    (
        out.status
            .code()
            .expect("exited, not killed by the timeout"),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

const ARTICLE: &str = "Hoang Xuan Chien spoke.\n";

#[test]
fn a_table_that_is_a_device_or_a_fifo_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.md"), ARTICLE).unwrap();
    mkfifo(&d.join("fifo.json"));
    for (table, what) in [("/dev/zero", "a device"), ("fifo.json", "a FIFO")] {
        std::fs::write(
            d.join("copydesk.json"),
            format!(r#"{{"tables": ["{table}"], "allowTablesOutsideWorkspace": true}}"#),
        )
        .unwrap();
        let (code, _, stderr) = run(copydesk().current_dir(d).args(["check", "a.md"]));
        assert_eq!(code, 2, "{stderr}");
        assert!(
            stderr.contains(&format!("not a regular file ({what})")),
            "{stderr}"
        );
        // The same from the command line.
        std::fs::remove_file(d.join("copydesk.json")).unwrap();
        let (code, _, stderr) = run(copydesk()
            .current_dir(d)
            .args(["check", "--table", table, "a.md"]));
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains(what), "{stderr}");
    }
    // An article that is a FIFO, named on the command line.
    let (code, _, stderr) = run(copydesk().current_dir(d).args(["check", "fifo.json"]));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("fifo.json: not a regular file (a FIFO)"),
        "{stderr}"
    );
}

#[test]
fn a_table_outside_the_workspace_needs_the_setting() {
    let dir = tempfile::tempdir().unwrap();
    let w = dir.path().join("w");
    std::fs::create_dir(&w).unwrap();
    std::fs::write(w.join("a.md"), "Ann Bee spoke.\n").unwrap();
    std::fs::write(
        dir.path().join("t.json"),
        r#"{"people": [{"id": "ann-bee", "name": "Ann Bée", "order": "given-first"}]}"#,
    )
    .unwrap();
    std::fs::write(w.join("copydesk.json"), r#"{"tables": ["../t.json"]}"#).unwrap();
    let (code, _, stderr) = run(copydesk().current_dir(&w).args(["check", "a.md"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("tables[0]: \"../t.json\" is outside the folder of this config file"),
        "{stderr}"
    );
    assert!(!stderr.contains("No findings"), "{stderr}");
    std::fs::write(
        w.join("copydesk.json"),
        r#"{"tables": ["../t.json"], "allowTablesOutsideWorkspace": true}"#,
    )
    .unwrap();
    let (code, stdout, stderr) = run(copydesk().current_dir(&w).args(["check", "a.md"]));
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.contains("name-diacritics"), "{stdout}");
}

#[test]
fn a_folder_walk_does_not_follow_links_and_skips_fifos() {
    let dir = tempfile::tempdir().unwrap();
    let w = dir.path().join("w");
    std::fs::create_dir_all(w.join("sub")).unwrap();
    std::fs::write(w.join("a.md"), ARTICLE).unwrap();
    std::os::unix::fs::symlink(".", w.join("self")).unwrap();
    std::os::unix::fs::symlink("..", w.join("sub/up")).unwrap();
    std::os::unix::fs::symlink(dir.path(), w.join("out")).unwrap();
    mkfifo(&w.join("sub/pipe.md"));
    let (code, stdout, stderr) = run(copydesk().args(["check", "--format", "json"]).arg(&w));
    assert_eq!(code, 1, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1, "{stdout}");
}

#[test]
fn a_link_loop_is_called_a_loop() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.md"), dir.path().join("b.md"));
    std::os::unix::fs::symlink(&b, &a).unwrap();
    std::os::unix::fs::symlink(&a, &b).unwrap();
    let (code, _, stderr) = run(copydesk().arg("check").arg(&a));
    assert_eq!(code, 2);
    assert!(stderr.contains("symbolic link loop"), "{stderr}");
    assert!(!stderr.contains("no such file"), "{stderr}");
}

#[test]
fn stdin_named_twice_is_read_once() {
    let (code, stdout, _) = run(copydesk()
        .args(["check", "--format", "json", "-", "-"])
        .write_stdin(ARTICLE));
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1, "{stdout}");
    // The same file twice, or a file and its folder, is checked once.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), ARTICLE).unwrap();
    let (_, stdout, _) = run(copydesk()
        .current_dir(dir.path())
        .args(["check", "a.md", "./a.md", "."]));
    assert!(stdout.contains("in 1 of 1 file."), "{stdout}");
}

#[test]
fn a_byte_order_mark_does_not_shift_line_one() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.md");
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend_from_slice(ARTICLE.as_bytes());
    std::fs::write(&p, &bytes).unwrap();
    let (_, stdout, _) = run(copydesk().args(["check", "--format", "json"]).arg(&p));
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        (v[0]["line"].as_u64(), v[0]["column"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(v[0]["text"], "Hoang Xuan Chien");
    // A table with one loads too.
    let t = dir.path().join("t.json");
    let mut table = b"\xef\xbb\xbf".to_vec();
    table.extend_from_slice(br#"{"people": []}"#);
    std::fs::write(&t, table).unwrap();
    copydesk().args(["table", "check"]).arg(&t).assert().code(0);
}

#[test]
fn size_limits_are_enforced_and_can_be_raised() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let big = "A quiet sentence about nothing.\n".repeat(40_000); // 1.28 MB
    std::fs::write(d.join("big.md"), &big).unwrap();
    let (code, _, stderr) =
        run(copydesk()
            .current_dir(d)
            .args(["check", "--max-article-mb", "1", "big.md"]));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("big.md: larger than the 1 MB limit (raise it with"),
        "{stderr}"
    );
    assert!(!stderr.contains("No findings"));
    std::fs::write(d.join("copydesk.json"), r#"{"maxArticleMegabytes": 2}"#).unwrap();
    copydesk()
        .current_dir(d)
        .args(["check", "big.md"])
        .assert()
        .code(0);
    // The flag wins over the config file.
    copydesk()
        .current_dir(d)
        .args(["check", "--max-article-mb", "1", "big.md"])
        .assert()
        .code(2);
    // Stdin too.
    copydesk()
        .args(["check", "--max-article-mb", "1", "-"])
        .write_stdin(big.clone())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "<stdin>: larger than the 1 MB limit",
        ));
    // And tables.
    std::fs::write(d.join("copydesk.json"), "{}").unwrap();
    let table = format!(
        r#"{{"people": [], "sources": [], "x": "{}"}}"#,
        "y".repeat(1 << 20)
    );
    std::fs::write(d.join("t.json"), table).unwrap();
    let (code, _, stderr) = run(copydesk().current_dir(d).args([
        "check",
        "--max-table-mb",
        "1",
        "--table",
        "t.json",
        "big.md",
    ]));
    assert_eq!(code, 2);
    assert!(stderr.contains("larger than the 1 MB limit"), "{stderr}");
}

#[test]
fn error_messages_quote_only_a_few_dozen_characters_of_a_bad_value() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let long = "Z".repeat(10_000);
    let cases = [
        // A value of the wrong type, an unknown key, a duplicate id, an unknown reference.
        format!(r#"{{"people": [{{"id": "a", "name": "A B", "order": "{long}"}}]}}"#),
        format!(r#"{{"people": [], "{long}": 1}}"#),
        format!(
            r#"{{"people": [{{"id": "{long}", "name": "A B", "order": "given-first"}},
                            {{"id": "{long}", "name": "C D", "order": "given-first"}}]}}"#
        ),
        format!(
            r#"{{"events": [{{"id": "e", "name": "E", "date": "2025-01-01", "place": "{long}"}}]}}"#
        ),
    ];
    for (i, table) in cases.iter().enumerate() {
        let t = d.join(format!("t{i}.json"));
        std::fs::write(&t, table).unwrap();
        let (code, _, stderr) = run(copydesk().args(["table", "check"]).arg(&t));
        assert_eq!(code, 2, "{i}: {stderr}");
        assert!(
            stderr.contains("ZZZZ"),
            "{i}: the value is quoted: {stderr}"
        );
        assert!(stderr.len() < 600, "{i}: {} bytes: {stderr}", stderr.len());
    }
    // A config file's bad value too.
    std::fs::write(d.join("copydesk.json"), format!(r#"{{"style": "{long}"}}"#)).unwrap();
    std::fs::write(d.join("a.md"), ARTICLE).unwrap();
    let (code, _, stderr) = run(copydesk().current_dir(d).args(["check", "a.md"]));
    assert_eq!(code, 2);
    assert!(stderr.len() < 600, "{stderr}");
}
