//! Black-box tests of section 8 of the plan format: exchange rates, price
//! escalation and funding sources.
//!
//! Each test runs `capplan solve tests/fixtures/funding/<plan>.toml --format
//! json` on a tiny plan whose figures were worked out by hand; the working
//! is in the comment at the top of each fixture.

mod common;

use common::capplan as run;

use serde_json::Value;
use std::path::PathBuf;

fn fixture(dir: &str, name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(dir)
        .join(name)
}

/// `capplan solve <funding fixture> --format json`, which must succeed.
fn solve(name: &str, extra: &[&str]) -> Value {
    let path = fixture("funding", name);
    let path = path.to_string_lossy();
    let mut args = vec!["solve", path.as_ref(), "--format", "json"];
    args.extend_from_slice(extra);
    let (code, stdout, stderr) = run(&args);
    assert_eq!(code, 0, "{name}: exit {code}\n{stderr}");
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{name}: {e}\n{stdout}"))
}

fn close(actual: &Value, expected: f64, what: &str) {
    let actual = actual
        .as_f64()
        .unwrap_or_else(|| panic!("{what} is not a number: {actual}"));
    assert!(
        (actual - expected).abs() <= 0.005 + 1e-9 * expected.abs(),
        "{what}: expected {expected}, got {actual}"
    );
}

/// The row of `years` for `year`.
fn year(json: &Value, year: i64) -> &Value {
    json["years"]
        .as_array()
        .and_then(|ys| ys.iter().find(|y| y["year"] == year))
        .unwrap_or_else(|| panic!("no year {year}"))
}

/// The ledger of `source` in the row of `year`.
fn source_year<'a>(json: &'a Value, y: i64, source: &str) -> &'a Value {
    year(json, y)["sources"]
        .as_array()
        .and_then(|ss| ss.iter().find(|s| s["source"] == source))
        .unwrap_or_else(|| panic!("no source {source} in {y}"))
}

/// The amount `source` pays of the first order of `item`, 0 when absent.
fn order_funding(json: &Value, item: &str, source: &str) -> f64 {
    let order = json["orders"]
        .as_array()
        .and_then(|os| os.iter().find(|o| o["item"] == item))
        .unwrap_or_else(|| panic!("no order of {item}"));
    order["funding"]
        .as_array()
        .and_then(|fs| fs.iter().find(|f| f["source"] == source))
        .map_or(0.0, |f| f["amount"].as_f64().unwrap_or(f64::NAN))
}

#[test]
fn payments_are_converted_at_the_payment_year() {
    let json = solve("fx-payment-year.toml", &[]);
    close(&year(&json, 2025)["payments"], 40.0, "payments 2025");
    close(&year(&json, 2026)["payments"], 45.0, "payments 2026");
    close(&json["orders"][0]["cost"], 85.0, "order cost");
    close(&json["total_cost"], 85.0, "total cost");
    close(&json["national_cost"], 85.0, "national cost");
}

#[test]
fn a_rate_set_on_the_command_line_applies_from_then_on() {
    // --set fx.USD.2026=1.0: P[2026] = 50 * 1.0 = 50; 2025 stays 40.
    let json = solve("fx-payment-year.toml", &["--set", "fx.USD.2026=1.0"]);
    close(&year(&json, 2025)["payments"], 40.0, "payments 2025");
    close(&year(&json, 2026)["payments"], 50.0, "payments 2026");
}

#[test]
fn orders_are_priced_at_the_order_year() {
    let json = solve("escalation-order-year.toml", &[]);
    close(&year(&json, 2026)["payments"], 55.0, "payments 2026");
    close(&year(&json, 2027)["payments"], 55.0, "payments 2027");
    close(&json["orders"][0]["cost"], 110.0, "order cost");
}

#[test]
fn escalation_can_be_set_on_the_command_line() {
    // 5% a year: E(2026) = 1.05, both halves 52.5.
    let json = solve(
        "escalation-order-year.toml",
        &["--set", "escalation.default=0.05"],
    );
    close(&json["orders"][0]["cost"], 105.0, "order cost");
}

