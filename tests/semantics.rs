//! Black-box tests of the planning semantics (spec: plan-format.md, sections 2-4).
//!
//! Each test runs `capplan solve tests/fixtures/semantics/<plan>.toml --format json`
//! on a tiny plan whose optimum was worked out by hand (see the comment in each
//! test) and cross-checked by enumerating every integer schedule and applying
//! section 2 of the spec literally. Every asserted value is unique among the
//! optimal schedules of its plan.
//!
//! Conventions used in the hand calculations: q[i,y] units of item i ordered in
//! year y, B_y the budget the optimisation sees, c_y the carry-over out of year y
//! (reported as `carry_out`, canonical value c_y = min(carryover * B_y,
//! B_y + c_{y-1} - Spend_y)), D[i,y] units delivered by year y.

use assert_cmd::Command;
use serde_json::Value;
use std::path::PathBuf;

/// Absolute tolerance for money (plus 1e-6 relative).
const MONEY: f64 = 0.01;
/// Absolute tolerance for units, points and scores (plus 1e-6 relative).
const QTY: f64 = 1e-5;
/// Absolute tolerance for readiness, a percentage.
const PCT: f64 = 1e-3;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join("semantics")
        .join(name)
}

/// Runs `capplan solve <fixture> --format json`; returns exit code, parsed stdout and stderr.
fn solve_output(name: &str) -> (i32, Value, String) {
    let path = fixture(name);
    let out = Command::cargo_bin("capplan")
        .expect("capplan binary")
        .arg("solve")
        .arg(&path)
        .arg("--format")
        .arg("json")
        .output()
        .expect("run capplan");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let code = out
        .status
        .code()
        .unwrap_or_else(|| panic!("capplan on {name} was killed by a signal\nstderr:\n{stderr}"));
    let json: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "capplan on {name} (exit {code}) did not print one JSON object: {e}\n\
             stdout:\n{stdout}\nstderr:\n{stderr}"
        )
    });
    (code, json, stderr)
}

fn solve_json(name: &str) -> (i32, Value) {
    let (code, json, _) = solve_output(name);
    (code, json)
}

fn approx(actual: f64, expected: f64, abs_tol: f64, what: &str) {
    let tol = abs_tol.max(1e-6 * expected.abs());
    assert!(
        (actual - expected).abs() <= tol,
        "{what}: expected {expected}, got {actual} (tolerance {tol})"
    );
}

fn num(v: &Value, key: &str, ctx: &str) -> f64 {
    v.get(key)
        .and_then(Value::as_f64)
        .unwrap_or_else(|| panic!("{ctx}: missing or non-numeric `{key}` in {v}"))
}

fn int(v: &Value, key: &str, ctx: &str) -> i64 {
    let x = num(v, key, ctx);
    assert!(
        x.fract() == 0.0,
        "{ctx}: `{key}` should be an integer year, got {x}"
    );
    x as i64
}

fn text<'a>(v: &'a Value, key: &str, ctx: &str) -> &'a str {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("{ctx}: missing or non-string `{key}` in {v}"))
}

fn array<'a>(v: &'a Value, key: &str) -> &'a Vec<Value> {
    v.get(key)
        .and_then(Value::as_array)
        .unwrap_or_else(|| panic!("missing array `{key}` in result:\n{v:#}"))
}

/// Expected top-level figures of an optimal result.
struct Summary {
    plan: &'static str,
    objective: &'static str,
    score: f64,
    max_score: f64,
    readiness: f64,
    total_cost: f64,
    commitments_after_horizon: f64,
}

fn assert_optimal(code: i32, v: &Value, s: &Summary) {
    assert_eq!(text(v, "status", "result"), "optimal", "status in:\n{v:#}");
    assert_eq!(code, 0, "exit code of an optimal solve, result:\n{v:#}");
    assert_eq!(text(v, "plan", "result"), s.plan, "plan name");
    assert_eq!(text(v, "objective", "result"), s.objective, "objective");
    approx(num(v, "score", "result"), s.score, QTY, "score");
    approx(num(v, "max_score", "result"), s.max_score, QTY, "max_score");
    approx(num(v, "readiness", "result"), s.readiness, PCT, "readiness");
    approx(
        num(v, "total_cost", "result"),
        s.total_cost,
        MONEY,
        "total_cost",
    );
    approx(
        num(v, "commitments_after_horizon", "result"),
        s.commitments_after_horizon,
        MONEY,
        "commitments_after_horizon",
    );
}

/// Expected row of `years`: (year, budget, available, payments, sustainment, spend, carry_out).
type YearRow = (i64, f64, f64, f64, f64, f64, f64);

