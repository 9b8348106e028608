//! The file system the adapters hand to the core: the one implementation of
//! [`workspace::Files`](crate::workspace::Files) on `std::fs`, the one reader of the files
//! copydesk checks and loads, and the one writer of the files it changes.
//!
//! Reading takes only regular files (a folder, a FIFO, a device or a socket is refused with
//! what it is, so `/dev/zero` or a FIFO named as a table cannot hang or exhaust memory), up to
//! a size limit, and strips a leading byte-order mark (kept in [`Text::bom`] so a writer can
//! put it back). Writing ([`write_atomic`]) goes to a temporary file in the same folder,
//! synced, then renamed over the target, and refuses a target that changed since it was read.

use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::table::flat::{Bytes, Shared};
use crate::workspace::{Entry, EntryKind, Files, Limit, Stamp};

/// The byte-order mark some editors put at the start of UTF-8 files.
const BOM: &str = "\u{feff}";

/// The real file system.
#[derive(Debug, Clone, Copy, Default)]
pub struct Disk;

impl Files for Disk {
    fn read(&self, path: &Path, limit: Limit) -> io::Result<String> {
        read_text(path, limit)
            .map(|t| t.text)
            .map_err(|e| io::Error::new(e.kind(), e.to_string()))
    }

    fn stamp(&self, path: &Path) -> Option<Stamp> {
        let m = std::fs::metadata(path).ok()?;
        if !m.is_file() {
            return None;
        }
        Some((m.modified().ok()?, m.len()))
    }

    fn canonical(&self, path: &Path) -> PathBuf {
        path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
    }

    fn map(&self, path: &Path, limit: Limit) -> io::Result<Shared> {
        map_bytes(path, limit).map_err(|e| io::Error::new(e.kind(), e.to_string()))
    }

    fn cache_dir(&self) -> Option<PathBuf> {
        cache_dir()
    }

    fn write(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        write_atomic(path, bytes, None).map_err(|e| match e {
            WriteError::Io(e) => e,
            other => io::Error::other(other.to_string()),
        })
    }

    fn list(&self, dir: &Path) -> io::Result<Vec<Entry>> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir)?.flatten() {
            // The entry itself, not what a link points to: the walk does not follow links.
            let Ok(t) = entry.file_type() else { continue };
            let kind = if t.is_symlink() {
                EntryKind::Link
            } else if t.is_dir() {
                EntryKind::Dir
            } else if t.is_file() {
                EntryKind::File
            } else {
                EntryKind::Other
            };
            out.push(Entry {
                path: entry.path(),
                kind,
            });
        }
        Ok(out)
    }
}

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    Io(io::Error),
    /// A symbolic link that leads back to itself.
    Loop,
    /// Not a regular file: what it is ("a folder", "a FIFO").
    NotRegular(&'static str),
    /// Larger than the limit.
    TooLarge {
        limit: Limit,
    },
    /// Not UTF-8 from this byte on, at this 1-based line and column.
    NotUtf8 {
        byte: usize,
        line: usize,
        column: usize,
    },
}

impl ReadError {
    fn kind(&self) -> io::ErrorKind {
        match self {
            ReadError::Io(e) => e.kind(),
            ReadError::NotUtf8 { .. } => io::ErrorKind::InvalidData,
            _ => io::ErrorKind::InvalidInput,
        }
    }

    /// The message with the file's name in front (`name:line:column:` for a UTF-8 error).
    pub fn with_name(&self, name: &str) -> String {
        match self {
            ReadError::NotUtf8 { line, column, .. } => format!("{name}:{line}:{column}: {self}"),
            _ => format!("{name}: {self}"),
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) if e.kind() == io::ErrorKind::NotFound => {
                f.write_str("no such file or folder")
            }
            ReadError::Io(e) => write!(f, "{e}"),
            ReadError::Loop => f.write_str("a symbolic link loop (the link leads back to itself)"),
            ReadError::NotRegular(what) => {
                write!(
                    f,
                    "not a regular file ({what}); copydesk reads only regular files"
                )
            }
            ReadError::TooLarge { limit } => {
                write!(f, "larger than the {} MB limit", limit.bytes >> 20)?;
                if !limit.setting.is_empty() {
                    write!(f, " (raise it with {})", limit.setting)?;
                }
                Ok(())
            }
            ReadError::NotUtf8 { byte, .. } => write!(
                f,
                "invalid UTF-8 at byte {byte}: the file must be UTF-8 text"
            ),
        }
    }
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        if is_loop(&e) {
            ReadError::Loop
        } else {
            ReadError::Io(e)
        }
    }
}

