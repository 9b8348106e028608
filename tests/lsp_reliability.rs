//! The language server against the bad inputs and loads of issue 11, end to end over stdio:
//! malformed changes, versions that go backwards or overflow, "add to table" with the table
//! open and unsaved, addresses with `..`, a log file on a FIFO; cheap requests beside slow
//! ones, cancellation, stale results; a client that does not read; many documents opened
//! and closed.

mod lsp_support;
mod support;

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use lsp_support::*;
use serde_json::{Value, json};
#[cfg(unix)]
use support::mkfifo;
#[cfg(target_os = "linux")]
use support::proc_status;
use support::strings;

const DEBUG: &[(&str, &str)] = &[("COPYDESK_LSP_DEBUG", "1")];

fn text_of(s: &mut Server, uri: &str) -> Value {
    s.call("copydesk/debug", json!({ "text": uri }))
}

#[test]
fn a_malformed_change_is_refused_the_text_kept_and_a_save_brings_it_back() {
    let (mut s, init) = Server::init_env(plain_caps(), None, Value::Null, DEBUG);
    assert_eq!(
        init["result"]["capabilities"]["textDocumentSync"]["save"]["includeText"], true,
        "{init}"
    );
    let text = "Hoang Xuan Chien spoke.\n";
    let malformed = [
        json!({"start": {"line": -1, "character": 0}, "end": pos(0, 0)}),
        json!({"start": {"line": 0, "character": 4294967296u64}, "end": pos(0, 0)}),
        json!({"start": {"line": "0", "character": 0}, "end": pos(0, 0)}),
        json!({"start": pos(0, 0)}),
        Value::Null,
    ];
    for (i, r) in malformed.iter().enumerate() {
        let uri = format!("file:///tmp/malformed-{i}.md");
        s.open(&uri, "markdown", text);
        assert_eq!(s.diagnostics(&uri, 1).len(), 1);
        s.change(&uri, json!(2), json!([{"range": r, "text": "X"}]));
        // Kept, not replaced by the change's text.
        assert_eq!(text_of(&mut s, &uri), json!(text), "{r}");
        // Its diagnostics are withdrawn; the user is told how to bring it back.
        let p = s.published(&uri);
        assert_eq!(p["diagnostics"], json!([]), "{r}");
        let m = s.wait(|m| m["method"] == "window/showMessage");
        let msg = m["params"]["message"].as_str().unwrap();
        assert!(msg.contains(&format!("malformed-{i}.md")), "{msg}");
        assert!(msg.contains("Save it"), "{msg}");
        // Requests on it say the content is not what the client has.
        let h = s.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": pos(0, 1)}),
        );
        assert_eq!(h["error"]["code"], -32801, "{h}");
        // Later incremental edits cannot apply to a text the server does not have.
        s.change(
            &uri,
            json!(3),
            json!([{"range": range((0, 0), (0, 0)), "text": "Y"}]),
        );
        assert_eq!(text_of(&mut s, &uri), json!(text));
    }
    // Saving (with the text, as the server asked) brings it back, checked again.
    let uri = "file:///tmp/malformed-0.md";
    let saved = "Hoang Xuan Chien met Simon Ridlee.\n";
    s.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}, "text": saved}),
    );
    let p = s.published(uri);
    assert_eq!(p["diagnostics"].as_array().unwrap().len(), 2, "{p}");
    assert_eq!(text_of(&mut s, uri), json!(saved));
    // So does a whole-text change.
    let uri = "file:///tmp/malformed-1.md";
    s.change(uri, json!(9), json!([{"text": "Simon Ridlee"}]));
    let p = s.published(uri);
    assert_eq!(p["diagnostics"].as_array().unwrap().len(), 1, "{p}");
    assert_eq!(p["version"], 9);
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn versions_that_go_back_or_overflow_do_not_stop_diagnostics() {
    let (mut s, _) = Server::init(plain_caps(), None, Value::Null);
    let uri = "file:///tmp/versions.md";
    s.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 10, "text": "Hoang Xuan Chien spoke.\n"}}),
    );
    assert_eq!(s.diagnostics(uri, 10).len(), 1);
    let add = |n: u64| json!([{"range": range((0, 23 + n), (0, 23 + n)), "text": " Ridlee"}]);
    // Backwards: 10 → 5, still published (with the client's number).
    s.change(
        uri,
        json!(5),
        json!([{"range": range((0, 0), (0, 0)), "text": "Simon Ridlee. "}]),
    );
    assert_eq!(s.diagnostics(uri, 5).len(), 2);
    // 2^31 does not fit LSP's 32-bit integer: published without a version.
    s.change(uri, json!(2147483648u64), add(14));
    let p = s.published(uri);
    assert!(p["version"].is_null(), "{p}");
    assert_eq!(p["diagnostics"].as_array().unwrap().len(), 2);
    // And after it, diagnostics go on.
    s.change(
        uri,
        json!(6),
        json!([{"range": range((1, 0), (1, 0)), "text": "Permanent Secretary Simon Ridley.\n"}]),
    );
    assert_eq!(s.diagnostics(uri, 6).len(), 3);
    assert_eq!(s.shutdown_and_exit(), 0);
}

