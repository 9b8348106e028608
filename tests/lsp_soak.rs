//! The language server soak (issue 11): a scripted client keeps 20 articles open and, for
//! `COPYDESK_SOAK_SECONDS` (default 30), edits them at random (inserting and deleting words,
//! names, dates and paragraphs), asks for hovers, completions and code actions (sometimes
//! several at once), and now and then closes and reopens one. It fails on:
//!
//! - a request answered in more than a second, or answered with an error;
//! - RSS growing after the warm-up (the first fifth of the run) by more than 16 MB or 15%;
//! - more than 24 threads;
//! - a document whose text on the server is not the client's at the end, or whose last
//!   diagnostics differ from those of the same text opened fresh.
//!
//! It prints requests served, edits, the slowest request, percentiles, peak RSS and
//! threads. `scripts/soak.sh [seconds]` runs it against the release binary; it is ignored
//! by a plain `cargo test`.

mod lsp_support;
mod support;

use std::time::{Duration, Instant};

use lsp_support::*;
use serde_json::{Value, json};
use support::{Rng, proc_status};

const NAMES: &[&str] = &[
    "Hoàng Xuân Chiến",
    "Hoang Xuan Chien",
    "Simon Ridley",
    "Simon Ridlee",
    "Permanent Secretary Simon Ridley",
    "Senior Lieutenant General Hoàng Xuân Chiến",
    "Chiến",
    "Ridley",
    "Nguyễn Thị Lan",
];
const PLACES: &[&str] = &["Hà Nội", "Ha Noi", "London", "the Home Office"];
const DATES: &[&str] = &[
    "Wednesday, March 4, 2025",
    "Tuesday, March 4, 2025",
    "March 5",
    "29 February 2025",
    "2025-03-04",
];
const WORDS: &[&str] = &[
    "the",
    "officials",
    "said",
    "talks",
    "on",
    "trafficking",
    "and",
    "reporters",
    "waited",
    "outside",
    "a",
    "statement",
    "followed",
    "later",
    "😀",
    "café",
];

fn sentence(r: &mut Rng) -> String {
    match r.below(4) {
        0 => format!(
            "{} met {} in {} on {}.",
            r.pick(NAMES),
            r.pick(NAMES),
            r.pick(PLACES),
            r.pick(DATES)
        ),
        1 => format!("{} said the talks would go on.", r.pick(NAMES)),
        _ => {
            let n = 6 + r.below(10);
            let words: Vec<&str> = (0..n).map(|_| r.pick(WORDS)).collect();
            let mut s = words.join(" ");
            s.push('.');
            s
        }
    }
}

fn article(r: &mut Rng, paragraphs: usize) -> String {
    let mut out = String::from("date 2025-03-05\n\n");
    for _ in 0..paragraphs {
        let n = 1 + r.below(4);
        let p: Vec<String> = (0..n).map(|_| sentence(r)).collect();
        out.push_str(&p.join(" "));
        out.push_str("\n\n");
    }
    out
}

/// The UTF-16 position of a byte offset (texts here have `\n` line ends only).
fn position(text: &str, byte: usize) -> Value {
    let before = &text[..byte];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    pos(line as u64, text[start..byte].encode_utf16().count() as u64)
}

/// A char boundary at or before `byte`.
fn floor(text: &str, mut byte: usize) -> usize {
    byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}

struct Doc {
    uri: String,
    text: String,
    version: i64,
    start_len: usize,
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() - 1) as f64 * p) as usize]
}