/// Checks every year of the horizon, found by its `year` key, and the year order.
fn assert_years(v: &Value, expected: &[YearRow]) {
    let years = array(v, "years");
    assert_eq!(
        years.len(),
        expected.len(),
        "one `years` row per horizon year expected, got:\n{years:#?}"
    );
    let got_order: Vec<i64> = years.iter().map(|r| int(r, "year", "years row")).collect();
    let want_order: Vec<i64> = expected.iter().map(|e| e.0).collect();
    assert_eq!(got_order, want_order, "`years` must be sorted by year");
    for &(year, budget, available, payments, sustainment, spend, carry_out) in expected {
        let row = years
            .iter()
            .find(|r| int(r, "year", "years row") == year)
            .unwrap_or_else(|| panic!("no `years` row for {year}"));
        let ctx = format!("years[{year}]");
        approx(
            num(row, "budget", &ctx),
            budget,
            MONEY,
            &format!("{ctx}.budget"),
        );
        approx(
            num(row, "available", &ctx),
            available,
            MONEY,
            &format!("{ctx}.available"),
        );
        approx(
            num(row, "payments", &ctx),
            payments,
            MONEY,
            &format!("{ctx}.payments"),
        );
        approx(
            num(row, "sustainment", &ctx),
            sustainment,
            MONEY,
            &format!("{ctx}.sustainment"),
        );
        approx(
            num(row, "spend", &ctx),
            spend,
            MONEY,
            &format!("{ctx}.spend"),
        );
        approx(
            num(row, "carry_out", &ctx),
            carry_out,
            MONEY,
            &format!("{ctx}.carry_out"),
        );
    }
}

/// Expected order: (item, year, units, delivered, cost).
type OrderRow = (&'static str, i64, f64, i64, f64);

/// Checks the orders (found by item and year), that there are no others (zero-unit
/// orders are omitted), and that they are sorted by year, then item file order
/// (`expected` is given in that order).
fn assert_orders(v: &Value, expected: &[OrderRow]) {
    let orders = array(v, "orders");
    for &(item, year, units, delivered, cost) in expected {
        let ctx = format!("order {item}@{year}");
        let matches: Vec<&Value> = orders
            .iter()
            .filter(|o| text(o, "item", "order") == item && int(o, "year", "order") == year)
            .collect();
        assert_eq!(
            matches.len(),
            1,
            "{ctx}: expected exactly one order, orders:\n{orders:#?}"
        );
        let o = matches[0];
        approx(num(o, "units", &ctx), units, QTY, &format!("{ctx}.units"));
        assert_eq!(int(o, "delivered", &ctx), delivered, "{ctx}.delivered");
        approx(num(o, "cost", &ctx), cost, MONEY, &format!("{ctx}.cost"));
    }
    assert_eq!(
        orders.len(),
        expected.len(),
        "unexpected extra orders (zero-unit orders must be omitted):\n{orders:#?}"
    );
    let got: Vec<(String, i64)> = orders
        .iter()
        .map(|o| {
            (
                text(o, "item", "order").to_string(),
                int(o, "year", "order"),
            )
        })
        .collect();
    let want: Vec<(String, i64)> = expected.iter().map(|e| (e.0.to_string(), e.1)).collect();
    assert_eq!(
        got, want,
        "orders must be sorted by year, then item file order"
    );
}

/// Expected milestone: (goal, year, target, achieved, credited).
type GoalRow = (&'static str, i64, f64, f64, f64);

/// Checks every milestone (found by goal and year) and the sort order
/// (year, then goal file order; `expected` is given in that order).
fn assert_goals(v: &Value, expected: &[GoalRow]) {
    let goals = array(v, "goals");
    for &(goal, year, target, achieved, credited) in expected {
        let ctx = format!("goal {goal}@{year}");
        let row = goals
            .iter()
            .find(|g| text(g, "goal", "goal row") == goal && int(g, "year", "goal row") == year)
            .unwrap_or_else(|| panic!("{ctx}: missing, goals:\n{goals:#?}"));
        approx(
            num(row, "target", &ctx),
            target,
            QTY,
            &format!("{ctx}.target"),
        );
        approx(
            num(row, "achieved", &ctx),
            achieved,
            QTY,
            &format!("{ctx}.achieved"),
        );
        approx(
            num(row, "credited", &ctx),
            credited,
            QTY,
            &format!("{ctx}.credited"),
        );
    }
    assert_eq!(
        goals.len(),
        expected.len(),
        "one row per milestone:\n{goals:#?}"
    );
    let got: Vec<(String, i64)> = goals
        .iter()
        .map(|g| {
            (
                text(g, "goal", "goal row").to_string(),
                int(g, "year", "goal row"),
            )
        })
        .collect();
    let want: Vec<(String, i64)> = expected.iter().map(|e| (e.0.to_string(), e.1)).collect();
    assert_eq!(
        got, want,
        "goals must be sorted by year, then goal file order"
    );
}

/// Common checks of an infeasible result; returns the `relaxation` object.
fn assert_infeasible<'a>(
    code: i32,
    v: &'a Value,
    stderr: &str,
    plan: &str,
    objective: &str,
    kind: &str,
) -> &'a Value {
    assert_eq!(
        text(v, "status", "result"),
        "infeasible",
        "status in:\n{v:#}"
    );
    assert_eq!(code, 1, "exit code of an infeasible plan");
    assert_eq!(text(v, "plan", "result"), plan, "plan name");
    assert_eq!(text(v, "objective", "result"), objective, "objective");
    assert!(
        v.get("orders").is_none(),
        "an infeasible result has no `orders`:\n{v:#}"
    );
    assert!(
        !stderr.trim().is_empty(),
        "an infeasible plan is explained on stderr"
    );
    let r = v
        .get("relaxation")
        .unwrap_or_else(|| panic!("infeasible result without `relaxation`:\n{v:#}"));
    assert_eq!(
        text(r, "kind", "relaxation"),
        kind,
        "relaxation kind in:\n{r:#}"
    );
    r
}

