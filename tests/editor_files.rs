//! The files outside Rust that repeat the rule list (`copydesk::rules::RULES`) are generated
//! from it, and these tests fail when a checked-in copy differs from what the list gives:
//!
//! - `editors/vscode/src/rules.generated.ts`, the rule codes and levels the extension imports;
//! - in `editors/vscode/package.json`, the `copydesk.rules` setting;
//! - in `editors/vscode/schemas/config.schema.json`, the `rules` property;
//! - in `README.md`, the code and default severity columns of the rule table;
//! - the `language` and `dateOrder` settings (`copydesk.language`, `copydesk.dateOrder` in
//!   `package.json`; `language`, `dateOrder` in `config.schema.json`), from `config::Settings`.
//!
//! Only those parts are generated; the rest of each file is kept by hand. After changing a
//! rule, run `UPDATE_EXPECT=1 cargo test --test editor_files` and review the diff.

mod support;

use copydesk::config::{Level, Settings};
use copydesk::rules::RULES;
use serde_json::{Map, Value, json};
use support::root;

/// What the editor files say of one rule.
struct RuleInfo {
    code: String,
    default: String,
    summary: String,
}

fn rules() -> Vec<RuleInfo> {
    RULES
        .iter()
        .map(|r| RuleInfo {
            code: r.code.to_string(),
            default: r.default_severity.as_str().to_string(),
            summary: r.summary.to_string(),
        })
        .collect()
}

