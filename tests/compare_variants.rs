//! `compare --variant/--combined/--against` and the exports of `compare`
//! and `sensitivity`, on the hand-computed straddle plan (see its comment
//! in tests/fixtures/after_end/straddle.toml) and the what-if fixture.

mod common;

use common::capplan;

use calamine::{open_workbook, Data, Reader, Xlsx};
use serde_json::Value;
use std::path::Path;

const STRADDLE: &str = "tests/fixtures/after_end/straddle.toml";
const BASE: &str = "tests/fixtures/whatif/base.toml";
const CUT: &str = "tests/fixtures/whatif/cut.toml";

fn json(args: &[&str]) -> Value {
    let (code, stdout, stderr) = capplan(args);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

fn run<'v>(v: &'v Value, label: &str) -> &'v Value {
    v["runs"]
        .as_array()
        .and_then(|runs| runs.iter().find(|r| r["label"] == label))
        .unwrap_or_else(|| panic!("no run {label}"))
}

/// Base: 3 jets, readiness 100, total 220, 80 after 2027. Capped at 50:
/// 2 jets, readiness 66.67, total 200, nothing after. Capped with orders
/// only up to 2026: the same two orders, so nothing moves against the
/// capped run.
#[test]
fn named_variants_compared_with_each_other() {
    let v = json(&[
        "compare",
        STRADDLE,
        "--variant",
        "capped: budget.max_after_end=50",
        "--variant",
        "capped early: budget.max_after_end=50; item.jet.latest=2026",
        "--against",
        "capped",
        "--format",
        "json",
    ]);
    assert_eq!(v["against"], "capped");
    let base = run(&v, "base");
    let capped = run(&v, "capped");
    let early = run(&v, "capped early");
    assert!((f(&base["readiness"]) - 100.0).abs() < 1e-6);
    assert!((f(&capped["readiness"]) - 200.0 / 3.0).abs() < 1e-6);
    assert_eq!(f(&base["commitments_after_horizon"]), 80.0);
    assert_eq!(f(&capped["commitments_after_horizon"]), 0.0);
    // The base against the capped run: one more jet in 2027, 20 more
    // spent inside the horizon.
    assert_eq!(f(&base["changes"]["delta_total_cost"]), 20.0);
    let moved = base["moved"].as_array().expect("moved");
    assert_eq!(moved.len(), 1);
    assert_eq!(moved[0]["item"], "jet");
    assert_eq!(moved[0]["change"], "more");
    assert_eq!(early["moved"], serde_json::json!([]));
    assert!(capped.get("moved").is_none(), "the reference has no moves");
}

#[test]
fn without_against_the_base_is_the_reference_and_there_is_no_against_field() {
    let v = json(&[
        "compare",
        STRADDLE,
        "--set",
        "budget.max_after_end=50",
        "--format",
        "json",
    ]);
    assert!(v.get("against").is_none());
    let capped = run(&v, "--set budget.max_after_end=50");
    assert_eq!(f(&capped["changes"]["delta_total_cost"]), -20.0);
    assert_eq!(capped["moved"][0]["change"], "fewer");
}

#[test]
fn combined_is_the_scenario_and_the_override_together() {
    let v = json(&[
        "compare",
        BASE,
        "--scenario",
        CUT,
        "--set",
        "budget.scale=1.5",
        "--combined",
        "--variant",
        &format!("{CUT} + budget.scale=1.5"),
        "--format",
        "json",
    ]);
    let labels: Vec<&str> = v["runs"]
        .as_array()
        .expect("runs")
        .iter()
        .filter_map(|r| r["label"].as_str())
        .collect();
    let variant = format!("{CUT} + budget.scale=1.5");
    assert_eq!(
        labels,
        [
            "base",
            CUT,
            "--set budget.scale=1.5",
            variant.as_str(),
            "combined"
        ]
    );
    // The same run as `solve --scenario CUT --set budget.scale=1.5`.
    let solved = json(&[
        "solve",
        BASE,
        "--scenario",
        CUT,
        "--set",
        "budget.scale=1.5",
        "--format",
        "json",
    ]);
    for label in [variant.as_str(), "combined"] {
        let r = run(&v, label);
        assert_eq!(r["readiness"], solved["readiness"], "{label}");
        assert_eq!(r["total_cost"], solved["total_cost"], "{label}");
    }
}

