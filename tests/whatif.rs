//! What-if commands on a small fixture plan and the shipped KSF plan:
//! compare output as snapshots, sweep and sensitivity properties.

use assert_cmd::Command;
use serde_json::Value;

const BASE: &str = "tests/fixtures/whatif/base.toml";
const KSF: &str = "plans/ksf-2019-2028.toml";

fn capplan(args: &[&str]) -> (i32, String) {
    let out = Command::cargo_bin("capplan")
        .expect("the capplan binary is built")
        .args(args)
        .output()
        .expect("capplan runs");
    let stdout = String::from_utf8(out.stdout).expect("stdout is UTF-8");
    (out.status.code().unwrap_or(-1), stdout)
}

fn json(args: &[&str]) -> Value {
    let (code, stdout) = capplan(args);
    assert!(code == 0 || code == 1, "exit code {code}");
    serde_json::from_str(&stdout).expect("valid JSON")
}

#[test]
fn compare_table_shows_each_run_and_what_moved() {
    let (code, stdout) = capplan(&[
        "compare",
        BASE,
        "--scenario",
        "tests/fixtures/whatif/cut.toml",
        "--scenario",
        "tests/fixtures/whatif/no-radar.toml",
        "--set",
        "budget.scale=1.5",
    ]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("compare_brigade", stdout);
}

#[test]
fn compare_json_has_a_run_per_variant_with_moves() {
    let v = json(&[
        "compare",
        BASE,
        "--scenario",
        "tests/fixtures/whatif/no-radar.toml",
        "--format",
        "json",
    ]);
    let runs = v["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 2);
    assert_eq!(runs[0]["label"], "base");
    let moved = runs[1]["moved"].as_array().expect("moves of the variant");
    let radar = moved
        .iter()
        .find(|m| m["item"] == "radar")
        .expect("the removed radar is listed");
    assert_eq!(radar["change"], "dropped");
    assert!(runs[1]["readiness"].as_f64() < runs[0]["readiness"].as_f64());
}

#[test]
fn compare_without_variants_is_a_usage_error() {
    let (code, _) = capplan(&["compare", BASE]);
    assert_eq!(code, 2);
}

fn sweep_points(plan: &str, from: &str, to: &str, steps: &str, threads: &str) -> Vec<Value> {
    let v = json(&[
        "sweep",
        plan,
        "--from",
        from,
        "--to",
        to,
        "--steps",
        steps,
        "--threads",
        threads,
        "--format",
        "json",
    ]);
    v["points"].as_array().expect("points").clone()
}

#[test]
fn sweep_result_does_not_depend_on_the_thread_count() {
    let one = sweep_points(BASE, "0.5", "2", "7", "1");
    let many = sweep_points(BASE, "0.5", "2", "7", "4");
    assert_eq!(one, many);
    assert_eq!(one.len(), 7);
}

fn assert_readiness_never_falls(points: &[Value]) {
    let mut last = f64::NEG_INFINITY;
    for p in points.iter().filter(|p| p["status"] == "optimal") {
        let r = p["readiness"]
            .as_f64()
            .expect("readiness of an optimal point");
        assert!(
            r >= last - 1e-6,
            "readiness fell to {r} at scale {}",
            p["scale"]
        );
        last = r;
    }
}

#[test]
fn sweep_readiness_never_falls_as_the_budget_grows() {
    let points = sweep_points(BASE, "0.5", "2", "7", "2");
    assert_readiness_never_falls(&points);
    assert!(points.iter().all(|p| p["status"] == "optimal"));
    let first = points[0]["readiness"].as_f64().unwrap_or(0.0);
    let last = points[6]["readiness"].as_f64().unwrap_or(0.0);
    assert!(last > first, "more money buys more readiness");
}

#[test]
fn sweep_of_the_shipped_plan_never_loses_readiness() {
    let points = sweep_points(KSF, "0.7", "1.1", "5", "2");
    assert!(points.iter().filter(|p| p["status"] == "optimal").count() >= 3);
    assert_readiness_never_falls(&points);
}

#[test]
fn sensitivity_raising_a_year_never_lowers_readiness() {
    let v = json(&["sensitivity", BASE, "--step", "5M", "--format", "json"]);
    let years = v["years"].as_array().expect("years");
    assert_eq!(years.len(), 3);
    for y in years {
        let up = y["raised"]["readiness_change"].as_f64().expect("a change");
        assert!(up >= -1e-6, "raising {} lowered readiness", y["year"]);
        let down = y["lowered"]["readiness_change"].as_f64().expect("a change");
        assert!(down <= 1e-6, "lowering {} raised readiness", y["year"]);
    }
}