#[test]
fn running_costs_are_escalated_by_year() {
    let json = solve("running-cost-escalation.toml", &[]);
    close(&year(&json, 2025)["payments"], 100.0, "payments 2025");
    close(&year(&json, 2026)["sustainment"], 22.0, "sustainment 2026");
    close(&year(&json, 2027)["sustainment"], 24.2, "sustainment 2027");
    close(&json["total_cost"], 146.2, "total cost");
}

#[test]
fn a_source_pays_only_the_items_it_may() {
    let json = solve("source-some-items.toml", &[]);
    close(&json["total_cost"], 20.0, "total cost");
    close(&json["national_cost"], 10.0, "national cost");
    close(
        &order_funding(&json, "a", "grant").into(),
        10.0,
        "grant pays a",
    );
    close(
        &order_funding(&json, "b", "grant").into(),
        0.0,
        "grant pays b",
    );
    close(
        &order_funding(&json, "b", "national").into(),
        10.0,
        "national b",
    );
    close(
        &source_year(&json, 2025, "grant")["spend"],
        10.0,
        "grant spend",
    );
    close(&year(&json, 2025)["national_spend"], 10.0, "national spend");
    // The v1 fields are the national source's; spend is the total.
    close(&year(&json, 2025)["spend"], 20.0, "spend");
    close(&year(&json, 2025)["available"], 100.0, "available");
}

#[test]
fn an_acquisition_source_leaves_running_costs_national() {
    let json = solve("source-acquisition-only.toml", &[]);
    close(&json["total_cost"], 15.0, "total cost");
    close(&json["national_cost"], 5.0, "national cost");
    close(
        &source_year(&json, 2025, "grant")["spend"],
        10.0,
        "grant 2025",
    );
    close(
        &source_year(&json, 2026, "grant")["spend"],
        0.0,
        "grant 2026",
    );
    close(&year(&json, 2026)["national_spend"], 5.0, "national 2026");
}

#[test]
fn a_source_carries_a_share_of_its_unspent_balance() {
    let json = solve("source-carryover.toml", &[]);
    let grant_2025 = source_year(&json, 2025, "grant");
    close(&grant_2025["available"], 100.0, "available 2025");
    close(&grant_2025["carry_out"], 50.0, "carry 2025");
    let grant_2026 = source_year(&json, 2026, "grant");
    close(&grant_2026["budget"], 0.0, "grant 2026");
    close(&grant_2026["available"], 50.0, "available 2026");
    close(&grant_2026["spend"], 40.0, "spend 2026");
    close(&grant_2026["carry_out"], 5.0, "carry 2026");
    close(&json["national_cost"], 0.0, "national cost");
    close(&json["total_cost"], 40.0, "total cost");
}

#[test]
fn a_free_grant_is_used_first_and_what_is_left_lapses() {
    let json = solve("grant-first.toml", &[]);
    close(&json["score"], 1.0, "score");
    close(&json["total_cost"], 30.0, "total cost");
    close(&json["national_cost"], 15.0, "national cost");
    close(
        &source_year(&json, 2025, "grant")["spend"],
        15.0,
        "grant 2025",
    );
    close(
        &source_year(&json, 2025, "grant")["carry_out"],
        0.0,
        "lapses",
    );
    close(
        &source_year(&json, 2026, "grant")["available"],
        5.0,
        "grant 2026",
    );
    close(
        &order_funding(&json, "radio", "grant").into(),
        15.0,
        "grant",
    );
    close(
        &order_funding(&json, "radio", "national").into(),
        15.0,
        "national",
    );
}

#[test]
fn national_cost_comes_before_total_cost() {
    let json = solve("national-before-total.toml", &[]);
    close(&json["national_cost"], 0.0, "national cost");
    close(&json["total_cost"], 12.0, "total cost");
    assert_eq!(json["orders"][0]["item"], "dear");
}