/// The levels a rule can be set to, as `copydesk.json` spells them (from `config::Level`).
fn levels() -> Vec<String> {
    let schema = serde_json::to_value(schemars::schema_for!(Level)).unwrap();
    let list = schema["enum"]
        .as_array()
        .expect("Level is a plain string enum");
    list.iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

/// Spellings `copydesk.json` also accepts for a level (serde aliases of `Level`).
const LEVEL_ALIASES: &[(&str, &str)] = &[("info", "information")];

fn strings(list: &[String]) -> Value {
    Value::Array(list.iter().map(|s| json!(s)).collect())
}

fn codes(rules: &[RuleInfo]) -> Vec<String> {
    rules.iter().map(|r| r.code.clone()).collect()
}

// ---------------------------------------------------------------------------
// the generators: each takes the checked-in text and gives what it should be

fn ts_module(rules: &[RuleInfo], levels: &[String]) -> String {
    let list = |items: Vec<String>| {
        items
            .iter()
            .map(|s| format!("  '{s}',\n"))
            .collect::<String>()
    };
    format!(
        "// Generated from the Rust rule list (src/rules/mod.rs, RULES) by tests/editor_files.rs.\n\
         // Do not edit: run `UPDATE_EXPECT=1 cargo test --test editor_files` after changing a rule.\n\
         \n\
         /** Rule codes the server reports (diagnostic `code`), in the server's order. */\n\
         export const RULE_CODES = [\n{}] as const;\n\
         \n\
         /** The levels a rule can be set to in `copydesk.rules`. */\n\
         export const LEVELS = [\n{}] as const;\n",
        list(codes(rules)),
        list(levels.to_vec()),
    )
}

/// The `copydesk.rules` setting of the VS Code extension.
fn rules_setting(rules: &[RuleInfo], levels: &[String]) -> Value {
    let mut properties = Map::new();
    for r in rules {
        properties.insert(
            r.code.clone(),
            json!({
                "type": "string",
                "enum": strings(levels),
                "markdownDescription": format!("{}. Default: `{}`.", r.summary, r.default),
            }),
        );
    }
    json!({
        "type": "object",
        "default": {},
        "scope": "resource",
        "markdownDescription": "Severity per rule code, or `off`. Example: `{ \"style-variant\": \"hint\", \"second-reference\": \"off\" }`.",
        "properties": properties,
        "propertyNames": { "enum": strings(&codes(rules)) },
        "additionalProperties": { "type": "string", "enum": strings(levels) },
    })
}

/// The `rules` property of `copydesk.json`'s schema.
fn rules_schema(rules: &[RuleInfo], levels: &[String]) -> Value {
    let mut accepted = levels.to_vec();
    for (alias, level) in LEVEL_ALIASES {
        let at = accepted.iter().position(|l| l == level).unwrap() + 1;
        accepted.insert(at, alias.to_string());
    }
    let mut properties = Map::new();
    for r in rules {
        properties.insert(
            r.code.clone(),
            json!({
                "description": format!("{}. Default: {}.", r.summary, r.default),
                "enum": strings(&accepted),
            }),
        );
    }
    json!({
        "description": "Severity per rule code, or \"off\".",
        "type": "object",
        "properties": properties,
        "propertyNames": { "enum": strings(&codes(rules)) },
        "additionalProperties": { "enum": strings(&accepted) },
    })
}

/// `text` (a JSON file) with the value at `path` replaced, printed as npm prints JSON.
fn replace_json(text: &str, path: &[&str], value: Value) -> String {
    let mut doc: Value = serde_json::from_str(text).expect("the checked-in file is JSON");
    let mut at = &mut doc;
    for key in path {
        at = at
            .get_mut(*key)
            .unwrap_or_else(|| panic!("no {key:?} on the way to {path:?}"));
    }
    *at = value;
    serde_json::to_string_pretty(&doc).unwrap() + "\n"
}

fn package_json(text: &str, rules: &[RuleInfo], levels: &[String]) -> String {
    let path = [
        "contributes",
        "configuration",
        "properties",
        "copydesk.rules",
    ];
    let mut text = replace_json(text, &path, rules_setting(rules, levels));
    for s in choice_settings() {
        let key = format!("copydesk.{}", s.key);
        let path = ["contributes", "configuration", "properties", key.as_str()];
        let mut values = vec![json!("")];
        values.extend(s.values.iter().map(|v| json!(v)));
        let value = json!({
            "type": "string",
            "enum": values,
            "default": "",
            "scope": "resource",
            "markdownDescription": format!("{} Empty: not set.", s.description),
        });
        text = insert_json(&text, &path, value);
    }
    text
}

fn config_schema(text: &str, rules: &[RuleInfo], levels: &[String]) -> String {
    let mut text = replace_json(text, &["properties", "rules"], rules_schema(rules, levels));
    for s in choice_settings() {
        let value = json!({
            "description": s.description,
            "enum": strings(&s.values),
        });
        text = insert_json(&text, &["properties", s.key.as_str()], value);
    }
    text
}

/// A setting of `copydesk.json` whose value is one of a few words.
struct Choice {
    /// Its key in `copydesk.json` (camelCase).
    key: String,
    values: Vec<String>,
    description: String,
}

/// The settings of `config::Settings` that are a choice of words: their values and their
/// documentation, as the Rust types give them.
fn choice_settings() -> Vec<Choice> {
    let schema = serde_json::to_value(schemars::schema_for!(Settings)).unwrap();
    let defs = &schema["$defs"];
    ["language", "dateOrder"]
        .iter()
        .map(|key| {
            let prop = &schema["properties"][*key];
            // `Option<T>` is `{"anyOf": [{"$ref": T}, {"type": "null"}]}` or a `$ref` to T.
            let reference = prop["anyOf"][0]["$ref"]
                .as_str()
                .or(prop["$ref"].as_str())
                .unwrap_or_else(|| panic!("{key} refers to its type: {prop}"));
            let name = reference.rsplit('/').next().unwrap();
            let def = &defs[name];
            let values = def["enum"]
                .as_array()
                .cloned()
                .or_else(|| {
                    def["oneOf"]
                        .as_array()
                        .map(|list| list.iter().map(|v| v["const"].clone()).collect::<Vec<_>>())
                })
                .unwrap_or_else(|| panic!("{name} is a choice of words: {def}"));
            Choice {
                key: key.to_string(),
                values: values
                    .iter()
                    .map(|v| v.as_str().unwrap().to_string())
                    .collect(),
                description: prop["description"]
                    .as_str()
                    .unwrap()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            }
        })
        .collect()
}

/// `text` (a JSON file) with the value at `path` set: replaced where it is, else added at
/// the end of its object.
fn insert_json(text: &str, path: &[&str], value: Value) -> String {
    let mut doc: Value = serde_json::from_str(text).expect("the checked-in file is JSON");
    let (last, parents) = path.split_last().unwrap();
    let mut at = &mut doc;
    for key in parents {
        at = at
            .get_mut(*key)
            .unwrap_or_else(|| panic!("no {key:?} on the way to {path:?}"));
    }
    at.as_object_mut()
        .expect("an object")
        .insert(last.to_string(), value);
    serde_json::to_string_pretty(&doc).unwrap() + "\n"
}

/// One row of the README's rule table: the cells between the outer pipes.
fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    inner.split(" | ").map(|c| c.trim().to_string()).collect()
}

