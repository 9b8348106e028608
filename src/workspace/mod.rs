//! The workspace: where a document's settings and tables come from, worked out once for
//! the command line and the language server alike.
//!
//! Given a file's folder and a file reader passed in ([`Files`]; the adapters pass the real
//! file system, `crate::disk::Disk`, tests a map in memory), [`find_config`] finds its
//! `copydesk.json`; [`resolve`] lays the sources of settings over each other (the editor's,
//! the config file's, the command line's) into a [`Config`](crate::config::Config) and the
//! ordered [`TableSet`]; a [`TableCache`] loads a set once, with where each entry came from
//! (file and JSON path), and loads it again only when a file's stamp changes.

mod config_file;
mod resolve;
mod tables;
mod walk;

use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::table::flat::Shared;

pub use config_file::{CONFIG_FILE, ConfigSearch, find_config, parse_settings, read_settings};
pub use resolve::{Layer, Resolved, resolve};
pub use tables::{
    CACHE_MIN_BYTES, TableCache, TableFile, TableSet, Tables, compile_tables, compiled_beside,
    is_compiled, load_table, load_tables,
};
pub use walk::{is_article, walk_articles};

/// A file's modification time and size: when either changes, what was read from it is stale.
pub type Stamp = (SystemTime, u64);

const MB: u64 = 1 << 20;

/// The most of a file that is read, and how to raise it (named when a file is over it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Limit {
    pub bytes: u64,
    /// The setting or flag that raises it ("" for none).
    pub setting: &'static str,
}

impl Limit {
    /// The default size limit of an article, in megabytes.
    pub const ARTICLE_MB: u64 = 64;
    /// The default size limit of a table, in megabytes.
    pub const TABLE_MB: u64 = 512;
    /// A config file holds a few settings.
    pub const CONFIG: Limit = Limit {
        bytes: 16 * MB,
        setting: "",
    };

    /// An article's limit: the given megabytes, or [`Limit::ARTICLE_MB`].
    pub fn article(megabytes: Option<u64>) -> Limit {
        Limit {
            bytes: megabytes.unwrap_or(Limit::ARTICLE_MB).saturating_mul(MB),
            setting: "\"maxArticleMegabytes\" in copydesk.json or --max-article-mb",
        }
    }

    /// A table's limit: the given megabytes, or [`Limit::TABLE_MB`].
    pub fn table(megabytes: Option<u64>) -> Limit {
        Limit {
            bytes: megabytes.unwrap_or(Limit::TABLE_MB).saturating_mul(MB),
            setting: "\"maxTableMegabytes\" in copydesk.json or --max-table-mb",
        }
    }
}

/// What a folder entry is (a link is not followed to say).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    File,
    Dir,
    Link,
    /// A FIFO, a socket, a device.
    Other,
}

/// One entry of a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub path: PathBuf,
    pub kind: EntryKind,
}

/// The file system as the workspace sees it.
pub trait Files: Send + Sync {
    /// A regular file's text (UTF-8, a byte-order mark left out), if it is within the limit.
    fn read(&self, path: &Path, limit: Limit) -> io::Result<String>;
    /// A file's stamp, or `None` if there is no such file (a folder is not a file).
    fn stamp(&self, path: &Path) -> Option<Stamp>;
    /// The path made absolute with links resolved, or as given when that fails.
    fn canonical(&self, path: &Path) -> PathBuf;
    /// The entries of a folder.
    fn list(&self, dir: &Path) -> io::Result<Vec<Entry>>;
    /// A regular file's bytes, if it is within the limit: mapped, for a compiled table.
    fn map(&self, path: &Path, limit: Limit) -> io::Result<Shared>;
    /// Where tables compiled automatically are kept (`None`: none are kept).
    fn cache_dir(&self) -> Option<PathBuf>;
    /// Write a file whole or not at all, with its folder (a compiled table in the cache).
    fn write(&self, path: &Path, bytes: &[u8]) -> io::Result<()>;
}

/// Do two paths name the same file?
pub fn same_file(files: &dyn Files, a: &Path, b: &Path) -> bool {
    a == b || files.canonical(a) == files.canonical(b)
}

#[cfg(test)]
pub(crate) mod memory {
    //! Files in memory, for tests.