fn workspace() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap().join("ws");
    std::fs::create_dir_all(&root).unwrap();
    (dir, root)
}

fn add_person(s: &mut Server, article: &str, name: &str) -> Value {
    s.request(
        "workspace/executeCommand",
        json!({"command": "copydesk.addToTable", "arguments": [{"uri": article, "action": "person", "text": name}]}),
    )
}

#[test]
fn add_to_table_edits_the_open_buffer_at_its_version() {
    let (_dir, root) = workspace();
    std::fs::write(
        root.join("copydesk.json"),
        r#"{"tables": ["copydesk.table.json"]}"#,
    )
    .unwrap();
    std::fs::write(root.join("copydesk.table.json"), "{\"people\": []}\n").unwrap();
    let (mut s, _) = Server::init_env(plain_caps(), Some(&root), Value::Null, DEBUG);
    s.write_edits = false;
    // The table is open with an unsaved entry.
    let table_uri = uri(&root.join("copydesk.table.json"));
    let unsaved =
        r#"{"people": [{"id": "anna-bell", "name": "Anna Bell", "order": "given-first"}]}"#;
    s.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": table_uri, "languageId": "json", "version": 7, "text": unsaved}}),
    );
    let article = uri(&root.join("a.md"));
    s.open(&article, "markdown", "Nguyễn Thị Lan spoke.\n");
    s.diagnostics(&article, 1);
    let r = add_person(&mut s, &article, "Nguyễn Thị Lan");
    assert!(r.get("error").is_none(), "{r}");
    let edit = s.applied.last().unwrap().clone();
    let ops = edit["documentChanges"].as_array().unwrap();
    let table_edit = ops
        .iter()
        .find(|o| o["textDocument"]["uri"] == table_uri.as_str())
        .unwrap_or_else(|| panic!("{edit}"));
    // Tied to the buffer's version, computed from the buffer's text: the unsaved entry
    // and the new one, and nothing else.
    assert_eq!(table_edit["textDocument"]["version"], 7, "{edit}");
    let e = &table_edit["edits"][0];
    assert_eq!(e["range"], range((0, 0), (0, unsaved.len() as u64)));
    let new: Value = serde_json::from_str(e["newText"].as_str().unwrap()).unwrap();
    let ids = strings(new["people"].as_array().unwrap(), "id");
    assert_eq!(ids, ["anna-bell", "nguyen-thi-lan"]);
    // No create of a file that is open.
    assert!(!ops.iter().any(|o| o["kind"] == "create"), "{edit}");
    // A buffer whose text the server lost is not edited.
    s.change(&table_uri, json!(8), json!([{"range": null, "text": "x"}]));
    let n = s.applied.len();
    let r = add_person(&mut s, &article, "Anna Kovacs");
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap()
            .contains("lost track"),
        "{r}"
    );
    assert_eq!(s.applied.len(), n);
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn add_to_table_refuses_to_write_outside_the_workspace() {
    let (dir, root) = workspace();
    let outside = dir.path().canonicalize().unwrap().join("secret");
    std::fs::create_dir_all(&outside).unwrap();
    let (mut s, _) = Server::init(plain_caps(), Some(&root), Value::Null);
    s.write_edits = false;
    // `ws/../secret/a.md` is `secret/a.md`: outside the workspace folder.
    let sneaky = format!("{}/../secret/a.md", uri(&root));
    s.open(&sneaky, "markdown", "Nguyễn Thị Lan spoke.\n");
    s.diagnostics(&sneaky, 1);
    let r = add_person(&mut s, &sneaky, "Nguyễn Thị Lan");
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap()
            .contains("outside the workspace"),
        "{r}"
    );
    assert!(s.applied.is_empty());
    assert!(!outside.join("copydesk.json").exists());
    // `ws/sub/../a.md` is inside: the files land in the workspace folder, named plainly.
    let fine = format!("{}/sub/../a.md", uri(&root));
    s.open(&fine, "markdown", "Nguyễn Thị Lan spoke.\n");
    s.diagnostics(&fine, 1);
    let r = add_person(&mut s, &fine, "Nguyễn Thị Lan");
    assert!(r.get("error").is_none(), "{r}");
    let edit = s.applied.last().unwrap().to_string();
    assert!(
        edit.contains(&uri(&root.join("copydesk.table.json"))),
        "{edit}"
    );
    assert!(!edit.contains(".."), "{edit}");
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[cfg(unix)]
#[test]
fn a_log_file_on_a_fifo_does_not_hold_up_initialize() {
    let (_dir, root) = workspace();
    let fifo = root.join("log.fifo");
    mkfifo(&fifo);
    let t = Instant::now();
    let (mut s, init) = Server::init(plain_caps(), Some(&root), json!({"logFile": fifo}));
    assert!(init.get("result").is_some(), "{init}");
    assert!(t.elapsed() < Duration::from_secs(3), "{:?}", t.elapsed());
    // And it serves.
    s.open(
        "file:///tmp/fifo-log.md",
        "markdown",
        "Hoang Xuan Chien spoke.\n",
    );
    assert_eq!(s.diagnostics("file:///tmp/fifo-log.md", 1).len(), 1);
    assert_eq!(s.shutdown_and_exit(), 0);
}