/// Is this the error of a symbolic link loop (ELOOP)?
fn is_loop(e: &io::Error) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

/// What a path is, when it is not a regular file (`None` when it is one).
fn not_regular(t: std::fs::FileType) -> Option<&'static str> {
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a FIFO");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
    }
    Some("not a file")
}

/// Check that a path is a regular file within the limit, without opening it (opening a FIFO
/// waits for a writer). Links are followed.
pub fn check_regular(path: &Path, limit: Limit) -> Result<std::fs::Metadata, ReadError> {
    let meta = std::fs::metadata(path)?;
    if let Some(what) = not_regular(meta.file_type()) {
        return Err(ReadError::NotRegular(what));
    }
    if meta.len() > limit.bytes {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(meta)
}

/// Open a file for reading without waiting on a FIFO that replaced it since it was checked.
fn open_for_reading(path: &Path) -> io::Result<File> {
    let mut o = OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NONBLOCK);
    }
    o.open(path)
}

/// Read at most `limit` bytes from a reader; more is an error.
pub fn read_capped(r: impl Read, limit: Limit) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    r.take(limit.bytes.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit.bytes {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// A regular file within the limit, opened for reading. What is opened is checked again,
/// in case the path changed since it was checked.
fn open_regular(path: &Path, limit: Limit) -> Result<File, ReadError> {
    check_regular(path, limit)?;
    let file = open_for_reading(path)?;
    let meta = file.metadata()?;
    if let Some(what) = not_regular(meta.file_type()) {
        return Err(ReadError::NotRegular(what));
    }
    if meta.len() > limit.bytes {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(file)
}

/// A regular file's bytes, up to a limit.
pub fn read_bytes(path: &Path, limit: Limit) -> Result<Vec<u8>, ReadError> {
    read_capped(open_regular(path, limit)?, limit)
}

/// A regular file's bytes, up to a limit, mapped into memory (read when it cannot be
/// mapped): a compiled table is read in place, page by page as it is used.
///
/// A mapped file that another process truncates or writes in place while it is mapped would
/// fault on access or change under its reader; copydesk itself only ever replaces such files
/// whole, by rename ([`write_atomic`]), which leaves the mapped file as it was.
pub fn map_bytes(path: &Path, limit: Limit) -> Result<Shared, ReadError> {
    let file = open_regular(path, limit)?;
    // SAFETY: a read-only (shared) map of the regular file just opened and checked; the
    // bytes change under it only if another process writes or truncates the file in place
    // (see above), which copydesk never does.
    match unsafe { memmap2::Mmap::map(&file) } {
        Ok(m) => Ok(std::sync::Arc::new(Mapped(m))),
        Err(_) => Ok(std::sync::Arc::new(read_capped(file, limit)?)),
    }
}

/// A mapped file, as an index reads it.
struct Mapped(memmap2::Mmap);

impl Bytes for Mapped {
    fn bytes(&self) -> &[u8] {
        &self.0
    }

    /// The pages leave the process's memory (`MADV_DONTNEED`); the next read of them maps
    /// them again from the file (the page cache).
    fn release(&self, range: std::ops::Range<usize>) {
        #[cfg(unix)]
        if range.end <= self.0.len() {
            // SAFETY: `range` lies in the map (checked above), a read-only shared map of a
            // file: nothing was written through it, so dropping its pages loses nothing, and
            // a later read fills them again with the file's bytes, the same ones (see
            // `map_bytes`).
            let _ = unsafe {
                self.0.unchecked_advise_range(
                    memmap2::UncheckedAdvice::DontNeed,
                    range.start,
                    range.len(),
                )
            };
        }
    }
}

/// Where copydesk keeps what it compiles for itself (tables compiled from big JSON tables,
/// so the next start reads them in place): `$COPYDESK_CACHE_DIR`, else
/// `$XDG_CACHE_HOME/copydesk`, else `~/.cache/copydesk`. `COPYDESK_CACHE_DIR=off` (or
/// empty) keeps nothing.
pub fn cache_dir() -> Option<PathBuf> {
    let env = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
    if let Some(v) = std::env::var_os("COPYDESK_CACHE_DIR") {
        return (!v.is_empty() && v != "off").then(|| PathBuf::from(v));
    }
    if let Some(x) = env("XDG_CACHE_HOME") {
        return Some(PathBuf::from(x).join("copydesk"));
    }
    env("HOME").map(|h| PathBuf::from(h).join(".cache").join("copydesk"))
}

/// A text as read: without its byte-order mark, which is remembered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub text: String,
    /// The file began with a byte-order mark (not part of `text`).
    pub bom: bool,
}

impl Text {
    /// Bytes as UTF-8 text (a byte-order mark set apart), or where they are not UTF-8.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Text, ReadError> {
        let mut text = String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            let valid = std::str::from_utf8(&e.as_bytes()[..at]).unwrap_or("");
            let (line, column) = crate::text::line_col(valid, at);
            ReadError::NotUtf8 {
                byte: at,
                line,
                column,
            }
        })?;
        let bom = text.starts_with(BOM);
        if bom {
            text.drain(..BOM.len());
        }
        Ok(Text { text, bom })
    }

    /// The bytes it was read from: its byte-order mark put back before the text (what
    /// [`write_atomic`] checks a file still holds before it writes over it).
    pub fn bytes(&self) -> Vec<u8> {
        self.bytes_of(&self.text)
    }

    /// The bytes to write for a new text of this file: its byte-order mark put back.
    pub fn bytes_of(&self, new_text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(new_text.len() + BOM.len());
        if self.bom {
            out.extend_from_slice(BOM.as_bytes());
        }
        out.extend_from_slice(new_text.as_bytes());
        out
    }
}

