//! Presenting findings: human (like rustc), JSON, SARIF 2.1.0.

use std::io::Write;

use rayon::prelude::*;
use serde_json::{Value, json};
use unicode_width::UnicodeWidthStr;

use crate::finding::{Finding, Severity};
use crate::rules::RULES;
use crate::text::{Document, Encoding, Kind, count, map_shared};

/// The findings of one input.
pub struct Report {
    pub name: String,
    pub text: String,
    pub findings: Vec<Finding>,
}

/// A finding's range in 1-based lines and character columns (end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Located {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// Lines and columns (in characters) of a byte range.
pub fn locate(doc: &Document, range: (usize, usize)) -> Located {
    let a = doc.position(range.0, Encoding::Chars);
    let b = doc.position(range.1, Encoding::Chars);
    Located {
        line: a.line + 1,
        column: a.col + 1,
        end_line: b.line + 1,
        end_column: b.col + 1,
    }
}

/// The escape codes of the human report: ANSI colours, or none at all.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    reset: &'static str,
    bold: &'static str,
    blue: &'static str,
    on: bool,
}

impl Palette {
    /// ANSI colours (a stream that does not take them strips them).
    pub const ANSI: Palette = Palette {
        reset: "\x1b[0m",
        bold: "\x1b[1m",
        blue: "\x1b[1;34m",
        on: true,
    };
    /// No escape codes: what stripping the colours of [`Palette::ANSI`] leaves.
    pub const PLAIN: Palette = Palette {
        reset: "",
        bold: "",
        blue: "",
        on: false,
    };

    fn colour(&self, s: Severity) -> &'static str {
        if !self.on {
            return "";
        }
        match s {
            Severity::Error => "\x1b[1;31m",
            Severity::Warning => "\x1b[1;33m",
            Severity::Information => "\x1b[1;36m",
            Severity::Hint => "\x1b[1;32m",
        }
    }
}

/// The part of a line to show around a finding (bytes `start..end` of `line`): up to 40
/// characters either side, with `…` where the line goes on. Returns it with the caret's
/// offset and width in columns. Only the characters shown are read, however long the line.
fn excerpt(line: &str, start: usize, end: usize) -> (String, usize, usize) {
    const CONTEXT: usize = 40;
    let end = end.max(start);
    let from = line[..start]
        .char_indices()
        .rev()
        .take(CONTEXT)
        .last()
        .map_or(start, |(i, _)| i);
    let to = line[end..]
        .char_indices()
        .nth(CONTEXT)
        .map_or(line.len(), |(i, _)| end + i);
    let mut shown = String::new();
    if from > 0 {
        shown.push('…');
    }
    shown.push_str(&line[from..to]);
    if to < line.len() {
        shown.push('…');
    }
    let offset = usize::from(from > 0) + line[from..start].width();
    (shown, offset, line[start..end].width().max(1))
}

/// [`excerpt`] of a located finding's first line. The byte offsets are those of the
/// finding's range, floored to a character and kept within the line's text (what
/// [`Document::offset`] gives for the finding's columns): the line from the document's
/// line index, without its line break.
fn excerpt_of(
    doc: &Document,
    text: &str,
    loc: &Located,
    range: (usize, usize),
) -> (String, usize, usize) {
    let rope = doc.rope();
    let line_start = rope.line_to_byte(loc.line - 1);
    let line = &text[line_start..rope.line_to_byte(loc.line.min(rope.len_lines()))];
    let line_end = line_start
        + line
            .strip_suffix("\r\n")
            .or_else(|| line.strip_suffix(['\n', '\r']))
            .unwrap_or(line)
            .len();
    let floor = |byte: usize| {
        let mut at = byte.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at.clamp(line_start, line_end)
    };
    let start = floor(range.0);
    let end = if loc.end_line == loc.line {
        floor(range.1)
    } else {
        line_end
    };
    excerpt(
        &text[line_start..line_end],
        start - line_start,
        end - line_start,
    )
}

/// What the summary line says besides the findings shown.
#[derive(Debug, Clone, Copy)]
pub struct Summary {
    /// Findings below `min` left out.
    pub hidden: usize,
    pub min: Severity,
    /// Inputs that could not be checked (their errors are printed apart).
    pub not_checked: usize,
    /// Findings fixed (`--fix`).
    pub fixed: usize,
}

/// One file's findings, as rustc shows its own.
fn human_report(w: &mut impl Write, r: &Report, p: &Palette) -> std::io::Result<()> {
    let doc = Document::new(&r.text, Kind::Plain);
    // A file with many findings is rendered in pieces side by side, written in order.
    const PIECE: usize = 1024;
    let pieces: Vec<&[Finding]> = r.findings.chunks(PIECE).collect();
    let rendered = map_shared(
        pieces.len() > 1,
        &pieces,
        |fs| -> std::io::Result<Vec<u8>> {
            let mut piece = Vec::new();
            for f in *fs {
                human_finding(&mut piece, &doc, r, f, p)?;
            }
            Ok(piece)
        },
    );
    for piece in rendered {
        w.write_all(&piece?)?;
    }
    Ok(())
}

