//! The CLI, driven as a user would: each exit code, each format, tables and config.

mod support;

use std::path::Path;

use serde_json::Value;
use support::{copydesk, path_of, root, seeds, strings};

fn article(name: &str) -> String {
    root()
        .join("tests/fixtures/articles")
        .join(name)
        .display()
        .to_string()
}

fn json_findings(args: &[&str]) -> (i32, Vec<Value>) {
    let out = copydesk()
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .expect("runs");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (
        out.status.code().expect("exit code"),
        v.as_array().expect("array").clone(),
    )
}

/// Slice a text by 1-based line and character columns (end exclusive).
fn slice_by_columns(text: &str, f: &Value) -> String {
    let n = |k: &str| f[k].as_u64().unwrap() as usize;
    let lines: Vec<&str> = text.split('\n').collect();
    let (l0, c0, l1, c1) = (
        n("line") - 1,
        n("column") - 1,
        n("end_line") - 1,
        n("end_column") - 1,
    );
    let start: usize = lines[..l0].iter().map(|l| l.len() + 1).sum::<usize>()
        + lines[l0]
            .char_indices()
            .nth(c0)
            .map_or(lines[l0].len(), |x| x.0);
    let end: usize = lines[..l1].iter().map(|l| l.len() + 1).sum::<usize>()
        + lines[l1]
            .char_indices()
            .nth(c1)
            .map_or(lines[l1].len(), |x| x.0);
    text[start..end].to_string()
}

#[test]
fn seed_000_has_no_findings() {
    let p = seeds().join("000_81e2ba5f78579261.txt");
    copydesk()
        .arg("check")
        .arg(&p)
        .assert()
        .code(0)
        .stdout(predicates::str::contains("No findings in 1 file."));
}

#[test]
fn seed_001_has_exactly_the_caption_title_and_chien() {
    let p = seeds().join("001_9d09c6c4d54eea1e.txt");
    let (code, findings) = json_findings(&[p.to_str().unwrap()]);
    assert_eq!(code, 1);
    let got: Vec<(String, String, u64)> = findings
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["text"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("title-mismatch".into(), "Permanent Secretary".into(), 6),
            ("name-diacritics".into(), "Chien".into(), 14),
        ]
    );
    let human = copydesk().arg("check").arg(&p).output().unwrap();
    let stdout = String::from_utf8_lossy(&human.stdout);
    assert_eq!(stdout.matches(": warning[").count(), 2, "{stdout}");
}

#[test]
fn json_fields_and_ranges_slice_the_flagged_words() {
    let path = article("talks.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let (code, findings) = json_findings(&["--min-severity", "hint", &path]);
    assert_eq!(code, 1);
    let codes = strings(&findings, "code");
    for rule in [
        "name-diacritics",
        "name-spelling",
        "title-mismatch",
        "weekday-mismatch",
        "invalid-date",
        "event-date-mismatch",
        "second-reference",
        "style-variant",
    ] {
        assert!(codes.contains(&rule), "{rule} missing from {codes:?}");
    }
    for f in &findings {
        for key in [
            "path",
            "line",
            "column",
            "end_line",
            "end_column",
            "code",
            "severity",
            "message",
            "text",
            "fixes",
        ] {
            assert!(!f[key].is_null(), "{key} missing in {f}");
        }
        assert_eq!(
            slice_by_columns(&text, f),
            f["text"].as_str().unwrap(),
            "{f}"
        );
    }
    let weekday = findings
        .iter()
        .find(|f| f["code"] == "weekday-mismatch")
        .unwrap();
    assert_eq!(weekday["text"], "Wednesday");
    assert_eq!(weekday["fixes"][0]["replacement"], "Tuesday");
    assert_eq!(weekday["severity"], "warning");
}

#[test]
fn clean_article_exits_zero() {
    copydesk()
        .args(["check", "--min-severity", "hint", &article("clean.md")])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("No findings"));
}

#[test]
fn information_only_exits_zero_and_is_hidden_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.md");
    std::fs::write(&p, "Việt Nam and Việt Nam again, then Vietnam.\n").unwrap();
    let out = copydesk().arg("check").arg(&p).assert().code(0);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(stdout.contains("1 below warning not shown"), "{stdout}");
    let (code, findings) = json_findings(&["--min-severity", "information", p.to_str().unwrap()]);
    assert_eq!((code, findings.len()), (0, 1));
    assert_eq!(findings[0]["severity"], "information");
}

