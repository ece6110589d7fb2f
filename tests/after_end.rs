//! `[budget] max_after_end`: the cap on order payments due after the
//! horizon, on plans whose optimum was worked out by hand (see each
//! fixture's comment), and on the shipped plan.

mod common;

use common::capplan;

use serde_json::Value;

const STRADDLE: &str = "tests/fixtures/after_end/straddle.toml";
const KSF: &str = "plans/ksf-2019-2028.toml";

fn solve_json(args: &[&str]) -> (i32, Value) {
    let mut all = vec!["solve"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let (code, stdout, stderr) = capplan(&all);
    let v = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}\n{stdout}\n{stderr}"));
    (code, v)
}

fn close(actual: &Value, expected: f64, what: &str) {
    near(actual, expected, 1e-6, what);
}

fn near(actual: &Value, expected: f64, tolerance: f64, what: &str) {
    let a = actual.as_f64().unwrap_or(f64::NAN);
    assert!(
        (a - expected).abs() <= tolerance,
        "{what}: {a}, expected {expected}"
    );
}

fn spend(v: &Value) -> Vec<f64> {
    v["years"]
        .as_array()
        .expect("years")
        .iter()
        .map(|y| y["spend"].as_f64().unwrap_or(f64::NAN))
        .collect()
}

#[test]
fn without_a_cap_the_2027_order_leaves_80_after_the_horizon() {
    let (code, v) = solve_json(&[STRADDLE]);
    assert_eq!(code, 0);
    close(&v["readiness"], 100.0, "readiness");
    close(&v["total_cost"], 220.0, "total cost");
    close(&v["commitments_after_horizon"], 80.0, "after the horizon");
    assert_eq!(spend(&v), [20.0, 100.0, 100.0]);
    // No cap, but a bill: shown with `cap` null.
    let a = &v["after_horizon"];
    assert!(a["cap"].is_null(), "{a}");
    close(&a["total"], 80.0, "after_horizon.total");
    let items = a["items"].as_array().expect("items");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["item"], "jet");
    close(&items[0]["total"], 80.0, "jet after the horizon");
    assert_eq!(items[0]["years"][0]["year"], 2028);
    close(&items[0]["years"][0]["amount"], 80.0, "jet in 2028");
}

#[test]
fn a_cap_of_50_keeps_the_order_out_of_2027() {
    let (code, v) = solve_json(&[STRADDLE, "--set", "budget.max_after_end=50"]);
    assert_eq!(code, 0);
    close(&v["readiness"], 200.0 / 3.0, "readiness");
    close(&v["total_cost"], 200.0, "total cost");
    close(&v["commitments_after_horizon"], 0.0, "after the horizon");
    assert_eq!(spend(&v), [20.0, 100.0, 80.0]);
    close(&v["after_horizon"]["cap"], 50.0, "cap");
    assert_eq!(v["after_horizon"]["items"], serde_json::json!([]));
    assert_eq!(v["check"]["passed"], true);
}

#[test]
fn the_cap_holds_to_the_cent() {
    // 80 is allowed exactly; one cent less is not.
    let (_, at) = solve_json(&[STRADDLE, "--set", "budget.max_after_end=80"]);
    close(&at["commitments_after_horizon"], 80.0, "cap 80");
    close(&at["readiness"], 100.0, "cap 80");
    let (_, below) = solve_json(&[STRADDLE, "--set", "budget.max_after_end=79.99"]);
    close(&below["commitments_after_horizon"], 0.0, "cap 79.99");
    close(&below["readiness"], 200.0 / 3.0, "cap 79.99");
    // A divisible jet fills the cap: 50 / 80 = 0.625 of a unit in 2027,
    // paying 12.5 in 2027; readiness 2.625 / 3 = 87.5%, total 212.5. The
    // solver's tolerance may cost a hair of it: a schedule over the cap by
    // a fraction of a cent is solved again with a margin.
    let (code, v) = solve_json(&[
        STRADDLE,
        "--set",
        "budget.max_after_end=50",
        "--set",
        "item.jet.divisible=true",
    ]);
    assert_eq!(code, 0);
    near(&v["readiness"], 87.5, 1e-3, "readiness");
    near(&v["total_cost"], 212.5, 0.01, "total cost");
    let after = v["commitments_after_horizon"].as_f64().unwrap_or(f64::NAN);
    assert!(
        after <= 50.0,
        "after the horizon {after} within the cap, to the cent"
    );
    assert!((after - 50.0).abs() < 0.02, "{after}");
}

#[test]
fn plans_without_the_key_or_a_bill_have_no_after_horizon_field() {
    // Every order placed by 2026 pays by 2027: nothing after the horizon.
    let (code, v) = solve_json(&[STRADDLE, "--set", "item.jet.latest=2026"]);
    assert_eq!(code, 0);
    assert!(v.get("after_horizon").is_none(), "{v}");
    let (_, stdout, _) = capplan(&[
        "solve",
        STRADDLE,
        "--set",
        "item.jet.latest=2026",
        "--cashflow",
    ]);
    assert!(!stdout.contains("After 2027"), "{stdout}");
}

