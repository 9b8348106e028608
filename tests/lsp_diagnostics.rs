//! Diagnostics end to end: exact ranges in UTF-16 and UTF-8 (after emoji, NFD names, CRLF),
//! bursts of incremental edits, pull diagnostics, settings, and table reloads.

mod lsp_support;
mod support;

use std::time::Duration;

use lsp_support::*;
use serde_json::{Value, json};

/// An article of our own: an emoji, an NFD-encoded name, CRLF line ends.
fn article() -> String {
    [
        "Talks 🇻🇳🇬🇧 began. Hoa\u{300}ng Xua\u{302}n Chie\u{302}\u{301}n met Hoang Xuan Chien's aide.",
        "Simon Ridlee 👍 arrived on Wednesday, March 4, 2025.",
        "",
    ]
    .join("\r\n")
}

fn find_range(diags: &[Value], code: &str) -> (Value, Value) {
    let d = diags
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {diags:?}"));
    (d["range"]["start"].clone(), d["range"]["end"].clone())
}

#[test]
fn ranges_after_emoji_and_nfd_in_utf16_and_utf8() {
    let text = article();
    let line0 = text.split("\r\n").next().unwrap();
    let line1 = text.split("\r\n").nth(1).unwrap();
    let b0 = line0.find("Hoang").unwrap();
    let b1 = line1.find("Ridlee").unwrap() - "Simon ".len();
    let w1 = line1.find("Wednesday").unwrap();
    let u16 = |s: &str| s.encode_utf16().count() as u64;
    for (caps, utf8) in [(plain_caps(), false), (nvim_caps(), true)] {
        let (mut s, _) = Server::init(caps, None, Value::Null);
        s.open("file:///tmp/r.txt", "plaintext", &text);
        let d = s.diagnostics("file:///tmp/r.txt", 1);
        let col = |line: &str, b: usize| {
            if utf8 { b as u64 } else { u16(&line[..b]) }
        };
        let (a, z) = find_range(&d, "name-diacritics");
        assert_eq!(a, pos(0, col(line0, b0)), "{d:?}");
        assert_eq!(z, pos(0, col(line0, b0 + "Hoang Xuan Chien".len())));
        let (a, z) = find_range(&d, "name-spelling");
        assert_eq!(
            (a, z),
            (pos(1, col(line1, b1)), pos(1, col(line1, b1 + 12)))
        );
        let (a, z) = find_range(&d, "weekday-mismatch");
        assert_eq!((a, z), (pos(1, col(line1, w1)), pos(1, col(line1, w1 + 9))));
        // The NFD name itself is right: no finding on it.
        assert_eq!(d.len(), 3, "{d:?}");
        assert_eq!(s.shutdown_and_exit(), 0);
    }
}