/// Usage and input errors: exit 2 with the file and the reason on stderr.
#[test]
fn input_errors_exit_two() {
    let dir = tempfile::tempdir().unwrap();
    let bad_utf8 = dir.path().join("bad.txt");
    std::fs::write(&bad_utf8, b"Hoang\nab\xff cd").unwrap();
    let bad_table = dir.path().join("t.json");
    std::fs::write(
        &bad_table,
        "{\n  \"people\": [\n    {\"id\": \"x\", \"name\": \"X Y\", \"order\": \"given-first\",\n     \"titles\": [{\"title\": \"Ambassador\", \"from\": \"2025-13-01\"}]}\n  ]\n}\n",
    )
    .unwrap();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec!["check".into(), "no/such/file.md".into()],
            "no/such/file.md: no such file",
        ),
        (
            vec!["check".into(), bad_utf8.display().to_string()],
            "bad.txt:2:3: invalid UTF-8 at byte 8",
        ),
        (
            vec![
                "check".into(),
                "--table".into(),
                bad_table.display().to_string(),
                article("clean.md"),
            ],
            "t.json:4:49: people[0].titles[0].from",
        ),
        (
            vec![
                "table".into(),
                "check".into(),
                bad_table.display().to_string(),
            ],
            "people[0].titles[0].from: \"2025-13-01\" is not a date",
        ),
        (
            vec![
                "check".into(),
                "--date".into(),
                "2025-02-30".into(),
                "x".into(),
            ],
            "is not a date",
        ),
        (vec!["check".into()], "required"),
        (vec!["explain".into(), "no-such-rule".into()], "no rule"),
    ];
    for (args, want) in cases {
        let out = copydesk().args(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(want), "{args:?}: {stderr:?} lacks {want:?}");
    }
}

#[test]
fn stdin_and_sarif() {
    // The rule pages are written under the temp folder: this test's own.
    let tmp = tempfile::tempdir().unwrap();
    let out = copydesk()
        .env("TMPDIR", tmp.path())
        .args(["check", "--format", "sarif", "-"])
        .write_stdin("Hoang Xuan Chien spoke on Wednesday, March 4, 2025.\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let results = v["runs"][0]["results"].as_array().unwrap();
    let ids: Vec<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec!["name-diacritics", "weekday-mismatch"]);
    let region = &results[0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startColumn"].as_u64(), region["endColumn"].as_u64()),
        (Some(1), Some(17))
    );
    assert_eq!(
        results[1]["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
        "Tuesday"
    );
    let driver = &v["runs"][0]["tool"]["driver"];
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 8);
    // Where the tool and each rule are documented: real files, the pages the language
    // server links its diagnostics to.
    let index = driver["informationUri"].as_str().unwrap();
    assert!(path_of(index).starts_with(tmp.path()), "{index}");
    assert!(
        std::fs::read_to_string(path_of(index))
            .unwrap()
            .contains("[weekday-mismatch](weekday-mismatch.md)")
    );
    for r in rules {
        let id = r["id"].as_str().unwrap();
        let page = std::fs::read_to_string(path_of(r["helpUri"].as_str().unwrap())).unwrap();
        assert!(page.starts_with(&format!("# {id}\n")), "{page}");
        assert_eq!(r["help"]["markdown"].as_str().unwrap(), page);
    }
}

/// The messages a newcomer reads: no "all well" after an error, aligned columns, plurals.
#[test]
fn messages_say_what_happened() {
    // An input error alone: the error, and no summary as if all were well.
    let out = copydesk()
        .args(["check", "no/such/file.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    // With inputs that were checked, the summary says some were not.
    let out = copydesk()
        .args(["check", "no/such/file.md", &article("clean.md")])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("No findings in 1 file; 1 input not checked (errors below)."),
        "{stdout}"
    );
    // `explain`: one column each for the code, the severity and the summary.
    let out = copydesk().args(["explain"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().take(9).collect();
    let third = |l: &str| {
        let code_end = l.find("  ").unwrap();
        let rest = &l[code_end..];
        let level_start = code_end + rest.len() - rest.trim_start().len();
        let after = &l[level_start..];
        let level_end = level_start + after.find("  ").unwrap();
        let summary_at = level_end + l[level_end..].len() - l[level_end..].trim_start().len();
        (level_start, summary_at)
    };
    let columns: Vec<(usize, usize)> = lines.iter().map(|l| third(l)).collect();
    assert!(columns.windows(2).all(|w| w[0] == w[1]), "{text}");
    // Plurals.
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("t.json");
    std::fs::write(
        &t,
        r#"{"people": [{"id": "ann-bee", "name": "Ann Bee", "order": "given-first"}],
            "events": [{"id": "e", "name": "Talks", "date": "2025-03-04"}]}"#,
    )
    .unwrap();
    let out = copydesk()
        .args(["table", "check"])
        .arg(&t)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        !stdout.contains("1 events") && !stdout.contains("1 people"),
        "{stdout}"
    );
    // A table without specs says so.
    let out = copydesk()
        .args(["table", "test", "--no-default-table"])
        .arg(&t)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("No specs to run"), "{stdout}");
}