    use std::collections::BTreeMap;
    use std::io;
    use std::path::{Path, PathBuf};
    use std::sync::Mutex;
    use std::time::{Duration, SystemTime};

    use super::{Entry, EntryKind, Files, Shared, Stamp};

    /// Files by path, each with the number of times it was written (its stamp) and how
    /// often it was read.
    #[derive(Default)]
    pub struct Memory {
        files: Mutex<BTreeMap<PathBuf, (String, u64)>>,
        /// Files that are not text (compiled tables), with their stamps.
        binary: Mutex<BTreeMap<PathBuf, (Vec<u8>, u64)>>,
        pub reads: Mutex<BTreeMap<PathBuf, usize>>,
        /// Where compiled tables are kept, if anywhere.
        pub cache: Option<PathBuf>,
    }

    impl Memory {
        pub fn with(files: &[(&str, &str)]) -> Memory {
            let m = Memory::default();
            for (p, t) in files {
                m.write(p, t);
            }
            m
        }

        pub fn write(&self, path: &str, text: &str) {
            let mut f = self.files.lock().unwrap();
            let n = f.get(Path::new(path)).map_or(1, |x| x.1 + 1);
            f.insert(PathBuf::from(path), (text.to_string(), n));
        }

        pub fn write_bytes(&self, path: &str, bytes: &[u8]) {
            let mut f = self.binary.lock().unwrap();
            let n = f.get(Path::new(path)).map_or(1, |x| x.1 + 1);
            f.insert(PathBuf::from(path), (bytes.to_vec(), n));
        }

        pub fn reads(&self, path: &str) -> usize {
            self.reads
                .lock()
                .unwrap()
                .get(Path::new(path))
                .copied()
                .unwrap_or(0)
        }
    }

    impl Files for Memory {
        fn read(&self, path: &Path, limit: super::Limit) -> io::Result<String> {
            *self
                .reads
                .lock()
                .unwrap()
                .entry(path.to_path_buf())
                .or_default() += 1;
            match self.files.lock().unwrap().get(path) {
                Some((t, _)) if t.len() as u64 > limit.bytes => Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "larger than the limit",
                )),
                Some((t, _)) => Ok(t.clone()),
                None => Err(io::Error::new(io::ErrorKind::NotFound, "no such file")),
            }
        }

        fn stamp(&self, path: &Path) -> Option<Stamp> {
            if let Some((b, n)) = self.binary.lock().unwrap().get(path) {
                return Some((
                    SystemTime::UNIX_EPOCH + Duration::from_secs(*n),
                    b.len() as u64,
                ));
            }
            let f = self.files.lock().unwrap();
            let (t, n) = f.get(path)?;
            Some((
                SystemTime::UNIX_EPOCH + Duration::from_secs(*n),
                t.len() as u64,
            ))
        }

        fn canonical(&self, path: &Path) -> PathBuf {
            path.to_path_buf()
        }

        fn map(&self, path: &Path, limit: super::Limit) -> io::Result<Shared> {
            let bytes = match self.binary.lock().unwrap().get(path) {
                Some((b, _)) => b.clone(),
                None => self.read(path, limit)?.into_bytes(),
            };
            if bytes.len() as u64 > limit.bytes {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "larger than the limit",
                ));
            }
            Ok(std::sync::Arc::new(bytes))
        }

        fn cache_dir(&self) -> Option<PathBuf> {
            self.cache.clone()
        }

        fn write(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
            self.write_bytes(&path.to_string_lossy(), bytes);
            Ok(())
        }

        fn list(&self, dir: &Path) -> io::Result<Vec<Entry>> {
            let f = self.files.lock().unwrap();
            let mut out: Vec<Entry> = Vec::new();
            for p in f.keys() {
                let Ok(rest) = p.strip_prefix(dir) else {
                    continue;
                };
                let mut parts = rest.components();
                let Some(first) = parts.next() else {
                    continue;
                };
                let entry = Entry {
                    path: dir.join(first),
                    kind: if parts.next().is_some() {
                        EntryKind::Dir
                    } else {
                        EntryKind::File
                    },
                };
                if !out.contains(&entry) {
                    out.push(entry);
                }
            }
            if out.is_empty() {
                return Err(io::Error::new(io::ErrorKind::NotFound, "no such folder"));
            }
            Ok(out)
        }
    }
}