// ---------------------------------------------------------------------------
// Payments across years
// ---------------------------------------------------------------------------

/// payments.toml: frigate 100/unit paid [0.5, 0.5], budget 100 a year 2025-2027,
/// no carry-over, target navy 2027 = 3, max_units 3.
///
/// Spend_2025 = 50 q25, Spend_2026 = 50 q25 + 50 q26, Spend_2027 = 50 q26 + 50 q27;
/// the second half of a 2027 order falls in 2028, after `end`: not charged,
/// reported as a commitment. Full score needs 3 units (q25 <= 2, q25 + q26 <= 2,
/// q26 + q27 <= 2). Total cost = 300 - 50 q27, so the tie-break maximises q27:
/// q27 = 2 forces q26 = 0, hence q25 = 1. Unique optimum: 1 in 2025, 2 in 2027.
/// Payments 50 / 50 / 100, total cost 200, commitments after horizon 100.
#[test]
fn payments_spread_over_years_and_after_horizon() {
    let (code, v) = solve_json("payments.toml");
    assert_optimal(
        code,
        &v,
        &Summary {
            plan: "Semantics: payments",
            objective: "max-goals",
            score: 1.0,
            max_score: 1.0,
            readiness: 100.0,
            total_cost: 200.0,
            commitments_after_horizon: 100.0,
        },
    );
    assert_years(
        &v,
        &[
            (2025, 100.0, 100.0, 50.0, 0.0, 50.0, 0.0),
            (2026, 100.0, 100.0, 50.0, 0.0, 50.0, 0.0),
            (2027, 100.0, 100.0, 100.0, 0.0, 100.0, 0.0),
        ],
    );
    // `cost` of an order is unit_cost * units, whatever the payment profile.
    assert_orders(
        &v,
        &[
            ("frigate", 2025, 1.0, 2025, 100.0),
            ("frigate", 2027, 2.0, 2027, 200.0),
        ],
    );
    assert_goals(&v, &[("navy", 2027, 3.0, 3.0, 3.0)]);
}

// ---------------------------------------------------------------------------
// Lead time
// ---------------------------------------------------------------------------

/// lead_time.toml: submarine 100/unit, lead_time 2, budget 100 a year 2025-2028,
/// targets undersea 2026 = 1, 2028 = 2.
///
/// An order in y is delivered in y + 2, so nothing can be delivered by 2026:
/// that milestone scores 0 whatever we do. Two units delivered by 2028 need
/// orders in 2025 and 2026 (one a year, the budget pays one unit a year);
/// later orders would arrive after 2028 and only cost money.
/// Score = 0 + 2/2 = 1, max 2, readiness 50, total cost 200.
#[test]
fn lead_time_delays_delivery_and_credit() {
    let (code, v) = solve_json("lead_time.toml");
    assert_optimal(
        code,
        &v,
        &Summary {
            plan: "Semantics: lead time",
            objective: "max-goals",
            score: 1.0,
            max_score: 2.0,
            readiness: 50.0,
            total_cost: 200.0,
            commitments_after_horizon: 0.0,
        },
    );
    assert_orders(
        &v,
        &[
            ("submarine", 2025, 1.0, 2027, 100.0),
            ("submarine", 2026, 1.0, 2028, 100.0),
        ],
    );
    assert_goals(
        &v,
        &[
            ("undersea", 2026, 1.0, 0.0, 0.0),
            ("undersea", 2028, 2.0, 2.0, 2.0),
        ],
    );
    assert_years(
        &v,
        &[
            (2025, 100.0, 100.0, 100.0, 0.0, 100.0, 0.0),
            (2026, 100.0, 100.0, 100.0, 0.0, 100.0, 0.0),
            (2027, 100.0, 100.0, 0.0, 0.0, 0.0, 0.0),
            (2028, 100.0, 100.0, 0.0, 0.0, 0.0, 0.0),
        ],
    );
}

// ---------------------------------------------------------------------------
// Sustainment
// ---------------------------------------------------------------------------