#[test]
fn folder_walk_and_workspace_config() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("drafts/deep");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(
        sub.join("a.md"),
        "Hoang Xuan Chien met Vietnam and Việt Nam officials.\n",
    )
    .unwrap();
    std::fs::write(sub.join("b.txt"), "Nothing to see.\n").unwrap();
    std::fs::write(sub.join("c.json"), "{}").unwrap();
    let (_, findings) = json_findings(&["--min-severity", "hint", dir.path().to_str().unwrap()]);
    let codes = strings(&findings, "code");
    assert_eq!(codes, vec!["name-diacritics", "style-variant"]);
    // A copydesk.json above the file: rule off, house style, a table of its own.
    std::fs::write(
        dir.path().join("copydesk.json"),
        r#"{"rules": {"second-reference": "off", "style-variant": "warning"}, "style": ["Vietnam"], "tables": ["desk.json"]}"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("desk.json"),
        r#"{"people": [{"id": "an", "name": "Lê Văn An", "parts": {"family": "Lê", "middle": "Văn", "given": "An"}, "order": "family-first"}]}"#,
    )
    .unwrap();
    std::fs::write(sub.join("b.txt"), "Le Van An spoke. Later Mr Hoàng left.\n").unwrap();
    std::fs::write(
        sub.join("a.md"),
        "Hoàng Xuân Chiến met Vietnam and Việt Nam officials.\n",
    )
    .unwrap();
    let (code, findings) = json_findings(&[dir.path().to_str().unwrap()]);
    let got: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| (f["code"].as_str().unwrap(), f["text"].as_str().unwrap()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("style-variant", "Việt Nam"),
            ("name-diacritics", "Le Van An")
        ]
    );
    assert_eq!(code, 1);
}

#[test]
fn no_default_table_and_date_flag() {
    let (_, findings) = json_findings(&[
        "--no-default-table",
        "--min-severity",
        "hint",
        &article("talks.md"),
    ]);
    let codes = strings(&findings, "code");
    assert_eq!(codes, vec!["weekday-mismatch", "invalid-date"]);
    // --date sets the publication date for a weekday without a year.
    let out = copydesk()
        .args(["check", "--format", "json", "--date", "2025-03-04", "-"])
        .write_stdin("They left on Wednesday, March 6.")
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["fixes"][0]["replacement"], "Thursday");
}

#[test]
fn table_commands() {
    copydesk()
        .args(["table", "test"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains(" passed, 0 failed"));
    let out = copydesk().args(["table", "schema"]).output().unwrap();
    let schema: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["title"], "copydesk reference table");
    assert!(schema["properties"]["people"].is_object());
    // Forms in other languages, keyed by a language code.
    let defs = &schema["$defs"];
    for (kind, forms) in [
        ("Entity", "EntityFormsByLanguage"),
        ("Person", "PersonFormsByLanguage"),
        ("HeldTitle", "TitleFormsByLanguage"),
        ("TitleWord", "TitleFormsByLanguage"),
        ("Event", "EventFormsByLanguage"),
        ("Law", "NameFormsByLanguage"),
    ] {
        assert_eq!(
            defs[kind]["properties"]["forms"]["$ref"],
            format!("#/$defs/{forms}"),
            "{kind}"
        );
        assert_eq!(
            defs[forms]["propertyNames"]["enum"],
            serde_json::json!(["vi"])
        );
    }
    assert_eq!(defs["EntityForms"]["required"], serde_json::json!(["name"]));
    copydesk()
        .args([
            "table",
            "check",
            Path::new("src/table/default.json").to_str().unwrap(),
        ])
        .current_dir(root())
        .assert()
        .code(0);
    // A failing spec is reported and exits 1.
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("t.json");
    std::fs::write(
        &t,
        r#"{"places": [{"id": "sg", "name": "Sài Gòn", "specs": [{"text": "In Sai Gon.", "expect": []}]}]}"#,
    )
    .unwrap();
    copydesk()
        .args(["table", "test", t.to_str().unwrap()])
        .assert()
        .code(1)
        .stdout(predicates::str::is_match(r"FAILED  places\[\d+\]\.specs\[0\]").unwrap());
}

