//! Table specs: each entry's short texts and the findings they must draw (`copydesk table test`).

use crate::check::check_text;
use crate::config::Config;
use crate::table::{Index, Spec};
use crate::text::Kind;

/// The outcome of one spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecResult {
    /// JSON path of the spec (`people[0].specs[2]`).
    pub path: String,
    pub text: String,
    pub expected: Vec<String>,
    /// What the check found: code and flagged text.
    pub got: Vec<(String, String)>,
}

impl SpecResult {
    pub fn passed(&self) -> bool {
        let mut got: Vec<&str> = self.got.iter().map(|g| g.0.as_str()).collect();
        got.sort();
        let mut want: Vec<&str> = self.expected.iter().map(String::as_str).collect();
        want.sort();
        got == want
    }
}

/// Every spec of a table with its JSON path.
fn all_specs(t: &crate::table::Table) -> Vec<(String, &Spec)> {
    let lists: [(&str, Vec<&[Spec]>); 5] = [
        (
            "people",
            t.people.iter().map(|e| e.specs.as_slice()).collect(),
        ),
        (
            "organisations",
            t.organisations.iter().map(|e| e.specs.as_slice()).collect(),
        ),
        (
            "places",
            t.places.iter().map(|e| e.specs.as_slice()).collect(),
        ),
        (
            "events",
            t.events.iter().map(|e| e.specs.as_slice()).collect(),
        ),
        ("laws", t.laws.iter().map(|e| e.specs.as_slice()).collect()),
    ];
    let mut out = Vec::new();
    for (kind, entries) in lists {
        for (i, specs) in entries.into_iter().enumerate() {
            for (k, s) in specs.iter().enumerate() {
                out.push((format!("{kind}[{i}].specs[{k}]"), s));
            }
        }
    }
    out
}

/// Run every spec of the index's table against the whole table.
pub fn run_specs(index: &Index) -> Vec<SpecResult> {
    all_specs(index.table.whole())
        .into_iter()
        .map(|(path, s)| {
            let config = Config {
                date: s.date,
                ..Config::default()
            };
            let got = check_text(&s.text, Kind::Plain, index, &config)
                .into_iter()
                .map(|f| (f.code.to_string(), s.text[f.range.0..f.range.1].to_string()))
                .collect();
            SpecResult {
                path,
                text: s.text.clone(),
                expected: s.expect.clone(),
                got,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::fixture::INDEX;

    #[test]
    fn default_table_specs_pass() {
        let results = run_specs(&INDEX);
        assert!(results.len() >= 20, "{}", results.len());
        let failed: Vec<_> = results.iter().filter(|r| !r.passed()).collect();
        assert!(failed.is_empty(), "{failed:#?}");
    }
}