/// sustainment.toml: tank 100/unit, sustainment 0.1 (10 per delivered unit per
/// year, from the year AFTER delivery), budgets 200 / 130 / 130, targets armour
/// 2026 = 3, 2027 = 4.
///
/// 2025: 100 q25 <= 200 (no sustainment yet: S uses D[y-1]) -> q25 <= 2.
/// 2026: 100 q26 + 10 q25 <= 130 -> q26 <= 1.
/// 2027: 100 q27 + 10 (q25 + q26) <= 130 -> with 3 units delivered, q27 <= 1.
/// Full score (D_2026 >= 3, D_2027 >= 4) forces q = 2 / 1 / 1, unique.
/// Sustainment 0 / 20 / 30; spend 200 / 120 / 130; total cost 450.
/// (Charging sustainment in the delivery year would make 2025 cost 220 > 200.)
#[test]
fn sustainment_charged_from_year_after_delivery() {
    let (code, v) = solve_json("sustainment.toml");
    assert_optimal(
        code,
        &v,
        &Summary {
            plan: "Semantics: sustainment",
            objective: "max-goals",
            score: 2.0,
            max_score: 2.0,
            readiness: 100.0,
            total_cost: 450.0,
            commitments_after_horizon: 0.0,
        },
    );
    assert_years(
        &v,
        &[
            (2025, 200.0, 200.0, 200.0, 0.0, 200.0, 0.0),
            (2026, 130.0, 130.0, 100.0, 20.0, 120.0, 0.0),
            (2027, 130.0, 130.0, 100.0, 30.0, 130.0, 0.0),
        ],
    );
    assert_orders(
        &v,
        &[
            ("tank", 2025, 2.0, 2025, 200.0),
            ("tank", 2026, 1.0, 2026, 100.0),
            ("tank", 2027, 1.0, 2027, 100.0),
        ],
    );
    assert_goals(
        &v,
        &[
            ("armour", 2026, 3.0, 3.0, 3.0),
            ("armour", 2027, 4.0, 4.0, 4.0),
        ],
    );
}

// ---------------------------------------------------------------------------
// Carry-over
// ---------------------------------------------------------------------------

/// carryover.toml: helicopter 130/unit, budget 100 a year 2025-2027, carryover
/// 0.3 (cap 30 a year), targets airmobile 2026 = 1, 2027 = 2.
///
/// No single year's envelope pays a helicopter; only 100 + 30 carried does.
/// Spend nothing in 2025: 100 unspent, 30 carried, 70 lapse. 2026: available
/// 130, buy one, carry 0. 2027: available 100, cannot buy, 30 carried out
/// (70 lapse). A second unit would need 260 over the horizon, impossible with
/// the cap (without the cap, 2 units would fit). Buying in 2026 rather than
/// 2027 also credits the 2026 milestone: score 1 + 1/2 = 1.5, readiness 75,
/// total cost 130.
#[test]
fn carryover_is_capped_and_the_rest_lapses() {
    let (code, v) = solve_json("carryover.toml");
    assert_optimal(
        code,
        &v,
        &Summary {
            plan: "Semantics: carry-over",
            objective: "max-goals",
            score: 1.5,
            max_score: 2.0,
            readiness: 75.0,
            total_cost: 130.0,
            commitments_after_horizon: 0.0,
        },
    );
    assert_years(
        &v,
        &[
            (2025, 100.0, 100.0, 0.0, 0.0, 0.0, 30.0),
            (2026, 100.0, 130.0, 130.0, 0.0, 130.0, 0.0),
            (2027, 100.0, 100.0, 0.0, 0.0, 0.0, 30.0),
        ],
    );
    assert_orders(&v, &[("helicopter", 2026, 1.0, 2026, 130.0)]);
    assert_goals(
        &v,
        &[
            ("airmobile", 2026, 1.0, 1.0, 1.0),
            ("airmobile", 2027, 2.0, 1.0, 1.0),
        ],
    );
}

// ---------------------------------------------------------------------------
// capital_share and scale
// ---------------------------------------------------------------------------

/// capital_scale.toml: envelopes 500 / 250, capital_share 0.4, scale 1.5:
/// B = 1.5 * 0.4 * years = 300 / 150. Radar 100/unit, target air_defence
/// 2026 = 10 (out of reach). Buy 3 in 2025 and 1 in 2026 (all the money):
/// score 4/10 = 0.4, readiness 40, total cost 400. `budget` reports B_y.
#[test]
fn capital_share_and_scale_set_the_budget() {
    let (code, v) = solve_json("capital_scale.toml");
    assert_optimal(
        code,
        &v,
        &Summary {
            plan: "Semantics: capital share and scale",
            objective: "max-goals",
            score: 0.4,
            max_score: 1.0,
            readiness: 40.0,
            total_cost: 400.0,
            commitments_after_horizon: 0.0,
        },
    );
    assert_years(
        &v,
        &[
            (2025, 300.0, 300.0, 300.0, 0.0, 300.0, 0.0),
            (2026, 150.0, 150.0, 100.0, 0.0, 100.0, 0.0),
        ],
    );
    assert_orders(
        &v,
        &[
            ("radar", 2025, 3.0, 2025, 300.0),
            ("radar", 2026, 1.0, 2026, 100.0),
        ],
    );
    assert_goals(&v, &[("air_defence", 2026, 10.0, 4.0, 4.0)]);
}

// ---------------------------------------------------------------------------
// Prerequisites
// ---------------------------------------------------------------------------

