//! Planning from an as-of year against an approved programme (plan format
//! section 7), on the hand-computed depot plan in tests/fixtures/asof/.
//!
//! The depot plan runs 2024-2027, as of 2026, budget 100 a year, no
//! carry-over. History: 1 truck in 2024 (fixed), 3 in 2025 (from the
//! approved programme, above `max_per_year` 2). Trucks cost 10 and run at
//! 10% (1 a year per delivered unit from the year after delivery); radios
//! cost 5. Milestones: log 2025 (10, history), log 2027 (6), c4 2027 (4);
//! max score 2. Open years need 2 more trucks and 4 radios: 40, and each
//! truck ordered in 2026 costs 1 more running cost in 2027, so the trucks
//! come in 2027; the radios cost the same in either year, a tie the
//! approved split (1 in 2026, 3 in 2027) breaks.

mod common;

use common::capplan;

use serde_json::Value;

const PLAN: &str = "tests/fixtures/asof/plan.toml";
const DIR: &str = "tests/fixtures/asof";

fn json(args: &[&str]) -> Value {
    let (code, stdout, stderr) = capplan(args);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).expect("valid JSON")
}

fn fixture(name: &str) -> String {
    format!("{DIR}/{name}")
}

/// (item, year, units, fixed) of every order.
fn orders(result: &Value) -> Vec<(String, i64, f64, bool)> {
    result["orders"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|o| {
            (
                o["item"].as_str().unwrap_or("").to_string(),
                o["year"].as_i64().unwrap_or(0),
                o["units"].as_f64().unwrap_or(-1.0),
                o["fixed"].as_bool().unwrap_or(false),
            )
        })
        .collect()
}

fn order(item: &str, year: i64, units: f64, fixed: bool) -> (String, i64, f64, bool) {
    (item.to_string(), year, units, fixed)
}

#[test]
fn history_is_pinned_to_fixed_entries_then_the_baseline() {
    let result = json(&["solve", PLAN, "--format", "json"]);
    assert_eq!(result["status"], "optimal");
    assert_eq!(result["as_of"], 2026);
    assert_eq!(
        orders(&result),
        [
            order("truck", 2024, 1.0, true),
            // Above max_per_year (2): a history order is a fixed order.
            order("truck", 2025, 3.0, true),
            order("radio", 2026, 1.0, false),
            order("truck", 2027, 2.0, false),
            order("radio", 2027, 3.0, false),
        ]
    );
    // Payments 10 + 30 + 5 + 35, running costs 1 + 4 + 4.
    assert_eq!(result["total_cost"], 89.0);
}

#[test]
fn without_a_baseline_history_has_only_its_fixed_orders() {
    let result = json(&["solve", PLAN, "--as-of", "2025", "--format", "json"]);
    // --as-of overrides the key; the baseline key still pins nothing in
    // 2024 beyond the fixed truck, and 2025 is open again.
    let history: Vec<_> = orders(&result).into_iter().filter(|o| o.1 < 2025).collect();
    assert_eq!(history, [order("truck", 2024, 1.0, true)]);
}

#[test]
fn a_history_milestone_is_reported_and_left_out_of_the_score() {
    let result = json(&["solve", PLAN, "--format", "json"]);
    let goals = result["goals"].as_array().cloned().unwrap_or_default();
    let log_2025 = goals
        .iter()
        .find(|g| g["goal"] == "log" && g["year"] == 2025)
        .cloned()
        .unwrap_or_default();
    // 4 trucks delivered by 2025 of the 10 wanted.
    assert_eq!(log_2025["history"], true);
    assert_eq!(log_2025["credited"], 4.0);
    // Open milestones carry no flag.
    assert!(goals
        .iter()
        .filter(|g| g["year"] == 2027)
        .all(|g| g.get("history").is_none()));
    // Two open milestones, both met: 2 of 2 (the 40% of 2025 counts nowhere).
    assert_eq!(result["max_score"], 2.0);
    assert_eq!(result["score"], 2.0);
    assert_eq!(result["readiness"], 100.0);
}