#[test]
#[ignore = "the soak: run by scripts/soak.sh [seconds]"]
fn soak() {
    let seconds: u64 = std::env::var("COPYDESK_SOAK_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30);
    let seed: u64 = std::env::var("COPYDESK_SOAK_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    eprintln!(
        "soak: {seconds} s, seed {seed} (COPYDESK_SOAK_SEED repeats a run), binary {}",
        bin()
    );
    let mut r = Rng::new(seed);
    let (mut s, _) = Server::init_env(
        plain_caps(),
        None,
        Value::Null,
        &[
            ("COPYDESK_LSP_DEBUG", "1"),
            ("COPYDESK_LSP_DEBOUNCE_MS", "30"),
        ],
    );
    let pid = s.child.id();
    let mut docs: Vec<Doc> = (0..20)
        .map(|i| {
            // Sizes from a short note to a long feature.
            let paragraphs = [2, 5, 10, 20, 40][i % 5] + r.below(5);
            let text = article(&mut r, paragraphs);
            Doc {
                uri: format!("file:///tmp/soak/article-{i}.md"),
                start_len: text.len(),
                text,
                version: 1,
            }
        })
        .collect();
    for d in &docs {
        s.open(&d.uri, "markdown", &d.text);
    }
    let start = Instant::now();
    let end = start + Duration::from_secs(seconds);
    let warm = start + Duration::from_secs(seconds / 5);
    let mut latencies: Vec<Duration> = Vec::new();
    let mut slowest = (Duration::ZERO, String::new());
    let mut edits = 0u64;
    let mut reopened = 0u64;
    let mut rss_at_warm = None;
    let mut rss_peak_after_warm = 0u64;
    let mut rss_peak = 0u64;
    let mut threads_peak = 0u64;
    let mut last_sample = Instant::now() - Duration::from_secs(10);
    let mut failures: Vec<String> = Vec::new();
    while Instant::now() < end {
        if last_sample.elapsed() >= Duration::from_millis(500) {
            last_sample = Instant::now();
            let rss = proc_status(pid, "VmRSS");
            rss_peak = rss_peak.max(rss);
            threads_peak = threads_peak.max(proc_status(pid, "Threads"));
            if Instant::now() >= warm {
                rss_at_warm.get_or_insert(rss);
                rss_peak_after_warm = rss_peak_after_warm.max(rss);
            }
            // Diagnostics and other notifications are not looked at here.
            s.inbox.clear();
        }
        let k = r.below(docs.len());
        let roll = r.below(100);
        if roll < 55 {
            // An edit: insert something, or delete a stretch (more deletes as it grows).
            let d = &mut docs[k];
            let grow = d.text.len() < d.start_len * 2;
            let at = floor(&d.text, r.below(d.text.len() + 1));
            let (a, b, new) = if grow && r.below(2) == 0 || d.text.len() < 64 {
                let piece = match r.below(6) {
                    0 => format!("{} ", r.pick(NAMES)),
                    1 => format!("{} ", r.pick(DATES)),
                    2 => format!("\n\n{} ", sentence(&mut r)),
                    3 => "\n".to_string(),
                    _ => format!("{} ", r.pick(WORDS)),
                };
                (at, at, piece)
            } else {
                let b = floor(&d.text, at + 1 + r.below(40));
                (at, b, String::new())
            };
            let range = json!({"start": position(&d.text, a), "end": position(&d.text, b)});
            d.text.replace_range(a..b, &new);
            d.version += 1;
            s.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": d.uri, "version": d.version},
                       "contentChanges": [{"range": range, "text": new}]}),
            );
            edits += 1;
            // Typing pace: a burst, then a pause.
            if r.below(8) == 0 {
                std::thread::sleep(Duration::from_millis(20 + r.below(60) as u64));
            }
            continue;
        }
        if roll < 56 {
            let d = &mut docs[k];
            s.notify(
                "textDocument/didClose",
                json!({"textDocument": {"uri": d.uri}}),
            );
            d.version = 1;
            s.open(&d.uri, "markdown", &d.text);
            reopened += 1;
            continue;
        }
        // Requests: one, or a few at once.
        let n = if r.below(10) == 0 { 2 + r.below(4) } else { 1 };
        let mut sent: Vec<(i64, String, Instant)> = Vec::new();
        for _ in 0..n {
            let d = &docs[r.below(docs.len())];
            let at = floor(&d.text, r.below(d.text.len() + 1));
            let p = position(&d.text, at);
            let (method, params) = match r.below(10) {
                0..=4 => (
                    "textDocument/hover",
                    json!({"textDocument": {"uri": d.uri}, "position": p}),
                ),
                5..=7 => {
                    let b = floor(&d.text, at + r.below(30));
                    (
                        "textDocument/codeAction",
                        json!({"textDocument": {"uri": d.uri}, "range": {"start": p, "end": position(&d.text, b)}, "context": {"diagnostics": []}}),
                    )
                }
                _ => (
                    "textDocument/completion",
                    json!({"textDocument": {"uri": d.uri}, "position": p}),
                ),
            };
            let id = s.send_request(method, params);
            sent.push((id, method.to_string(), Instant::now()));
        }
        for (id, method, t0) in sent {
            let resp = s
                .try_wait(
                    move |m| m.get("id") == Some(&json!(id)) && m.get("method").is_none(),
                    Duration::from_secs(30),
                )
                .unwrap_or_else(|| panic!("{method} {id} not answered in 30 s"));
            let took = t0.elapsed();
            latencies.push(took);
            if took > slowest.0 {
                slowest = (took, method.clone());
            }
            if took > Duration::from_secs(1) {
                failures.push(format!("{method} took {took:?}"));
            }
            if let Some(e) = resp.get("error") {
                failures.push(format!("{method}: {e}"));
            }
        }
    }
    let ran = start.elapsed();
    // The server's texts are the client's, and the findings of an edited document are the
    // findings of its text opened fresh.
    s.inbox.clear();
    for (i, d) in docs.iter().enumerate() {
        let server_text = s.call("copydesk/debug", json!({"text": d.uri}));
        if server_text != json!(d.text) {
            failures.push(format!(
                "{}: the server's text differs from the client's",
                d.uri
            ));
        }
        let edited = s.call("copydesk/status", json!({"uri": d.uri}))["findings"].clone();
        let fresh_uri = format!("file:///tmp/soak/fresh-{i}.md");
        s.open(&fresh_uri, "markdown", &d.text);
        let fresh = s.call("copydesk/status", json!({"uri": fresh_uri}))["findings"].clone();
        if edited != fresh {
            failures.push(format!(
                "{}: {edited} findings edited, {fresh} fresh",
                d.uri
            ));
        }
    }
    latencies.sort();
    let rss_warm = rss_at_warm.unwrap_or(0);
    let allowed = rss_warm + (rss_warm * 15 / 100).max(16 * 1024);
    eprintln!(
        "soak: {:.0} s, {} requests served ({} edits, {} reopenings); latency p50 {:?}, p99 {:?}, \
         max {:?} ({}); RSS after warm-up {} MB, peak after warm-up {} MB, peak {} MB; threads up to {}",
        ran.as_secs_f64(),
        latencies.len(),
        edits,
        reopened,
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.99),
        slowest.0,
        slowest.1,
        rss_warm / 1024,
        rss_peak_after_warm / 1024,
        rss_peak / 1024,
        threads_peak
    );
    if cfg!(target_os = "linux") {
        if rss_peak_after_warm > allowed {
            failures.push(format!(
                "RSS grew after warm-up: {rss_warm} kB then up to {rss_peak_after_warm} kB"
            ));
        }
        if threads_peak > 24 {
            failures.push(format!("{threads_peak} threads"));
        }
    }
    assert!(!latencies.is_empty(), "no request was served");
    assert!(
        failures.is_empty(),
        "{} failures, the first: {:#?}",
        failures.len(),
        &failures[..failures.len().min(20)]
    );
    assert_eq!(s.shutdown_and_exit(), 0);
}
