//! The language server (the only module that knows LSP).
//!
//! `copydesk lsp` serves LSP 3.17 on stdin/stdout with tower-lsp-server. Our own reader sits
//! in front of the framework ([`io`], [`framing`]): it answers malformed messages with
//! `-32700` and keeps serving, and applies document changes in arrival order ([`sync`]).
//! Each feature is one handler in [`handlers`]; LSP types and the framework are reached
//! through [`proto`] only. The state ([`state`]) is split by owner: the client's
//! capabilities, the open documents ([`documents`]), the workspace's settings and tables
//! ([`workspace`], [`tables`]).

pub mod documents;
pub mod editor_files;
pub mod framing;
pub mod handlers;
mod io;
pub mod problems;
pub mod proto;
mod server;
pub mod state;
mod sync;
pub mod tables;
pub mod workspace;

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use proto::{LspService, Server};

use server::Backend;
use state::ServerState;

/// Serve LSP on stdin/stdout; returns the exit code: 0 after `shutdown` then `exit` (or
/// stdin closing after `shutdown`), 1 otherwise.
pub fn run() -> i32 {
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("copydesk lsp: cannot start the runtime: {e}");
            return 2;
        }
    };
    let shared = Arc::new(ServerState::new());
    let _ = shared.rt.set(rt.handle().clone());
    {
        let s = shared.clone();
        let default_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            s.log(&format!("{info}"));
            if std::env::var_os("COPYDESK_LSP_PANIC_TRACE").is_some() {
                default_hook(info);
            }
        }));
    }
    let (to_framework, from_reader) = tokio::sync::mpsc::unbounded_channel();
    let (to_stdout, ours) = tokio::sync::mpsc::unbounded_channel();
    let (framework_in, feed_end) = tokio::io::duplex(1 << 16);
    let (framework_out, stdout_end) = tokio::io::duplex(1 << 16);
    {
        let s = shared.clone();
        std::thread::Builder::new()
            .name("copydesk-stdin".into())
            .spawn(move || io::read_stdin(s, to_framework, to_stdout))
            .expect("a thread for stdin");
    }
    let s = shared.clone();
    rt.block_on(async move {
        let feeder = tokio::spawn(io::feed(from_reader, feed_end));
        let writer = tokio::spawn(io::write_stdout(stdout_end, ours));
        let (service, socket) = LspService::build(|client| Backend::new(client, s))
            .custom_method("copydesk/status", Backend::status)
            .custom_method("copydesk/debug", Backend::debug)
            .finish();
        let mut serve = Box::pin(Server::new(framework_in, framework_out, socket).serve(service));
        // The framework finishes when its handlers do; one waiting on the client (a request
        // the client will never answer after `exit`) must not keep the process alive.
        tokio::select! {
            _ = &mut serve => {}
            _ = async {
                let _ = feeder.await;
                tokio::time::sleep(Duration::from_millis(500)).await;
            } => {}
        }
        // Dropping the framework closes its output, so the writer ends once it is written.
        drop(serve);
        let _ = tokio::time::timeout(Duration::from_secs(2), writer).await;
    });
    rt.shutdown_timeout(Duration::from_millis(200));
    if shared.shutdown.load(Ordering::SeqCst) {
        0
    } else {
        1
    }
}
