//! The JSON result is documented field by field in docs/plan-format.md
//! (section 3 and the sections that add fields). This test runs real
//! solves, feasible and infeasible, walks every object in the output and
//! checks that each field name appears in the reference as `` `name` ``, so
//! a field added to the output without its documentation fails here.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn json_of(args: &[&str]) -> Value {
    let output = Command::cargo_bin("capplan")
        .expect("the capplan binary")
        .current_dir(root())
        .args(args)
        .output()
        .expect("capplan runs");
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "capplan {args:?} printed no JSON ({e}): {}",
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// Every object key anywhere in the value, with the path it was found at.
fn keys(value: &Value, path: &str, out: &mut BTreeSet<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                out.insert((key.clone(), path.to_string()));
                keys(child, &format!("{path}.{key}"), out);
            }
        }
        Value::Array(items) => {
            for item in items {
                keys(item, &format!("{path}[]"), out);
            }
        }
        _ => {}
    }
}

fn undocumented(outputs: &[Value]) -> Vec<String> {
    let reference = std::fs::read_to_string(root().join("docs").join("plan-format.md"))
        .expect("docs/plan-format.md");
    let mut found = BTreeSet::new();
    for output in outputs {
        keys(output, "", &mut found);
    }
    found
        .into_iter()
        .filter(|(key, _)| !reference.contains(&format!("`{key}`")))
        .filter(|(key, _)| !reference.contains(&format!("\"{key}\"")))
        .map(|(key, path)| format!("{path}.{key}"))
        .collect()
}

#[test]
fn every_field_of_a_solved_result_is_documented() {
    let solved = json_of(&[
        "solve",
        "tests/fixtures/semantics/sustainment.toml",
        "--format",
        "json",
    ]);
    assert_eq!(solved["status"], "optimal");
    let missing = undocumented(&[solved]);
    assert!(missing.is_empty(), "undocumented JSON fields: {missing:?}");
}

#[test]
fn every_field_of_an_infeasible_result_is_documented() {
    let budget = json_of(&[
        "solve",
        "tests/fixtures/semantics/infeasible_budget.toml",
        "--format",
        "json",
    ]);
    let target = json_of(&[
        "solve",
        "tests/fixtures/semantics/infeasible_target.toml",
        "--format",
        "json",
    ]);
    let structural = json_of(&[
        "solve",
        "tests/fixtures/semantics/infeasible_structural.toml",
        "--format",
        "json",
    ]);
    for result in [&budget, &target, &structural] {
        assert_eq!(result["status"], "infeasible");
    }
    let missing = undocumented(&[budget, target, structural]);
    assert!(missing.is_empty(), "undocumented JSON fields: {missing:?}");
}

#[test]
fn every_field_of_a_sweep_is_documented() {
    let sweep = json_of(&[
        "sweep",
        "tests/fixtures/semantics/sustainment.toml",
        "--from",
        "0.5",
        "--to",
        "1.5",
        "--steps",
        "3",
        "--format",
        "json",
    ]);
    assert!(sweep["points"].as_array().is_some_and(|p| p.len() == 3));
    let missing = undocumented(&[sweep]);
    assert!(missing.is_empty(), "undocumented JSON fields: {missing:?}");
}
