//! The features end to end: hover cards (word for word), completion, quick fixes that make
//! a finding go away, fix-all, ignore, adding to the workspace table, navigation, status.

mod lsp_support;
mod support;

use lsp_support::*;
use serde_json::{Value, json};
use support::strings;

const ARTICLE: &str = "date 2025-03-07\n\nSenior Lieutenant General Hoàng Xuân Chiến greeted Simon Ridley in Hà Nội on Wednesday, March 4, 2025. Later, Chiến thanked Ridley.\n";

fn hover(s: &mut Server, uri: &str, line: u64, col: u64) -> Value {
    s.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": pos(line, col)}),
    )
}

#[test]
fn hover_cards_word_for_word() {
    let (mut s, _) = Server::init(plain_caps(), None, Value::Null);
    let uri = "file:///tmp/h.md";
    s.open(uri, "markdown", ARTICLE);
    s.diagnostics(uri, 1);
    let line = ARTICLE.lines().nth(2).unwrap();
    let col = |needle: &str| line[..line.find(needle).unwrap()].encode_utf16().count() as u64;
    let h = hover(&mut s, uri, 2, col("Xuân"));
    assert_eq!(
        h["contents"]["value"],
        "**Hoàng Xuân Chiến** (VN)\n\nTitles:\n- Deputy Defence Minister, Ministry of National Defence; also written Deputy Minister of Defence, Deputy Minister of National Defence, Deputy Defense Minister, Deputy Minister; Vietnamese: **Thứ trưởng Bộ Quốc phòng** (also Thứ trưởng Quốc phòng, Thứ trưởng)\n- Senior Lieutenant General; also written Sen. Lt. Gen., Senior Lt. Gen., Sen. Lt. General; Vietnamese: **Thượng tướng**\n\nName order: family name first. Second reference: **Chiến** (not Hoàng).\n\nAlso: General Chiến\n\nSources:\n- 000_81e2ba5f78579261.txt, lines 1, 2, 5, 8, 17, 20\n- VNA/VNS, 001_9d09c6c4d54eea1e.txt (2025-03-04), lines 6, 8, 10, 14"
    );
    assert_eq!(h["contents"]["kind"], "markdown");
    assert_eq!(h["range"]["start"], pos(2, col("Hoàng")));
    // The same card on the second reference and on the title before the name.
    let later = hover(&mut s, uri, 2, col("Chiến thanked"));
    assert_eq!(later["contents"], h["contents"]);
    let title = hover(&mut s, uri, 2, col("Lieutenant"));
    assert_eq!(title["contents"], h["contents"]);
    // A date: weekday, ISO date, distance from the publication date, the event that day.
    let d = hover(&mut s, uri, 2, col("March"));
    assert_eq!(
        d["contents"]["value"],
        "**Tuesday, March 4, 2025**\n\n- ISO date: 2025-03-04\n- Written as Wednesday, but it is a Tuesday\n- 3 days before the publication date (2025-03-07)\n- Event that day: Việt Nam–UK talks on human trafficking, Hà Nội"
    );
    // A place.
    let p = hover(&mut s, uri, 2, col("Nội"));
    assert!(
        p["contents"]["value"]
            .as_str()
            .unwrap()
            .starts_with("**Hà Nội** (city, VN)\n\nVariants: Hanoi"),
        "{p}"
    );
    // Nothing to say on an ordinary word.
    assert_eq!(hover(&mut s, uri, 2, col("greeted")), Value::Null);
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn hover_in_utf8_after_an_emoji() {
    let (mut s, _) = Server::init(nvim_caps(), None, Value::Null);
    let uri = "file:///tmp/h8.md";
    let text = "🇻🇳 Hoa\u{300}ng Xua\u{302}n Chie\u{302}\u{301}n spoke.\n";
    s.open(uri, "markdown", text);
    let at = text.find("Chie").unwrap() as u64;
    let h = hover(&mut s, uri, 0, at);
    assert!(
        h["contents"]["value"]
            .as_str()
            .unwrap()
            .starts_with("**Hoàng Xuân Chiến**")
    );
    assert_eq!(
        h["range"]["start"],
        pos(0, text.find("Hoa").unwrap() as u64)
    );
    assert_eq!(
        h["range"]["end"],
        pos(0, text.find(" spoke").unwrap() as u64)
    );
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn completion_offers_names_with_their_diacritics() {
    let (mut s, _) = Server::init(plain_caps(), None, Value::Null);
    let uri = "file:///tmp/c.md";
    s.open(uri, "markdown", "Talks were led by Hoang");
    let r = s.call(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": pos(0, 23)}),
    );
    let items = r.as_array().unwrap();
    let item = items
        .iter()
        .find(|i| i["label"] == "Hoàng Xuân Chiến")
        .unwrap_or_else(|| panic!("{r}"));
    assert_eq!(item["textEdit"]["range"]["start"], pos(0, 18));
    assert_eq!(item["textEdit"]["newText"], "Hoàng Xuân Chiến");
    assert_eq!(item["filterText"], "Hoang Xuan Chien");
    assert!(
        item["documentation"]["value"]
            .as_str()
            .unwrap()
            .starts_with("**Hoàng Xuân Chiến**")
    );
    // Two words typed, and a place.
    s.replace_text(uri, 2, "in Ha No");
    let r = s.call(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": pos(0, 8)}),
    );
    assert_eq!(r[0]["label"], "Hà Nội", "{r}");
    assert_eq!(r[0]["textEdit"]["range"]["start"], pos(0, 3));
    // Lowercase: nothing.
    s.replace_text(uri, 3, "the hoang");
    let r = s.call(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": pos(0, 9)}),
    );
    assert_eq!(r, Value::Null);
    assert_eq!(s.shutdown_and_exit(), 0);
}

fn actions(s: &mut Server, uri: &str, range: Value, only: Option<Vec<&str>>) -> Vec<Value> {
    let mut ctx = json!({"diagnostics": []});
    if let Some(o) = only {
        ctx["only"] = json!(o);
    }
    s.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range, "context": ctx}),
    )
    .as_array()
    .unwrap()
    .clone()
}

