//! The budget vocabulary (envelope, open to the plan, carried in,
//! available, spent, carried out, lapsed) and the one number format, across
//! the terminal tables, JSON, CSV, the workbook and the HTML pack.
//!
//! `tests/fixtures/vocabulary/lapse.toml` fixes every order, so each figure
//! is worked out by hand in its header; the identities between the figures
//! are checked in whole cents on it and on the export fixture.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

const LAPSE: &str = "tests/fixtures/vocabulary/lapse.toml";

/// capplan's stdout, run from the crate root; the exit code must be 0.
fn capplan(args: &[&str]) -> String {
    let out = Command::cargo_bin("capplan")
        .expect("capplan binary")
        .current_dir(root())
        .args(args)
        .output()
        .expect("run capplan");
    assert_eq!(
        out.status.code(),
        Some(0),
        "capplan {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json(plan: &str) -> Value {
    let text = capplan(&["solve", plan, "--format", "json"]);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// A money field in whole cents.
fn cents(v: &Value, key: &str) -> i64 {
    let x = v[key]
        .as_f64()
        .unwrap_or_else(|| panic!("no number `{key}` in {v}"));
    (x * 100.0).round() as i64
}

#[test]
fn years_and_phases_carry_and_lapse_as_worked_by_hand() {
    let v = json(LAPSE);
    let years = v["years"].as_array().expect("years");
    // (envelope, open, carried in, available, spent, carried out, lapsed)
    let expected: [[i64; 7]; 3] = [
        [20_000, 10_000, 0, 10_000, 5_001, 1_000, 3_999],
        [20_000, 10_000, 1_000, 11_000, 10_551, 449, 0],
        [20_000, 10_000, 449, 10_449, 371, 1_000, 9_078],
    ];
    let keys = [
        "envelope",
        "budget",
        "carried_in",
        "available",
        "spend",
        "carry_out",
        "lapsed",
    ];
    assert_eq!(years.len(), 3);
    for (y, row) in years.iter().zip(expected) {
        for (key, want) in keys.iter().zip(row) {
            assert_eq!(cents(y, key), want, "{} {key}", y["year"]);
        }
    }
    let phases = v["phases"].as_array().expect("phases");
    // (envelope, open, carried in, spent, carried out, lapsed)
    let expected: [[i64; 6]; 2] = [
        [40_000, 20_000, 0, 15_552, 449, 3_999],
        [20_000, 10_000, 449, 371, 1_000, 9_078],
    ];
    let keys = [
        "envelope",
        "budget",
        "carried_in",
        "spend",
        "carry_out",
        "lapsed",
    ];
    for (p, row) in phases.iter().zip(expected) {
        for (key, want) in keys.iter().zip(row) {
            assert_eq!(cents(p, key), want, "{} {key}", p["phase"]);
        }
    }
}

/// carried_in_y = carried_out_{y-1}; available = open + carried in;
/// available - national spend = carried out + lapsed; all in cents.
fn assert_money_adds_up(v: &Value) {
    let years = v["years"].as_array().expect("years");
    let mut carried = 0;
    for y in years {
        let at = &y["year"];
        assert_eq!(cents(y, "carried_in"), carried, "{at} carried in");
        assert_eq!(
            cents(y, "available"),
            cents(y, "budget") + cents(y, "carried_in"),
            "{at} available"
        );
        assert_eq!(
            cents(y, "available") - cents(y, "national_spend"),
            cents(y, "carry_out") + cents(y, "lapsed"),
            "{at} available - spent"
        );
        carried = cents(y, "carry_out");
    }
}

#[test]
fn the_money_adds_up_in_exact_cents() {
    assert_money_adds_up(&json(LAPSE));
    assert_money_adds_up(&json("tests/fixtures/exports/review.toml"));
}

#[test]
fn the_contract_fields_keep_their_names() {
    let v = json(LAPSE);
    for key in [
        "year",
        "budget",
        "available",
        "payments",
        "sustainment",
        "spend",
        "carry_out",
    ] {
        assert!(v["years"][0].get(key).is_some(), "years[].{key}");
    }
}

fn path(p: &str) -> PathBuf {
    root().join(Path::new(p))
}

#[test]
fn sensitivity_steps_the_envelope_by_default() {
    // Envelopes of 200, capital share 0.5: +1 of envelope is +0.5 open to
    // the plan; `--of open` moves B_y by the 1 itself. (A step of 5 open
    // would make 2026 infeasible: 105 available, 105.51 owed.)
    let plan = path(LAPSE);
    let plan = plan.to_str().unwrap_or_default();
    let v: Value = serde_json::from_str(&capplan(&[
        "sensitivity",
        plan,
        "--step",
        "1",
        "--format",
        "json",
    ]))
    .expect("JSON");
    assert_eq!(v["of"], "envelope");
    assert_eq!(v["step"].as_f64(), Some(1.0));
    assert_eq!(v["open_step"].as_f64(), Some(0.5));
    let v: Value = serde_json::from_str(&capplan(&[
        "sensitivity",
        plan,
        "--step",
        "1",
        "--of",
        "open",
        "--format",
        "json",
    ]))
    .expect("JSON");
    assert_eq!(v["of"], "open");
    assert_eq!(v["open_step"].as_f64(), Some(1.0));
    let table = capplan(&["sensitivity", plan, "--step", "1"]);
    assert!(
        table.contains(
            "each year's envelope raised and lowered by 1 EUR (0.5 EUR open to the plan)"
        ),
        "{table}"
    );
}
