//! The language server (the only module that knows LSP).
//!
//! `copydesk lsp` serves LSP 3.17 on stdin/stdout with tower-lsp-server. Our own reader sits
//! in front of the framework ([`io`], [`framing`]): it answers malformed messages with
//! `-32700` and keeps serving, applies document changes in arrival order ([`sync`]), and
//! serves the requests on documents and their cancellation itself ([`requests`]), in a
//! fixed set of threads ([`lanes`]). Each feature is one handler in [`handlers`]; LSP
//! types and the framework are reached through [`proto`] only. The state ([`state`]) is split by owner: the client's
//! capabilities, the open documents ([`documents`]), the workspace's settings and tables
//! ([`workspace`], [`tables`]).

pub mod documents;
pub mod editor_files;
pub mod framing;
pub mod handlers;
mod io;
pub mod lanes;
pub mod problems;
pub mod proto;
pub mod requests;
mod server;
pub mod state;
pub mod sync;
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
    // The async runtime only moves messages; the work runs in the lanes' threads. Its
    // blocking pool (stdout's writes) is kept small, so the threads stay few.
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(2)
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
    let (to_framework, from_reader) = tokio::sync::mpsc::channel(io::TO_FRAMEWORK_FRAMES);
    let (to_stdout, ours) = tokio::sync::mpsc::channel(requests::OUTPUT_FRAMES);
    let _ = shared.requests.output.set(requests::Output::new(to_stdout));
    let (framework_in, feed_end) = tokio::io::duplex(1 << 16);
    let (framework_out, stdout_end) = tokio::io::duplex(1 << 16);
    {
        let s = shared.clone();
        std::thread::Builder::new()
            .name("copydesk-stdin".into())
            .spawn(move || io::read_stdin(s, to_framework))
            .expect("a thread for stdin");
    }
    let s = shared.clone();
    rt.block_on(async move {
        let feeder = tokio::spawn(io::feed(from_reader, feed_end));
        let writer = tokio::spawn(io::write_stdout(stdout_end, ours));
        let (service, socket) = LspService::build(|client| Backend::new(client, s)).finish();
        // The framework serves only what `requests` leaves it; let none of it wait for a
        // slot (its default is four at once).
        let mut serve = Box::pin(
            Server::new(framework_in, framework_out, socket)
                .concurrency_level(64)
                .serve(service),
        );
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
