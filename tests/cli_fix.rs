//! `copydesk check --fix`, `--diff` and `--stdin-filename`, driven as a user would.

mod support;

use std::path::Path;

use support::{copydesk, strings, wait_for_temp_file};
use unicode_normalization::{UnicodeNormalization, is_nfc, is_nfd};

/// Three certain fixes (a name's diacritics, a near miss, a weekday) on the first line, and
/// a line the fixes must leave alone byte for byte.
const DRAFT: &str = "Hoang Xuan Chien spoke to Simon Ridlee on Wednesday, March 4, 2025.\n\
                     Ngô  Thị   Hà said little ,  as usual…\n";
const FIXED: &str = "Hoàng Xuân Chiến spoke to Simon Ridley on Tuesday, March 4, 2025.\n\
                     Ngô  Thị   Hà said little ,  as usual…\n";

fn run_fix(dir: &Path, name: &str, bytes: &[u8]) -> (i32, Vec<u8>, String, String) {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    let out = copydesk()
        .current_dir(dir)
        .args(["check", "--fix", name])
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        std::fs::read(&p).unwrap(),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

#[test]
fn fix_writes_every_certain_fix_and_exits_on_what_remains() {
    let dir = tempfile::tempdir().unwrap();
    let (code, after, stdout, stderr) = run_fix(dir.path(), "a.md", DRAFT.as_bytes());
    assert_eq!(String::from_utf8(after).unwrap(), FIXED);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains("Fixed 3 findings; none left in 1 file."),
        "{stdout}"
    );
    // Nothing left to do: the file is not touched again.
    let before = std::fs::metadata(dir.path().join("a.md"))
        .unwrap()
        .modified()
        .unwrap();
    let out = copydesk()
        .current_dir(dir.path())
        .args(["check", "--fix", "a.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let after = std::fs::metadata(dir.path().join("a.md"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(before, after);
    // No temporary file left in the folder.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn what_has_no_certain_fix_remains_and_sets_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    // An invalid date has no fix; the name has one.
    let text = "Hoang Xuan Chien spoke on 29 February 2025.\n";
    let (code, after, stdout, _) = run_fix(dir.path(), "a.txt", text.as_bytes());
    assert_eq!(
        String::from_utf8(after).unwrap(),
        "Hoàng Xuân Chiến spoke on 29 February 2025.\n"
    );
    assert_eq!(code, 1);
    assert!(
        stdout.contains("a.txt:1:27: error[invalid-date]"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Fixed 1 finding; 1 left (1 error)"),
        "{stdout}"
    );
}

#[test]
fn fix_keeps_line_endings_and_a_byte_order_mark() {
    let dir = tempfile::tempdir().unwrap();
    for (name, brk) in [("crlf.md", "\r\n"), ("cr.txt", "\r"), ("lf.md", "\n")] {
        let draft = DRAFT.replace('\n', brk);
        let (_, after, stdout, stderr) = run_fix(dir.path(), name, draft.as_bytes());
        assert_eq!(
            String::from_utf8(after).unwrap(),
            FIXED.replace('\n', brk),
            "{name}: {stdout}{stderr}"
        );
    }
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend_from_slice(DRAFT.as_bytes());
    let (_, after, ..) = run_fix(dir.path(), "bom.md", &bom);
    assert_eq!(&after[..3], b"\xef\xbb\xbf");
    assert_eq!(std::str::from_utf8(&after[3..]).unwrap(), FIXED);
}

#[test]
fn fix_writes_an_nfd_file_in_nfd() {
    let dir = tempfile::tempdir().unwrap();
    // Decomposed throughout, as some Mac tools save it.
    let draft: String = DRAFT.nfd().collect();
    assert!(!is_nfc(&draft));
    let (_, after, ..) = run_fix(dir.path(), "nfd.md", draft.as_bytes());
    let after = String::from_utf8(after).unwrap();
    assert_eq!(after, FIXED.nfd().collect::<String>());
    assert!(is_nfd(&after));
    // An NFC file gets NFC.
    let (_, after, ..) = run_fix(
        dir.path(),
        "nfc.md",
        DRAFT.nfc().collect::<String>().as_bytes(),
    );
    assert!(is_nfc(std::str::from_utf8(&after).unwrap()));
}

#[test]
fn a_file_changed_between_read_and_write_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.md");
    std::fs::write(&p, DRAFT).unwrap();
    // Hold the write after the temporary file is ready, and change the file meanwhile.
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("copydesk"))
        .current_dir(dir.path())
        .args(["check", "--fix", "a.md"])
        .env("COPYDESK_TEST_PAUSE_BEFORE_RENAME_MS", "1500")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    wait_for_temp_file(dir.path());
    std::fs::write(&p, "A reporter's new paragraph.\n").unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("a.md: the file changed on disk since copydesk read it"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&p).unwrap(),
        "A reporter's new paragraph.\n"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn diff_prints_a_patch_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.md");
    let draft = format!("# Talks\r\n\r\n{}", DRAFT.replace('\n', "\r\n"));
    std::fs::write(&p, &draft).unwrap();
    let out = copydesk()
        .current_dir(dir.path())
        .args(["check", "--diff", "a.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let diff = String::from_utf8(out.stdout).unwrap();
    let first = DRAFT.lines().next().unwrap();
    let fixed = FIXED.lines().next().unwrap();
    assert_eq!(
        diff,
        format!(
            "--- a.md\n+++ a.md\n@@ -1,4 +1,4 @@\n # Talks\r\n \r\n-{first}\r\n+{fixed}\r\n {}\r\n",
            DRAFT.lines().nth(1).unwrap()
        )
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("3 findings in 1 file would be fixed"));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), draft);
    // `patch` applies it and gets what --fix writes.
    let patched = dir.path().join("patched");
    std::fs::create_dir(&patched).unwrap();
    std::fs::write(patched.join("a.md"), &draft).unwrap();
    let mut child = std::process::Command::new("patch")
        .current_dir(&patched)
        .args(["-p0", "--quiet"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("patch is installed");
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(diff.as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success());
    copydesk()
        .current_dir(dir.path())
        .args(["check", "--fix", "a.md"])
        .assert()
        .code(0);
    assert_eq!(
        std::fs::read(patched.join("a.md")).unwrap(),
        std::fs::read(&p).unwrap()
    );
    // Nothing to fix: an empty diff, exit 0.
    copydesk()
        .current_dir(dir.path())
        .args(["check", "--diff", "a.md"])
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn stdin_filename_reads_stdin_as_that_file() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("desk/drafts");
    std::fs::create_dir_all(&sub).unwrap();
    // The folder's config turns the weekday rule off; the file need not exist.
    std::fs::write(
        dir.path().join("desk/copydesk.json"),
        r#"{"rules": {"weekday-mismatch": "off"}}"#,
    )
    .unwrap();
    let out = copydesk()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "desk/drafts/new.md",
        ])
        .write_stdin("*Hoang Xuan Chien* spoke on Wednesday, March 4, 2025.\n")
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(strings(v.as_array().unwrap(), "code"), ["name-diacritics"]);
    assert_eq!(v[0]["path"], "desk/drafts/new.md");
    // Markdown, from the extension: the emphasis marker is not part of the name.
    assert_eq!(v[0]["column"], 2);
    // With --fix, the fixed text goes to stdout and the report to stderr.
    let out = copydesk()
        .current_dir(dir.path())
        .args([
            "check",
            "--fix",
            "--stdin-filename",
            "desk/drafts/new.md",
            "-",
        ])
        .write_stdin("Hoang Xuan Chien spoke.\r\nMore.")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "Hoàng Xuân Chiến spoke.\r\nMore."
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("Fixed 1 finding"));
    // A clean text comes back unchanged.
    copydesk()
        .args(["check", "--fix", "--stdin-filename", "x.txt"])
        .write_stdin("Nothing to see.\n")
        .assert()
        .code(0)
        .stdout("Nothing to see.\n");
    // --diff names the file.
    copydesk()
        .args(["check", "--diff", "--stdin-filename", "x.txt"])
        .write_stdin("Hoang Xuan Chien spoke.\n")
        .assert()
        .code(1)
        .stdout("--- x.txt\n+++ x.txt\n@@ -1 +1 @@\n-Hoang Xuan Chien spoke.\n+Hoàng Xuân Chiến spoke.\n");
    // Other paths with it are a usage error.
    copydesk()
        .args(["check", "--stdin-filename", "x.md", "other.md"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--stdin-filename"));
}

#[test]
fn diff_exits_on_what_would_be_fixed_as_ruff_does() {
    let dir = tempfile::tempdir().unwrap();
    // An invalid date has no fix: nothing to show, exit 0, the finding counted on stderr.
    std::fs::write(dir.path().join("a.txt"), "They met on 29 February 2025.\n").unwrap();
    let out = copydesk()
        .current_dir(dir.path())
        .args(["check", "--diff", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("0 findings in 0 files would be fixed; 1 finding would remain."),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The same file checked: exit 1.
    copydesk()
        .current_dir(dir.path())
        .args(["check", "a.txt"])
        .assert()
        .code(1);
}

#[test]
fn exit_zero_keeps_findings_out_of_the_exit_code_but_not_errors() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let text = "Hoang Xuan Chien spoke on 29 February 2025.\n";
    std::fs::write(d.join("a.txt"), text).unwrap();
    for args in [
        &["check", "--exit-zero", "a.txt"][..],
        &["check", "--exit-zero", "--diff", "a.txt"],
        &["check", "--exit-zero", "--format", "json", "a.txt"],
    ] {
        let out = copydesk().current_dir(d).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(
            !out.stdout.is_empty(),
            "{args:?}: the findings are still shown"
        );
    }
    assert_eq!(std::fs::read_to_string(d.join("a.txt")).unwrap(), text);
    // As an editor's formatter calls it: the fixed text on stdout, exit 0 though a finding
    // remains.
    copydesk()
        .current_dir(d)
        .args([
            "check",
            "--fix",
            "--exit-zero",
            "--stdin-filename",
            "b.txt",
            "-",
        ])
        .write_stdin(text)
        .assert()
        .code(0)
        .stdout("Hoàng Xuân Chiến spoke on 29 February 2025.\n");
    // An input error still exits 2.
    copydesk()
        .current_dir(d)
        .args(["check", "--exit-zero", "a.txt", "missing.md"])
        .assert()
        .code(2);
}
