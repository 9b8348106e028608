//! The check: text in, findings out. It analyses the text, runs the rules
//! ([`rules::run`]) and applies the suppression comments.

use rustc_hash::{FxHashMap, FxHashSet};

pub mod incremental;

pub use incremental::Incremental;

use crate::analysis::Analysis;
use crate::config::Config;
use crate::finding::Finding;
use crate::rules;
use crate::table::Index;
use crate::text::{Document, Encoding, Kind};

/// Check a document's text: every enabled rule, at its configured severity, with the
/// suppression comments applied. Findings are sorted by position.
pub fn check_text(text: &str, kind: Kind, index: &Index, config: &Config) -> Vec<Finding> {
    let analysis = Analysis::new(text, kind, index, config, None);
    run_rules(&analysis)
}

/// Run the rules over an analysis, then drop what a suppression comment covers.
pub fn run_rules(a: &Analysis) -> Vec<Finding> {
    let mut out = rules::run(a);
    suppress(a.text, &mut out);
    out
}

/// Drop the findings a suppression comment of the text covers.
fn suppress(text: &str, findings: &mut Vec<Finding>) {
    let suppressed = Suppressions::new(text);
    findings.retain(|f| !suppressed.covers(f));
}

/// `copydesk: ignore` on a line; `<!-- copydesk-disable-next-line [CODE ...] -->` on the line before.
/// Lines are the document's ([`Document`]). Only the lines that mention copydesk are read,
/// once each, whatever the number of findings.
#[derive(Default)]
struct Suppressions {
    /// Lines with an ignore mark.
    ignored: FxHashSet<usize>,
    /// Lines after a disable comment, with the codes it names (none: every code).
    disabled: FxHashMap<usize, Vec<String>>,
    /// The document, when the text mentions copydesk at all.
    doc: Option<Document>,
}

pub const IGNORE_MARK: &str = "copydesk: ignore";
pub const DISABLE_NEXT_LINE: &str = "copydesk-disable-next-line";

impl Suppressions {
    fn new(text: &str) -> Self {
        let mut out = Suppressions::default();
        if !text.contains("copydesk") {
            return out;
        }
        let doc = Document::new(text, Kind::Plain);
        let mut seen = FxHashSet::default();
        for (at, _) in text.match_indices("copydesk") {
            let n = doc.position(at, Encoding::Utf8).line;
            if !seen.insert(n) {
                continue;
            }
            let line = doc.line_text(n);
            if line.contains(IGNORE_MARK) || line.contains("copydesk:ignore") {
                out.ignored.insert(n);
            }
            if let Some(i) = line.find(DISABLE_NEXT_LINE) {
                let rest = &line[i + DISABLE_NEXT_LINE.len()..];
                let rest = rest.split("-->").next().unwrap_or("");
                let codes = rest
                    .split(|c: char| c.is_whitespace() || c == ',')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect();
                out.disabled.insert(n + 1, codes);
            }
        }
        out.doc = Some(doc);
        out
    }

    fn covers(&self, f: &Finding) -> bool {
        let Some(doc) = &self.doc else {
            return false;
        };
        let n = doc.position(f.range.0, Encoding::Utf8).line;
        if self.ignored.contains(&n) {
            return true;
        }
        self.disabled
            .get(&n)
            .is_some_and(|codes| codes.is_empty() || codes.iter().any(|c| c == f.code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::fixture::INDEX;

    fn codes(text: &str) -> Vec<&'static str> {
        check_text(text, Kind::Markdown, &INDEX, &Config::default())
            .iter()
            .map(|f| f.code)
            .collect()
    }

    #[test]
    fn suppression_comments() {
        assert_eq!(codes("Hoang Xuan Chien spoke.\n"), vec!["name-diacritics"]);
        assert!(codes("Hoang Xuan Chien spoke. <!-- copydesk: ignore -->\n").is_empty());
        assert!(
            codes("<!-- copydesk-disable-next-line name-diacritics -->\nHoang Xuan Chien spoke.\n")
                .is_empty()
        );
        assert_eq!(
            codes("<!-- copydesk-disable-next-line title-mismatch -->\nHoang Xuan Chien spoke.\n"),
            vec!["name-diacritics"]
        );
    }

    #[test]
    fn suppressions_reach_only_their_lines() {
        let text = "Hoang Xuan Chien spoke.\n\
<!-- copydesk-disable-next-line title-mismatch, name-diacritics -->\n\
Hoang Xuan Chien spoke. Hoang Xuan Chien too.\n\
Hoang Xuan Chien spoke. <!-- copydesk: ignore --> Hoang Xuan Chien.\n\
Hoang Xuan Chien spoke, copydesk or not.\n";
        let lines: Vec<usize> = check_text(text, Kind::Markdown, &INDEX, &Config::default())
            .iter()
            .map(|f| text[..f.range.0].matches('\n').count())
            .collect();
        assert_eq!(lines, vec![0, 4]);
    }

    #[test]
    fn rules_can_be_turned_off_or_changed() {
        let mut config = Config::default();
        config
            .rules
            .insert("name-diacritics".into(), crate::config::Level::Off);
        assert!(check_text("Hoang Xuan Chien.", Kind::Plain, &INDEX, &config).is_empty());
        config
            .rules
            .insert("name-diacritics".into(), crate::config::Level::Error);
        let f = check_text("Hoang Xuan Chien.", Kind::Plain, &INDEX, &config);
        assert_eq!(f[0].severity, crate::finding::Severity::Error);
    }

    /// A long text's work is shared between threads: the findings are the ones found when
    /// there is one thread, through the check and through the incremental check.
    #[test]
    fn findings_are_the_same_when_the_work_is_shared() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/generality");
        let table = std::fs::read_to_string(root.join("table.json")).unwrap();
        let index = crate::rules::fixture::table(&table);
        let mut text = String::new();
        for dir in ["articles", "vi"] {
            let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "txt"))
                .collect();
            paths.sort();
            for p in paths {
                text.push_str(&std::fs::read_to_string(p).unwrap());
                text.push_str("\n\n");
            }
        }
        // Long enough for many blocks on each thread: the articles again and again.
        let text = text.repeat(4 * crate::text::PARALLEL_BYTES / text.len() + 1);
        let config = Config::default();
        // The same check on a pool of one thread (the work done in turn) and of four.
        let run = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            pool.install(|| {
                let whole = check_text(&text, Kind::Markdown, &index, &config);
                let mut inc = Incremental::default();
                let edited = inc.check(&text, Kind::Markdown, &index, &config);
                (whole, edited)
            })
        };
        let (one, one_inc) = run(1);
        let (shared, shared_inc) = run(4);
        assert!(one.len() > 20, "{}", one.len());
        assert_eq!(one, shared);
        assert_eq!(one_inc, shared_inc);
        assert_eq!(one, one_inc);
    }
}
