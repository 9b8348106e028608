//! Nothing lost: `copydesk check --fix` killed at any moment leaves the old file or the new
//! one, never a torn one.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn bin() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("copydesk")
}

/// A long article with a fix in every paragraph.
fn draft() -> String {
    let mut s = String::new();
    for i in 0..600 {
        s.push_str(&format!(
            "Paragraph {i}: Hoang Xuan Chien met the delegation and spoke about the agenda of \
             the day, the weather and the trains.\n\n"
        ));
    }
    s
}

fn fix(dir: &Path, pause_ms: Option<u64>) -> std::process::Child {
    let mut c = Command::new(bin());
    c.current_dir(dir)
        .args(["check", "--fix", "a.md"])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if let Some(ms) = pause_ms {
        c.env("COPYDESK_TEST_PAUSE_BEFORE_RENAME_MS", ms.to_string());
    }
    c.spawn().unwrap()
}

fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

#[test]
fn a_kill_mid_write_leaves_the_old_file_or_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.md");
    let old = draft();
    std::fs::write(&p, &old).unwrap();

    // Killed with the new text written and synced in the temporary file, before the rename.
    let mut child = fix(dir.path(), Some(60_000));
    let start = Instant::now();
    while temp_files(dir.path()).is_empty() {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "no temporary file"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert_eq!(std::fs::read_to_string(&p).unwrap(), old);
    // The leftover is hidden: a folder check does not read it.
    let left = temp_files(dir.path());
    assert_eq!(left.len(), 1);
    assert!(left[0].starts_with(".a.md."), "{left:?}");
    for f in left {
        std::fs::remove_file(dir.path().join(f)).unwrap();
    }

    // A whole run, timed, gives the new file.
    let start = Instant::now();
    assert!(fix(dir.path(), None).wait().unwrap().success());
    let whole = start.elapsed();
    let new = std::fs::read_to_string(&p).unwrap();
    assert_ne!(new, old);
    assert!(new.contains("Hoàng Xuân Chiến") && !new.contains("Hoang Xuan"));

    // Killed at moments spread over a whole run: the old file or the new one, each time.
    let mut seen_old = 0;
    for i in 0..12u32 {
        std::fs::write(&p, &old).unwrap();
        let mut child = fix(dir.path(), None);
        std::thread::sleep(whole * i / 10);
        let _ = child.kill();
        child.wait().unwrap();
        let now = std::fs::read_to_string(&p).unwrap();
        assert!(now == old || now == new, "run {i}: a torn file");
        seen_old += usize::from(now == old);
        for f in temp_files(dir.path()) {
            std::fs::remove_file(dir.path().join(f)).unwrap();
        }
    }
    assert!(seen_old > 0, "no run was killed before its write");
}
