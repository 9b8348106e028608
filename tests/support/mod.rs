//! Helpers the integration tests share: the binary as a command, the repository's folders
//! and the text files in one, the temporary files of an atomic write, FIFOs, a process's
//! memory and threads, lists read out of JSON, and a seeded random number generator. The
//! language server's test client is `tests/lsp_support/`.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;

/// `copydesk`, this build's, as a command to run.
pub fn copydesk() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("copydesk").expect("binary")
}

/// The repository.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed articles (a missing folder is a failure, never a skip).
pub fn seeds() -> PathBuf {
    let dir = root().join("tests/fixtures/seeds");
    assert!(
        dir.join("000_81e2ba5f78579261.txt").is_file()
            && dir.join("001_9d09c6c4d54eea1e.txt").is_file(),
        "{} must hold the two seed articles (a copy of the seeds, kept in the repository)",
        dir.display()
    );
    dir
}

/// The files of a folder whose names end in one of `exts` (without the dot), sorted.
pub fn files_in(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| exts.contains(&e))
        })
        .collect();
    paths.sort();
    paths
}

/// The same files' names and texts.
pub fn texts_in(dir: &Path, exts: &[&str]) -> Vec<(String, String)> {
    files_in(dir, exts)
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// The temporary files a write leaves in `dir` while it runs (`….tmp`).
pub fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

/// Wait until a write's temporary file appears in `dir`.
pub fn wait_for_temp_file(dir: &Path) {
    let start = Instant::now();
    while temp_files(dir).is_empty() {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "no temporary file"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Make a FIFO.
#[cfg(unix)]
pub fn mkfifo(p: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(p)
        .status()
        .expect("mkfifo runs");
    assert!(ok.success());
}

/// A field of /proc/<pid>/status, in its unit (kB for memory), of a running process; 0
/// where there is no /proc.
#[cfg(target_os = "linux")]
pub fn proc_status(pid: u32, field: &str) -> u64 {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_else(|e| panic!("process {pid}: {e}"));
    s.lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

#[cfg(not(target_os = "linux"))]
pub fn proc_status(_: u32, _: &str) -> u64 {
    0
}

/// The string `key` of each object of a JSON list (`["code"]` of findings, `["id"]` of
/// people).
pub fn strings<'a>(list: &'a [Value], key: &str) -> Vec<&'a str> {
    list.iter()
        .map(|x| x[key].as_str().unwrap_or_else(|| panic!("{key:?} in {x}")))
        .collect()
}

/// The path a `file:` URI names (percent-encoded bytes decoded).
pub fn path_of(uri: &str) -> PathBuf {
    let s = uri.strip_prefix("file://").expect("a file: URI");
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    PathBuf::from(String::from_utf8(out).unwrap())
}

/// A small deterministic random number generator (xorshift), seeded so a run repeats.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    /// True with probability `p` percent.
    pub fn chance(&mut self, p: u64) -> bool {
        self.next() % 100 < p
    }
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}