#[test]
fn a_quick_fix_makes_the_finding_go_away() {
    let (mut s, _) = Server::init(plain_caps(), None, Value::Null);
    let uri = "file:///tmp/q.md";
    let text = "Hoang Xuan Chien 👍 met the press on Wednesday, March 4, 2025.\n";
    s.open(uri, "markdown", text);
    let d = s.diagnostics(uri, 1);
    assert_eq!(codes(&d), vec!["name-diacritics", "weekday-mismatch"]);
    let acts = actions(&mut s, uri, d[1]["range"].clone(), None);
    let fix = acts
        .iter()
        .find(|a| a["title"] == "Replace with 'Tuesday'")
        .unwrap_or_else(|| panic!("{acts:?}"));
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true);
    assert_eq!(fix["diagnostics"][0]["code"], "weekday-mismatch");
    let edits = fix["edit"]["changes"][uri].as_array().unwrap();
    let fixed = apply_edits(text, edits);
    assert_eq!(
        fixed,
        "Hoang Xuan Chien 👍 met the press on Tuesday, March 4, 2025.\n"
    );
    s.replace_text(uri, 2, &fixed);
    assert_eq!(codes(&s.diagnostics(uri, 2)), vec!["name-diacritics"]);
    // Fix all: every safe fix at once.
    let acts = actions(
        &mut s,
        uri,
        range((0, 0), (0, 0)),
        Some(vec!["source.fixAll"]),
    );
    assert_eq!(acts.len(), 1, "{acts:?}");
    assert_eq!(acts[0]["kind"], "source.fixAll.copydesk");
    let fixed2 = apply_edits(&fixed, acts[0]["edit"]["changes"][uri].as_array().unwrap());
    assert!(fixed2.starts_with("Hoàng Xuân Chiến 👍"), "{fixed2}");
    s.replace_text(uri, 3, &fixed2);
    assert!(s.diagnostics(uri, 3).is_empty());
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn fix_all_is_a_quick_fix_too_and_comes_once() {
    let (mut s, _) = Server::init(plain_caps(), None, Value::Null);
    let uri = "file:///tmp/fixall.md";
    let text = "Hoang Xuan Chien met the press on Wednesday, March 4, 2025.\n";
    s.open(uri, "markdown", text);
    let d = s.diagnostics(uri, 1);
    assert_eq!(codes(&d), vec!["name-diacritics", "weekday-mismatch"]);
    let title = "Fix all copydesk findings in this file (2)";
    let with_title = |acts: &[Value]| {
        acts.iter()
            .filter(|a| a["title"] == title)
            .map(|a| a["kind"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    // The quick-fix menu (Ctrl+. in VS Code asks for quickfix among others).
    let acts = actions(&mut s, uri, d[1]["range"].clone(), Some(vec!["quickfix"]));
    assert_eq!(with_title(&acts), ["quickfix"], "{acts:?}");
    let all = acts.iter().find(|a| a["title"] == title).unwrap();
    let fixed = apply_edits(text, all["edit"]["changes"][uri].as_array().unwrap());
    assert_eq!(
        fixed,
        "Hoàng Xuân Chiến met the press on Tuesday, March 4, 2025.\n"
    );
    // Every kind (Neovim's code action menu): once, as the quick fix.
    let acts = actions(&mut s, uri, d[1]["range"].clone(), None);
    assert_eq!(with_title(&acts), ["quickfix"], "{acts:?}");
    // On save (codeActionsOnSave) and in the Source Action menu: the source kind.
    for only in ["source.fixAll", "source"] {
        let acts = actions(&mut s, uri, d[1]["range"].clone(), Some(vec![only]));
        assert_eq!(
            with_title(&acts),
            ["source.fixAll.copydesk"],
            "{only}: {acts:?}"
        );
    }
    // Not on a word without a finding.
    let acts = actions(&mut s, uri, range((0, 22), (0, 22)), Some(vec!["quickfix"]));
    assert!(with_title(&acts).is_empty(), "{acts:?}");
    // With one fix left, the quick fix alone is enough; fix-all stays a source action.
    let one = "Hoàng Xuân Chiến met the press on Wednesday, March 4, 2025.\n";
    s.replace_text(uri, 2, one);
    let d = s.diagnostics(uri, 2);
    assert_eq!(codes(&d), vec!["weekday-mismatch"]);
    let acts = actions(&mut s, uri, d[0]["range"].clone(), None);
    let kinds: Vec<_> = acts
        .iter()
        .filter(|a| a["title"].as_str().unwrap().starts_with("Fix all"))
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["source.fixAll.copydesk"], "{acts:?}");
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn ignore_on_this_line() {
    for (lang, mark) in [
        ("markdown", " <!-- copydesk: ignore -->"),
        ("plaintext", " copydesk: ignore"),
    ] {
        let (mut s, _) = Server::init(plain_caps(), None, Value::Null);
        let uri = "file:///tmp/i.txt";
        let text = "Hoang Xuan Chien spoke.\r\nNext line.\r\n";
        s.open(uri, lang, text);
        let d = s.diagnostics(uri, 1);
        let acts = actions(&mut s, uri, d[0]["range"].clone(), Some(vec!["quickfix"]));
        let ign = acts
            .iter()
            .find(|a| a["title"] == "Ignore copydesk findings on this line")
            .unwrap();
        let edits = ign["edit"]["changes"][uri].as_array().unwrap();
        assert_eq!(edits[0]["range"]["start"], pos(0, 23));
        let fixed = apply_edits(text, edits);
        assert_eq!(
            fixed,
            format!("Hoang Xuan Chien spoke.{mark}\r\nNext line.\r\n")
        );
        s.replace_text(uri, 2, &fixed);
        assert!(s.diagnostics(uri, 2).is_empty());
        assert_eq!(s.shutdown_and_exit(), 0);
    }
}

#[test]
fn adding_an_alias_creates_the_workspace_table_and_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let uri = uri(&root.join("story.md"));
    let (mut s, _) = Server::init(nvim_caps(), Some(&root), Value::Null);
    s.open(
        &uri,
        "markdown",
        "Simon Ridlee arrived. Later Nguyễn Thị Lan spoke.\n",
    );
    let d = s.diagnostics(&uri, 1);
    assert_eq!(codes(&d), vec!["name-spelling"]);
    let acts = actions(&mut s, &uri, d[0]["range"].clone(), None);
    let add = acts
        .iter()
        .find(|a| {
            a["title"] == "Add 'Simon Ridlee' to the workspace table as an alias of Simon Ridley"
        })
        .unwrap_or_else(|| panic!("{acts:?}"));
    let cmd = add["command"].clone();
    assert_eq!(cmd["command"], "copydesk.addToTable");
    let r = s.request(
        "workspace/executeCommand",
        json!({"command": cmd["command"], "arguments": cmd["arguments"]}),
    );
    assert!(r.get("error").is_none(), "{r}");
    // The edit created both files (our client writes them, as an editor that saves would).
    let edit = &s.applied[0];
    let kinds: Vec<&Value> = edit["documentChanges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| &o["kind"])
        .collect();
    assert_eq!(
        kinds.iter().filter(|k| **k == "create").count(),
        2,
        "{edit}"
    );
    let table = std::fs::read_to_string(root.join("copydesk.table.json")).unwrap();
    assert!(table.contains("\"Simon Ridlee\""), "{table}");
    let config = std::fs::read_to_string(root.join("copydesk.json")).unwrap();
    assert!(config.contains("copydesk.table.json"), "{config}");
    // The server picks the new table up: the finding goes away.
    let v = s.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["diagnostics"] == json!([])
    });
    assert_eq!(v["params"]["uri"], uri.as_str());
    // A new person, from the cursor on an unknown name.
    let line = "Simon Ridlee arrived. Later Nguyễn Thị Lan spoke.";
    let at = line.find("Thị").unwrap() as u64;
    let acts = actions(&mut s, &uri, range((0, at), (0, at)), None);
    let add = acts
        .iter()
        .find(|a| {
            a["title"] == "Add 'Later Nguyễn Thị Lan' to the workspace table as a new person"
                || a["title"] == "Add 'Nguyễn Thị Lan' to the workspace table as a new person"
        })
        .unwrap_or_else(|| panic!("{acts:?}"));
    let _ = add;
    // With a selection, exactly the selected name.
    let a = line.find("Nguy").unwrap() as u64;
    let b = line.find(" spoke").unwrap() as u64;
    let acts = actions(&mut s, &uri, range((0, a), (0, b)), None);
    let add = acts
        .iter()
        .find(|a| a["title"] == "Add 'Nguyễn Thị Lan' to the workspace table as a new person")
        .unwrap_or_else(|| panic!("{acts:?}"));
    let cmd = add["command"].clone();
    let r = s.request(
        "workspace/executeCommand",
        json!({"command": cmd["command"], "arguments": cmd["arguments"]}),
    );
    assert!(r.get("error").is_none(), "{r}");
    let table = std::fs::read_to_string(root.join("copydesk.table.json")).unwrap();
    assert!(table.contains("\"nguyen-thi-lan\""), "{table}");
    // Known now: a hover card for her.
    let h = s.wait_hover(&uri, 0, a + 3);
    assert!(h.starts_with("**Nguyễn Thị Lan** (VN)"), "{h}");
    let status = s.call("copydesk/status", json!({"uri": uri}));
    assert_eq!(status["tables"].as_array().unwrap().len(), 2, "{status}");
    assert_eq!(status["findings"], 0);
    assert_eq!(s.shutdown_and_exit(), 0);
}

trait HoverWait {
    fn wait_hover(&mut self, uri: &str, line: u64, col: u64) -> String;
}

impl HoverWait for Server {
    /// Hover until a card comes (the server reloads tables in the background).
    fn wait_hover(&mut self, uri: &str, line: u64, col: u64) -> String {
        for _ in 0..100 {
            let h = hover(self, uri, line, col);
            if let Some(v) = h["contents"]["value"].as_str() {
                return v.to_string();
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("no hover card");
    }
}

#[test]
fn definition_highlights_and_symbols() {
    let (mut s, _) = Server::init(plain_caps(), None, Value::Null);
    let uri = "file:///tmp/n.md";
    s.open(uri, "markdown", ARTICLE);
    let line = ARTICLE.lines().nth(2).unwrap();
    let col = |needle: &str| line[..line.find(needle).unwrap()].encode_utf16().count() as u64;
    let def = s.call(
        "textDocument/definition",
        json!({"textDocument": {"uri": uri}, "position": pos(2, col("Ridley in"))}),
    );
    let table = std::fs::read_to_string(path_of(def["uri"].as_str().unwrap())).unwrap();
    let l = def["range"]["start"]["line"].as_u64().unwrap() as usize;
    assert!(
        table
            .lines()
            .nth(l + 1)
            .unwrap()
            .contains("\"simon-ridley\"")
    );
    // The default table's copy is read-only.
    assert!(
        std::fs::metadata(path_of(def["uri"].as_str().unwrap()))
            .unwrap()
            .permissions()
            .readonly()
    );
    let hl = s.call(
        "textDocument/documentHighlight",
        json!({"textDocument": {"uri": uri}, "position": pos(2, col("Hoàng"))}),
    );
    let starts: Vec<u64> = hl
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["range"]["start"]["character"].as_u64().unwrap())
        .collect();
    assert_eq!(
        starts,
        vec![col("Senior"), col("Hoàng"), col("Chiến thanked")]
    );
    let sym = s.call(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let names = strings(sym.as_array().unwrap(), "name");
    assert_eq!(
        names,
        vec![
            "2025-03-07",
            "Hoàng Xuân Chiến",
            "Simon Ridley",
            "Hà Nội",
            "Wednesday, March 4, 2025"
        ],
        "{sym}"
    );
    assert_eq!(sym[1]["children"].as_array().unwrap().len(), 3);
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn open_table_and_status() {
    let (mut s, _) = Server::init(plain_caps(), None, Value::Null);
    let r = s.call(
        "workspace/executeCommand",
        json!({"command": "copydesk.openTable"}),
    );
    let path = path_of(r.as_str().unwrap());
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains("\"hoang-xuan-chien\""));
    let st = s.call("copydesk/status", Value::Null);
    assert_eq!(st["findings"], Value::Null);
    assert_eq!(st["tables"][0]["path"], "<default table>");
    assert_eq!(st["entries"], st["tables"][0]["entries"]);
    s.open(
        "file:///tmp/s.md",
        "markdown",
        "Hoang Xuan Chien and Simon Ridlee.\n",
    );
    let st = s.call("copydesk/status", json!({"uri": "file:///tmp/s.md"}));
    assert_eq!(st["findings"], 2);
    assert_eq!(s.shutdown_and_exit(), 0);
}

/// Right after an edit elsewhere (a quick fix applied on another line), code actions at a
/// finding still offer its fixes and table actions.
#[test]
fn code_actions_right_after_an_edit_elsewhere() {
    let (mut s, _) = Server::init(vscode_caps(), None, Value::Null);
    let uri = "file:///tmp/after-edit.md";
    let text = "Senior Lieutenant General Hoang Xuan Chien met the press.\n\nAfterwards Simon Ridlee took questions.\n";
    s.open(uri, "markdown", text);
    let r = s.call(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(
        codes(r["items"].as_array().unwrap()),
        vec!["name-diacritics", "name-spelling"]
    );
    for round in 0..20 {
        // Alternate the fix and its undo on line 0 (both 16 characters in UTF-16).
        let to = if round % 2 == 0 {
            "Hoàng Xuân Chiến"
        } else {
            "Hoang Xuan Chien"
        };
        s.change(
            uri,
            json!(round + 2),
            json!([{"range": range((0, 26), (0, 42)), "text": to}]),
        );
        let acts = actions(&mut s, uri, range((2, 13), (2, 13)), None);
        let titles: Vec<&str> = acts.iter().filter_map(|a| a["title"].as_str()).collect();
        assert!(
            titles
                .contains(&"Add 'Simon Ridlee' to the workspace table as an alias of Simon Ridley"),
            "round {round}: {titles:?}"
        );
    }
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn timing_logs_the_servers_own_side_of_requests_and_edits() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("timing.log");
    let (mut s, _) = Server::init_env(
        plain_caps(),
        None,
        json!({"logFile": log}),
        &[("COPYDESK_LSP_TIMING", "1")],
    );
    let uri = "file:///tmp/timing.md";
    s.open(uri, "markdown", ARTICLE);
    s.diagnostics(uri, 1);
    let line = ARTICLE.lines().nth(2).unwrap();
    let at = line[..line.find("Xuân").unwrap()].encode_utf16().count() as u64;
    assert!(hover(&mut s, uri, 2, at).is_object());
    // The server logs a time once the answer or the diagnostics are on their way: wait for
    // the line.
    let ms = |prefix: &str| -> f64 {
        let until = std::time::Instant::now() + WAIT;
        let text = loop {
            let text = std::fs::read_to_string(&log).unwrap_or_default();
            if text.contains(prefix) || std::time::Instant::now() > until {
                break text;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        };
        let line = text
            .lines()
            .find(|l| l.contains(prefix))
            .unwrap_or_else(|| panic!("no {prefix:?} line in the log:\n{text}"));
        let rest = &line[line.rfind(" in ").or(line.find(" published ")).unwrap()..];
        let number = rest
            .split_whitespace()
            .find_map(|w| w.parse::<f64>().ok())
            .unwrap_or_else(|| panic!("no time in {line:?}"));
        assert!((0.0..10_000.0).contains(&number), "{line:?}: {number} ms");
        number
    };
    ms("timing: hover ");
    ms(&format!("timing: diagnostics of {uri} (version 1, "));
}

#[test]
fn no_timing_lines_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("quiet.log");
    let (mut s, _) = Server::init(plain_caps(), None, json!({"logFile": log}));
    let uri = "file:///tmp/quiet.md";
    s.open(uri, "markdown", ARTICLE);
    s.diagnostics(uri, 1);
    hover(&mut s, uri, 2, 30);
    let text = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(!text.contains("timing:"), "{text}");
}
