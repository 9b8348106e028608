//! A small LSP client for the end-to-end tests: spawns the built `copydesk lsp` and speaks
//! JSON-RPC over its stdin and stdout.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

pub use crate::support::path_of;

pub const WAIT: Duration = Duration::from_secs(10);

pub struct Server {
    pub child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    next_id: i64,
    /// Notifications and server requests not yet looked at.
    pub inbox: Vec<Value>,
    /// Workspace edits the server asked us to apply.
    pub applied: Vec<Value>,
    /// Apply workspace edits to files on disk (as an editor that saves would).
    pub write_edits: bool,
    /// The answer to workspace/configuration.
    pub configuration: Value,
    /// The server's TMPDIR (where it keeps its copy of the default table and the rule
    /// pages), removed with the server.
    pub tmp: tempfile::TempDir,
}

/// The binary under test: this build's, or the one `COPYDESK_TEST_BIN` names (the soak runs
/// the release binary from a debug-built test).
pub fn bin() -> String {
    std::env::var("COPYDESK_TEST_BIN")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_copydesk").to_string())
}

impl Server {
    pub fn start(env: &[(&str, &str)]) -> Server {
        let tmp = tempfile::tempdir().expect("a temp folder for the server");
        let mut cmd = Command::new(bin());
        cmd.arg("lsp")
            .env("TMPDIR", tmp.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(if std::env::var_os("COPYDESK_TEST_STDERR").is_some() {
                Stdio::inherit()
            } else {
                Stdio::null()
            })
            .env("COPYDESK_LSP_DEBOUNCE_MS", "20")
            .env("COPYDESK_LSP_POLL_MS", "200");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("spawn copydesk lsp");
        let stdout = child.stdout.take().expect("stdout");
        let stdin = child.stdin.take();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length:") {
                        len = v.trim().parse::<usize>().ok();
                    }
                }
                let mut body = vec![0u8; len.expect("Content-Length")];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                let v: Value = serde_json::from_slice(&body).expect("the server sends JSON");
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        Server {
            child,
            stdin,
            rx,
            next_id: 1,
            inbox: Vec::new(),
            applied: Vec::new(),
            write_edits: true,
            configuration: Value::Null,
            tmp,
        }
    }

    /// Start and initialize with these capabilities, workspace folder and options.
    pub fn init(caps: Value, root: Option<&Path>, options: Value) -> (Server, Value) {
        Server::init_env(caps, root, options, &[])
    }

    pub fn init_env(
        caps: Value,
        root: Option<&Path>,
        options: Value,
        env: &[(&str, &str)],
    ) -> (Server, Value) {
        let mut s = Server::start(env);
        let root_uri = root.map(uri);
        let folders = root_uri
            .as_ref()
            .map(|u| json!([{ "uri": u, "name": "ws" }]))
            .unwrap_or(Value::Null);
        let r = s.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root_uri,
                "workspaceFolders": folders,
                "capabilities": caps,
                "initializationOptions": options,
            }),
        );
        s.notify("initialized", json!({}));
        (s, r)
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).expect("write");
        stdin.flush().expect("flush");
    }

    pub fn send(&mut self, v: &Value) {
        self.send_raw(&framed(v));
    }

    pub fn close_stdin(&mut self) {
        self.stdin = None;
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Send a request without waiting; returns its id.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// Send a request and wait for its response (the whole response object).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.response(id)
    }

    /// The result of a request, which must succeed.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        let r = self.request(method, params);
        assert!(r.get("error").is_none(), "{method}: {r}");
        r["result"].clone()
    }

    pub fn response(&mut self, id: i64) -> Value {
        self.wait(|v| v.get("id") == Some(&json!(id)) && v.get("method").is_none())
    }

    fn next(&mut self, deadline: Instant) -> Option<Value> {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.rx.recv_timeout(left) {
            Ok(v) => {
                if v.get("method").is_some() && v.get("id").is_some() {
                    self.answer(&v);
                }
                Some(v)
            }
            Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => None,
        }
    }

    /// Answer a request from the server as an editor would.
    fn answer(&mut self, v: &Value) {
        let id = v["id"].clone();
        let result = match v["method"].as_str().unwrap_or("") {
            "workspace/applyEdit" => {
                let edit = v["params"]["edit"].clone();
                if self.write_edits {
                    apply_to_disk(&edit);
                }
                self.applied.push(edit);
                json!({"applied": true})
            }
            "workspace/configuration" => json!([self.configuration]),
            _ => Value::Null,
        };
        self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
    }

    /// Wait for a message (a response or a notification) that matches.
    pub fn wait(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        self.try_wait(pred, WAIT).expect("the message came in time")
    }

    pub fn try_wait(&mut self, pred: impl Fn(&Value) -> bool, t: Duration) -> Option<Value> {
        if let Some(i) = self.inbox.iter().position(&pred) {
            return Some(self.inbox.remove(i));
        }
        let deadline = Instant::now() + t;
        while let Some(v) = self.next(deadline) {
            if pred(&v) {
                return Some(v);
            }
            self.inbox.push(v);
        }
        None
    }

    /// Everything that arrives within `t`, plus what is in the inbox.
    pub fn drain(&mut self, t: Duration) -> Vec<Value> {
        let deadline = Instant::now() + t;
        while let Some(v) = self.next(deadline) {
            self.inbox.push(v);
        }
        std::mem::take(&mut self.inbox)
    }

    /// Wait for diagnostics published for `uri` at `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let u = uri.to_string();
        let v = self.wait(move |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == u.as_str()
                && m["params"]["version"] == version
        });
        v["params"]["diagnostics"].as_array().unwrap().clone()
    }

    /// The next diagnostics published for `uri`, whatever their version: the
    /// notification's params.
    pub fn published(&mut self, uri: &str) -> Value {
        let u = uri.to_string();
        self.wait(move |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == u.as_str()
        })["params"]
            .clone()
    }

    /// `textDocument/didChange` with these `contentChanges`, as JSON (the version too, so a
    /// test can send one that LSP does not allow).
    pub fn change(&mut self, uri: &str, version: Value, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    /// `textDocument/didChange` with the whole new text.
    pub fn replace_text(&mut self, uri: &str, version: i64, text: &str) {
        self.change(uri, json!(version), json!([{ "text": text }]));
    }

    pub fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    pub fn shutdown_and_exit(mut self) -> i32 {
        let r = self.request("shutdown", Value::Null);
        assert!(r.get("error").is_none(), "{r}");
        self.notify("exit", Value::Null);
        self.exit_code()
    }

    pub fn exit_code(&mut self) -> i32 {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                return s.code().unwrap_or(-1);
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A message framed for the wire (written here, not taken from the server's code, so the
/// client is a check on it).
pub fn framed(v: &Value) -> Vec<u8> {
    let body = serde_json::to_vec(v).unwrap();
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend(body);
    out
}

pub fn uri(p: &Path) -> String {
    let s = p.to_str().unwrap();
    let mut out = String::from("file://");
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// VS Code-like capabilities: UTF-16 only, pull diagnostics, file operations, watching.
pub fn vscode_caps() -> Value {
    json!({
        "general": {"positionEncodings": ["utf-16"]},
        "textDocument": {
            "publishDiagnostics": {"relatedInformation": true, "codeDescriptionSupport": true, "versionSupport": true},
            "diagnostic": {"dynamicRegistration": true},
            "hover": {"contentFormat": ["markdown", "plaintext"]},
        },
        "workspace": {
            "applyEdit": true,
            "workspaceEdit": {"documentChanges": true, "resourceOperations": ["create", "rename", "delete"]},
            "didChangeWatchedFiles": {"dynamicRegistration": true},
            "configuration": true,
            "diagnostics": {"refreshSupport": true},
        },
    })
}

/// Neovim 0.11-like capabilities: UTF-8 offered, pull diagnostics without refresh (so
/// push), no file watching on Linux, resource operations without `documentChanges`.
pub fn nvim_caps() -> Value {
    json!({
        "general": {"positionEncodings": ["utf-8", "utf-16", "utf-32"]},
        "textDocument": {
            "publishDiagnostics": {"relatedInformation": true, "codeDescriptionSupport": true},
            "diagnostic": {"dynamicRegistration": false},
        },
        "workspace": {
            "applyEdit": true,
            "workspaceEdit": {"resourceOperations": ["rename", "create", "delete"]},
            "configuration": true,
        },
    })
}

/// Plain push-diagnostics capabilities in UTF-16.
pub fn plain_caps() -> Value {
    json!({
        "textDocument": {"publishDiagnostics": {"relatedInformation": true, "codeDescriptionSupport": true}},
        "workspace": {"applyEdit": true, "workspaceEdit": {"documentChanges": true, "resourceOperations": ["create"]}},
    })
}

/// Apply a workspace edit to files on disk (for files the tests do not hold open).
pub fn apply_to_disk(edit: &Value) {
    let apply = |uri: &str, edits: &Vec<Value>| {
        let path = path_of(uri);
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        std::fs::write(&path, apply_edits(&text, edits)).unwrap();
    };
    if let Some(ops) = edit["documentChanges"].as_array() {
        for op in ops {
            if op["kind"] == "create" {
                let p = path_of(op["uri"].as_str().unwrap());
                if !p.exists() {
                    std::fs::write(p, "").unwrap();
                }
            } else if let Some(edits) = op["edits"].as_array() {
                apply(op["textDocument"]["uri"].as_str().unwrap(), edits);
            }
        }
    }
    if let Some(ch) = edit["changes"].as_object() {
        for (u, edits) in ch {
            apply(u, edits.as_array().unwrap());
        }
    }
}

/// A UTF-16 position as a byte offset (tests only; clamps).
pub fn offset16(text: &str, pos: &Value) -> usize {
    let line = pos["line"].as_u64().unwrap() as usize;
    let col = pos["character"].as_u64().unwrap() as usize;
    let mut start = 0;
    for _ in 0..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= col || c == '\n' || c == '\r' {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// Apply text edits (UTF-16 positions) to a string.
pub fn apply_edits(text: &str, edits: &[Value]) -> String {
    let mut text = text.to_string();
    let mut edits = edits.to_vec();
    edits.sort_by_key(|e| {
        let s = &e["range"]["start"];
        std::cmp::Reverse((
            s["line"].as_u64().unwrap(),
            s["character"].as_u64().unwrap(),
        ))
    });
    for e in edits {
        let a = offset16(&text, &e["range"]["start"]);
        let b = offset16(&text, &e["range"]["end"]);
        text.replace_range(a..b, e["newText"].as_str().unwrap());
    }
    text
}

pub fn codes(diags: &[Value]) -> Vec<String> {
    diags
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

/// A position (line, character) as JSON.
pub fn pos(line: u64, character: u64) -> Value {
    json!({"line": line, "character": character})
}

/// A range between two positions (line, character) as JSON.
pub fn range(a: (u64, u64), b: (u64, u64)) -> Value {
    json!({"start": pos(a.0, a.1), "end": pos(b.0, b.1)})
}
