//! The server's state, split by owner: what the client can do ([`ClientSide`]), the open
//! documents ([`Documents`]), the workspace's settings and tables ([`WorkspaceState`]), and
//! the server's own switches and log. The stdin reader, the message handlers and the
//! diagnostics workers share it.

use std::io::Write as _;
use std::sync::atomic::AtomicBool;
use std::sync::{Mutex, OnceLock, RwLock};

use super::documents::Documents;
use super::lanes::Lanes;
use super::proto::{Client, MessageType};
use super::requests::Requests;
use super::workspace::WorkspaceState;
use crate::text::Encoding;

/// How diagnostics reach the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiagnosticMode {
    /// `textDocument/publishDiagnostics` after open and change.
    Push,
    /// The client asks (`textDocument/diagnostic`) and is told to ask again on a table change.
    Pull,
}

/// What the client said it can do, as far as the server cares.
#[derive(Debug, Clone)]
pub struct ClientSupport {
    pub encoding: Encoding,
    pub mode: DiagnosticMode,
    pub document_changes: bool,
    pub create_files: bool,
    pub watch_files: bool,
    pub configuration: bool,
    pub related_information: bool,
    pub code_description: bool,
}

impl Default for ClientSupport {
    fn default() -> Self {
        ClientSupport {
            encoding: Encoding::Utf16,
            mode: DiagnosticMode::Push,
            document_changes: false,
            create_files: false,
            watch_files: false,
            configuration: false,
            related_information: true,
            code_description: true,
        }
    }
}

/// The client: what it can do, and the framework's handle to send it requests and
/// notifications (set before serving starts).
#[derive(Default)]
pub struct ClientSide {
    support: RwLock<ClientSupport>,
    pub handle: OnceLock<Client>,
}

impl ClientSide {
    pub fn support(&self) -> ClientSupport {
        self.support.read().expect("client support").clone()
    }

    pub fn set_support(&self, support: ClientSupport) {
        *self.support.write().expect("client support") = support;
    }

    pub fn encoding(&self) -> Encoding {
        self.support.read().expect("client support").encoding
    }
}

/// Everything the server holds.
pub struct ServerState {
    pub client: ClientSide,
    pub docs: Documents,
    pub workspace: WorkspaceState,
    /// The threads the work runs on.
    pub lanes: Lanes,
    /// The requests served by the server itself, and the output queue.
    pub requests: Requests,
    /// `initialize`, `shutdown` and `exit` arrived.
    pub initialized: AtomicBool,
    pub shutdown: AtomicBool,
    pub exit: AtomicBool,
    /// How long a document's worker waits after a change before it checks.
    pub debounce: std::time::Duration,
    /// `copydesk/debug` answers (COPYDESK_LSP_DEBUG).
    pub debug_methods: bool,
    /// Log how long each request took to answer, and each publish of diagnostics how long
    /// after the change it is of (`COPYDESK_LSP_TIMING` set): the server's side of the
    /// latency, without the client's pipe and JSON.
    pub timing: bool,
    /// The runtime, set before serving starts.
    pub rt: OnceLock<tokio::runtime::Handle>,
    log: Mutex<Option<std::fs::File>>,
}

impl ServerState {
    pub fn new() -> ServerState {
        let debounce = std::env::var("COPYDESK_LSP_DEBOUNCE_MS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(30);
        ServerState {
            client: ClientSide::default(),
            docs: Documents::default(),
            workspace: WorkspaceState::default(),
            lanes: Lanes::default(),
            requests: Requests::default(),
            initialized: AtomicBool::new(false),
            shutdown: AtomicBool::new(false),
            exit: AtomicBool::new(false),
            debounce: std::time::Duration::from_millis(debounce),
            debug_methods: std::env::var_os("COPYDESK_LSP_DEBUG").is_some(),
            timing: std::env::var_os("COPYDESK_LSP_TIMING").is_some(),
            rt: OnceLock::new(),
            log: Mutex::new(None),
        }
    }

    /// Write a line to the log: the configured log file, else stderr.
    pub fn log(&self, msg: &str) {
        let mut f = self.log.lock().unwrap_or_else(|e| e.into_inner());
        let line = format!("copydesk lsp: {msg}\n");
        if let Some(file) = f.as_mut()
            && file.write_all(line.as_bytes()).is_ok()
        {
            return;
        }
        let _ = std::io::stderr().write_all(line.as_bytes());
    }

    /// Log to this file (relative to the first workspace folder), or to stderr. Only a
    /// regular file is taken (created if missing); it is opened without waiting, so a FIFO
    /// or a device named here cannot hold up `initialize`.
    pub fn set_log_file(&self, path: Option<&str>) {
        let file = path.and_then(|p| match open_log(&self.workspace.absolute(p)) {
            Ok(f) => Some(f),
            Err(e) => {
                self.log(&format!("logFile {p:?} not used: {e}"));
                None
            }
        });
        *self.log.lock().unwrap_or_else(|e| e.into_inner()) = file;
    }

    /// Send `window/showMessage` (from any thread; it goes once the client is initialized).
    pub fn show_message(&self, kind: MessageType, message: String) {
        if let (Some(rt), Some(c)) = (self.rt.get(), self.client.handle.get()) {
            let c = c.clone();
            rt.spawn(async move { c.show_message(kind, message).await });
        }
    }
}

/// Open a log file for appending: a regular file only, never waiting on the open.
fn open_log(path: &std::path::Path) -> std::io::Result<std::fs::File> {
    let mut opts = std::fs::OpenOptions::new();
    opts.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // A FIFO without a reader fails at once instead of blocking; one with a reader
        // opens and is refused below.
        opts.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = opts.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    Ok(file)
}

impl Default for ServerState {
    fn default() -> Self {
        ServerState::new()
    }
}