#[test]
fn each_diagnostic_has_code_source_link_and_table_entry() {
    let (mut s, _) = Server::init(plain_caps(), None, Value::Null);
    s.open("file:///tmp/a.md", "markdown", "Hoang Xuan Chien spoke.\n");
    let d = s.diagnostics("file:///tmp/a.md", 1);
    let d = &d[0];
    assert_eq!(d["source"], "copydesk");
    assert_eq!(d["code"], "name-diacritics");
    assert_eq!(d["severity"], 2);
    let href = d["codeDescription"]["href"].as_str().unwrap();
    let doc = std::fs::read_to_string(path_of(href)).unwrap();
    assert!(doc.starts_with("# name-diacritics\n"), "{doc}");
    let rel = &d["relatedInformation"][0];
    let table = std::fs::read_to_string(path_of(rel["location"]["uri"].as_str().unwrap())).unwrap();
    let line = rel["location"]["range"]["start"]["line"].as_u64().unwrap() as usize;
    let next = table.lines().nth(line + 1).unwrap();
    assert!(next.contains("\"hoang-xuan-chien\""), "{line}: {next}");
    assert!(
        rel["message"]
            .as_str()
            .unwrap()
            .contains("Hoàng Xuân Chiến")
    );
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn a_burst_of_incremental_edits_ends_in_the_last_versions_diagnostics() {
    let (mut s, _) = Server::init(plain_caps(), None, Value::Null);
    let uri = "file:///tmp/burst.md";
    s.open(uri, "markdown", "");
    s.diagnostics(uri, 1);
    // Type an article a character at a time, with a typo fixed on the way.
    let typed =
        "Hoang Xuan Chien met Simon Ridlee on Wednesday, March 4, 2025.\nLater, Chien spoke.";
    let mut text = String::new();
    let mut version = 1;
    for c in typed.chars() {
        version += 1;
        let (line, col) = (
            text.matches('\n').count() as u64,
            text.rsplit('\n').next().unwrap().encode_utf16().count() as u64,
        );
        s.change(
            uri,
            json!(version),
            json!([{"range": range((line, col), (line, col)), "text": c.to_string()}]),
        );
        text.push(c);
    }
    // Now fix the spelling of Ridley: replace "ee" (cols 31..33 on line 0) with "ey".
    version += 1;
    s.change(
        uri,
        json!(version),
        json!([{"range": range((0, 31), (0, 33)), "text": "ey"}]),
    );
    let last = version;
    let d = s.diagnostics(uri, last);
    assert_eq!(
        codes(&d),
        vec!["name-diacritics", "weekday-mismatch", "name-diacritics"],
        "{d:?}"
    );
    // Never an older version after a newer one.
    let mut seen = -1;
    for m in s.drain(Duration::from_millis(300)) {
        if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri {
            let v = m["params"]["version"].as_i64().unwrap();
            assert!(v >= seen && v <= last, "{v} after {seen}");
            seen = v;
        }
    }
    // The server's text is the client's text.
    let h = s.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": pos(0, 27)}),
    );
    assert!(
        h["contents"]["value"]
            .as_str()
            .unwrap()
            .starts_with("**Simon Ridley**"),
        "{h}"
    );
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn versions_are_published_in_order_under_many_documents() {
    let (mut s, _) = Server::init(plain_caps(), None, Value::Null);
    for k in 0..5 {
        let uri = format!("file:///tmp/many{k}.md");
        s.open(&uri, "markdown", "x");
        for v in 2..40 {
            let text = if v % 2 == 0 {
                "Hoang Xuan Chien."
            } else {
                "Hoàng Xuân Chiến."
            };
            s.replace_text(&uri, v, text);
        }
    }
    for k in 0..5 {
        let uri = format!("file:///tmp/many{k}.md");
        let d = s.diagnostics(&uri, 39);
        assert!(d.is_empty(), "{d:?}");
    }
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn pull_diagnostics() {
    let (mut s, _) = Server::init(vscode_caps(), None, Value::Null);
    let uri = "file:///tmp/pull.md";
    s.open(uri, "markdown", "Permanent Secretary Simon Ridley came.\n");
    let r = s.call(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(r["kind"], "full");
    assert_eq!(
        codes(r["items"].as_array().unwrap()),
        vec!["title-mismatch"]
    );
    let id = r["resultId"].clone();
    let r = s.call(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}, "previousResultId": id}),
    );
    assert_eq!(r["kind"], "unchanged", "{r}");
    // No pushes in pull mode.
    let pushed = s
        .drain(Duration::from_millis(200))
        .into_iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .count();
    assert_eq!(pushed, 0);
    assert_eq!(s.shutdown_and_exit(), 0);
}

