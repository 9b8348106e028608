//! The file system the adapters hand to the core: the one implementation of
//! [`workspace::Files`](crate::workspace::Files) on `std::fs`.

use std::io;
use std::path::{Path, PathBuf};

use crate::workspace::{Files, Stamp};

/// The real file system.
#[derive(Debug, Clone, Copy, Default)]
pub struct Disk;

impl Files for Disk {
    fn read(&self, path: &Path) -> io::Result<String> {
        std::fs::read_to_string(path)
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

    fn list(&self, dir: &Path) -> io::Result<Vec<(PathBuf, bool)>> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir)?.flatten() {
            let path = entry.path();
            let is_dir = path.is_dir();
            out.push((path, is_dir));
        }
        Ok(out)
    }
}