/// A document of about `bytes` bytes of prose, a few findings in it.
fn big_text(bytes: usize) -> String {
    let finding = "Hoang Xuan Chien met Permanent Secretary Simon Ridley in Ha Noi on Wednesday, March 4, 2025.\n\n";
    let plain = "The officials spoke of the talks and of the weeks to come, and the reporters waited outside.\n\n";
    let mut out = String::new();
    let mut i = 0;
    while out.len() < bytes {
        out.push_str(if i % 40 == 0 { finding } else { plain });
        i += 1;
    }
    out
}

#[test]
fn a_hover_never_waits_behind_slow_work_and_cancels_reach_queued_and_running_work() {
    let (mut s, _) = Server::init_env(plain_caps(), None, Value::Null, DEBUG);
    let large = "file:///tmp/large.md";
    let small = "file:///tmp/small.md";
    s.open(large, "markdown", &big_text(300_000));
    s.open(small, "markdown", "Hoang Xuan Chien spoke.\n");
    s.diagnostics(small, 1);
    // Eight slow requests on the large document: two run, six wait.
    let slow: Vec<i64> = (0..8)
        .map(|_| s.send_request("copydesk/debug", json!({"sleepMs": 30000, "uri": large})))
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    let t = Instant::now();
    let h = s.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": small}, "position": pos(0, 2)}),
    );
    assert!(h["contents"]["value"].as_str().unwrap().contains("Hoàng"));
    assert!(
        t.elapsed() < Duration::from_secs(2),
        "hover took {:?}",
        t.elapsed()
    );
    // Cancelling answers each at once, queued or running.
    let t = Instant::now();
    for id in &slow {
        s.notify("$/cancelRequest", json!({"id": id}));
    }
    for id in &slow {
        let r = s.response(*id);
        assert_eq!(r["error"]["code"], -32800, "{r}");
    }
    assert!(
        t.elapsed() < Duration::from_secs(2),
        "cancels took {:?}",
        t.elapsed()
    );
    // The running ones stopped too: the large lane is free again at once.
    let t = Instant::now();
    let r = s.request("copydesk/debug", json!({"sleepMs": 1, "uri": large}));
    assert!(r.get("error").is_none(), "{r}");
    assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
    // Real slow work: code actions on the large document while a hover on the small one.
    let actions: Vec<i64> = (0..8)
        .map(|i| {
            s.send_request(
                "textDocument/codeAction",
                json!({"textDocument": {"uri": large}, "range": range((i, 0), (i, 5)), "context": {"diagnostics": []}}),
            )
        })
        .collect();
    let t = Instant::now();
    s.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": small}, "position": pos(0, 2)}),
    );
    assert!(
        t.elapsed() < Duration::from_secs(2),
        "hover took {:?}",
        t.elapsed()
    );
    // (Checking the large document takes a while in a debug build.)
    let t = Instant::now();
    for id in actions {
        let r = s
            .try_wait(
                move |m| m.get("id") == Some(&json!(id)) && m.get("method").is_none(),
                Duration::from_secs(300),
            )
            .expect("the code action is answered");
        assert!(r.get("error").is_none(), "{r}");
    }
    eprintln!("8 code actions on the large document: {:?}", t.elapsed());
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn results_for_a_text_that_changed_are_dropped() {
    let (mut s, _) = Server::init_env(plain_caps(), None, Value::Null, DEBUG);
    let uri = "file:///tmp/stale.md";
    s.open(uri, "markdown", "Hoang Xuan Chien spoke.\n");
    s.diagnostics(uri, 1);
    let id = s.send_request("copydesk/debug", json!({"sleepMs": 800, "uri": uri}));
    std::thread::sleep(Duration::from_millis(100));
    s.change(
        uri,
        json!(2),
        json!([{"range": range((0, 0), (0, 0)), "text": "Then "}]),
    );
    let r = s.response(id);
    assert_eq!(r["error"]["code"], -32801, "{r}");
    // Pulled diagnostics of an old text ask the client to pull again.
    let (mut p, _) = Server::init_env(vscode_caps(), None, Value::Null, DEBUG);
    p.open(uri, "markdown", "Hoang Xuan Chien spoke.\n");
    // Hold both small threads so the pull waits, then change the text.
    let hold: Vec<i64> = (0..2)
        .map(|_| p.send_request("copydesk/debug", json!({"sleepMs": 600})))
        .collect();
    std::thread::sleep(Duration::from_millis(100));
    let pull = p.send_request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}}),
    );
    p.change(
        uri,
        json!(2),
        json!([{"range": range((0, 0), (0, 0)), "text": "Then "}]),
    );
    let r = p.response(pull);
    assert_eq!(r["error"]["code"], -32802, "{r}");
    assert_eq!(r["error"]["data"]["retriggerRequest"], true, "{r}");
    for id in hold {
        p.response(id);
    }
    let r = p.call(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(r["items"].as_array().unwrap().len(), 1, "{r}");
    assert_eq!(s.shutdown_and_exit(), 0);
    assert_eq!(p.shutdown_and_exit(), 0);
}