/// prerequisite.toml: launcher requires command_post (lead_time 1, 100/unit,
/// contributes nothing). Budget 100 a year 2025-2027; launcher 100/unit,
/// target fires 2027 = 2.
///
/// A launcher ordered in y needs D[command_post, y] >= 1, i.e. a command post
/// ordered by y - 1. Two launchers by 2027 at one unit a year means launchers
/// in 2026 and 2027, so the command post in 2025 (delivered 2026: "delivered by
/// that year" includes the order year itself). Unique; total cost 300.
/// (Ignoring the prerequisite would give launchers 2025 + 2026 for 200.)
#[test]
fn prerequisite_must_be_delivered_by_order_year() {
    let (code, v) = solve_json("prerequisite.toml");
    assert_optimal(
        code,
        &v,
        &Summary {
            plan: "Semantics: prerequisites",
            objective: "max-goals",
            score: 1.0,
            max_score: 1.0,
            readiness: 100.0,
            total_cost: 300.0,
            commitments_after_horizon: 0.0,
        },
    );
    assert_orders(
        &v,
        &[
            ("command_post", 2025, 1.0, 2026, 100.0),
            ("launcher", 2026, 1.0, 2026, 100.0),
            ("launcher", 2027, 1.0, 2027, 100.0),
        ],
    );
    assert_goals(&v, &[("fires", 2027, 2.0, 2.0, 2.0)]);
    assert_years(
        &v,
        &[
            (2025, 100.0, 100.0, 100.0, 0.0, 100.0, 0.0),
            (2026, 100.0, 100.0, 100.0, 0.0, 100.0, 0.0),
            (2027, 100.0, 100.0, 100.0, 0.0, 100.0, 0.0),
        ],
    );
}

// ---------------------------------------------------------------------------
// Fixed orders
// ---------------------------------------------------------------------------

/// fixed_orders.toml: ifv (100/unit) may be ordered only in 2027 (window
/// 2027..2027, phase "late" = 2027), max 1 a year, requires datalink; yet it
/// has fixed = {2025 = 2}: two units pinned in 2025, outside window and phase,
/// above max_per_year, without a datalink. Fixed units count toward
/// max_units = 3. Target mech 2027 = 3.
///
/// Third ifv: only in 2027, needs a datalink delivered by 2027 (lead_time 1:
/// ordered by 2026). Budgets 200 / 100 / 200; 2025 is all spent on the fixed
/// ifvs, so the datalink (50) goes in 2026. Orders: ifv 2025 x2 (fixed),
/// datalink 2026 (delivered 2027), ifv 2027 x1. Score 1, total cost 350.
#[test]
fn fixed_orders_ignore_window_phases_max_per_year_and_prerequisites() {
    let (code, v) = solve_json("fixed_orders.toml");
    assert_optimal(
        code,
        &v,
        &Summary {
            plan: "Semantics: fixed orders",
            objective: "max-goals",
            score: 1.0,
            max_score: 1.0,
            readiness: 100.0,
            total_cost: 350.0,
            commitments_after_horizon: 0.0,
        },
    );
    assert_orders(
        &v,
        &[
            ("ifv", 2025, 2.0, 2025, 200.0),
            ("datalink", 2026, 1.0, 2027, 50.0),
            ("ifv", 2027, 1.0, 2027, 100.0),
        ],
    );
    assert_years(
        &v,
        &[
            (2025, 200.0, 200.0, 200.0, 0.0, 200.0, 0.0),
            (2026, 100.0, 100.0, 50.0, 0.0, 50.0, 0.0),
            (2027, 200.0, 200.0, 100.0, 0.0, 100.0, 0.0),
        ],
    );
    assert_goals(&v, &[("mech", 2027, 3.0, 3.0, 3.0)]);
}

// ---------------------------------------------------------------------------
// min_units / max_units
// ---------------------------------------------------------------------------

/// units_bounds.toml: trainer (50/unit, min_units 2 = max_units 2) contributes
/// nothing but must be bought; fighter (100/unit, max_units 1) is capped below
/// the target air 2026 = 2. Both have sustainment 0.1, so buying in 2026 (the
/// last year) avoids any sustainment within the horizon. Budgets 200 / 200.
///
/// Score = 1/2 (max_units caps the fighter), then least cost: everything in
/// 2026: 2 * 50 + 100 = 200 = the 2026 budget. Unique; total cost 200.
#[test]
fn min_and_max_units_bound_totals() {
    let (code, v) = solve_json("units_bounds.toml");
    assert_optimal(
        code,
        &v,
        &Summary {
            plan: "Semantics: min and max units",
            objective: "max-goals",
            score: 0.5,
            max_score: 1.0,
            readiness: 50.0,
            total_cost: 200.0,
            commitments_after_horizon: 0.0,
        },
    );
    assert_orders(
        &v,
        &[
            ("trainer", 2026, 2.0, 2026, 100.0),
            ("fighter", 2026, 1.0, 2026, 100.0),
        ],
    );
    assert_years(
        &v,
        &[
            (2025, 200.0, 200.0, 0.0, 0.0, 0.0, 0.0),
            (2026, 200.0, 200.0, 200.0, 0.0, 200.0, 0.0),
        ],
    );
    assert_goals(&v, &[("air", 2026, 2.0, 1.0, 1.0)]);
}

// ---------------------------------------------------------------------------
// max_per_year
// ---------------------------------------------------------------------------