#[test]
fn an_unknown_reference_or_an_empty_part_is_a_usage_error() {
    let (code, _, stderr) = capplan(&[
        "compare",
        STRADDLE,
        "--variant",
        "capped: budget.max_after_end=50",
        "--against",
        "caped",
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("did you mean `capped`?"), "{stderr}");
    let (code, _, stderr) = capplan(&["compare", STRADDLE, "--variant", "a.toml + "]);
    assert_eq!(code, 2);
    assert!(stderr.contains("an empty part"), "{stderr}");
    // A variant's scenario file is read like any other.
    let (code, _, stderr) = capplan(&["compare", STRADDLE, "--variant", "missing.toml"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("missing.toml"), "{stderr}");
}

fn cell(path: &Path, sheet: &str, row: usize, col: usize) -> Data {
    let mut book: Xlsx<_> = open_workbook(path).expect("a workbook");
    let range = book.worksheet_range(sheet).expect("the sheet");
    range.get((row, col)).cloned().unwrap_or(Data::Empty)
}

#[test]
fn compare_exports_the_json_it_prints_a_workbook_and_csv_files() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let json_path = dir.path().join("compare.json");
    let xlsx = dir.path().join("compare.xlsx");
    let tables = dir.path().join("tables");
    let (code, stdout, stderr) = capplan(&[
        "compare",
        STRADDLE,
        "--variant",
        "capped: budget.max_after_end=50",
        "--format",
        "json",
        "--export",
        &json_path.display().to_string(),
        "--export",
        &xlsx.display().to_string(),
        "--export",
        &format!("{}/", tables.display()),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&json_path).unwrap_or_default(),
        stdout
    );
    // Compare sheet: figures down, runs across (header row 0).
    assert_eq!(cell(&xlsx, "Compare", 0, 1), Data::String("base".into()));
    assert_eq!(cell(&xlsx, "Compare", 0, 2), Data::String("capped".into()));
    assert_eq!(
        cell(&xlsx, "Compare", 2, 0),
        Data::String("Readiness %".into())
    );
    assert_eq!(cell(&xlsx, "Compare", 2, 1), Data::Float(100.0));
    match cell(&xlsx, "Compare", 2, 2) {
        Data::Float(x) => assert!((x - 200.0 / 3.0).abs() < 1e-9, "{x}"),
        other => panic!("readiness is a number: {other:?}"),
    }
    assert_eq!(
        cell(&xlsx, "Compare", 6, 0),
        Data::String("After horizon".into())
    );
    assert_eq!(cell(&xlsx, "Compare", 6, 1), Data::Float(80.0));
    assert_eq!(cell(&xlsx, "Moves", 1, 1), Data::String("jet".into()));
    let mut names: Vec<String> = std::fs::read_dir(&tables)
        .expect("the directory")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["goals.csv", "moves.csv", "runs.csv", "years.csv"]);
    let runs = std::fs::read_to_string(tables.join("runs.csv")).unwrap_or_default();
    let lines: Vec<&str> = runs.lines().collect();
    assert!(
        lines[1].starts_with("base,true,optimal,100,1,1,220,220,80,"),
        "{runs}"
    );
    assert!(
        lines[2] == "capped,false,optimal,66.666667,0.666667,1,200,200,0,true,1,-0.333333,-20",
        "{runs}"
    );
    let moves = std::fs::read_to_string(tables.join("moves.csv")).unwrap_or_default();
    assert!(
        moves.contains("capped,jet,Jet trainer,fewer,2027,1,0"),
        "{moves}"
    );
}

