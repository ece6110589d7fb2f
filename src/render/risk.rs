//! Budget risk as tables or JSON: readiness bands, milestone
//! probabilities, item shares with the no-regret list, and yearly money
//! bands. Formats the [`RiskReport`]; computes nothing.

use super::format::MoneyScale;
use super::{number, units};
use crate::money::Money;
use crate::whatif::risk::summary::{Bands, ItemRisk, Verdict};
use crate::whatif::risk::RiskReport;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, Table};
use serde_json::{json, Value};
use std::fmt::Write;

fn percent(share: f64) -> String {
    number(100.0 * share, 1)
}

fn money_bands(b: &Bands<crate::money::Money>) -> Value {
    json!({"p10": b.p10.to_units(), "p50": b.p50.to_units(), "p90": b.p90.to_units()})
}

/// The risk analysis as a JSON value.
pub fn to_value(risk: &RiskReport) -> Value {
    json!({
        "plan": risk.plan,
        "currency": risk.currency,
        "runs": risk.options.runs,
        "seed": risk.options.seed,
        "first_open_year": risk.first_open,
        "futures": {
            "scheduled": risk.scheduled,
            "infeasible": risk.infeasible,
            "not_proven": risk.not_proven,
            "failed_check": risk.failed_check,
        },
        "infeasible_probability": risk.infeasible_probability(),
        "common_cause": risk.common_cause.as_ref().map(|(cause, n)| json!({"cause": cause, "futures": n})),
        "plan_readiness": risk.plan_readiness,
        "readiness": {
            "p10": risk.readiness.bands.map(|b| b.p10),
            "p50": risk.readiness.bands.map(|b| b.p50),
            "p90": risk.readiness.bands.map(|b| b.p90),
            "mean": risk.readiness.mean,
            "histogram": risk.readiness.histogram.iter().enumerate().map(|(k, n)| json!({
                "from": 10 * k, "to": 10 * (k + 1), "futures": n,
            })).collect::<Vec<_>>(),
        },
        "milestones": risk.milestones.iter().map(|m| json!({
            "goal": m.goal,
            "year": m.year,
            "probability_met": m.probability_met,
            "mean_credited": m.mean_credited,
            "met_in_plan": m.met_in_plan,
        })).collect::<Vec<_>>(),
        "items": risk.items.iter().map(|i| json!({
            "item": i.item,
            "share_bought": i.share_bought,
            "median_units": i.median_units,
            "median_year": i.median_year,
            "verdict": i.verdict.name(),
            "units_in_plan": i.units_in_plan,
        })).collect::<Vec<_>>(),
        "years": risk.years.iter().map(|y| json!({
            "year": y.year,
            "budget": y.budget.to_units(),
            "drawn_budget": money_bands(&y.drawn),
            "spend": y.spend.as_ref().map(money_bands),
        })).collect::<Vec<_>>(),
        "provenance": super::json::provenance(&risk.provenance),
        "solver": {"backend": risk.backend},
    })
}

/// The risk analysis as pretty JSON text.
pub fn json(risk: &RiskReport) -> String {
    let mut text = serde_json::to_string_pretty(&to_value(risk)).unwrap_or_default();
    text.push('\n');
    text
}

fn right(text: String) -> Cell {
    Cell::new(text).set_alignment(CellAlignment::Right)
}

fn table_of(header: Vec<&str>) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED).set_header(header);
    t
}