/// max_per_year.toml: drone 100/unit, max_per_year 1, budget 300 a year
/// (money is not the limit), targets isr 2026 = 2, 2027 = 5.
///
/// One unit a year: D = 1 / 2 / 3. Score 2/2 + 3/5 = 1.6, max 2,
/// readiness 80, total cost 300, orders 2025, 2026, 2027 one each.
#[test]
fn max_per_year_limits_yearly_orders() {
    let (code, v) = solve_json("max_per_year.toml");
    assert_optimal(
        code,
        &v,
        &Summary {
            plan: "Semantics: max per year",
            objective: "max-goals",
            score: 1.6,
            max_score: 2.0,
            readiness: 80.0,
            total_cost: 300.0,
            commitments_after_horizon: 0.0,
        },
    );
    assert_orders(
        &v,
        &[
            ("drone", 2025, 1.0, 2025, 100.0),
            ("drone", 2026, 1.0, 2026, 100.0),
            ("drone", 2027, 1.0, 2027, 100.0),
        ],
    );
    assert_goals(
        &v,
        &[("isr", 2026, 2.0, 2.0, 2.0), ("isr", 2027, 5.0, 3.0, 3.0)],
    );
    assert_years(
        &v,
        &[
            (2025, 300.0, 300.0, 100.0, 0.0, 100.0, 0.0),
            (2026, 300.0, 300.0, 100.0, 0.0, 100.0, 0.0),
            (2027, 300.0, 300.0, 100.0, 0.0, 100.0, 0.0),
        ],
    );
}

// ---------------------------------------------------------------------------
// Phases
// ---------------------------------------------------------------------------

/// phases.toml: phases p1 = 2025-2026, p2 = 2027-2028; corvette (100/unit,
/// phases ["p2"]) can only be ordered in 2027 and 2028. Budget 100 a year,
/// target sea 2028 = 4. One unit in each of 2027 and 2028: score 2/4 = 0.5,
/// readiness 50, total cost 200.
#[test]
fn phases_restrict_order_years() {
    let (code, v) = solve_json("phases.toml");
    assert_optimal(
        code,
        &v,
        &Summary {
            plan: "Semantics: phases",
            objective: "max-goals",
            score: 0.5,
            max_score: 1.0,
            readiness: 50.0,
            total_cost: 200.0,
            commitments_after_horizon: 0.0,
        },
    );
    assert_orders(
        &v,
        &[
            ("corvette", 2027, 1.0, 2027, 100.0),
            ("corvette", 2028, 1.0, 2028, 100.0),
        ],
    );
    assert_goals(&v, &[("sea", 2028, 4.0, 2.0, 2.0)]);
    assert_years(
        &v,
        &[
            (2025, 100.0, 100.0, 0.0, 0.0, 0.0, 0.0),
            (2026, 100.0, 100.0, 0.0, 0.0, 0.0, 0.0),
            (2027, 100.0, 100.0, 100.0, 0.0, 100.0, 0.0),
            (2028, 100.0, 100.0, 100.0, 0.0, 100.0, 0.0),
        ],
    );
}

// ---------------------------------------------------------------------------
// earliest / latest
// ---------------------------------------------------------------------------

/// window.toml: howitzer (100/unit) with earliest 2026, latest 2027 in a
/// 2025-2028 plan, budget 100 a year, target artillery 2028 = 4. One unit in
/// each of 2026 and 2027: score 2/4 = 0.5, readiness 50, total cost 200.
#[test]
fn earliest_latest_window_restricts_order_years() {
    let (code, v) = solve_json("window.toml");
    assert_optimal(
        code,
        &v,
        &Summary {
            plan: "Semantics: order window",
            objective: "max-goals",
            score: 0.5,
            max_score: 1.0,
            readiness: 50.0,
            total_cost: 200.0,
            commitments_after_horizon: 0.0,
        },
    );
    assert_orders(
        &v,
        &[
            ("howitzer", 2026, 1.0, 2026, 100.0),
            ("howitzer", 2027, 1.0, 2027, 100.0),
        ],
    );
    assert_goals(&v, &[("artillery", 2028, 4.0, 2.0, 2.0)]);
    assert_years(
        &v,
        &[
            (2025, 100.0, 100.0, 0.0, 0.0, 0.0, 0.0),
            (2026, 100.0, 100.0, 100.0, 0.0, 100.0, 0.0),
            (2027, 100.0, 100.0, 100.0, 0.0, 100.0, 0.0),
            (2028, 100.0, 100.0, 0.0, 0.0, 0.0, 0.0),
        ],
    );
}

// ---------------------------------------------------------------------------
// Divisible items
// ---------------------------------------------------------------------------

/// divisible.toml: ammunition 40/unit, divisible, budgets 100 / 50, targets
/// stocks 2025 = 2, 2026 = 5.
///
/// q25 <= 2.5, q26 <= 1.25. Score = min(q25, 2)/2 + (q25 + q26)/5, strictly
/// increasing in q25 + q26, so spend everything: q25 = 2.5, q26 = 1.25.
/// Score = 1 + 3.75/5 = 1.75, readiness 87.5, total cost 150. 2025 achieves
/// 2.5 but is credited 2. (Whole units would give only 2 + 1 units, score 1.6.)
#[test]
fn divisible_items_take_fractional_units() {
    let (code, v) = solve_json("divisible.toml");
    assert_optimal(
        code,
        &v,
        &Summary {
            plan: "Semantics: divisible",
            objective: "max-goals",
            score: 1.75,
            max_score: 2.0,
            readiness: 87.5,
            total_cost: 150.0,
            commitments_after_horizon: 0.0,
        },
    );
    assert_orders(
        &v,
        &[
            ("ammunition", 2025, 2.5, 2025, 100.0),
            ("ammunition", 2026, 1.25, 2026, 50.0),
        ],
    );
    assert_goals(
        &v,
        &[
            ("stocks", 2025, 2.0, 2.5, 2.0),
            ("stocks", 2026, 5.0, 3.75, 3.75),
        ],
    );
    assert_years(
        &v,
        &[
            (2025, 100.0, 100.0, 100.0, 0.0, 100.0, 0.0),
            (2026, 50.0, 50.0, 50.0, 0.0, 50.0, 0.0),
        ],
    );
}