/// A pull right after a settings change (the client re-pulls as soon as the server asks it
/// to refresh) gets findings under the new settings, not the last ones computed.
#[test]
fn pull_right_after_a_settings_change_is_fresh() {
    let (mut s, _) = Server::init(vscode_caps(), None, Value::Null);
    let uri = "file:///tmp/pull-settings.md";
    s.open(
        uri,
        "markdown",
        "Permanent Secretary Simon Ridley came on Wednesday, March 4, 2025.\n",
    );
    let pull = |s: &mut Server| {
        let r = s.call(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        );
        codes(r["items"].as_array().unwrap())
    };
    assert_eq!(pull(&mut s), vec!["title-mismatch", "weekday-mismatch"]);
    // Let the worker store its computation, so a stale one is there to be reused.
    s.drain(Duration::from_millis(300));
    s.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"rules": {"weekday-mismatch": "off"}}}}),
    );
    assert_eq!(pull(&mut s), vec!["title-mismatch"]);
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn settings_from_options_configuration_and_config_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let file = root.join("a.md");
    let uri = uri(&file);
    let text = "Hoang Xuan Chien met Vietnam and Việt Nam officials on Wednesday, March 4, 2025.\n";
    let (mut s, _) = Server::init(
        plain_caps(),
        Some(&root),
        json!({"rules": {"weekday-mismatch": "error", "name-diacritics": "off"}}),
    );
    s.open(&uri, "markdown", text);
    let d = s.diagnostics(&uri, 1);
    assert_eq!(
        codes(&d),
        vec!["style-variant", "weekday-mismatch"],
        "{d:?}"
    );
    assert_eq!(d[1]["severity"], 1);
    // didChangeConfiguration replaces the editor's settings.
    s.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"rules": {"style-variant": "off"}}}}),
    );
    let d = s.diagnostics(&uri, 1);
    assert_eq!(
        codes(&d),
        vec!["name-diacritics", "weekday-mismatch"],
        "{d:?}"
    );
    // A copydesk.json in the workspace wins for the rules it sets (picked up by polling).
    std::fs::write(
        root.join("copydesk.json"),
        r#"{"rules": {"weekday-mismatch": "hint"}}"#,
    )
    .unwrap();
    let v = s.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| d.iter().any(|x| x["severity"] == 4))
    });
    assert_eq!(
        codes(v["params"]["diagnostics"].as_array().unwrap()),
        vec!["name-diacritics", "weekday-mismatch"]
    );
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn a_broken_table_keeps_the_last_good_one() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let table = root.join("people.json");
    let good = r#"{"people": [{"id": "lan", "name": "Nguyễn Thị Lan", "parts": {"family": "Nguyễn", "middle": "Thị", "given": "Lan"}, "order": "family-first", "country": "VN"}]}"#;
    std::fs::write(&table, good).unwrap();
    std::fs::write(root.join("copydesk.json"), r#"{"tables": ["people.json"]}"#).unwrap();
    let uri = uri(&root.join("a.md"));
    let (mut s, _) = Server::init(vscode_caps_push(), Some(&root), Value::Null);
    s.open(&uri, "markdown", "Nguyen Thi Lan spoke.\n");
    assert_eq!(codes(&s.diagnostics(&uri, 1)), vec!["name-diacritics"]);
    // Break it and say so.
    std::fs::write(&table, "{\n  \"people\": [ oops ]\n}\n").unwrap();
    s.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": lsp_support::uri(&table), "type": 2}]}),
    );
    let t = lsp_support::uri(&table);
    let td = s.published(&t);
    let items = td["diagnostics"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0]["range"]["start"]["line"], 1);
    let msg = s.wait(|m| m["method"] == "window/showMessage");
    assert!(
        msg["params"]["message"]
            .as_str()
            .unwrap()
            .contains("as it last loaded"),
        "{msg}"
    );
    // The last good table is still in use.
    assert_eq!(codes(&s.diagnostics(&uri, 1)), vec!["name-diacritics"]);
    // A second change while still broken: no second message.
    s.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": lsp_support::uri(&table), "type": 2}]}),
    );
    s.diagnostics(&uri, 1);
    let more = s.drain(Duration::from_millis(300));
    assert!(
        !more.iter().any(|m| m["method"] == "window/showMessage"),
        "{more:?}"
    );
    // Fixed: its diagnostics clear, and the new table is used.
    std::fs::write(&table, r#"{"people": []}"#).unwrap();
    s.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": lsp_support::uri(&table), "type": 2}]}),
    );
    let td = s.published(&t);
    assert_eq!(td["diagnostics"], json!([]));
    let d = s.diagnostics(&uri, 1);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(s.shutdown_and_exit(), 0);
}

/// VS Code's capabilities, but diagnostics pushed (no pull support).
fn vscode_caps_push() -> Value {
    let mut c = vscode_caps();
    c["textDocument"]
        .as_object_mut()
        .unwrap()
        .remove("diagnostic");
    c
}

#[test]
fn closing_clears_diagnostics() {
    let (mut s, _) = Server::init(plain_caps(), None, Value::Null);
    s.open("file:///tmp/c.md", "markdown", "Hoang Xuan Chien spoke.\n");
    assert_eq!(s.diagnostics("file:///tmp/c.md", 1).len(), 1);
    s.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": "file:///tmp/c.md"}}),
    );
    let m = s.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"].is_null()
    });
    assert_eq!(m["params"]["diagnostics"], json!([]));
    assert_eq!(s.shutdown_and_exit(), 0);
}