/// The risk analysis as tables.
pub fn table(risk: &RiskReport) -> String {
    let mut out = headline(risk);
    let _ = writeln!(out, "\nGoal milestones: how likely each is met");
    let mut t = table_of(vec![
        "Goal",
        "Milestone",
        "P(met) %",
        "Mean credited %",
        "Met in plan",
    ]);
    for m in &risk.milestones {
        t.add_row(vec![
            Cell::new(&m.name),
            Cell::new(m.year),
            right(percent(m.probability_met)),
            right(m.mean_credited.map_or("-".into(), percent)),
            Cell::new(if m.met_in_plan { "yes" } else { "no" }),
        ]);
    }
    let _ = writeln!(out, "{t}");
    let _ = writeln!(
        out,
        "\nItems: how often each is bought beyond fixed orders (futures with a schedule)"
    );
    let mut t = table_of(vec![
        "Item",
        "Bought in %",
        "Median units",
        "Median year",
        "Verdict",
        "In plan",
    ]);
    let mut items: Vec<&ItemRisk> = risk.items.iter().collect();
    items.sort_by(|a, b| b.share_bought.total_cmp(&a.share_bought));
    for i in items {
        t.add_row(vec![
            Cell::new(&i.name),
            right(percent(i.share_bought)),
            right(i.median_units.map_or("-".into(), units)),
            right(i.median_year.map_or("-".into(), |y| y.to_string())),
            Cell::new(i.verdict.name()),
            right(in_plan(i)),
        ]);
    }
    let _ = writeln!(out, "{t}");
    let _ = writeln!(out, "\nMoney by year across the futures (P10 / P50 / P90)");
    let mut t = table_of(vec!["Year", "Plan budget", "Drawn budget", "Spend"]);
    // One scale per column; a band's three figures share it.
    let bands = |b: &Bands<Money>| [b.p10, b.p50, b.p90];
    let plan_scale = MoneyScale::of(risk.years.iter().map(|y| y.budget));
    let drawn_scale = MoneyScale::of(risk.years.iter().flat_map(|y| bands(&y.drawn)));
    let spend_scale = MoneyScale::of(
        risk.years
            .iter()
            .filter_map(|y| y.spend.as_ref())
            .flat_map(bands),
    );
    for y in &risk.years {
        let band = |scale: MoneyScale, b: &Bands<Money>| {
            let [p10, p50, p90] = bands(b).map(|m| scale.show(m));
            format!("{p10} / {p50} / {p90}")
        };
        t.add_row(vec![
            Cell::new(y.year),
            right(plan_scale.show(y.budget)),
            right(band(drawn_scale, &y.drawn)),
            right(
                y.spend
                    .as_ref()
                    .map_or("-".into(), |b| band(spend_scale, b)),
            ),
        ]);
    }
    let _ = writeln!(out, "{t}");
    out
}

fn in_plan(i: &ItemRisk) -> String {
    if i.units_in_plan > 0.0 {
        units(i.units_in_plan)
    } else {
        "-".into()
    }
}

fn headline(risk: &RiskReport) -> String {
    let mut out = format!(
        "{}\nBudget risk: {} futures (seed {}), budgets drawn from {} on (money in {})\n",
        risk.plan, risk.futures, risk.options.seed, risk.first_open, risk.currency
    );
    match (risk.readiness.bands, risk.plan_readiness) {
        (Some(b), plan) => {
            let _ = write!(
                out,
                "readiness P10 {}% | P50 {}% | P90 {}%",
                number(b.p10, 1),
                number(b.p50, 1),
                number(b.p90, 1)
            );
            if let Some(plan) = plan {
                let _ = write!(out, " | the plan on its own budgets: {}%", number(plan, 1));
            }
            out.push('\n');
        }
        (None, _) => out.push_str("no future has a schedule\n"),
    }
    let _ = write!(
        out,
        "infeasible in {} of {} futures ({}%)",
        risk.infeasible,
        risk.futures,
        percent(risk.infeasible_probability())
    );
    if let Some((cause, n)) = &risk.common_cause {
        let _ = write!(out, "; most often: {cause} ({n})");
    }
    out.push('\n');
    let no_regret: Vec<&str> = risk.no_regret().map(|i| i.item.as_str()).collect();
    let _ = writeln!(
        out,
        "no-regret buys (in at least 90% of futures): {}",
        if no_regret.is_empty() {
            "none".into()
        } else {
            no_regret.join(", ")
        }
    );
    let bets: Vec<&str> = risk
        .items
        .iter()
        .filter(|i| i.units_in_plan > 0.0 && i.verdict != Verdict::NoRegret)
        .map(|i| i.item.as_str())
        .collect();
    if !bets.is_empty() {
        let _ = writeln!(
            out,
            "the plan's buys that are bets (bought in fewer than 90% of futures): {}",
            bets.join(", ")
        );
    }
    if !risk.all_proven() {
        let _ = writeln!(
            out,
            "NOT ALL PROVEN: not solved to proven optimality in {} of {} futures; schedules failing \
             the check: {}; the figures above include them",
            risk.not_proven, risk.futures, risk.failed_check
        );
    }
    out
}
