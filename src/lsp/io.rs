//! stdin and stdout. A plain thread reads stdin, cuts it into frames ([`super::framing`]),
//! answers bad ones, applies document changes in the order they arrive ([`super::sync`]),
//! serves the requests on documents and `$/cancelRequest` itself ([`super::requests`]),
//! and passes the other frames to the framework. A task writes the framework's frames and
//! our own answers to stdout whole, one at a time.
//!
//! Every queue between stdin and stdout is bounded: when the client stops reading stdout,
//! the writers wait, the lanes stop, the reader waits, and the client's own writes to
//! stdin block. Nothing piles up in memory.

use std::io::Read;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::mpsc::{Receiver, Sender};

use super::framing::{Frames, Item, content_length, error_response, find_header_end, frame};
use super::state::ServerState;
use super::{requests, sync};

/// Frames queued for the framework before the reader waits.
pub const TO_FRAMEWORK_FRAMES: usize = 64;

/// Read stdin until it closes or `exit` arrives.
pub fn read_stdin(shared: Arc<ServerState>, to_framework: Sender<Vec<u8>>) {
    let mut frames = Frames::default();
    let mut buf = vec![0u8; 1 << 16];
    let mut stdin = std::io::stdin().lock();
    loop {
        while let Some(item) = frames.next_item() {
            match item {
                Item::Bad { code, message, id } => {
                    shared.log(&format!("bad message ({code}): {message}"));
                    if let Some(out) = shared.requests.output.get() {
                        out.send(frame(&error_response(id, code, &message)));
                    }
                }
                Item::Message(mut v) => {
                    // Our own requests take optional params; the framework wants some.
                    if v.get("method")
                        .and_then(Value::as_str)
                        .is_some_and(|m| m.starts_with("copydesk/"))
                        && v.get("params").is_none_or(Value::is_null)
                    {
                        v["params"] = serde_json::json!({});
                    }
                    let method = v.get("method").and_then(Value::as_str).unwrap_or("");
                    let exit = method == "exit";
                    match method {
                        "shutdown" => shared.shutdown.store(true, Ordering::SeqCst),
                        "exit" => shared.exit.store(true, Ordering::SeqCst),
                        "$/cancelRequest" => requests::cancel(&shared, &v),
                        _ => sync::before_framework(&shared, method, &v),
                    }
                    if requests::dispatch(&shared, &v) {
                        continue;
                    }
                    if to_framework.blocking_send(frame(&v)).is_err() {
                        return;
                    }
                    if exit {
                        return;
                    }
                }
            }
        }
        match stdin.read(&mut buf) {
            Ok(0) => return,
            Ok(n) => frames.push(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => {
                shared.log(&format!("stdin: {e}"));
                return;
            }
        }
    }
}

/// Feed the framework's input.
pub async fn feed(mut from_reader: Receiver<Vec<u8>>, mut into: tokio::io::DuplexStream) {
    while let Some(bytes) = from_reader.recv().await {
        if into.write_all(&bytes).await.is_err() {
            break;
        }
    }
    let _ = into.shutdown().await;
}

/// Write whole frames to stdout: the framework's and our own.
pub async fn write_stdout(
    mut from_framework: tokio::io::DuplexStream,
    mut ours: Receiver<Vec<u8>>,
) {
    let mut out = tokio::io::stdout();
    let mut buf: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; 1 << 16];
    let mut framework_open = true;
    let mut ours_open = true;
    while framework_open || ours_open {
        tokio::select! {
            n = from_framework.read(&mut chunk), if framework_open => {
                match n {
                    Ok(0) | Err(_) => framework_open = false,
                    Ok(n) => {
                        buf.extend_from_slice(&chunk[..n]);
                        while let Some(end) = whole_frame(&buf) {
                            let f: Vec<u8> = buf.drain(..end).collect();
                            if out.write_all(&f).await.is_err() {
                                return;
                            }
                            let _ = out.flush().await;
                        }
                    }
                }
            }
            f = ours.recv(), if ours_open => {
                match f {
                    None => ours_open = false,
                    Some(f) => {
                        if out.write_all(&f).await.is_err() {
                            return;
                        }
                        let _ = out.flush().await;
                    }
                }
            }
        }
        if !framework_open {
            // The framework is done: say what is left of ours, then stop.
            while let Ok(f) = ours.try_recv() {
                let _ = out.write_all(&f).await;
            }
            let _ = out.flush().await;
            return;
        }
    }
}

/// The length of the first whole frame in `buf`, if there is one.
fn whole_frame(buf: &[u8]) -> Option<usize> {
    let (h, body) = find_header_end(buf)?;
    let len = content_length(&String::from_utf8_lossy(&buf[..h]))?;
    (buf.len() >= body + len).then_some(body + len)
}
