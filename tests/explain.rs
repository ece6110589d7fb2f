//! Explanations (plan format, section 9) on small plans whose answers are
//! worked out by hand in each fixture's header comment.

use assert_cmd::Command;
use serde_json::Value;
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/explain")
        .join(name)
}

/// Runs capplan with `--format json`; returns the exit code, the JSON and stderr.
fn run(args: &[&str]) -> (i32, Value, String) {
    let out = Command::cargo_bin("capplan")
        .unwrap_or_else(|e| panic!("{e}"))
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    (
        out.status.code().unwrap_or(-1),
        value,
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

fn explain(name: &str, rest: &[&str]) -> (i32, Value) {
    let path = fixture(name);
    let mut args = vec!["explain", path.to_str().unwrap_or_default()];
    args.extend_from_slice(rest);
    let (code, value, _) = run(&args);
    (code, value)
}

fn solve(name: &str, rest: &[&str]) -> (i32, Value, String) {
    let path = fixture(name);
    let mut args = vec!["solve", path.to_str().unwrap_or_default()];
    args.extend_from_slice(rest);
    run(&args)
}

fn close(a: &Value, b: f64) -> bool {
    a.as_f64().is_some_and(|a| (a - b).abs() < 1e-6)
}

#[test]
fn an_item_displaced_by_a_cheaper_one() {
    let (code, v) = explain("displaced.toml", &["--item", "dear"]);
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(v["item"], "dear");
    assert!(close(&v["optimum"]["units"], 0.0));
    assert!(close(&v["optimum"]["total_cost"], 50.0));
    assert!(close(&v["optimum"]["national_cost"], 50.0));
    let alt = &v["alternative"];
    assert_eq!(alt["decision"], "buy");
    assert_eq!(alt["status"], "optimal");
    assert!(close(&alt["score"], 1.0));
    assert!(close(&alt["total_cost"], 80.0));
    assert!(close(&alt["delta_score"], 0.0));
    assert!(close(&alt["delta_total_cost"], 30.0));
    let changes = alt["changes"].as_array().cloned().unwrap_or_default();
    assert_eq!(changes.len(), 2, "{alt:#}");
    assert_eq!(changes[0]["item"], "cheap");
    assert!(close(&changes[0]["delta_units"], -1.0));
    assert!(close(&changes[0]["units"], 0.0));
    assert_eq!(changes[1]["item"], "dear");
    assert!(close(&changes[1]["delta_units"], 1.0));
}

#[test]
fn dropping_the_bought_item_costs_more() {
    let (code, v) = explain("displaced.toml", &["--item", "cheap"]);
    assert_eq!(code, 0);
    assert!(close(&v["optimum"]["units"], 1.0));
    assert_eq!(v["alternative"]["decision"], "drop");
    assert!(close(&v["alternative"]["delta_total_cost"], 30.0));
}

#[test]
fn an_item_that_cannot_deliver_in_time() {
    let (code, v) = explain("late.toml", &["--item", "ship"]);
    assert_eq!(code, 0);
    let alt = &v["alternative"];
    assert_eq!(alt["decision"], "buy");
    // Buying one ship adds its 10 and no points.
    assert!(close(&alt["delta_score"], 0.0));
    assert!(close(&alt["delta_total_cost"], 10.0));
    let reasons = alt["reasons"].to_string();
    assert!(
        reasons.contains("no order year can deliver before the last milestone"),
        "{reasons}"
    );
    assert!(
        reasons.contains("2030") && reasons.contains("2028"),
        "{reasons}"
    );
}

#[test]
fn a_goal_gap_closed_by_a_known_amount_in_known_years() {
    let (code, v) = explain("goal_gap.toml", &["--goal", "air"]);
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(v["year"], 2026);
    assert!(close(&v["target"], 100.0));
    assert!(close(&v["credited"], 50.0));
    assert!(close(&v["extra_budget_total"], 60.0));
    let extra = v["extra_budget"].as_array().cloned().unwrap_or_default();
    assert_eq!(extra.len(), 2);
    assert_eq!(extra[0]["year"], 2025);
    assert!(close(&extra[0]["amount"], 30.0));
    assert_eq!(extra[1]["year"], 2026);
    assert!(close(&extra[1]["amount"], 30.0));
    let added = v["orders_added"].as_array().cloned().unwrap_or_default();
    assert_eq!(added.len(), 2);
    for (row, year) in added.iter().zip([2025, 2026]) {
        assert_eq!(row["item"], "heli");
        assert_eq!(row["year"], year);
        assert!(close(&row["units"], 1.0));
    }
}

#[test]
fn a_goal_no_money_reaches_names_the_cap() {
    let (code, v) = explain("capped.toml", &["--goal", "air", "--year", "2026"]);
    assert_eq!(code, 0);
    assert_eq!(v["status"], "infeasible");
    let capped = v["capped_by"].as_array().cloned().unwrap_or_default();
    assert_eq!(capped.len(), 1);
    assert_eq!(capped[0]["item"], "heli");
    assert_eq!(capped[0]["line"], 12);
    assert!(close(&capped[0]["most_points"], 75.0));
    assert!(capped[0]["reason"].to_string().contains("max_units 3"));
}

#[test]
fn unknown_ids_and_years_are_input_errors() {
    let out = Command::cargo_bin("capplan")
        .unwrap_or_else(|e| panic!("{e}"))
        .args(["explain"])
        .arg(fixture("displaced.toml"))
        .args(["--item", "deer"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `dear`?"));
    let out = Command::cargo_bin("capplan")
        .unwrap_or_else(|e| panic!("{e}"))
        .args(["explain"])
        .arg(fixture("goal_gap.toml"))
        .args(["--goal", "air", "--year", "2025"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("milestones are in 2026"));
}

fn causes(v: &Value) -> Vec<Value> {
    v["relaxation"]["causes"]
        .as_array()
        .cloned()
        .unwrap_or_else(|| panic!("no causes: {v:#}"))
}

#[test]
fn a_min_units_cause() {
    let (code, v, stderr) = solve("cause_min_units.toml", &[]);
    assert_eq!(code, 1);
    let causes = causes(&v);
    assert_eq!(causes.len(), 1, "{causes:?}");
    assert_eq!(causes[0]["kind"], "min_units");
    assert_eq!(causes[0]["item"], "tank");
    assert_eq!(causes[0]["line"], 13);
    assert!(causes[0]["year"].is_null());
    assert!(
        stderr.contains("dropping the `tank` minimum of 2 (line 13 of"),
        "{stderr}"
    );
}

#[test]
fn a_fixed_order_cause() {
    let (code, v, _) = solve("cause_fixed.toml", &[]);
    assert_eq!(code, 1);
    let causes = causes(&v);
    assert_eq!(causes.len(), 1, "{causes:?}");
    assert_eq!(causes[0]["kind"], "fixed");
    assert_eq!(causes[0]["item"], "tank");
    assert_eq!(causes[0]["year"], 2025);
    assert_eq!(causes[0]["line"], 14);
}

#[test]
fn a_target_cause() {
    let (code, v, _) = solve("cause_target.toml", &[]);
    assert_eq!(code, 1);
    assert_eq!(v["relaxation"]["kind"], "target");
    let causes = causes(&v);
    assert_eq!(causes.len(), 1, "{causes:?}");
    assert_eq!(causes[0]["kind"], "target");
    assert_eq!(causes[0]["goal"], "g");
    assert_eq!(causes[0]["year"], 2025);
    assert_eq!(causes[0]["line"], 19);
}

#[test]
fn two_independent_causes() {
    let (_, v, _) = solve("cause_two.toml", &[]);
    let causes = causes(&v);
    let kinds: Vec<(&str, &str)> = causes
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap_or(""),
                c["item"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(kinds, [("min_units", "tank"), ("fixed", "truck")]);
}

#[test]
fn a_prerequisite_infeasibility_names_the_items() {
    let (code, v, _) = solve("prerequisite.toml", &[]);
    assert_eq!(code, 1);
    assert_eq!(v["relaxation"]["kind"], "structural");
    let reasons = v["relaxation"]["reasons"].to_string();
    assert!(
        reasons.contains("`drone`") && reasons.contains("`station`"),
        "{reasons}"
    );
    assert!(reasons.contains("prerequisite.toml:12:6"), "{reasons}");
}

#[test]
fn a_sweep_point_lists_its_causes() {
    let path = fixture("cause_fixed.toml");
    let (_, v, _) = run(&[
        "sweep",
        path.to_str().unwrap_or_default(),
        "--from",
        "1",
        "--to",
        "1.2",
        "--steps",
        "2",
    ]);
    let points = v["points"].as_array().cloned().unwrap_or_default();
    assert_eq!(points[0]["status"], "infeasible");
    assert_eq!(points[0]["causes"][0]["kind"], "fixed");
    // At 1.2 the budget is 120: the two tanks fit.
    assert_eq!(points[1]["status"], "optimal");
    assert!(points[1].get("causes").is_none());
}

#[test]
fn alternatives_differ_in_item_set() {
    let (code, v, _) = solve("alternatives.toml", &["--alternatives", "4"]);
    assert_eq!(code, 0);
    assert!(close(&v["total_cost"], 30.0));
    let alts = v["alternatives"].as_array().cloned().unwrap_or_default();
    let rows: Vec<(u64, f64, Vec<String>, Vec<String>)> = alts
        .iter()
        .map(|a| {
            let ids = |k: &str| {
                a[k].as_array()
                    .map(|l| {
                        l.iter()
                            .filter_map(|s| s.as_str().map(String::from))
                            .collect()
                    })
                    .unwrap_or_default()
            };
            (
                a["rank"].as_u64().unwrap_or(0),
                a["total_cost"].as_f64().unwrap_or(-1.0),
                ids("adds"),
                ids("drops"),
            )
        })
        .collect();
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(
        rows,
        [
            (1, 40.0, s(&["y"]), s(&["x"])),
            (2, 50.0, s(&["z"]), s(&["x"])),
            (3, 70.0, s(&["y"]), s(&[])),
            (4, 80.0, s(&["z"]), s(&[])),
        ]
    );
    for a in &alts {
        assert_eq!(a["status"], "optimal");
        assert!(close(&a["score"], 1.0));
    }
}

#[test]
fn sensitivity_says_what_switched() {
    // displaced.toml: lowering 2025's budget of 100 by 60 leaves 40, which
    // buys neither item: the cheap one is dropped. Raising it buys the same.
    let path = fixture("displaced.toml");
    let (_, v, _) = run(&[
        "sensitivity",
        path.to_str().unwrap_or_default(),
        "--step",
        "60",
    ]);
    let year = &v["years"][0];
    assert_eq!(year["lowered"]["switched"]["drops"][0], "cheap");
    assert_eq!(
        year["lowered"]["switched"]["adds"].as_array().map(Vec::len),
        Some(0)
    );
    assert!(year["raised"].get("switched").is_none(), "{year:#}");
}

#[test]
fn the_review_pack_explains_the_gap_and_the_item_not_bought() {
    let dir = std::env::temp_dir().join(format!("capplan-explain-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let output = dir.join("review.html");
    // goal_gap.toml: 60 more (30 in 2025, 30 in 2026) closes the gap.
    let status = Command::cargo_bin("capplan")
        .unwrap_or_else(|e| panic!("{e}"))
        .arg("report")
        .arg(fixture("goal_gap.toml"))
        .arg("-o")
        .arg(&output)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(status.status.code(), Some(0));
    let html = std::fs::read_to_string(&output).unwrap_or_default();
    assert!(html.contains("<h2>Explanations</h2>"), "{html}");
    assert!(html.contains("30 in 2025, 30 in 2026"), "{html}");
    // displaced.toml: `dear` is not bought; buying it adds 30.
    let status = Command::cargo_bin("capplan")
        .unwrap_or_else(|e| panic!("{e}"))
        .arg("report")
        .arg(fixture("displaced.toml"))
        .arg("-o")
        .arg(&output)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(status.status.code(), Some(0));
    let html = std::fs::read_to_string(&output).unwrap_or_default();
    assert!(html.contains("<td>dear</td>"), "{html}");
    assert!(html.contains("+30"), "{html}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_money_that_closes_a_gap_is_national_when_a_grant_pays_part() {
    let (code, v) = explain("goal_gap_grant.toml", &["--goal", "g"]);
    assert_eq!(code, 0, "{v:#}");
    assert!(close(&v["credited"], 1.0));
    // 50 spent, 20 of it by the grant, 10 national: 20 more national money.
    assert!(close(&v["extra_budget_total"], 20.0), "{v:#}");
}

#[test]
fn the_review_pack_lists_the_alternatives_asked_for() {
    let dir = std::env::temp_dir().join(format!("capplan-alternatives-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let output = dir.join("review.html");
    let report = |extra: &[&str]| {
        let out = Command::cargo_bin("capplan")
            .unwrap_or_else(|e| panic!("{e}"))
            .arg("report")
            .arg(fixture("alternatives.toml"))
            .arg("-o")
            .arg(&output)
            .args(extra)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let html = std::fs::read_to_string(&output).unwrap_or_default();
        (out.status.code(), html)
    };
    // Without the flag the pack has no alternatives.
    let (code, html) = report(&[]);
    assert_eq!(code, Some(0));
    assert!(!html.contains("Alternative schedules"), "{html}");
    // The fixture's header: after {x} (30) come {y} (40) and {z} (50).
    let (code, html) = report(&["--alternatives", "2"]);
    assert_eq!(code, Some(0));
    assert!(html.contains("Alternative schedules"), "{html}");
    let rows: Vec<&str> = html
        .lines()
        .filter(|l| l.starts_with("<tr><td class=\"num\">") && l.contains("optimal"))
        .collect();
    assert_eq!(rows.len(), 2, "{html}");
    assert!(rows[0].contains("<td>y</td><td>x</td>"), "{}", rows[0]);
    assert!(rows[0].contains(">40<"), "{}", rows[0]);
    assert!(rows[1].contains("<td>z</td><td>x</td>"), "{}", rows[1]);
    assert!(rows[1].contains(">50<"), "{}", rows[1]);
    let _ = std::fs::remove_dir_all(&dir);
}
