//! The VS Code extension's schema of `copydesk.json` names exactly the settings copydesk
//! reads (`config::Settings`).

use std::collections::BTreeSet;

#[test]
fn the_editor_schema_has_every_setting_and_no_other() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/editors/vscode/schemas/config.schema.json"
    );
    let editor: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let ours = serde_json::to_value(schemars::schema_for!(copydesk::config::Settings)).unwrap();
    let keys = |v: &serde_json::Value| -> BTreeSet<String> {
        v["properties"]
            .as_object()
            .expect("properties")
            .keys()
            .cloned()
            .collect()
    };
    assert_eq!(keys(&editor), keys(&ours));
    assert_eq!(editor["additionalProperties"], false);
}