#[test]
fn a_scenario_that_edits_history_is_refused_with_its_line() {
    let scenario = fixture("edit-history.toml");
    let (code, stdout, stderr) = capplan(&["solve", PLAN, "--scenario", &scenario]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    // Line 3 sets 2025, a history year; line 4 (2027) is open and allowed.
    assert!(
        stderr.contains(&format!("{scenario}:3:1")),
        "stderr: {stderr}"
    );
    assert!(stderr.contains("changes 2025, a history year"), "{stderr}");
    assert!(!stderr.contains("2027"), "{stderr}");
    assert!(stderr.contains("the plan has 1 problem"), "{stderr}");
}

#[test]
fn a_set_that_edits_history_is_refused_naming_the_argument() {
    for arg in ["budget.years.2024=90", "item.truck.fixed.2025=2"] {
        let (code, _, stderr) = capplan(&["solve", PLAN, "--set", arg]);
        assert_eq!(code, 2, "{arg}");
        assert!(stderr.contains(&format!("`--set {arg}`")), "{stderr}");
        assert!(stderr.contains("a history year"), "{stderr}");
    }
    // The same edits are what-ifs like any other with history opened up.
    let (code, _, stderr) = capplan(&[
        "solve",
        PLAN,
        "--as-of",
        "2024",
        "--set",
        "budget.years.2025=90",
    ]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn compare_refuses_a_variant_that_edits_history() {
    let scenario = fixture("edit-history.toml");
    let (code, _, stderr) = capplan(&["compare", PLAN, "--scenario", &scenario]);
    assert_eq!(code, 2);
    assert!(stderr.contains(&format!("{scenario}:3:1")), "{stderr}");
}

#[test]
fn scale_moves_only_open_years() {
    let result = json(&[
        "solve",
        PLAN,
        "--set",
        "budget.scale=0.5",
        "--format",
        "json",
    ]);
    let budgets: Vec<f64> = result["years"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|y| y["budget"].as_f64().unwrap_or(-1.0))
        .collect();
    assert_eq!(budgets, [100.0, 100.0, 50.0, 50.0]);
}

#[test]
fn sweep_scales_only_open_years() {
    let result = json(&[
        "sweep", PLAN, "--from", "0.5", "--to", "1", "--steps", "2", "--format", "json",
    ]);
    let totals: Vec<f64> = result["points"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| p["total_budget"].as_f64().unwrap_or(-1.0))
        .collect();
    // History 200 always; open 200 scaled.
    assert_eq!(totals, [300.0, 400.0]);
}

#[test]
fn churn_is_least_among_equal_optima() {
    // Radios cost the same in 2026 and 2027; only the approved split
    // (1 and 3) has no churn.
    let result = json(&["solve", PLAN, "--format", "json"]);
    let changes = &result["changes"];
    assert_eq!(changes["churn"], 0.0);
    assert_eq!(changes["orders"], serde_json::json!([]));
    let stages: Vec<&str> = result["solver"]["stages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["stage"].as_str())
        .collect();
    assert_eq!(stages, ["max-score", "min-cost-at-best-score", "min-churn"]);
}

#[test]
fn changes_list_what_a_cut_moves_with_cost_and_sums() {
    // 2027 cut to 15: running costs of 4 + t26 and payments of 10 t27 +
    // 5 r27 must fit, with t26 + t27 = 2: t26 = 0 overspends; t26 = 1
    // leaves room for one truck and no radio; t26 = 2 costs one more in
    // running costs. So 1 truck each year, all 4 radios in 2026.
    let scenario = fixture("cut-2027.toml");
    let result = json(&["solve", PLAN, "--scenario", &scenario, "--format", "json"]);
    let c = &result["changes"];
    assert_eq!(c["churn"], 8.0);
    assert_eq!(c["delta_score"], 0.0);
    // One more truck-year of running cost in 2027.
    assert_eq!(c["delta_total_cost"], 1.0);
    let rows: Vec<(String, i64, f64, f64, f64, f64)> = c["orders"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|o| {
            (
                o["item"].as_str().unwrap_or("").to_string(),
                o["year"].as_i64().unwrap_or(0),
                o["baseline_units"].as_f64().unwrap_or(-1.0),
                o["units"].as_f64().unwrap_or(-1.0),
                o["delta_units"].as_f64().unwrap_or(-1.0),
                o["delta_cost"].as_f64().unwrap_or(-1.0),
            )
        })
        .collect();
    let row =
        |item: &str, year, was, now, delta, cost| (item.to_string(), year, was, now, delta, cost);
    assert_eq!(
        rows,
        [
            row("truck", 2026, 0.0, 1.0, 1.0, 10.0),
            row("radio", 2026, 1.0, 4.0, 3.0, 15.0),
            row("truck", 2027, 2.0, 1.0, -1.0, -10.0),
            row("radio", 2027, 3.0, 0.0, -3.0, -15.0),
        ]
    );
    let years = serde_json::json!([
        {"year": 2026, "delta_payments": 25.0, "delta_sustainment": 0.0, "delta_spend": 25.0},
        {"year": 2027, "delta_payments": -25.0, "delta_sustainment": 1.0, "delta_spend": -24.0},
    ]);
    assert_eq!(c["years"], years);
    assert_eq!(c["goals"], serde_json::json!([]));
    // The order rows add up to the payment rows, year by year.
    for y in c["years"].as_array().into_iter().flatten() {
        let sum: f64 = c["orders"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|o| o["year"] == y["year"])
            .map(|o| o["delta_cost"].as_f64().unwrap_or(0.0))
            .sum();
        assert_eq!(Some(sum), y["delta_payments"].as_f64());
    }
}

#[test]
fn cash_flow_rows_add_up_to_each_years_payments_and_sustainment() {
    let result = json(&["solve", PLAN, "--format", "json"]);
    let rows = result["cashflow"].as_array().cloned().unwrap_or_default();
    let expected = serde_json::json!([
        {"item": "truck", "year": 2024, "source": "national", "payments": 10.0, "sustainment": 0.0},
        {"item": "truck", "year": 2025, "source": "national", "payments": 30.0, "sustainment": 1.0},
        {"item": "truck", "year": 2026, "source": "national", "payments": 0.0, "sustainment": 4.0},
        {"item": "radio", "year": 2026, "source": "national", "payments": 5.0, "sustainment": 0.0},
        {"item": "truck", "year": 2027, "source": "national", "payments": 20.0, "sustainment": 4.0},
        {"item": "radio", "year": 2027, "source": "national", "payments": 15.0, "sustainment": 0.0},
    ]);
    assert_eq!(Value::Array(rows.clone()), expected);
    for y in result["years"].as_array().into_iter().flatten() {
        let of = |key: &str| -> f64 {
            rows.iter()
                .filter(|r| r["year"] == y["year"])
                .map(|r| r[key].as_f64().unwrap_or(0.0))
                .sum()
        };
        assert_eq!(Some(of("payments")), y["payments"].as_f64());
        assert_eq!(Some(of("sustainment")), y["sustainment"].as_f64());
    }
}

#[test]
fn the_cashflow_table_totals_equal_the_budget_tables() {
    let (code, stdout, _) = capplan(&["solve", PLAN, "--cashflow"]);
    assert_eq!(code, 0);
    let table = stdout
        .split("Cash flow by item and year")
        .nth(1)
        .unwrap_or_default();
    // Spend by year: 10, 31, 9, 39; 89 in all.
    let total = table
        .lines()
        .find(|l| l.trim_start_matches('│').trim_start().starts_with("Total"))
        .unwrap_or_default();
    let cells: Vec<&str> = total
        .split(['│', '┆'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(cells, ["Total", "10", "31", "9", "39", "89"]);
    assert!(stdout.contains("2025 (actual)"));
}

#[test]
fn a_baseline_with_an_unknown_item_is_refused_naming_file_and_item() {
    let file = fixture("unknown-item.json");
    let (code, _, stderr) = capplan(&["solve", PLAN, "--baseline", &file]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains(&format!("the baseline `{file}` orders item `radoi`")),
        "{stderr}"
    );
    // Line 6 of the file, and a suggestion.
    assert!(stderr.contains(&format!("{file}:6:")), "{stderr}");
    assert!(stderr.contains("did you mean `radio`?"), "{stderr}");
}

#[test]
fn a_file_that_is_not_a_capplan_result_is_refused() {
    let file = fixture("not-a-result.json");
    let (code, _, stderr) = capplan(&["solve", PLAN, "--baseline", &file]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains(&format!("the baseline `{file}`")),
        "{stderr}"
    );
    assert!(stderr.contains("not a capplan result"), "{stderr}");
    let (code, _, stderr) = capplan(&["solve", PLAN, "--baseline", PLAN]);
    assert_eq!(code, 2);
    assert!(stderr.contains("it is not JSON"), "{stderr}");
}

#[test]
fn an_as_of_outside_the_horizon_is_refused() {
    let (code, _, stderr) = capplan(&["solve", PLAN, "--as-of", "2030"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("year 2030 is outside 2024-2027"),
        "{stderr}"
    );
}

#[test]
fn compare_of_a_change_that_forces_nothing_reports_nothing_moved() {
    // 2026 lowered from 100 to 90: the schedule (spend 9 in 2026) still fits.
    let result = json(&[
        "compare",
        PLAN,
        "--set",
        "budget.years.2026=90",
        "--format",
        "json",
    ]);
    let variant = &result["runs"][1];
    assert_eq!(variant["moved"], serde_json::json!([]));
    assert_eq!(variant["changes"]["churn"], 0.0);
    assert_eq!(variant["changes"]["orders"], serde_json::json!([]));
    assert_eq!(variant["readiness_comparable"], true);
    let (_, table, _) = capplan(&["compare", PLAN, "--set", "budget.years.2026=90"]);
    assert!(table.contains("no order changed"), "{table}");
    assert!(table.contains("nothing moved"), "{table}");
}

#[test]
fn compare_shows_an_infeasible_variants_findings_not_every_item_dropped() {
    // 2027 at 3 cannot even pay the running costs of the 4 history trucks
    // (4); the base is feasible.
    let (code, table, _) = capplan(&["compare", PLAN, "--set", "budget.years.2027=3"]);
    assert_eq!(code, 1);
    assert!(
        table.contains("has no schedule: it is infeasible"),
        "{table}"
    );
    assert!(!table.contains("dropped"), "{table}");
}

mod identical_variant {
    use capplan::generate::{generate, GenerateOptions};
    use capplan::plan::load_text;
    use capplan::solve::SolveOptions;
    use capplan::whatif::compare::{compare, TieBreak};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 12,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        /// A variant identical to the base, tie-broken against the base
        /// run, reports zero churn and nothing moved.
        #[test]
        fn a_variant_identical_to_the_base_reports_zero_churn(
            seed in 0u64..1_000,
            items in 2usize..7,
            years in 2u32..5,
        ) {
            let text = generate(&GenerateOptions { items, years, seed, ..GenerateOptions::default() });
            let (plan, _) = load_text("generated.toml", &text).map_err(|e| {
                TestCaseError::fail(format!("generated plan invalid: {e}"))
            })?;
            let runs = vec![("base".to_string(), plan.clone()), ("same".to_string(), plan)];
            let comparison = compare(runs, &SolveOptions::default(), Some(1), TieBreak::BaseRun, || {});
            let variant = &comparison.runs[1].report;
            prop_assume!(comparison.runs[0].report.has_schedule());
            let changes = variant.changes.clone().ok_or_else(|| {
                TestCaseError::fail("a solved variant has changes")
            })?;
            prop_assert_eq!(changes.churn, 0.0);
            prop_assert!(changes.orders.is_empty());
            prop_assert!(comparison.moves[0].is_empty());
        }
    }
}

#[test]
fn exports_carry_the_cash_flow() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let dir = tempfile::tempdir().expect("a temporary directory");
    let book = dir.path().join("depot.xlsx");
    let tables = format!("{}/tables/", dir.path().display());
    let book_arg = book.display().to_string();
    let (code, _, stderr) = capplan(&["solve", PLAN, "--export", &book_arg, "--export", &tables]);
    assert_eq!(code, 0, "{stderr}");
    // cashflow.csv: the JSON rows, long form.
    let csv = std::fs::read_to_string(dir.path().join("tables/cashflow.csv")).unwrap_or_default();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "item,name,year,source,payments,sustainment");
    assert_eq!(lines[2], "truck,Trucks,2025,national,30,1");
    assert_eq!(lines.len(), 7);
    // The workbook's Cash flow sheet: items down, years across, totals.
    let mut workbook: Xlsx<_> = open_workbook(&book).expect("the workbook opens");
    let range = workbook
        .worksheet_range("Cash flow")
        .expect("a Cash flow sheet");
    let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(header, ["Item", "2024", "2025", "2026", "2027", "Total"]);
    let number = |c: &Data| match c {
        Data::Float(x) => *x,
        Data::Int(i) => *i as f64,
        _ => f64::NAN,
    };
    // Trucks: 10, 31, 4, 24; radios: 5 and 15; totals 10, 31, 9, 39, 89.
    let trucks: Vec<f64> = rows[1][1..].iter().map(number).collect();
    assert_eq!(trucks, [10.0, 31.0, 4.0, 24.0, 69.0]);
    let total: Vec<f64> = rows[3][1..].iter().map(number).collect();
    assert_eq!(rows[3][0].to_string(), "Total");
    assert_eq!(total, [10.0, 31.0, 9.0, 39.0, 89.0]);
}

#[test]
fn a_history_year_that_spent_its_money_to_the_cent_does_not_make_the_plan_infeasible() {
    let plan = fixture("tight-history.toml");
    let result = json(&["solve", &plan, "--format", "json"]);
    assert_eq!(result["status"], "optimal");
    // 1 truck in 2025 (history) and 2 more in 2026 for the 3 points.
    assert_eq!(
        orders(&result),
        [
            order("truck", 2025, 1.0, true),
            order("truck", 2026, 2.0, false)
        ]
    );
}