/// One finding of the human report: where, what, the line with the range marked, the fixes.
fn human_finding(
    w: &mut impl Write,
    doc: &Document,
    r: &Report,
    f: &Finding,
    p: &Palette,
) -> std::io::Result<()> {
    let (bold, reset, blue) = (p.bold, p.reset, p.blue);
    let loc = locate(doc, f.range);
    writeln!(
        w,
        "{bold}{}:{}:{}:{reset} {}{}[{}]{reset}{bold}: {}{reset}",
        r.name,
        loc.line,
        loc.column,
        p.colour(f.severity),
        f.severity,
        f.code,
        f.message
    )?;
    let (shown, offset, width) = excerpt_of(doc, &r.text, &loc, f.range);
    let gutter = loc.line.to_string().len();
    writeln!(w, "{blue}{:gutter$} |{reset}", "")?;
    writeln!(w, "{blue}{} |{reset} {shown}", loc.line)?;
    writeln!(
        w,
        "{blue}{:gutter$} |{reset} {:offset$}{}{}{reset}",
        "",
        "",
        p.colour(f.severity),
        "^".repeat(width)
    )?;
    for fix in &f.fixes {
        writeln!(w, "{blue}{:gutter$} = {reset}fix: {}", "", fix.title)?;
    }
    writeln!(w)
}

/// The human report: each file's findings, then a summary line.
pub fn human(
    w: &mut impl Write,
    reports: &[Report],
    summary: &Summary,
    p: &Palette,
) -> std::io::Result<()> {
    let (bold, reset) = (p.bold, p.reset);
    // Each file's part is rendered in parallel, then written in the files' order, a few
    // hundred files at a time (so the parts are not held beside `w` for every file at once:
    // the caller renders the whole report into memory before it writes it).
    for chunk in reports.chunks(256) {
        let parts: Vec<Vec<u8>> = chunk
            .par_iter()
            .map(|r| {
                let mut part = Vec::new();
                human_report(&mut part, r, p)?;
                Ok(part)
            })
            .collect::<std::io::Result<_>>()?;
        for part in &parts {
            w.write_all(part)?;
        }
    }
    let mut counts = [0usize; 4];
    for f in reports.iter().flat_map(|r| &r.findings) {
        counts[f.severity as usize] += 1;
    }
    let files_with = reports.iter().filter(|r| !r.findings.is_empty()).count();
    let total: usize = counts.iter().sum();
    let files = reports.len();
    // Nothing was checked: the errors say why; a summary would read as if all were well.
    if files == 0 && summary.not_checked > 0 {
        return Ok(());
    }
    let mut parts = Vec::new();
    for (s, one, many) in [
        (Severity::Error, "error", "errors"),
        (Severity::Warning, "warning", "warnings"),
        (Severity::Information, "information", "information"),
        (Severity::Hint, "hint", "hints"),
    ] {
        let n = counts[s as usize];
        if n > 0 {
            parts.push(count(n, one, many));
        }
    }
    let files_n = count(files, "file", "files");
    match (summary.fixed, total) {
        (0, 0) => write!(w, "{bold}No findings{reset} in {files_n}")?,
        (0, _) => write!(
            w,
            "{bold}Found {} ({}){reset} in {files_with} of {files_n}",
            count(total, "finding", "findings"),
            parts.join(", "),
        )?,
        (fixed, 0) => write!(
            w,
            "{bold}Fixed {}{reset}; none left in {files_n}",
            count(fixed, "finding", "findings")
        )?,
        (fixed, _) => write!(
            w,
            "{bold}Fixed {}{reset}; {bold}{} left ({}){reset} in {files_with} of {files_n}",
            count(fixed, "finding", "findings"),
            total,
            parts.join(", "),
        )?,
    }
    if summary.hidden > 0 {
        write!(
            w,
            "; {} below {} not shown (--min-severity information shows them)",
            summary.hidden, summary.min
        )?;
    }
    if summary.not_checked > 0 {
        write!(
            w,
            "; {} not checked (errors below)",
            count(summary.not_checked, "input", "inputs")
        )?;
    }
    writeln!(w, ".")
}

/// One finding as JSON.
pub fn finding_json(name: &str, doc: &Document, text: &str, f: &Finding) -> Value {
    let loc = locate(doc, f.range);
    json!({
        "path": name,
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line,
        "end_column": loc.end_column,
        "code": f.code,
        "severity": f.severity.as_str(),
        "message": f.message,
        "text": &text[f.range.0..f.range.1],
        "fixes": f.fixes.iter().map(|x| json!({"title": x.title, "replacement": x.replacement})).collect::<Vec<_>>(),
    })
}

pub fn json(w: &mut impl Write, reports: &[Report]) -> std::io::Result<()> {
    // Each file's findings in parallel, kept in the files' order.
    let per_file: Vec<Vec<Value>> = reports
        .par_iter()
        .map(|r| {
            let doc = Document::new(&r.text, Kind::Plain);
            r.findings
                .iter()
                .map(|f| finding_json(&r.name, &doc, &r.text, f))
                .collect()
        })
        .collect();
    let all: Vec<Value> = per_file.into_iter().flatten().collect();
    serde_json::to_writer_pretty(&mut *w, &Value::Array(all))?;
    writeln!(w)
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "note",
    }
}

