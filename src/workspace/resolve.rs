//! Settings laid over each other: the editor's, a config file's, the command line's.

use std::path::{Path, PathBuf};

use super::{Limit, TableSet};
use crate::config::{Config, Settings};

/// One source of settings, its table files already resolved to paths.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layer {
    pub settings: Settings,
    pub tables: Vec<PathBuf>,
}

impl Layer {
    /// A config file's settings: its tables are relative to its folder.
    pub fn config_file(path: &Path, settings: Settings) -> Layer {
        let base = path.parent().unwrap_or(Path::new("."));
        let tables = settings.tables.iter().map(|t| base.join(t)).collect();
        Layer { settings, tables }
    }
}

/// What the layers come to for a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// The settings of the first layer with each later one laid over them.
    pub settings: Settings,
    pub config: Config,
    pub tables: TableSet,
}

/// Lay settings over each other, later layers over earlier ones:
/// - the rules of a later layer win rule by rule; its style and publication date win where
///   it sets them;
/// - the default table is used unless a layer leaves it out;
/// - the tables are every layer's, in order, so a later layer's entries replace those with
///   the same id; a file named twice is loaded once, at its last place.
pub fn resolve(layers: &[Layer]) -> Resolved {
    let mut settings = layers
        .first()
        .map(|l| l.settings.clone())
        .unwrap_or_default();
    for l in layers.iter().skip(1) {
        lay_over(&mut settings, &l.settings);
    }
    let mut files: Vec<PathBuf> = Vec::new();
    for t in layers.iter().flat_map(|l| &l.tables) {
        files.retain(|f| f != t);
        files.push(t.clone());
    }
    Resolved {
        config: Config::from_settings(&settings),
        tables: TableSet {
            default: !layers.iter().any(|l| l.settings.no_default_table),
            files,
            limit: Limit::table(settings.max_table_megabytes),
        },
        settings,
    }
}

/// `over`'s rules, style, publication date, language, date order and size limits over
/// `into`'s, where `over` sets them.
fn lay_over(into: &mut Settings, over: &Settings) {
    for (k, v) in &over.rules {
        into.rules.insert(k.clone(), *v);
    }
    if !over.style.is_empty() {
        into.style = over.style.clone();
    }
    // Each of these where `over` sets it.
    into.publication_date = over.publication_date.or(into.publication_date);
    into.language = over.language.or(into.language);
    into.date_order = over.date_order.or(into.date_order);
    into.max_article_megabytes = over.max_article_megabytes.or(into.max_article_megabytes);
    into.max_table_megabytes = over.max_table_megabytes.or(into.max_table_megabytes);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Level;
    use crate::dates::Date;

    #[test]
    fn later_layers_win() {
        let mut editor = Layer {
            tables: vec![PathBuf::from("/w/editor.json"), PathBuf::from("/w/t.json")],
            ..Layer::default()
        };
        editor
            .settings
            .rules
            .insert("name-spelling".into(), Level::Hint);
        editor
            .settings
            .rules
            .insert("style-variant".into(), Level::Off);
        editor.settings.style = vec!["Viet Nam".into()];
        let file = Layer::config_file(
            Path::new("/w/copydesk.json"),
            serde_json::from_str(
                r#"{"tables": ["t.json", "u.json"], "rules": {"name-spelling": "error"},
                    "publicationDate": "2025-03-04"}"#,
            )
            .unwrap(),
        );
        let r = resolve(&[editor, file]);
        assert_eq!(r.config.rules["name-spelling"], Level::Error);
        assert_eq!(r.config.rules["style-variant"], Level::Off);
        assert_eq!(r.config.style, vec!["Viet Nam".to_string()]);
        assert_eq!(r.config.date, Date::parse("2025-03-04"));
        assert!(r.tables.default);
        assert_eq!(
            r.tables.files,
            ["/w/editor.json", "/w/t.json", "/w/u.json"].map(PathBuf::from)
        );
    }

    #[test]
    fn the_command_line_over_a_config_file() {
        let file = Layer::config_file(
            Path::new("cfg/copydesk.json"),
            serde_json::from_str(r#"{"tables": ["t.json"], "noDefaultTable": true}"#).unwrap(),
        );
        let flags = Layer {
            settings: Settings {
                publication_date: Date::parse("2024-01-02"),
                ..Settings::default()
            },
            tables: vec![PathBuf::from("extra.json")],
        };
        let r = resolve(&[file, flags]);
        assert!(!r.tables.default);
        assert_eq!(
            r.tables.files,
            ["cfg/t.json", "extra.json"].map(PathBuf::from)
        );
        assert_eq!(r.config.date, Date::parse("2024-01-02"));
        assert_eq!(resolve(&[]).tables, TableSet::default_only());
    }

    #[test]
    fn each_optional_setting_comes_from_the_last_layer_that_sets_it() {
        let layer = |json: &str| {
            Layer::config_file(
                Path::new("copydesk.json"),
                serde_json::from_str(json).unwrap(),
            )
        };
        let under = layer(
            r#"{"publicationDate": "2025-01-01", "language": "vi", "dateOrder": "dmy",
                "maxArticleMegabytes": 1, "maxTableMegabytes": 2}"#,
        );
        let over = layer(r#"{"language": "en", "maxTableMegabytes": 5}"#);
        let r = resolve(&[under.clone(), over]);
        assert_eq!(r.config.date, Date::parse("2025-01-01"));
        assert_eq!(r.config.language, Some(crate::text::lang::Language::En));
        assert_eq!(r.config.date_order, Some(crate::dates::DateOrder::Dmy));
        assert_eq!(r.settings.max_article_megabytes, Some(1));
        assert_eq!(r.settings.max_table_megabytes, Some(5));
        assert_eq!(r.tables.limit, crate::workspace::Limit::table(Some(5)));
        // A layer that sets nothing changes nothing.
        let r = resolve(&[under, Layer::default()]);
        assert_eq!(r.config.language, Some(crate::text::lang::Language::Vi));
        assert_eq!(r.settings.max_table_megabytes, Some(2));
    }
}