/// The README with the rule table's code and default columns following the rule list: a
/// row per rule in the list's order, keeping the hand-written columns of known codes; a
/// new rule gets its summary and empty example and fix cells.
fn readme(text: &str, rules: &[RuleInfo]) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let heading = lines
        .iter()
        .position(|l| l.trim_end() == "## The rules")
        .expect("README has a '## The rules' section");
    let header = (heading..lines.len())
        .find(|&i| lines[i].starts_with("| code | default |"))
        .expect("the rules section has a table whose columns start with code and default");
    let first = header + 2; // after the header and its |---| line
    let end = (first..lines.len())
        .find(|&i| !lines[i].starts_with('|'))
        .unwrap_or(lines.len());
    let old: Vec<Vec<String>> = lines[first..end].iter().map(|l| cells(l)).collect();
    let mut out: String = lines[..first].concat();
    for r in rules {
        let code = format!("`{}`", r.code);
        let mut row = old
            .iter()
            .find(|c| c[0] == code)
            .cloned()
            .unwrap_or_else(|| vec![code, String::new(), r.summary.clone(), "".into(), "".into()]);
        row[1] = r.default.clone();
        out.push_str(&format!("| {} |\n", row.join(" | ")));
    }
    out.push_str(&lines[end..].concat());
    out
}

// ---------------------------------------------------------------------------
// the check

/// A file (from the repository root) and what it should be, given its current text.
type Generated<'a> = (&'a str, &'a dyn Fn(&str) -> String);

/// Compares each file with what `generate` makes of it; with `UPDATE_EXPECT` set, writes it.
fn check(files: &[Generated]) {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut stale = Vec::new();
    for (rel, generate) in files {
        let path = root().join(rel);
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let want = generate(&text);
        if want == text {
            continue;
        }
        if update {
            std::fs::write(&path, &want).unwrap();
        } else {
            stale.push(format!("{rel}:\n{}", first_difference(&text, &want)));
        }
    }
    assert!(
        stale.is_empty(),
        "not what the rule list (src/rules/mod.rs) generates; \
         `UPDATE_EXPECT=1 cargo test --test editor_files` rewrites them:\n{}",
        stale.join("\n")
    );
}

/// The first line that differs, for the failure message.
fn first_difference(have: &str, want: &str) -> String {
    let (mut a, mut b) = (have.lines(), want.lines());
    for n in 1.. {
        match (a.next(), b.next()) {
            (None, None) => return "line endings differ".to_string(),
            (x, y) if x != y => {
                return format!(
                    "  line {n}\n  checked in: {}\n  generated:  {}",
                    x.unwrap_or("(end of file)"),
                    y.unwrap_or("(end of file)")
                );
            }
            _ => {}
        }
    }
    unreachable!()
}

#[test]
fn editor_files_follow_the_rule_list() {
    let (rules, levels) = (rules(), levels());
    check(&[
        ("editors/vscode/src/rules.generated.ts", &|_| {
            ts_module(&rules, &levels)
        }),
        ("editors/vscode/package.json", &|t| {
            package_json(t, &rules, &levels)
        }),
        ("editors/vscode/schemas/config.schema.json", &|t| {
            config_schema(t, &rules, &levels)
        }),
        ("README.md", &|t| readme(t, &rules)),
    ]);
}

// ---------------------------------------------------------------------------
// the generators react to the rule list

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap()
}

fn with_new_rule() -> Vec<RuleInfo> {
    let mut list = rules();
    list.push(RuleInfo {
        code: "quote-attribution".into(),
        default: "hint".into(),
        summary: "A quote given to someone the table does not know".into(),
    });
    list[0].default = "error".into();
    list
}