/// Sensitivity of the straddle plan at a step of 20: raising 2025 or 2026
/// buys nothing (every jet is already bought); lowering 2026 to 80 leaves
/// no room for a 2026 order beside the 80 of a 2025 one, so only two jets
/// remain (2025 and 2027, or 2026 and 2027: 120 inside the horizon either
/// way, 100 less than the base's 220).
#[test]
fn sensitivity_exports_the_json_it_prints_a_workbook_and_csv_files() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let json_path = dir.path().join("sensitivity.json");
    let xlsx = dir.path().join("sensitivity.xlsx");
    let csv = dir.path().join("sensitivity.csv");
    let (code, stdout, stderr) = capplan(&[
        "sensitivity",
        STRADDLE,
        "--step",
        "20",
        "--format",
        "json",
        "--export",
        &json_path.display().to_string(),
        "--export",
        &xlsx.display().to_string(),
        "--export",
        &csv.display().to_string(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&json_path).unwrap_or_default(),
        stdout
    );
    let v: Value = serde_json::from_str(&stdout).expect("JSON");
    let y2026 = &v["years"][1];
    assert_eq!(y2026["year"], 2026);
    assert!((f(&y2026["lowered"]["readiness_change"]) + 100.0 / 3.0).abs() < 1e-6);
    assert_eq!(f(&y2026["lowered"]["total_cost_change"]), -100.0);
    assert_eq!(f(&y2026["raised"]["readiness_change"]), 0.0);
    let text = std::fs::read_to_string(&csv).unwrap_or_default();
    assert!(
        text.starts_with(
            "year,budget,step,direction,status,readiness_change,total_cost_change,adds,drops\r\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("2026,100,20,raised,optimal,0,0,,\r\n"),
        "{text}"
    );
    assert!(
        text.contains("2026,100,20,lowered,optimal,-33.333333,-100,,\r\n"),
        "{text}"
    );
    assert_eq!(cell(&xlsx, "Sensitivity", 2, 0), Data::Float(2026.0));
    assert_eq!(cell(&xlsx, "Sensitivity", 2, 1), Data::Float(100.0));
    assert_eq!(cell(&xlsx, "Summary", 4, 1), Data::Float(20.0));
}

/// Every pair: capped against the base is 33.33 points, 20 in cost and
/// the whole 80 after the horizon lower; the two capped runs are equal.
#[test]
fn pairwise_lists_every_pair_later_minus_earlier() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let exported = dir.path().join("pairs.json");
    let (code, stdout, stderr) = capplan(&[
        "compare",
        STRADDLE,
        "--variant",
        "capped: budget.max_after_end=50",
        "--variant",
        "capped early: budget.max_after_end=50; item.jet.latest=2026",
        "--pairwise",
        "--format",
        "json",
        "--export",
        &exported.display().to_string(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&exported).unwrap_or_default(),
        stdout
    );
    let v: Value = serde_json::from_str(&stdout).expect("JSON");
    let pairs = v["pairwise"].as_array().expect("pairwise");
    let pair = |run: &str, against: &str| {
        pairs
            .iter()
            .find(|p| p["run"] == run && p["against"] == against)
            .unwrap_or_else(|| panic!("no pair {run} - {against}"))
    };
    assert_eq!(pairs.len(), 3);
    let capped = pair("capped", "base");
    assert!((f(&capped["delta_readiness"]) + 100.0 / 3.0).abs() < 1e-6);
    assert_eq!(f(&capped["delta_total_cost"]), -20.0);
    assert_eq!(f(&capped["delta_national_cost"]), -20.0);
    assert_eq!(f(&capped["delta_after_horizon"]), -80.0);
    let same = pair("capped early", "capped");
    assert_eq!(f(&same["delta_readiness"]), 0.0);
    assert_eq!(f(&same["delta_total_cost"]), 0.0);
    let (code, table, _) = capplan(&[
        "compare",
        STRADDLE,
        "--variant",
        "capped: budget.max_after_end=50",
        "--pairwise",
    ]);
    assert_eq!(code, 0);
    let line = table
        .lines()
        .find(|l| l.contains("capped") && l.contains("-80"))
        .unwrap_or_else(|| panic!("{table}"));
    let cells: Vec<&str> = line
        .split('┆')
        .map(|c| c.trim_matches(['│', ' ']))
        .collect();
    assert_eq!(
        cells,
        ["capped", "base", "-33.33", "-20.00", "-20.00", "-80.00"]
    );
}