/// A regular file's UTF-8 text, up to a limit, its byte-order mark set apart.
pub fn read_text(path: &Path, limit: Limit) -> Result<Text, ReadError> {
    Text::from_bytes(read_bytes(path, limit)?)
}

/// Why a file was not written.
#[derive(Debug)]
pub enum WriteError {
    /// The file is no longer what was read: someone else wrote it meanwhile.
    Changed,
    Io(io::Error),
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Changed => f.write_str(
                "the file changed on disk since copydesk read it; it was not overwritten (run again)",
            ),
            WriteError::Io(e) => write!(f, "cannot write: {e}"),
        }
    }
}

impl From<io::Error> for WriteError {
    fn from(e: io::Error) -> Self {
        WriteError::Io(e)
    }
}

/// Tests set this to hold a write between the synced temporary file and the rename, so a
/// process can be killed there.
const PAUSE_ENV: &str = "COPYDESK_TEST_PAUSE_BEFORE_RENAME_MS";

/// Write a file whole or not at all: the bytes go to a temporary file in the same folder,
/// which is synced and renamed over the target (a reader, or a crash, sees the old file or
/// the new one, never a torn one). With `read`, the bytes the target held when it was read:
/// if it holds anything else now, nothing is written ([`WriteError::Changed`]). A link is
/// written through (the file it points to is replaced, the link kept); a new file gets the
/// old one's permissions.
pub fn write_atomic(path: &Path, bytes: &[u8], read: Option<&[u8]>) -> Result<(), WriteError> {
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => path.canonicalize()?,
        _ => path.to_path_buf(),
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (tmp_path, mut tmp) = temp_file(&dir, &target)?;
    let result = (|| {
        tmp.write_all(bytes)?;
        if let Ok(m) = std::fs::metadata(&target) {
            tmp.set_permissions(m.permissions())?;
        }
        tmp.sync_all()?;
        drop(tmp);
        if let Some(ms) = std::env::var(PAUSE_ENV).ok().and_then(|v| v.parse().ok()) {
            std::thread::sleep(std::time::Duration::from_millis(ms));
        }
        if let Some(old) = read {
            let limit = Limit {
                bytes: old.len() as u64,
                setting: "",
            };
            let now = read_bytes(&target, limit);
            if !matches!(now, Ok(ref b) if b == old) {
                return Err(WriteError::Changed);
            }
        }
        std::fs::rename(&tmp_path, &target)?;
        // The rename itself is durable once the folder is synced.
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp_path);
    }
    result
}

