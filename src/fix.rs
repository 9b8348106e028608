//! Fixing a text: the certain fixes of its findings, applied so that nothing outside the
//! fixed ranges changes (`copydesk check --fix` and `--diff`).
//!
//! A fix is certain when its finding offers exactly one (a finding with two is a choice left
//! to the writer). Fixes that overlap an earlier one are left for the next pass: the text is
//! checked again after each pass, until no certain fix is left, at most [`MAX_PASSES`] times.
//! (ruff does the same with a bound of 100 and reports "failed to converge" as a bug; our
//! fixes replace names, titles and dates, which do not feed each other, so a second pass is
//! rare and a third one a sign of two fixes undoing each other. We stop there, or as soon as a
//! text comes back that was seen before.)
//!
//! A replacement is written in the Unicode form of the text it replaces (NFC or NFD), or else
//! of the document (an NFD file stays NFD), and with the document's line breaks.

use unicode_normalization::{UnicodeNormalization, is_nfc, is_nfd};

use crate::finding::Finding;

/// The most passes of fixes over one text.
pub const MAX_PASSES: usize = 10;

/// One replacement of a byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: (usize, usize),
    pub replacement: String,
}

/// The certain fixes of these findings that can be applied together: in order, none
/// overlapping an earlier one, none a no-op.
pub fn certain_edits<'f>(text: &str, findings: impl IntoIterator<Item = &'f Finding>) -> Vec<Edit> {
    let mut edits: Vec<Edit> = findings
        .into_iter()
        .filter_map(|f| match f.fixes.as_slice() {
            [fix] if text.get(f.range.0..f.range.1) != Some(fix.replacement.as_str()) => {
                Some(Edit {
                    range: f.range,
                    replacement: fix.replacement.clone(),
                })
            }
            _ => None,
        })
        .collect();
    edits.sort_by_key(|e| e.range);
    let mut out: Vec<Edit> = Vec::with_capacity(edits.len());
    for e in edits {
        let clear = out.last().is_none_or(|last| {
            // Two insertions at one point conflict too.
            last.range.1 <= e.range.0 && last.range != e.range
        });
        if clear && text.is_char_boundary(e.range.0) && text.is_char_boundary(e.range.1) {
            out.push(e);
        }
    }
    out
}

/// A text's Unicode form, when it tells: NFC or NFD (text that is both, such as ASCII, or
/// neither, mixed, tells nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Nfc,
    Nfd,
}

fn form_of(s: &str) -> Option<Form> {
    match (is_nfc(s), is_nfd(s)) {
        (true, false) => Some(Form::Nfc),
        (false, true) => Some(Form::Nfd),
        _ => None,
    }
}

/// The first line break of a text ("\n" when it has none).
fn line_break(text: &str) -> &'static str {
    match text.find(['\n', '\r']) {
        Some(i) if text[i..].starts_with("\r\n") => "\r\n",
        Some(i) if text.as_bytes()[i] == b'\r' => "\r",
        _ => "\n",
    }
}

/// Apply edits (as [`certain_edits`] gives them: in order, not overlapping) to a text.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let doc_form = form_of(text);
    let brk = line_break(text);
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for e in edits {
        let (a, b) = e.range;
        out.push_str(&text[at..a]);
        let mut r = e.replacement.clone();
        if r.contains(['\n', '\r']) {
            r = r
                .replace("\r\n", "\n")
                .replace('\r', "\n")
                .replace('\n', brk);
        }
        match form_of(&text[a..b]).or(doc_form) {
            Some(Form::Nfd) => out.extend(r.nfd()),
            Some(Form::Nfc) => out.extend(r.nfc()),
            None => out.push_str(&r),
        }
        at = b;
    }
    out.push_str(&text[at..]);
    out
}

/// A text after fixing.
#[derive(Debug, Clone, PartialEq)]
pub struct Fixed {
    pub text: String,
    /// Fixes applied, over every pass.
    pub applied: usize,
    /// The findings of the final text.
    pub findings: Vec<Finding>,
    /// False when fixes were still left after [`MAX_PASSES`] or came back to an earlier text.
    pub settled: bool,
}