// ---------------------------------------------------------------------------
// Goal crediting and weights
// ---------------------------------------------------------------------------

/// goal_credit.toml: budgets 100 / 150 (no carry-over). multirole (100/unit)
/// gives strike 1.5 + defence 1.25 per unit; interceptor (150/unit) gives
/// defence 2.5. Goals strike (weight 1, 2026 = 2), defence (weight 3,
/// 2026 = 3); max score = 1 + 3 = 4.
///
/// 2025 can only pay a multirole (an interceptor costs 150); 2026 pays one of
/// either. Candidates:
///   2 x multirole: strike 3 -> credited 2 -> 1; defence 2.5/3 -> 3 * 0.8333
///                  = 2.5; score 3.5.
///   multirole + interceptor: strike 1.5/2 = 0.75; defence 3.75 credited 3
///                  -> 3; score 3.75  <- optimum (cost 250).
/// (Unweighted, 2 x multirole would win: 1.833 vs 1.75.)
/// Readiness = 100 * 3.75 / 4 = 93.75.
#[test]
fn goal_credit_is_capped_and_weighted() {
    let (code, v) = solve_json("goal_credit.toml");
    assert_optimal(
        code,
        &v,
        &Summary {
            plan: "Semantics: goal credit and weights",
            objective: "max-goals",
            score: 3.75,
            max_score: 4.0,
            readiness: 93.75,
            total_cost: 250.0,
            commitments_after_horizon: 0.0,
        },
    );
    assert_orders(
        &v,
        &[
            ("multirole", 2025, 1.0, 2025, 100.0),
            ("interceptor", 2026, 1.0, 2026, 150.0),
        ],
    );
    assert_goals(
        &v,
        &[
            ("strike", 2026, 2.0, 1.5, 1.5),
            ("defence", 2026, 3.0, 3.75, 3.0),
        ],
    );
    assert_years(
        &v,
        &[
            (2025, 100.0, 100.0, 100.0, 0.0, 100.0, 0.0),
            (2026, 150.0, 150.0, 150.0, 0.0, 150.0, 0.0),
        ],
    );
}

// ---------------------------------------------------------------------------
// Objectives
// ---------------------------------------------------------------------------

/// max_goals_tiebreak.toml: budgets 100 / 200; apc 100/unit (max 2,
/// sustainment 0.1), truck 60/unit (max 1), both 1 point for mobility 2026 = 3.
///
/// Full score needs 2 apc + 1 truck (260 of orders). Feasible ways:
///   truck 2025, 2 apc 2026: cost 60 + 200 = 260;
///   apc 2025, apc + truck 2026: 100 + 160 + 10 sustainment = 270.
/// Best score first (1.0, not the cheaper partial plans), then least cost:
/// truck 2025, 2 apc 2026, total 260.
#[test]
fn max_goals_is_lexicographic_score_then_cost() {
    let (code, v) = solve_json("max_goals_tiebreak.toml");
    assert_optimal(
        code,
        &v,
        &Summary {
            plan: "Semantics: max-goals tie-break",
            objective: "max-goals",
            score: 1.0,
            max_score: 1.0,
            readiness: 100.0,
            total_cost: 260.0,
            commitments_after_horizon: 0.0,
        },
    );
    assert_orders(
        &v,
        &[
            ("truck", 2025, 1.0, 2025, 60.0),
            ("apc", 2026, 2.0, 2026, 200.0),
        ],
    );
    assert_years(
        &v,
        &[
            (2025, 100.0, 100.0, 60.0, 0.0, 60.0, 0.0),
            (2026, 200.0, 200.0, 200.0, 0.0, 200.0, 0.0),
        ],
    );
    assert_goals(&v, &[("mobility", 2026, 3.0, 3.0, 3.0)]);
}