#[test]
fn the_cash_flow_shows_the_bill_after_the_horizon_by_item() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let tables = format!("{}/", dir.path().join("tables").display());
    let (code, stdout, stderr) = capplan(&[
        "solve",
        STRADDLE,
        "--set",
        "budget.max_after_end=100",
        "--cashflow",
        "--export",
        &tables,
    ]);
    assert_eq!(code, 0, "{stderr}");
    let cash_flow = stdout.split("Cash flow by item").nth(1).unwrap_or_default();
    let line = cash_flow
        .lines()
        .find(|l| l.contains("Jet trainer"))
        .expect("the jet's cash flow row");
    let cells: Vec<&str> = line
        .split('┆')
        .map(|c| c.trim_matches(['│', ' ']))
        .collect();
    assert_eq!(cells, ["Jet trainer", "20", "100", "100", "220", "80"]);
    assert!(stdout.contains("After 2027"), "{stdout}");
    assert!(stdout.contains("at most 100 allowed"), "{stdout}");
    let csv = std::fs::read_to_string(dir.path().join("tables/after_horizon.csv"))
        .expect("after_horizon.csv");
    assert_eq!(
        csv,
        "item,name,year,payments,cap\r\njet,Jet trainer,2028,80,100\r\n"
    );
}

#[test]
fn fixed_orders_over_the_cap_are_infeasible_with_the_reason() {
    let (code, v) = solve_json(&["tests/fixtures/after_end/fixed_over_cap.toml"]);
    assert_eq!(code, 1);
    assert_eq!(v["status"], "infeasible");
    assert_eq!(v["relaxation"]["kind"], "structural");
    let reasons = v["relaxation"]["reasons"].to_string();
    assert!(
        reasons
            .contains("fixed orders alone leave 80 of payments after 2027, above max_after_end 50")
            && reasons.contains("fixed_over_cap.toml:9:1"),
        "{reasons}"
    );
}

#[test]
fn a_bad_cap_is_an_input_error_with_its_location() {
    let (code, _, stderr) = capplan(&["solve", "tests/fixtures/after_end/bad_cap.toml"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("bad_cap.toml:8:17"), "{stderr}");
    assert!(stderr.contains("cannot be negative"), "{stderr}");
    let (code, _, stderr) = capplan(&["solve", STRADDLE, "--set", "budget.max_afterend=5"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("did you mean `budget.max_after_end`?"),
        "{stderr}"
    );
}

/// The example: a mandated second UH-60 with orders allowed up to
/// 2028, with and without a cap on the bill after 2028.
#[test]
fn the_shipped_plan_keeps_its_bill_after_2028_within_the_cap() {
    let sets = [
        "--set",
        "item.uh60.min_units=2",
        "--set",
        "item.uh60.latest=2028",
    ];
    let mut free = vec![KSF];
    free.extend_from_slice(&sets);
    let (code, without) = solve_json(&free);
    assert_eq!(code, 0);
    let mut capped = free.clone();
    capped.extend_from_slice(&["--set", "budget.max_after_end=0"]);
    let (code, with) = solve_json(&capped);
    assert_eq!(code, 0);
    close(&with["commitments_after_horizon"], 0.0, "capped at 0");
    close(&with["after_horizon"]["cap"], 0.0, "cap");
    // The cap can only cost readiness, never add to it (beyond the
    // contract's relative gap of 1e-6, within which both are proven).
    let (r_free, r_capped) = (
        without["readiness"].as_f64().unwrap_or(f64::NAN),
        with["readiness"].as_f64().unwrap_or(f64::NAN),
    );
    assert!(r_capped <= r_free * (1.0 + 1e-6), "{r_capped} > {r_free}");
    let uh60: f64 = with["orders"]
        .as_array()
        .expect("orders")
        .iter()
        .filter(|o| o["item"] == "uh60")
        .map(|o| o["units"].as_f64().unwrap_or(0.0))
        .sum();
    assert!(uh60 >= 2.0, "the mandated UH-60s are bought: {uh60}");
}

#[test]
fn a_scenario_sets_the_cap_like_any_budget_key() {
    let (code, v) = solve_json(&[
        STRADDLE,
        "--scenario",
        "tests/fixtures/after_end/cap50.toml",
    ]);
    assert_eq!(code, 0);
    close(&v["after_horizon"]["cap"], 50.0, "cap");
    close(&v["readiness"], 200.0 / 3.0, "readiness");
    // A later --set overrides the scenario's cap: 80 lets the 2027 jet in.
    let (_, v) = solve_json(&[
        STRADDLE,
        "--scenario",
        "tests/fixtures/after_end/cap50.toml",
        "--set",
        "budget.max_after_end=+30",
    ]);
    close(&v["after_horizon"]["cap"], 80.0, "cap");
    close(&v["readiness"], 100.0, "readiness");
}