#[test]
fn without_the_grant_the_national_budget_pays() {
    // The grant's 2025 money set to 0: the radios are all national.
    let json = solve("grant-first.toml", &["--set", "source.grant.years.2025=0"]);
    close(&json["national_cost"], 30.0, "national cost");
    close(&json["total_cost"], 30.0, "total cost");
}

#[test]
fn a_v1_plan_has_its_national_cost_equal_to_total_cost() {
    let path = fixture("semantics", "carryover.toml");
    let (code, stdout, stderr) = run(&["solve", &path.to_string_lossy(), "--format", "json"]);
    assert!(code == 0 || code == 1, "{stderr}");
    let json: Value = serde_json::from_str(&stdout).expect("json");
    assert_eq!(json["national_cost"], json["total_cost"]);
    for y in json["years"].as_array().expect("years") {
        assert_eq!(y["national_spend"], y["spend"]);
        let sources = y["sources"].as_array().expect("sources");
        assert_eq!(sources.len(), 1);
        assert_eq!(sources[0]["source"], "national");
        assert_eq!(sources[0]["carry_out"], y["carry_out"]);
    }
}

#[test]
fn a_plan_without_rates_or_sources_solves_as_in_v1() {
    // The same v1 plan with an [fx] rate no item uses and zero escalation
    // gives the same result.
    let base = fixture("semantics", "carryover.toml");
    let text = std::fs::read_to_string(&base).expect("fixture");
    let dir = tempfile::tempdir().expect("temp dir");
    let with = dir.path().join("with.toml");
    std::fs::write(
        &with,
        format!("{text}\n[fx]\nUSD = 0.9\n\n[escalation]\ndefault = 0\n"),
    )
    .expect("write");
    let json = |path: &std::path::Path| {
        let (_, out, _) = run(&["solve", &path.to_string_lossy(), "--format", "json"]);
        let mut value: Value = serde_json::from_str(&out).expect("json");
        // The file name and its hash differ, nothing else may.
        value["provenance"] = Value::Null;
        value
    };
    assert_eq!(json(&base), json(&with));
}

