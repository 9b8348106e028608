//! Configuration: the workspace `copydesk.json`, the editor's settings, the CLI's flags.
//! The core takes it as a value; only the adapters read files.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::dates::{Date, DateOrder};
use crate::finding::Severity;
use crate::text::lang::Language;

/// A rule's configured level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    #[serde(alias = "info")]
    Information,
    Hint,
    Off,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        Some(match self {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
            Level::Information => Severity::Information,
            Level::Hint => Severity::Hint,
            Level::Off => return None,
        })
    }
}

/// Settings, as written in `copydesk.json` and sent by editors.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Settings {
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Table files, relative to the config file (or the workspace).
    #[serde(default)]
    pub tables: Vec<String>,
    /// Leave out the embedded default table.
    #[serde(default)]
    pub no_default_table: bool,
    /// A level per rule code: error, warning, information, hint or off.
    #[serde(default)]
    pub rules: BTreeMap<String, Level>,
    /// The house style: the preferred form of names that have variants ("Việt Nam").
    #[serde(default)]
    pub style: Vec<String>,
    /// The publication date of the documents, when they do not give one.
    #[serde(default)]
    pub publication_date: Option<Date>,
    /// The language of the documents (`en` or `vi`), when their front matter does not give
    /// one; without it, each document's language is told from its words. A sentence in
    /// the other language (a quotation) is still read in its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// How English text orders numeric dates: `dmy` (4/3/2025 is 4 March) or `mdy`
    /// (April 3). Without it, a numeric date in English text whose order is not plain
    /// (4/3/2025) is not checked; 25/3/2025 is. Vietnamese text is always day first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_order: Option<DateOrder>,
    /// Let `tables` name files outside this config file's folder and the folders below it
    /// (refused otherwise: a config file comes with any repository cloned).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub allow_tables_outside_workspace: bool,
    /// The largest article read, in megabytes (default 64).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_article_megabytes: Option<u64>,
    /// The largest table read, in megabytes (default 512).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_table_megabytes: Option<u64>,
    /// Where the language server writes its log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_file: Option<String>,
}

/// What the checks need of the configuration.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    pub rules: BTreeMap<String, Level>,
    pub style: Vec<String>,
    /// Overrides the document's own date when set.
    pub date: Option<Date>,
    /// The documents' language when their front matter gives none (else it is detected).
    pub language: Option<Language>,
    /// How English text orders numeric dates (none: an ambiguous one is not read).
    pub date_order: Option<DateOrder>,
}

impl Config {
    pub fn from_settings(s: &Settings) -> Config {
        Config {
            rules: s.rules.clone(),
            style: s.style.clone(),
            date: s.publication_date,
            language: s.language,
            date_order: s.date_order,
        }
    }

    /// The severity of a rule, or `None` if it is off.
    pub fn severity(&self, code: &str, default: Severity) -> Option<Severity> {
        match self.rules.get(code) {
            Some(l) => l.severity(),
            None => Some(default),
        }
    }
}