/// Fix a text pass by pass: `check` gives its findings, the fixes of those `fixable` accepts
/// are applied.
pub fn fix_text(
    text: &str,
    check: impl Fn(&str) -> Vec<Finding>,
    fixable: impl Fn(&Finding) -> bool,
) -> Fixed {
    let edits_of = |t: &str, fs: &[Finding]| certain_edits(t, fs.iter().filter(|f| fixable(f)));
    let mut current = text.to_string();
    let mut seen = vec![fingerprint(&current)];
    let mut applied = 0;
    let mut findings = check(&current);
    for _ in 0..MAX_PASSES {
        let edits = edits_of(&current, &findings);
        if edits.is_empty() {
            return Fixed {
                text: current,
                applied,
                findings,
                settled: true,
            };
        }
        let next = apply(&current, &edits);
        let print = fingerprint(&next);
        if seen.contains(&print) {
            break;
        }
        seen.push(print);
        applied += edits.len();
        current = next;
        findings = check(&current);
    }
    Fixed {
        settled: edits_of(&current, &findings).is_empty(),
        text: current,
        applied,
        findings,
    }
}

fn fingerprint(s: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Fix, Severity};

    fn finding(text: &str, what: &str, fixes: &[&str]) -> Finding {
        let start = text.find(what).expect("in the text");
        Finding {
            code: "name-diacritics",
            severity: Severity::Warning,
            range: (start, start + what.len()),
            message: String::new(),
            fixes: fixes.iter().map(|r| Fix::replace_with(r)).collect(),
            entry: None,
        }
    }

    #[test]
    fn only_certain_fixes_that_do_not_overlap() {
        let t = "Hoang Xuan Chien met Simon Ridlee.";
        let fs = [
            finding(t, "Hoang Xuan Chien", &["Hoàng Xuân Chiến"]),
            finding(t, "Xuan Chien", &["Xuân Chiến"]),
            finding(t, "Simon Ridlee", &["Simon Ridley", "Simon Riddle"]),
        ];
        let edits = certain_edits(t, &fs);
        assert_eq!(edits.len(), 1);
        assert_eq!(apply(t, &edits), "Hoàng Xuân Chiến met Simon Ridlee.");
    }

    #[test]
    fn replacements_keep_the_files_form_and_line_breaks() {
        // An NFD file: the replacement is written decomposed.
        let t: String = "Hà Nội\r\nHoang Xuan Chien spoke.\r\n".nfd().collect();
        let fs = [finding(&t, "Hoang Xuan Chien", &["Hoàng Xuân Chiến"])];
        let out = apply(&t, &certain_edits(&t, &fs));
        assert_eq!(
            out,
            "Hà Nội\r\nHoàng Xuân Chiến spoke.\r\n"
                .nfd()
                .collect::<String>()
        );
        assert!(is_nfd(&out) && !is_nfc(&out));
        // An NFC file stays NFC, a line break in a replacement follows the file's.
        let t = "Hà Nội\r\nSimon\r\nRidlee spoke.\r\n";
        let mut f = finding(t, "Simon\r\nRidlee", &["Simon\nRidley"]);
        f.fixes[0].replacement = "Simon\nRidley".into();
        let out = apply(t, &certain_edits(t, &[f]));
        assert_eq!(out, "Hà Nội\r\nSimon\r\nRidley spoke.\r\n");
    }

    #[test]
    fn passes_until_nothing_is_left_and_no_loop() {
        // Each "aa" becomes "a" until none is left: two passes.
        let check = |t: &str| -> Vec<Finding> {
            t.match_indices("aa")
                .map(|(i, _)| Finding {
                    code: "x",
                    severity: Severity::Warning,
                    range: (i, i + 2),
                    message: String::new(),
                    fixes: vec![Fix::replace_with("a")],
                    entry: None,
                })
                .collect()
        };
        let f = fix_text("aaaa b", check, |_| true);
        assert_eq!(f.text, "a b");
        assert!(f.settled && f.findings.is_empty());
        assert_eq!(f.applied, 3);
        // Two fixes that undo each other stop at once.
        let flip = |t: &str| -> Vec<Finding> {
            let (from, to) = if t.starts_with('x') {
                ("x", "y")
            } else {
                ("y", "x")
            };
            vec![Finding {
                code: "x",
                severity: Severity::Warning,
                range: (0, 1),
                message: String::new(),
                fixes: vec![Fix::replace_with(to)],
                entry: None,
            }]
            .into_iter()
            .filter(|_| t.starts_with(from))
            .collect()
        };
        let f = fix_text("x", flip, |_| true);
        // Nothing fixable: nothing done.
        let f2 = fix_text("aaaa", check, |_| false);
        assert_eq!(
            (f2.text.as_str(), f2.applied, f2.findings.len()),
            ("aaaa", 0, 2)
        );
        assert!(!f.settled);
        assert_eq!(f.applied, 1);
    }
}
