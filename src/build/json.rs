//! JSON as a person would write it: short objects and lists on one line, the rest indented.

use serde_json::Value;

/// The widest line an inline value may make.
const WIDTH: usize = 100;

/// Pretty-print a value, with a final newline.
pub fn to_string(v: &Value) -> String {
    let mut out = String::new();
    write(v, 0, 0, &mut out, true);
    out.push('\n');
    out
}

fn inline(v: &Value) -> String {
    match v {
        Value::Array(a) if a.is_empty() => "[]".into(),
        Value::Array(a) => {
            let items: Vec<String> = a.iter().map(inline).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(o) if o.is_empty() => "{}".into(),
        Value::Object(o) => {
            let items: Vec<String> = o
                .iter()
                .map(|(k, v)| format!("{}: {}", Value::String(k.clone()), inline(v)))
                .collect();
            format!("{{ {} }}", items.join(", "))
        }
        other => other.to_string(),
    }
}

/// `col` is where the value starts on its line (for the width), `indent` the indentation of
/// the line it starts on.
fn write(v: &Value, indent: usize, col: usize, out: &mut String, top: bool) {
    let flat = inline(v);
    let nested_objects = matches!(v, Value::Array(a) if a.iter().any(|x| matches!(x, Value::Object(o) if o.len() > 2)));
    if !top && col + flat.chars().count() <= WIDTH && !nested_objects {
        out.push_str(&flat);
        return;
    }
    let pad = " ".repeat(indent + 2);
    match v {
        Value::Array(a) if !a.is_empty() => {
            out.push_str("[\n");
            for (i, x) in a.iter().enumerate() {
                out.push_str(&pad);
                write(x, indent + 2, indent + 2, out, false);
                if i + 1 < a.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            out.push_str(&" ".repeat(indent));
            out.push(']');
        }
        Value::Object(o) if !o.is_empty() => {
            out.push_str("{\n");
            for (i, (k, x)) in o.iter().enumerate() {
                out.push_str(&pad);
                out.push_str(&Value::String(k.clone()).to_string());
                out.push_str(": ");
                write(
                    x,
                    indent + 2,
                    indent + 2 + k.chars().count() + 4,
                    out,
                    false,
                );
                if i + 1 < o.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            out.push_str(&" ".repeat(indent));
            out.push('}');
        }
        _ => out.push_str(&flat),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_values_stay_on_one_line() {
        let v: Value = serde_json::from_str(
            r#"{"people": [{"id": "a", "name": "Ann Lee", "sources": [{"source": "s", "line": 1}]}]}"#,
        )
        .unwrap();
        let s = to_string(&v);
        assert!(s.contains(r#"{ "source": "s", "line": 1 }"#), "{s}");
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }
}