#[test]
fn sweep_param_sweeps_any_numeric_path() {
    // fx.USD from 0.8 to 1.2 in 3 steps: the USD 100 order costs 80, 100
    // and 120 EUR (one rate for both payment years).
    let path = fixture("funding", "fx-payment-year.toml");
    let (code, stdout, stderr) = run(&[
        "sweep",
        &path.to_string_lossy(),
        "--param",
        "fx.USD",
        "--from",
        "0.8",
        "--to",
        "1.2",
        "--steps",
        "3",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let json: Value = serde_json::from_str(&stdout).expect("json");
    let points = json["points"].as_array().expect("points");
    assert_eq!(points.len(), 3);
    for (point, (value, cost)) in points.iter().zip([(0.8, 80.0), (1.0, 100.0), (1.2, 120.0)]) {
        close(&point["value"], value, "value");
        close(&point["total_cost"], cost, "total cost");
    }
}

#[test]
fn a_scenario_can_remove_a_source() {
    let dir = tempfile::tempdir().expect("temp dir");
    let scenario = dir.path().join("no-grant.toml");
    std::fs::write(&scenario, "remove_sources = [\"grant\"]\n").expect("write");
    let path = fixture("funding", "grant-first.toml");
    let (code, stdout, stderr) = run(&[
        "solve",
        &path.to_string_lossy(),
        "--scenario",
        &scenario.to_string_lossy(),
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let json: Value = serde_json::from_str(&stdout).expect("json");
    close(&json["national_cost"], 30.0, "national cost");
    assert_eq!(json["sources"].as_array().map(Vec::len), Some(0));
}

#[test]
fn setting_one_year_of_a_one_rate_currency_keeps_the_other_years() {
    // USD = 0.8 for every year; --set fx.USD.2026=1.0 changes 2026 only:
    // P[2025] = 50 * 0.8 = 40, P[2026] = 50 * 1.0 = 50.
    let text = std::fs::read_to_string(fixture("funding", "fx-payment-year.toml"))
        .expect("fixture")
        .replace("USD = { 2025 = 0.8, 2026 = 0.9 }", "USD = 0.8");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("flat.toml");
    std::fs::write(&path, text).expect("write");
    let (code, stdout, stderr) = run(&[
        "solve",
        &path.to_string_lossy(),
        "--set",
        "fx.USD.2026=1.0",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let json: Value = serde_json::from_str(&stdout).expect("json");
    close(&year(&json, 2025)["payments"], 40.0, "payments 2025");
    close(&year(&json, 2026)["payments"], 50.0, "payments 2026");
}

#[test]
fn a_misspelt_source_in_set_is_bad_input_with_a_suggestion() {
    let path = fixture("funding", "grant-first.toml");
    let (code, _, stderr) = run(&[
        "solve",
        &path.to_string_lossy(),
        "--set",
        "source.grnt.years.2025=0",
    ]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("did you mean `source.grant.years.2025`?"),
        "{stderr}"
    );
}

#[test]
fn grant_money_kept_until_spent_is_spent_first() {
    let json = solve("grant-used-early.toml", &[]);
    close(&json["national_cost"], 10.0, "national cost");
    close(&json["total_cost"], 60.0, "total cost");
    close(
        &source_year(&json, 2025, "grant")["spend"],
        30.0,
        "grant 2025",
    );
    close(
        &source_year(&json, 2025, "grant")["carry_out"],
        20.0,
        "carry 2025",
    );
    close(
        &source_year(&json, 2026, "grant")["spend"],
        20.0,
        "grant 2026",
    );
}

#[test]
fn the_review_pack_draws_spend_by_source() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("pack.html");
    let path = fixture("funding", "grant-first.toml");
    let (code, _, stderr) = run(&[
        "report",
        &path.to_string_lossy(),
        "--output",
        &page.to_string_lossy(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let html = std::fs::read_to_string(&page).expect("page");
    assert!(html.contains("Spend per year by funding source"));
    assert_eq!(
        html.matches("<svg").count(),
        4,
        "category, source, goals, timeline"
    );
    // The grant's 15 in 2025 is one stacked segment.
    assert!(html.contains("2025 grant: 15 EUR"), "no grant segment");
}

#[test]
fn a_history_year_pays_its_signed_orders_within_its_national_money() {
    let result = solve("history-split.toml", &[]);
    assert_eq!(result["check"]["passed"], true, "{result}");
    let orders = result["orders"].as_array().expect("orders");
    assert!(
        orders.iter().all(|o| o["item"] != "ship"),
        "ship is not affordable: {result}"
    );
    let history = &result["years"][0];
    assert!(history["national_spend"].as_f64().unwrap_or(f64::MAX) <= 50.0 + 1e-9);
    // The grant pays at least 20 of the 70 in 2025.
    let grant = history["sources"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["source"] == "grant"))
        .expect("the grant's 2025 ledger");
    assert!(
        grant["spend"].as_f64().unwrap_or(0.0) >= 20.0 - 1e-9,
        "{grant}"
    );
}

/// With a grant, the budget table shows beside Spent (every source) the
/// national share that Available, Carried out and Lapsed answer to: in
/// 2025 the grant pays 15 of the 30 spent (the fixture's header).
#[test]
fn the_budget_table_shows_the_national_share_of_spend() {
    let path = fixture("funding", "grant-first.toml");
    let (code, out, err) = run(&["solve", path.to_str().unwrap_or_default()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Of it national"), "{out}");
    let row = out
        .lines()
        .find(|l| l.contains("2025 "))
        .unwrap_or_else(|| panic!("no 2025 row:\n{out}"));
    let cells: Vec<&str> = row.split('┆').map(str::trim).collect();
    // Year, Phase, Envelope, Open, Carried in, Available, Payments,
    // Sustainment, Spent, Of it national, ...
    assert_eq!((cells[8], cells[9]), ("30.00", "15.00"), "{row}");
    // A plan without sources has no such column.
    let v1 = fixture("semantics", "sustainment.toml");
    let (_, out, _) = run(&["solve", v1.to_str().unwrap_or_default()]);
    assert!(!out.contains("Of it national"), "{out}");
}
