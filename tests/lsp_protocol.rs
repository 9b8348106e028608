//! The language server's protocol behaviour, end to end over stdio: negotiation, malformed
//! messages, errors, panics, cancellation and exit codes.

mod lsp_support;
mod support;

use std::time::Duration;

use lsp_support::*;
use serde_json::{Value, json};

#[test]
fn negotiates_utf8_when_offered_else_utf16() {
    let (s, r) = Server::init(nvim_caps(), None, Value::Null);
    let caps = &r["result"]["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-8");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert!(
        caps.get("diagnosticProvider").is_none(),
        "push mode: {caps}"
    );
    assert_eq!(s.shutdown_and_exit(), 0);

    let (s, r) = Server::init(vscode_caps(), None, Value::Null);
    let caps = &r["result"]["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["diagnosticProvider"]["identifier"], "copydesk");
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.fixAll.copydesk"])
    );
    assert_eq!(
        caps["executeCommandProvider"]["commands"],
        json!(["copydesk.openTable", "copydesk.addToTable"])
    );
    assert_eq!(r["result"]["serverInfo"]["name"], "copydesk");
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn malformed_messages_get_errors_and_the_server_keeps_serving() {
    let (mut s, _) = Server::init(plain_caps(), None, Value::Null);
    // A body that is not JSON.
    s.send_raw(b"Content-Length: 12\r\n\r\n{\"jsonrpc\":2");
    let e = s.wait(|v| v.get("error").is_some());
    assert_eq!(e["error"]["code"], -32700, "{e}");
    assert_eq!(e["id"], Value::Null);
    // A header without a length, with a body after it.
    s.send_raw(b"Content-Type: x\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":77,\"method\":\"shutdown\"}");
    let e = s.wait(|v| v.get("error").is_some());
    assert_eq!(e["error"]["code"], -32700, "{e}");
    // JSON that is not a message.
    s.send_raw(b"Content-Length: 27\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":5}   ");
    let e = s.wait(|v| v.get("error").is_some());
    assert_eq!(e["error"]["code"], -32600, "{e}");
    assert_eq!(e["id"], 5);
    // Still serving.
    let r = s.call("copydesk/status", json!({}));
    assert!(r["entries"].as_u64().unwrap() > 0, "{r}");
    s.open("file:///tmp/x.md", "markdown", "Hoang Xuan Chien spoke.\n");
    let d = s.diagnostics("file:///tmp/x.md", 1);
    assert_eq!(codes(&d), vec!["name-diacritics"]);
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn unknown_documents_and_bad_params_get_errors() {
    let (mut s, _) = Server::init(plain_caps(), None, Value::Null);
    let r = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere.md"}, "position": pos(0, 0)}),
    );
    assert_eq!(r["error"]["code"], -32602, "{r}");
    let r = s.request("textDocument/hover", json!({"textDocument": 3}));
    assert_eq!(r["error"]["code"], -32602, "{r}");
    let r = s.request(
        "workspace/executeCommand",
        json!({"command": "copydesk.nothing"}),
    );
    assert!(r.get("error").is_some(), "{r}");
    let r = s.request("no/such/method", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    // A change to a document that is not open is ignored, not a crash.
    s.change(
        "file:///nowhere.md",
        json!(2),
        json!([{"range": range((0, 0), (0, 0)), "text": "x"}]),
    );
    assert!(
        s.call("copydesk/status", Value::Null)["entries"]
            .as_u64()
            .unwrap()
            > 0
    );
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn a_panic_is_answered_and_other_documents_keep_working() {
    let (mut s, _) = Server::init_env(
        plain_caps(),
        None,
        Value::Null,
        &[("COPYDESK_LSP_DEBUG", "1")],
    );
    s.open("file:///tmp/a.md", "markdown", "Hoang Xuan Chien spoke.\n");
    s.diagnostics("file:///tmp/a.md", 1);
    let r = s.request("copydesk/debug", json!({"panic": true}));
    assert_eq!(r["error"]["code"], -32603, "{r}");
    assert!(
        r["error"]["message"].as_str().unwrap().contains("panic"),
        "{r}"
    );
    let h = s.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///tmp/a.md"}, "position": pos(0, 2)}),
    );
    assert!(
        h["contents"]["value"]
            .as_str()
            .unwrap()
            .starts_with("**Hoàng Xuân Chiến**")
    );
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn debug_methods_are_off_by_default() {
    let (mut s, _) = Server::init(plain_caps(), None, Value::Null);
    let r = s.request("copydesk/debug", json!({"panic": true}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn cancel_request_is_honoured() {
    let (mut s, _) = Server::init_env(
        plain_caps(),
        None,
        Value::Null,
        &[("COPYDESK_LSP_DEBUG", "1")],
    );
    let id = s.send_request("copydesk/debug", json!({"sleepMs": 5000}));
    std::thread::sleep(Duration::from_millis(100));
    s.notify("$/cancelRequest", json!({"id": id}));
    let r = s.response(id);
    assert_eq!(r["error"]["code"], -32800, "{r}");
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn exit_codes() {
    // shutdown then exit: 0 (checked above too).
    let (s, _) = Server::init(plain_caps(), None, Value::Null);
    assert_eq!(s.shutdown_and_exit(), 0);
    // exit without shutdown: 1.
    let (mut s, _) = Server::init(plain_caps(), None, Value::Null);
    s.notify("exit", Value::Null);
    assert_eq!(s.exit_code(), 1);
    // stdin closed: the process ends (1 without shutdown, 0 after it).
    let (mut s, _) = Server::init(plain_caps(), None, Value::Null);
    s.open("file:///tmp/a.md", "markdown", "Hoang Xuan Chien spoke.\n");
    s.close_stdin();
    assert_eq!(s.exit_code(), 1);
    let (mut s, _) = Server::init(plain_caps(), None, Value::Null);
    s.call("shutdown", Value::Null);
    s.close_stdin();
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn exits_even_while_a_request_is_running() {
    let (mut s, _) = Server::init_env(
        plain_caps(),
        None,
        Value::Null,
        &[("COPYDESK_LSP_DEBUG", "1")],
    );
    s.send_request("copydesk/debug", json!({"sleepMs": 60000}));
    s.call("shutdown", Value::Null);
    s.notify("exit", Value::Null);
    let t = std::time::Instant::now();
    assert_eq!(s.exit_code(), 0);
    assert!(t.elapsed() < Duration::from_secs(5));
}