/// A new temporary file beside `target`, hidden (the folder walk skips it).
fn temp_file(dir: &Path, target: &Path) -> io::Result<(PathBuf, File)> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    loop {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let p = dir.join(format!(".{name}.copydesk-{}-{n}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&p) {
            Ok(f) => return Ok((p, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// A folder of copydesk's own under the system temp folder, named by a hash of the embedded
/// default table (the language server keeps its read-only copy of that table there).
pub fn temp_home() -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        crate::table::DEFAULT_TABLE.hash(&mut h);
        // The crate's own unit tests keep it in the git-ignored target/ folder.
        let temp = if cfg!(test) {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-tmp")
        } else {
            std::env::temp_dir()
        };
        temp.join(format!("copydesk-{:016x}", h.finish()))
    })
    .clone()
}

/// The folder of the rules' documentation pages (`<code>.md`, one per rule, the text of
/// [`Rule::doc_markdown`](crate::rules::Rule::doc_markdown), and `index.md` listing them),
/// written once per process under [`temp_home`]: what the language server links a diagnostic to and SARIF names as
/// each rule's help.
pub fn rule_docs() -> Option<&'static Path> {
    static DIR: OnceLock<Option<PathBuf>> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = temp_home().join("rules");
        std::fs::create_dir_all(&dir).ok()?;
        let mut index = format!(
            "# copydesk {}\n\n{}.\n\n| rule | default severity | what it flags |\n|---|---|---|\n",
            env!("CARGO_PKG_VERSION"),
            env!("CARGO_PKG_DESCRIPTION")
        );
        let mut pages = Vec::new();
        for r in crate::rules::RULES {
            index.push_str(&format!(
                "| [{0}]({0}.md) | {1} | {2} |\n",
                r.code, r.default_severity, r.summary
            ));
            pages.push((format!("{}.md", r.code), r.doc_markdown()));
        }
        pages.push(("index.md".to_string(), index));
        for (name, text) in pages {
            let p = dir.join(name);
            if std::fs::read_to_string(&p).ok().as_deref() != Some(text.as_str()) {
                write_atomic(&p, text.as_bytes(), None).ok()?;
            }
        }
        Some(dir)
    })
    .as_deref()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMIT: Limit = Limit {
        bytes: 1 << 20,
        setting: "--max-article-mb",
    };

    #[test]
    fn a_byte_order_mark_is_set_apart_and_put_back() {
        let t = Text::from_bytes(b"\xef\xbb\xbfHello\r\n".to_vec()).unwrap();
        assert_eq!((t.text.as_str(), t.bom), ("Hello\r\n", true));
        assert_eq!(t.bytes_of("Bye\r\n"), b"\xef\xbb\xbfBye\r\n");
        assert_eq!(t.bytes(), b"\xef\xbb\xbfHello\r\n");
        let t = Text::from_bytes(b"Hello".to_vec()).unwrap();
        assert_eq!((t.text.as_str(), t.bom), ("Hello", false));
        assert_eq!(t.bytes_of("Bye"), b"Bye");
        assert_eq!(t.bytes(), b"Hello");
    }

    #[test]
    fn invalid_utf8_says_where() {
        let e = Text::from_bytes(b"ab\ncd\xff".to_vec()).unwrap_err();
        assert_eq!(
            e.with_name("x.md"),
            "x.md:2:3: invalid UTF-8 at byte 5: the file must be UTF-8 text"
        );
    }

    #[test]
    fn only_regular_files_within_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let e = read_text(dir.path(), LIMIT).unwrap_err();
        assert!(e.to_string().contains("a folder"), "{e}");
        let big = dir.path().join("big.txt");
        std::fs::write(&big, vec![b'a'; 100]).unwrap();
        let small = Limit {
            bytes: 99,
            setting: "maxArticleMegabytes",
        };
        let e = read_text(&big, small).unwrap_err();
        assert!(e.to_string().contains("maxArticleMegabytes"), "{e}");
        assert!(read_capped(&[b'a'; 100][..], small).is_err());
        assert_eq!(read_text(&big, LIMIT).unwrap().text.len(), 100);
        #[cfg(unix)]
        {
            let e = read_text(Path::new("/dev/zero"), LIMIT).unwrap_err();
            assert!(e.to_string().contains("a device"), "{e}");
            let a = dir.path().join("a");
            let b = dir.path().join("b");
            std::os::unix::fs::symlink(&b, &a).unwrap();
            std::os::unix::fs::symlink(&a, &b).unwrap();
            let e = read_text(&a, LIMIT).unwrap_err();
            assert!(e.to_string().contains("loop"), "{e}");
        }
    }

    #[test]
    fn an_atomic_write_replaces_the_file_or_refuses_a_changed_one() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        std::fs::write(&p, "old").unwrap();
        write_atomic(&p, b"new", Some(b"old")).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
        // Read as "old", but it holds "new" now.
        assert!(matches!(
            write_atomic(&p, b"newer", Some(b"old")),
            Err(WriteError::Changed)
        ));
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
        // No temporary file left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1);
        // A new file.
        write_atomic(&dir.path().join("b.json"), b"{}", None).unwrap();
        assert_eq!(std::fs::read(dir.path().join("b.json")).unwrap(), b"{}");
    }

    #[cfg(unix)]
    #[test]
    fn a_write_through_a_link_keeps_the_link_and_the_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        std::fs::write(&real, "old").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new", Some(b"old")).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
        let mode = std::fs::metadata(&real).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }

    #[cfg(unix)]
    #[test]
    fn links_and_fifos_are_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("w");
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::write(root.join("a.md"), "a").unwrap();
        std::fs::write(root.join("sub/b.md"), "b").unwrap();
        std::fs::write(dir.path().join("outside.md"), "o").unwrap();
        // Two links to the tree itself, one out of it, one to a file outside, one loop.
        std::os::unix::fs::symlink(".", root.join("self")).unwrap();
        std::os::unix::fs::symlink("..", root.join("sub/up")).unwrap();
        std::os::unix::fs::symlink(dir.path(), root.join("out")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("outside.md"), root.join("o.md")).unwrap();
        std::os::unix::fs::symlink(root.join("l1.md"), root.join("l2.md")).unwrap();
        std::os::unix::fs::symlink(root.join("l2.md"), root.join("l1.md")).unwrap();
        let fifo = root.join("pipe.md");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        let (mut out, mut errors) = (Vec::new(), Vec::new());
        crate::workspace::walk_articles(&Disk, &root, &mut out, &mut errors);
        out.sort();
        assert_eq!(out, [root.join("a.md"), root.join("sub/b.md")]);
        assert!(errors.is_empty(), "{errors:?}");
        // The folder named may itself be a link.
        let (mut out, mut errors) = (Vec::new(), Vec::new());
        crate::workspace::walk_articles(&Disk, &root.join("self"), &mut out, &mut errors);
        assert_eq!(out.len(), 2, "{out:?}");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_config_folder_is_outside() {
        let dir = tempfile::tempdir().unwrap();
        let w = dir.path().join("w");
        std::fs::create_dir(&w).unwrap();
        std::fs::write(dir.path().join("secret.json"), "{}").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.json"), w.join("t.json")).unwrap();
        std::fs::write(w.join("copydesk.json"), r#"{"tables": ["t.json"]}"#).unwrap();
        let e = crate::workspace::read_settings(&Disk, &w.join("copydesk.json")).unwrap_err();
        assert!(e.contains("outside"), "{e}");
    }
}