/// A `file:` URI of an absolute path, each byte outside the unreserved set and `/`
/// percent-encoded.
fn file_uri(path: &std::path::Path) -> String {
    let mut out = String::from("file://");
    for &b in path.to_string_lossy().as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// SARIF 2.1.0. Each rule carries its documentation (`help`, the page `copydesk explain`
/// prints) and `helpUri`, the same page as a file, the one the language server links each
/// diagnostic to (`crate::disk::rule_docs`); `informationUri` is that folder's index.
pub fn sarif(w: &mut impl Write, reports: &[Report]) -> std::io::Result<()> {
    let docs = crate::disk::rule_docs();
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            let doc = r.doc_markdown();
            let mut rule = json!({
                "id": r.code,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.explain},
                "help": {"text": doc, "markdown": doc},
                "defaultConfiguration": {"level": sarif_level(r.default_severity)},
            });
            if let Some(d) = docs {
                rule["helpUri"] = json!(file_uri(&d.join(format!("{}.md", r.code))));
            }
            rule
        })
        .collect();
    let mut results = Vec::new();
    for r in reports {
        let doc = Document::new(&r.text, Kind::Plain);
        for f in &r.findings {
            let loc = locate(&doc, f.range);
            let region = json!({
                "startLine": loc.line,
                "startColumn": loc.column,
                "endLine": loc.end_line,
                "endColumn": loc.end_column,
                "snippet": {"text": &r.text[f.range.0..f.range.1]},
            });
            let artifact = json!({"uri": r.name});
            let fixes: Vec<Value> = f
                .fixes
                .iter()
                .map(|x| {
                    json!({
                        "description": {"text": x.title},
                        "artifactChanges": [{
                            "artifactLocation": artifact,
                            "replacements": [{
                                "deletedRegion": {
                                    "startLine": loc.line, "startColumn": loc.column,
                                    "endLine": loc.end_line, "endColumn": loc.end_column,
                                },
                                "insertedContent": {"text": x.replacement},
                            }],
                        }],
                    })
                })
                .collect();
            results.push(json!({
                "ruleId": f.code,
                "ruleIndex": RULES.iter().position(|x| x.code == f.code),
                "level": sarif_level(f.severity),
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": region}}],
                "fixes": fixes,
            }));
        }
    }
    let mut driver = json!({
        "name": "copydesk",
        "version": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    });
    if let Some(d) = docs {
        driver["informationUri"] = json!(file_uri(&d.join("index.md")));
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *w, &log)?;
    writeln!(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Pos;

    /// Findings over every byte range of a text with CRLF, CR, marks, emoji and wide
    /// characters, some ranges across lines or past the end.
    fn report() -> Report {
        let text = "Hoa\u{300}ng 👍 said\r\nA 中文 line\rB\n\nlast é".to_string();
        let mut findings = Vec::new();
        for a in 0..=text.len() + 1 {
            for b in a..=text.len() + 2 {
                findings.push(Finding {
                    code: "name-spelling",
                    severity: if a % 2 == 0 {
                        Severity::Warning
                    } else {
                        Severity::Error
                    },
                    range: (a, b),
                    message: format!("range {a}..{b}"),
                    fixes: Vec::new(),
                    entry: None,
                });
            }
        }
        Report {
            name: "a.md".into(),
            text,
            findings,
        }
    }

    #[test]
    fn the_excerpt_is_the_one_the_columns_give() {
        let r = report();
        let doc = Document::new(&r.text, Kind::Plain);
        for f in &r.findings {
            let loc = locate(&doc, f.range);
            // As the excerpt was found before: the finding's columns turned back into bytes.
            let line = loc.line - 1;
            let at = |col: usize| doc.offset(Pos { line, col }, Encoding::Chars);
            let (line_start, line_end) = (at(0), at(usize::MAX));
            let end = if loc.end_line == loc.line {
                at(loc.end_column - 1)
            } else {
                line_end
            };
            let want = excerpt(
                &r.text[line_start..line_end],
                at(loc.column - 1) - line_start,
                end - line_start,
            );
            assert_eq!(
                excerpt_of(&doc, &r.text, &loc, f.range),
                want,
                "{:?}",
                f.range
            );
        }
    }

    #[test]
    fn the_plain_report_is_the_coloured_one_stripped() {
        let reports = [report()];
        let summary = Summary {
            hidden: 2,
            min: Severity::Warning,
            not_checked: 1,
            fixed: 0,
        };
        let (mut plain, mut coloured) = (Vec::new(), Vec::new());
        human(&mut plain, &reports, &summary, &Palette::PLAIN).expect("written");
        human(&mut coloured, &reports, &summary, &Palette::ANSI).expect("written");
        assert!(coloured.len() > plain.len() && plain.len() > 1000);
        assert_eq!(
            String::from_utf8(plain).expect("UTF-8"),
            String::from_utf8(anstream::adapter::strip_bytes(&coloured).into_vec()).expect("UTF-8")
        );
    }
}