#[test]
fn a_new_rule_or_default_changes_every_generated_file() {
    let (now, next, levels) = (rules(), with_new_rule(), levels());
    let package = read("editors/vscode/package.json");
    let changed = package_json(&package, &next, &levels);
    assert_ne!(changed, package_json(&package, &now, &levels));
    let v: Value = serde_json::from_str(&changed).unwrap();
    let setting = &v["contributes"]["configuration"]["properties"]["copydesk.rules"];
    assert_eq!(
        setting["propertyNames"]["enum"].as_array().unwrap().last(),
        Some(&json!("quote-attribution"))
    );
    assert_eq!(
        setting["properties"]["quote-attribution"]["markdownDescription"],
        "A quote given to someone the table does not know. Default: `hint`."
    );

    let schema = read("editors/vscode/schemas/config.schema.json");
    let changed: Value = serde_json::from_str(&config_schema(&schema, &next, &levels)).unwrap();
    let codes = changed["properties"]["rules"]["propertyNames"]["enum"]
        .as_array()
        .unwrap();
    assert_eq!(codes.len(), now.len() + 1);
    // The rest of the schema is kept as written.
    assert_eq!(
        changed["properties"]["style"],
        serde_json::from_str::<Value>(&schema).unwrap()["properties"]["style"]
    );

    assert!(ts_module(&next, &levels).contains("  'quote-attribution',\n] as const;"));

    let text = read("README.md");
    let changed = readme(&text, &next);
    let first = &now[0].code;
    assert!(
        changed.contains(&format!("| `{first}` | error | ")),
        "the default column follows the list"
    );
    assert!(changed.contains(
        "| `quote-attribution` | hint | A quote given to someone the table does not know |  |  |\n"
    ));
    // A rule taken out of the list loses its row; the other rows keep their prose.
    let fewer: Vec<RuleInfo> = rules().into_iter().skip(1).collect();
    let changed = readme(&text, &fewer);
    assert!(!changed.contains(&format!("| `{first}` |")));
    let second = text
        .lines()
        .find(|l| l.starts_with(&format!("| `{}` |", now[1].code)))
        .unwrap();
    assert!(changed.contains(second));
}

#[test]
fn the_language_and_date_order_settings_are_what_copydesk_json_accepts() {
    let settings = choice_settings();
    let values: Vec<(&str, Vec<&str>)> = settings
        .iter()
        .map(|s| {
            (
                s.key.as_str(),
                s.values.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        values,
        [
            ("language", vec!["en", "vi"]),
            ("dateOrder", vec!["dmy", "mdy"])
        ]
    );
    for s in &settings {
        for v in &s.values {
            let parsed: Settings = serde_json::from_value(json!({ s.key.clone(): v })).unwrap();
            assert_ne!(parsed, Settings::default(), "{} {v}", s.key);
        }
        assert!(!s.description.is_empty());
    }
}

#[test]
fn the_levels_and_their_aliases_are_what_copydesk_json_accepts() {
    let levels = levels();
    assert_eq!(levels, ["error", "warning", "information", "hint", "off"]);
    for level in &levels {
        serde_json::from_value::<Level>(json!(level)).unwrap();
    }
    for (alias, level) in LEVEL_ALIASES {
        assert_eq!(
            serde_json::from_value::<Level>(json!(alias)).unwrap(),
            serde_json::from_value::<Level>(json!(level)).unwrap()
        );
    }
}

#[test]
fn the_readme_check_sees_a_wrong_default() {
    let text = read("README.md");
    let r = &rules()[0];
    let good = format!("| `{}` | {} | ", r.code, r.default);
    assert!(text.contains(&good));
    let bad = text.replacen(&good, &format!("| `{}` | hint | ", r.code), 1);
    assert_ne!(readme(&bad, &rules()), bad);
    assert_eq!(readme(&bad, &rules()), text);
}

#[test]
fn the_readme_names_the_rust_version_of_cargo_toml() {
    let want = format!(
        "- Rust {} or later (the `rust-version` of `Cargo.toml`",
        env!("CARGO_PKG_RUST_VERSION")
    );
    assert!(
        read("README.md").contains(&want),
        "README.md's prerequisites should say {want:?}"
    );
}
