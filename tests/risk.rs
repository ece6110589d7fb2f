//! `capplan risk`: budget futures drawn from `[uncertainty]`, each solved.
//! The probabilities here are worked out by hand in each fixture's header;
//! a sampled estimate is checked within four standard errors of it, with a
//! fixed seed so the test is deterministic.

use assert_cmd::Command;
use serde_json::Value;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> String {
    format!("tests/fixtures/risk/{name}.toml")
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn capplan(args: &[&str]) -> Run {
    let out = Command::cargo_bin("capplan")
        .expect("the capplan binary")
        .current_dir(root())
        .args(args)
        .output()
        .expect("capplan runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn risk_json(plan: &str, extra: &[&str]) -> Value {
    let mut args = vec!["risk", plan, "--format", "json"];
    args.extend_from_slice(extra);
    let run = capplan(&args);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("JSON")
}

fn number(value: &Value) -> f64 {
    value
        .as_f64()
        .unwrap_or_else(|| panic!("not a number: {value}"))
}

#[test]
fn the_probability_a_goal_is_met_converges_to_the_hand_computed_one() {
    let runs = 2000;
    let result = risk_json(&fixture("one-item"), &["--runs", "2000", "--seed", "11"]);
    let p = number(&result["milestones"][0]["probability_met"]);
    // 3/4 by hand; the standard error of 2000 draws is sqrt(3/16 / 2000).
    let bound = 4.0 * (0.75 * 0.25 / runs as f64).sqrt();
    assert!(
        (p - 0.75).abs() < bound,
        "P(met) = {p}, expected 0.75 +- {bound}"
    );
    // The radar is the only way to the goal: bought exactly when it is met.
    assert_eq!(
        result["items"][0]["share_bought"],
        result["milestones"][0]["probability_met"]
    );
    assert_eq!(result["items"][0]["verdict"], "bet");
    assert_eq!(result["futures"]["infeasible"], 0);
    assert_eq!(result["futures"]["not_proven"], 0);
}

#[test]
fn the_same_seed_gives_the_same_bytes_whatever_the_threads() {
    let plan = fixture("one-item");
    let one = capplan(&[
        "risk",
        &plan,
        "--runs",
        "60",
        "--threads",
        "1",
        "--format",
        "json",
    ]);
    let two = capplan(&[
        "risk",
        &plan,
        "--runs",
        "60",
        "--threads",
        "2",
        "--format",
        "json",
    ]);
    assert_eq!(one.code, Some(0), "{}", one.stderr);
    assert_eq!(one.stdout, two.stdout);
    let other_seed = capplan(&[
        "risk", &plan, "--runs", "60", "--seed", "2", "--format", "json",
    ]);
    assert_ne!(
        one.stdout, other_seed.stdout,
        "the seed must change the draws"
    );
}

#[test]
fn a_cut_that_makes_a_signed_contract_unaffordable_is_infeasible() {
    let result = risk_json(&fixture("signed-contract"), &["--runs", "20"]);
    assert_eq!(number(&result["infeasible_probability"]), 1.0);
    assert_eq!(result["futures"]["infeasible"], 20);
    assert_eq!(result["futures"]["scheduled"], 0);
    assert_eq!(result["common_cause"]["cause"], "2026 short of money");
    assert_eq!(result["common_cause"]["futures"], 20);
    // No future meets the milestone, and none has readiness to show.
    assert_eq!(number(&result["milestones"][0]["probability_met"]), 0.0);
    assert!(result["readiness"]["p50"].is_null());
}

#[test]
fn set_reaches_the_uncertainty_table() {
    let result = risk_json(
        &fixture("signed-contract"),
        &["--runs", "20", "--set", "uncertainty.cut.probability=0"],
    );
    assert_eq!(result["futures"]["infeasible"], 0);
    // Without the cut the contract is paid and both radars bought.
    assert_eq!(number(&result["milestones"][0]["probability_met"]), 1.0);
    assert_eq!(result["items"][1]["verdict"], "no-regret");
    assert_eq!(number(&result["items"][1]["median_units"]), 2.0);
}

#[test]
fn drawn_budgets_stay_inside_the_triangle() {
    let result = risk_json(&fixture("one-item"), &["--runs", "200"]);
    for year in result["years"].as_array().expect("years") {
        for band in ["p10", "p50", "p90"] {
            let drawn = number(&year["drawn_budget"][band]);
            assert!((8e6..=10e6).contains(&drawn), "{year}");
        }
    }
}

#[test]
fn a_plan_without_uncertainty_is_refused() {
    let run = capplan(&["risk", "tests/fixtures/semantics/sustainment.toml"]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("[uncertainty]"), "{}", run.stderr);
}

#[test]
fn exports_write_the_risk_sheet_and_csv_files() {
    let dir = std::env::temp_dir().join(format!("capplan-risk-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    let book = dir.join("risk.xlsx");
    let tables = dir.join("tables/");
    let run = capplan(&[
        "risk",
        &fixture("one-item"),
        "--runs",
        "30",
        "--export",
        &book.to_string_lossy(),
        "--export",
        &tables.to_string_lossy(),
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    use calamine::{open_workbook, Reader, Xlsx};
    let mut workbook: Xlsx<_> = open_workbook(&book).expect("workbook");
    assert_eq!(workbook.sheet_names(), ["Summary", "Risk", "Items"]);
    let risk = workbook.worksheet_range("Risk").expect("Risk sheet");
    assert_eq!(
        risk.get_value((1, 0)).map(|c| c.to_string()),
        Some("isr".into())
    );
    let futures = std::fs::read_to_string(tables.join("futures.csv")).expect("futures.csv");
    // A header and one row per future and year.
    assert_eq!(futures.lines().count(), 1 + 30 * 2);
    assert!(tables.join("milestones.csv").is_file());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_review_pack_gains_a_risk_section() {
    let dir = std::env::temp_dir().join(format!("capplan-risk-html-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    let html = dir.join("pack.html");
    let run = capplan(&[
        "report",
        &fixture("one-item"),
        "-o",
        &html.to_string_lossy(),
        "--risk",
        "--runs",
        "30",
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let text = std::fs::read_to_string(&html).expect("the pack");
    assert!(text.contains("<h2>Budget risk</h2>"));
    assert!(text.contains("class=\"fan\""), "the fan chart");
    assert!(text.contains("Probability each milestone is met"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The probability the single milestone of `plan` is met in `runs` futures,
/// checked within four standard errors of `expected`.
fn assert_met_probability(plan: &str, runs: usize, expected: f64) {
    let runs_arg = runs.to_string();
    let result = risk_json(&fixture(plan), &["--runs", &runs_arg, "--seed", "5"]);
    let p = number(&result["milestones"][0]["probability_met"]);
    let bound = 4.0 * (expected * (1.0 - expected) / runs as f64).sqrt();
    assert!(
        (p - expected).abs() < bound,
        "{plan}: P(met) = {p}, expected {expected} +- {bound}"
    );
    assert_eq!(result["futures"]["not_proven"], 0);
}

#[test]
fn a_moving_exchange_rate_is_drawn_once_per_future() {
    assert_met_probability("fx-item", 1000, 7.0 / 8.0);
}

#[test]
fn a_grant_that_may_fall_short_is_drawn_per_year() {
    assert_met_probability("grant", 1000, 2.0 / 3.0);
}

#[test]
fn a_rate_spread_must_be_positive() {
    let run = capplan(&["risk", &fixture("fx-item"), "--set", "uncertainty.fx.low=0"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("a factor above 0"), "{}", run.stderr);
}