#[test]
fn explain_lists_and_explains() {
    copydesk()
        .args(["explain"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("title-mismatch"));
    copydesk()
        .args(["explain", "weekday-mismatch"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("Tue., Mar. 4, 2025"));
    copydesk()
        .args(["--help"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("check"));
}

#[test]
fn parallel_output_keeps_the_order_of_the_paths() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // The first files in path order are the longest, so they finish last.
    let mut want = Vec::new();
    for i in 0..24 {
        let folder = d.join(format!("f{}", i % 3));
        std::fs::create_dir_all(&folder).unwrap();
        let name = folder.join(format!("n{i:02}.md"));
        let filler =
            "A quiet paragraph about the weather and the trains.\n\n".repeat(2000 - 80 * i);
        std::fs::write(&name, format!("{filler}Hoang Xuan Chien spoke.\n")).unwrap();
        want.push(name.to_str().unwrap().to_string());
    }
    want.sort();
    let lone = d.join("lone.md");
    std::fs::write(&lone, "Hoang Xuan Chien spoke.\n").unwrap();
    // A file named before the folder comes first.
    want.insert(0, lone.to_str().unwrap().to_string());
    for threads in ["1", "4"] {
        let out = copydesk()
            .env("RAYON_NUM_THREADS", threads)
            .args(["check", "--format", "json"])
            .arg(&lone)
            .arg(d)
            .output()
            .unwrap();
        let findings: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
        let paths = strings(&findings, "path");
        assert_eq!(paths, want, "{threads} threads");
    }
}

/// Run copydesk with stderr on a terminal (util-linux `script` gives it a pseudo-terminal,
/// stdout goes to a file); what reached the terminal.
#[cfg(unix)]
fn on_a_terminal(dir: &Path, args: &str) -> String {
    let bin = assert_cmd::cargo::cargo_bin("copydesk");
    let typescript = dir.join("typescript");
    let status = std::process::Command::new("script")
        .current_dir(dir)
        .args(["-q", "-c"])
        .arg(format!("{} {args} > out.txt", bin.display()))
        .arg(&typescript)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .status()
        .expect("util-linux script runs");
    assert!(status.success());
    String::from_utf8_lossy(&std::fs::read(&typescript).unwrap()).to_string()
}

#[cfg(unix)]
#[test]
fn a_progress_bar_on_a_terminal_only_for_human_output() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("a")).unwrap();
    for i in 0..3 {
        std::fs::write(d.join(format!("a/{i}.md")), "Hoang Xuan Chien spoke.\n").unwrap();
    }
    let seen = on_a_terminal(d, "check a");
    assert!(seen.contains("checking"), "{seen}");
    assert!(seen.contains("/3"), "{seen}");
    for format in ["json", "sarif"] {
        let seen = on_a_terminal(d, &format!("check --format {format} a"));
        assert!(!seen.contains("checking"), "{format}: {seen}");
        let out = std::fs::read_to_string(d.join("out.txt")).unwrap();
        serde_json::from_str::<Value>(&out).unwrap();
    }
    // Not on a pipe (the other tests): nothing but the report.
    let out = copydesk()
        .args(["check", "a"])
        .current_dir(d)
        .output()
        .unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Run copydesk with stdout, or stderr, on a pipe whose reader is already gone (as after
/// `| head`); the exit code, and stderr when it was not the closed one.
fn with_a_closed_pipe(dir: &Path, args: &[&str], close_stderr: bool) -> (Option<i32>, String) {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("copydesk"));
    c.current_dir(dir).args(args);
    if close_stderr {
        c.stderr(writer).stdout(std::process::Stdio::null());
    } else {
        c.stdout(writer).stderr(std::process::Stdio::piped());
    }
    let out = c.output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

#[test]
fn a_reader_that_stops_early_is_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("drafts")).unwrap();
    for i in 0..3 {
        std::fs::write(
            d.join(format!("drafts/{i}.md")),
            "Hoang Xuan Chien met the delegation on Wednesday, March 4, 2025.\n".repeat(50),
        )
        .unwrap();
    }
    let cases: [(&[&str], i32); 10] = [
        (&["explain"], 0),
        (&["explain", "title-mismatch"], 0),
        (&["table", "default"], 0),
        (&["table", "schema"], 0),
        (&["table", "test"], 0),
        (&["table", "build", "drafts"], 0),
        (&["check", "drafts"], 1),
        (&["check", "--format", "json", "drafts"], 1),
        (&["check", "--format", "sarif", "drafts"], 1),
        (&["check", "--diff", "drafts"], 1),
    ];
    for (args, code) in cases {
        let (got, stderr) = with_a_closed_pipe(d, args, false);
        assert_eq!(got, Some(code), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(!stderr.contains("error"), "{args:?}: {stderr}");
    }
    // A closed stderr: the errors and the summary go nowhere, the exit code stays.
    for (args, code) in [
        (&["check", "missing.md"][..], 2),
        (&["check", "--diff", "drafts"], 1),
        (&["explain", "no-such-rule"], 2),
        (&["table", "build", "drafts", "-o", "t.json"], 0),
    ] {
        let (got, _) = with_a_closed_pipe(d, args, true);
        assert_eq!(got, Some(code), "{args:?}");
    }
    assert!(d.join("t.json").is_file());
}