#[cfg(target_os = "linux")]
#[test]
fn a_client_that_does_not_read_holds_the_server_back_and_loses_nothing() {
    let mut child = Command::new(bin())
        .arg("lsp")
        .env("COPYDESK_LSP_DEBOUNCE_MS", "0")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let uri = "file:///tmp/flood.md";
    // Each answer is a few kilobytes: a hover card.
    let text = "Hoàng Xuân Chiến met Simon Ridley.\n";
    let mut head = framed(
        &json!({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"capabilities": {}}}),
    );
    head.extend(framed(
        &json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    ));
    head.extend(framed(&json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}})));
    stdin.write_all(&head).unwrap();
    let sent = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let sent = sent.clone();
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut id = 1u64;
            while !stop.load(Ordering::SeqCst) && id <= 200_000 {
                let msg = framed(
                    &json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover", "params": {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 2}}}),
                );
                if stdin.write_all(&msg).is_err() {
                    break;
                }
                sent.store(id, Ordering::SeqCst);
                id += 1;
            }
            stdin
        })
    };
    // Nobody reads stdout for five seconds.
    std::thread::sleep(Duration::from_secs(4));
    let at4 = sent.load(Ordering::SeqCst);
    std::thread::sleep(Duration::from_secs(1));
    let at5 = sent.load(Ordering::SeqCst);
    let rss_kb = proc_status(pid, "VmRSS");
    let threads = proc_status(pid, "Threads");
    assert_eq!(
        at4, at5,
        "the client could still write: nothing held it back"
    );
    assert!(at5 < 200_000, "{at5}");
    assert!(rss_kb < 200_000, "RSS {rss_kb} kB");
    assert!(threads < 32, "{threads} threads");
    // Now read: every request sent is answered.
    stop.store(true, Ordering::SeqCst);
    let target = Arc::new(AtomicU64::new(u64::MAX));
    let reader = {
        let target = target.clone();
        std::thread::spawn(move || {
            let mut answered = std::collections::HashSet::new();
            let mut buf = Vec::new();
            let mut chunk = vec![0u8; 1 << 16];
            let deadline = Instant::now() + Duration::from_secs(120);
            loop {
                while let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                    let header = String::from_utf8_lossy(&buf[..end]).to_string();
                    let len: usize = header
                        .lines()
                        .find_map(|l| l.strip_prefix("Content-Length:"))
                        .unwrap()
                        .trim()
                        .parse()
                        .unwrap();
                    if buf.len() < end + 4 + len {
                        break;
                    }
                    let v: Value = serde_json::from_slice(&buf[end + 4..end + 4 + len]).unwrap();
                    buf.drain(..end + 4 + len);
                    if let Some(id) = v.get("id").and_then(Value::as_u64)
                        && v.get("method").is_none()
                    {
                        assert!(v.get("result").is_some(), "{v}");
                        answered.insert(id);
                    }
                }
                let t = target.load(Ordering::SeqCst);
                if (t != u64::MAX && answered.len() as u64 > t) || Instant::now() > deadline {
                    return answered;
                }
                match stdout.read(&mut chunk) {
                    Ok(0) | Err(_) => return answered,
                    Ok(n) => buf.extend_from_slice(&chunk[..n]),
                }
            }
        })
    };
    let stdin = writer.join().unwrap();
    let last = sent.load(Ordering::SeqCst);
    target.store(last, Ordering::SeqCst);
    let answered = reader.join().unwrap();
    for id in 0..=last {
        assert!(
            answered.contains(&id),
            "request {id} of {last} was not answered"
        );
    }
    drop(stdin);
    let _ = child.kill();
    let _ = child.wait();
}

