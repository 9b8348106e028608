//! The rules. Each rule is one file with a stable code, a default severity, its
//! documentation (`copydesk explain CODE`) and its tests.

use crate::analysis::{Analysis, Placed};
use crate::finding::{Finding, Severity};

pub mod event_date_mismatch;
pub mod invalid_date;
pub mod name_diacritics;
pub mod name_spelling;
pub mod second_reference;
pub mod style_variant;
pub mod title_mismatch;
pub mod weekday_mismatch;

#[cfg(test)]
pub(crate) mod fixture;

/// A rule.
pub struct Rule {
    pub code: &'static str,
    pub default_severity: Severity,
    /// One line.
    pub summary: &'static str,
    /// What it does, with examples (Markdown).
    pub explain: &'static str,
    pub check: fn(&Analysis, &mut Vec<Finding>),
    /// Whether a finding depends on its block alone (with the document-level facts of
    /// [`Analysis`]) or on other blocks too.
    pub scope: Scope,
}

/// What a rule's findings in a block depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The block and the document-level facts ([`Analysis`]'s `date`, `lang`,
    /// `introduced`, `described`, `named`, `others` and the words written in lowercase): it
    /// checks only [`Analysis::checked_blocks`], and every finding lies in the block it
    /// checked.
    Block,
    /// Other blocks too (a style counted over the document): it looks at every block.
    Document,
}

impl Rule {
    /// The rule's documentation as one Markdown page (what the language server links to from
    /// a diagnostic, and SARIF carries as each rule's help).
    pub fn doc_markdown(&self) -> String {
        format!(
            "# {}\n\n{}.\n\nDefault severity: {}. Turn it off or change it with `\"rules\": {{ \"{}\": \"off\" }}` in copydesk.json.\n\n{}\n",
            self.code, self.summary, self.default_severity, self.code, self.explain
        )
    }
}

/// Every rule, in a stable order.
pub const RULES: &[Rule] = &[
    name_diacritics::RULE,
    name_spelling::RULE,
    title_mismatch::RULE,
    weekday_mismatch::RULE,
    invalid_date::RULE,
    event_date_mismatch::RULE,
    second_reference::RULE,
    style_variant::RULE,
];

/// Run every enabled rule over an analysis, at its configured severity. Findings are sorted
/// by position (then code), one per range and code. Suppression comments are the check's
/// business (`check::run_rules`).
pub fn run(a: &Analysis) -> Vec<Finding> {
    run_scoped(a, None)
}

/// The same for the rules of one scope (none: every rule).
pub fn run_scoped(a: &Analysis, scope: Option<Scope>) -> Vec<Finding> {
    let enabled: Vec<(&Rule, Severity)> = RULES
        .iter()
        .filter(|r| scope.is_none_or(|s| r.scope == s))
        .filter_map(|r| Some((r, a.config.severity(r.code, r.default_severity)?)))
        .collect();
    let one = |&(rule, severity): &(&Rule, Severity)| {
        let mut out = Vec::new();
        (rule.check)(a, &mut out);
        for f in &mut out {
            f.severity = severity;
        }
        out
    };
    // On a long text the rules run side by side; each rule's findings are the same either way.
    let per_rule = crate::text::map_shared(a.is_long(), &enabled, one);
    let mut out = per_rule.concat();
    sort_findings(&mut out);
    out
}

/// Run a block rule's check of one block over each block it looks at
/// ([`Analysis::checked_blocks`]), with the block's number: side by side on a long text,
/// the findings kept in block order either way.
pub(crate) fn each_block_numbered(
    a: &Analysis,
    out: &mut Vec<Finding>,
    check: impl Fn(usize, &Placed, &mut Vec<Finding>) + Sync + Send,
) {
    let blocks: Vec<(usize, &Placed)> = a.checked_blocks().collect();
    let found = crate::text::map_shared(a.is_long(), &blocks, |&(k, pl)| {
        let mut found = Vec::new();
        check(k, pl, &mut found);
        found
    });
    out.extend(found.into_iter().flatten());
}

/// The same, for a check that needs only the block.
pub(crate) fn each_block(
    a: &Analysis,
    out: &mut Vec<Finding>,
    check: impl Fn(&Placed, &mut Vec<Finding>) + Sync + Send,
) {
    each_block_numbered(a, out, |_, pl, out| check(pl, out));
}

/// Sort findings by position (then code), one per range and code.
pub fn sort_findings(out: &mut Vec<Finding>) {
    out.sort_by(|x, y| x.range.cmp(&y.range).then(x.code.cmp(y.code)));
    out.dedup_by(|x, y| x.range == y.range && x.code == y.code);
}

/// The rule with this code.
pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code == code)
}

/// A finding at the rule's default severity (the configured one is applied afterwards).
pub(crate) fn finding(
    rule: &Rule,
    range: (usize, usize),
    message: String,
    fixes: Vec<crate::finding::Fix>,
    entry: Option<crate::table::EntryRef>,
) -> Finding {
    // A message is one line: a flagged name that wraps across lines is shown on one.
    let plain = !message.starts_with(' ')
        && !message.ends_with(' ')
        && !message.contains("  ")
        && !message.contains(|c: char| c.is_whitespace() && c != ' ');
    let message = if plain {
        message
    } else {
        message.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    Finding {
        code: rule.code,
        severity: rule.default_severity,
        range,
        message,
        fixes,
        entry,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_is_one_line_with_single_spaces() {
        let m = |s: &str| finding(&RULES[0], (0, 1), s.to_string(), vec![], None).message;
        assert_eq!(m("'Simon Ridley' is written"), "'Simon Ridley' is written");
        assert_eq!(
            m("'Simon\nRidley' is  written "),
            "'Simon Ridley' is written"
        );
        assert_eq!(m(" 'Hoàng\r\n\tXuân Chiến'"), "'Hoàng Xuân Chiến'");
        assert_eq!(m("a\u{a0}b"), "a b");
    }
}