/// min_cost.toml (objective min-cost): budgets 100 / 100; patrol_boat 100/unit
/// gives 2 points, rhib 60/unit gives 1 point and has sustainment 0.5 (30 a year
/// after delivery). Milestones coast 2025 = 1, 2026 = 3 must both be met.
///
/// 2025 needs a delivery: boat (100) or rhib (60). 2026 needs 3 points.
///   boat 2025 + rhib 2026: 100 + 60 = 160  <- optimum
///   rhib 2025 + boat 2026: 60 + 100 + 30 sustainment = 190
///   boat 2025 + boat 2026: 200; three rhibs do not fit the yearly budgets.
/// Every milestone met: score = max score = 2, readiness 100. 2025 achieves 2,
/// credited 1.
#[test]
fn min_cost_meets_every_milestone_at_least_cost() {
    let (code, v) = solve_json("min_cost.toml");
    assert_optimal(
        code,
        &v,
        &Summary {
            plan: "Semantics: min-cost",
            objective: "min-cost",
            score: 2.0,
            max_score: 2.0,
            readiness: 100.0,
            total_cost: 160.0,
            commitments_after_horizon: 0.0,
        },
    );
    assert_orders(
        &v,
        &[
            ("patrol_boat", 2025, 1.0, 2025, 100.0),
            ("rhib", 2026, 1.0, 2026, 60.0),
        ],
    );
    assert_goals(
        &v,
        &[
            ("coast", 2025, 1.0, 2.0, 1.0),
            ("coast", 2026, 3.0, 3.0, 3.0),
        ],
    );
    assert_years(
        &v,
        &[
            (2025, 100.0, 100.0, 100.0, 0.0, 100.0, 0.0),
            (2026, 100.0, 100.0, 60.0, 0.0, 60.0, 0.0),
        ],
    );
}

// ---------------------------------------------------------------------------
// Infeasible plans
// ---------------------------------------------------------------------------

/// infeasible_budget.toml: airlifter 100/unit paid [0.5, 0.5], fixed 3 units in
/// 2025; budget 100 a year 2025-2026, no carry-over.
///
/// The fixed order costs 150 in 2025 and 150 in 2026: the smallest extra budget
/// is 50 in each year (with no carry-over it cannot be shifted), total 100.
#[test]
fn infeasible_fixed_orders_need_extra_budget() {
    let (code, v, stderr) = solve_output("infeasible_budget.toml");
    let r = assert_infeasible(
        code,
        &v,
        &stderr,
        "Semantics: infeasible budget",
        "max-goals",
        "budget",
    );
    approx(
        num(r, "extra_budget_total", "relaxation"),
        100.0,
        MONEY,
        "extra_budget_total",
    );
    let extra = array(r, "extra_budget");
    for (year, amount) in [(2025, 50.0), (2026, 50.0)] {
        let row = extra
            .iter()
            .find(|e| int(e, "year", "extra_budget") == year)
            .unwrap_or_else(|| panic!("no extra_budget for {year}: {extra:#?}"));
        approx(
            num(row, "amount", "extra_budget"),
            amount,
            MONEY,
            &format!("extra {year}"),
        );
    }
    // Only years with x_y > 0 are reported.
    for e in extra {
        let year = int(e, "year", "extra_budget");
        assert!(
            year == 2025 || year == 2026 || num(e, "amount", "extra_budget").abs() <= MONEY,
            "unexpected extra budget in {year}: {e}"
        );
    }
}

/// infeasible_target.toml (min-cost): battery gives 10 points, max_units 3;
/// targets gbad 2026 = 40, 2027 = 50. No money reaches them (at most 30
/// points), so extra budget does not help: kind "target".
///
/// With unlimited extra budget all 3 batteries can be bought in 2025, so
/// A = 30 at both milestones: shortfalls 10 (2026) and 20 (2027),
/// minimising 10/40 + 20/50 = 0.65. (Without the unlimited budget, one a year
/// would leave 20 and 20.)
#[test]
fn infeasible_targets_report_shortfalls() {
    let (code, v, stderr) = solve_output("infeasible_target.toml");
    let r = assert_infeasible(
        code,
        &v,
        &stderr,
        "Semantics: infeasible target",
        "min-cost",
        "target",
    );
    let shortfalls = array(r, "shortfalls");
    for (year, amount) in [(2026, 10.0), (2027, 20.0)] {
        let row = shortfalls
            .iter()
            .find(|s| text(s, "goal", "shortfall") == "gbad" && int(s, "year", "shortfall") == year)
            .unwrap_or_else(|| panic!("no shortfall for gbad {year}: {shortfalls:#?}"));
        approx(
            num(row, "shortfall", "shortfall"),
            amount,
            QTY,
            &format!("shortfall gbad {year}"),
        );
    }
    assert_eq!(
        shortfalls.len(),
        2,
        "one shortfall per short milestone: {shortfalls:#?}"
    );
}

/// infeasible_structural.toml: radar_site min_units 5, max_per_year 1, window
/// 2026-2028: at most 3 units can ever be ordered. Neither money nor target
/// shortfall helps: kind "structural", and a reason names the item.
#[test]
fn infeasible_structure_is_named() {
    let (code, v, stderr) = solve_output("infeasible_structural.toml");
    let r = assert_infeasible(
        code,
        &v,
        &stderr,
        "Semantics: infeasible structural",
        "max-goals",
        "structural",
    );
    let reasons = array(r, "reasons");
    assert!(!reasons.is_empty(), "structural relaxation without reasons");
    assert!(
        reasons.iter().all(Value::is_string),
        "reasons must be strings: {reasons:#?}"
    );
    assert!(
        reasons
            .iter()
            .any(|s| s.as_str().unwrap_or("").contains("radar_site")),
        "a reason should name the item radar_site: {reasons:#?}"
    );
}