#[cfg(target_os = "linux")]
#[test]
fn opening_and_closing_many_documents_keeps_memory_and_threads_flat() {
    let (mut s, _) = Server::init_env(
        plain_caps(),
        None,
        Value::Null,
        &[("COPYDESK_LSP_DEBOUNCE_MS", "0")],
    );
    let pid = s.child.id();
    let text =
        "Hoang Xuan Chien met Permanent Secretary Simon Ridley on Wednesday, March 4, 2025.\n";
    let mut rss = Vec::new();
    let mut threads = 0;
    for round in 0..4 {
        for i in 0..1000 {
            s.open(&format!("file:///tmp/many/{i}.md"), "markdown", text);
        }
        for i in 0..1000 {
            s.notify(
                "textDocument/didClose",
                json!({"textDocument": {"uri": format!("file:///tmp/many/{i}.md")}}),
            );
            threads = threads.max(proc_status(pid, "Threads"));
        }
        // Settled: a request answered after every close.
        s.call("copydesk/status", json!({}));
        s.drain(Duration::from_millis(300));
        rss.push(proc_status(pid, "VmRSS"));
        eprintln!(
            "round {round}: RSS {} kB, threads up to {threads}",
            rss[round]
        );
    }
    assert!(threads <= 24, "{threads} threads");
    // After the first round (caches and allocator warm), no growth beyond noise.
    assert!(rss[3] <= rss[1] + 20_000, "RSS per round (kB): {rss:?}");
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[cfg(target_os = "linux")]
#[test]
fn tables_on_a_fifo_or_dev_zero_do_not_stall_the_server() {
    let (_dir, root) = workspace();
    mkfifo(&root.join("fifo.json"));
    std::os::unix::fs::symlink("/dev/zero", root.join("zero.json")).unwrap();
    std::fs::write(
        root.join("copydesk.json"),
        r#"{"tables": ["fifo.json", "zero.json"]}"#,
    )
    .unwrap();
    // And one named in the editor's settings, which may point anywhere.
    let (mut s, _) = Server::init(plain_caps(), Some(&root), json!({"tables": ["/dev/zero"]}));
    let pid = s.child.id();
    let article = uri(&root.join("a.md"));
    let t = Instant::now();
    s.open(&article, "markdown", "Hoang Xuan Chien spoke.\n");
    // The default table still serves; the broken tables are reported.
    assert_eq!(s.diagnostics(&article, 1).len(), 1);
    assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
    let m = s.wait(|m| m["method"] == "window/showMessage");
    let msg = m["params"]["message"].as_str().unwrap();
    assert!(msg.contains("problem"), "{msg}");
    let h = s.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": article}, "position": pos(0, 2)}),
    );
    assert!(h["contents"]["value"].as_str().unwrap().contains("Hoàng"));
    assert!(proc_status(pid, "VmRSS") < 300_000);
    assert_eq!(s.shutdown_and_exit(), 0);
}
