//! Explanations (plan format, section 9) as JSON or text: `explain --item`,
//! `explain --goal`, and the `alternatives` of `solve --alternatives N`.
//! They format what `crate::explain` computed; they never compute.

use super::{number, units};
use crate::explain::alternatives::Alternative;
use crate::explain::goal::GoalExplanation;
use crate::explain::item::ItemExplanation;
use crate::explain::OrderChange;
use crate::relax::Relaxation;
use serde_json::{json, Value};

fn change_value(c: &OrderChange) -> Value {
    json!({"item": c.item, "year": c.year, "units": c.units, "delta_units": c.delta_units})
}

fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// `explain --item` as a JSON value.
pub fn item_value(e: &ItemExplanation) -> Value {
    let mut alternative = json!({
        "decision": e.decision.name(),
        "status": e.alternative_status.name(),
        "score": e.alternative.as_ref().map(|a| a.score),
        "national_cost": e.alternative.as_ref().map(|a| a.national_cost.to_units()),
        "total_cost": e.alternative.as_ref().map(|a| a.total_cost.to_units()),
        "delta_score": e.delta_score(),
        "delta_national_cost": e.delta_national_cost().map(|m| m.to_units()),
        "delta_total_cost": e.delta_total_cost().map(|m| m.to_units()),
        "changes": e.changes.iter().map(change_value).collect::<Vec<_>>(),
        "reasons": e.reasons,
    });
    if let (Some(Relaxation::Budget { years, total }), Some(map)) =
        (&e.relaxation, alternative.as_object_mut())
    {
        map.insert("extra_budget_total".into(), json!(total.to_units()));
        map.insert(
            "extra_budget".into(),
            years
                .iter()
                .map(|y| json!({"year": y.year, "amount": y.amount.to_units()}))
                .collect(),
        );
    }
    json!({
        "item": e.item,
        "name": e.name,
        "proven_optimal": e.proven,
        "optimum": {
            "status": e.status.name(),
            "units": e.units,
            "units_beyond_fixed": e.units_beyond_fixed,
            "score": e.optimum.score,
            "national_cost": e.optimum.national_cost.to_units(),
            "total_cost": e.optimum.total_cost.to_units(),
        },
        "alternative": alternative,
    })
}

/// `explain --item` as pretty JSON text.
pub fn item_json(e: &ItemExplanation) -> String {
    pretty(&item_value(e))
}

/// `explain --item` as text.
pub fn item_table(e: &ItemExplanation) -> String {
    let mut s = format!("Why `{}` ({})", e.item, e.name);
    let verdict = match e.decision {
        crate::explain::item::Decision::Buy => " is not bought\n".to_string(),
        crate::explain::item::Decision::Drop => format!(
            " is bought ({} units beyond fixed orders)\n",
            units(e.units_beyond_fixed)
        ),
    };
    s.push_str(&verdict);
    s.push_str(&format!(
        "optimum ({}): score {} | national cost {} | total cost {}\n",
        e.status.name(),
        number(e.optimum.score, 3),
        e.optimum.national_cost.short(),
        e.optimum.total_cost.short()
    ));
    let label = match e.decision {
        crate::explain::item::Decision::Buy => "buying it",
        crate::explain::item::Decision::Drop => "dropping it",
    };
    match &e.alternative {
        Some(a) => {
            s.push_str(&format!(
                "{label} ({}): score {} | national cost {} | total cost {}\n",
                e.alternative_status.name(),
                number(a.score, 3),
                a.national_cost.short(),
                a.total_cost.short()
            ));
            s.push_str(&format!(
                "difference: score {} | total cost {}\n",
                signed(e.delta_score().unwrap_or(0.0)),
                signed_money(e.delta_total_cost().map_or(0.0, |m| m.to_units()))
            ));
        }
        None => s.push_str(&format!("{label}: {}\n", e.alternative_status.name())),
    }
    if !e.changes.is_empty() {
        s.push_str("orders that differ from the optimum:\n");
        for c in &e.changes {
            s.push_str(&format!(
                "  {} {}: {} units ({})\n",
                c.year,
                c.item,
                units(c.units),
                super::changes::signed_units(c.delta_units)
            ));
        }
    }
    for reason in &e.reasons {
        s.push_str(&format!("  - {reason}\n"));
    }
    s
}

/// `explain --goal` as a JSON value.
pub fn goal_value(e: &GoalExplanation) -> Value {
    let mut value = json!({
        "goal": e.goal,
        "name": e.name,
        "year": e.year,
        "target": e.target,
        "credited": e.credited,
        "status": e.status.name(),
        "extra_budget_total": e.extra_budget_total.to_units(),
        "extra_budget": e.extra_budget.iter()
            .map(|(year, amount)| json!({"year": year, "amount": amount.to_units()}))
            .collect::<Vec<_>>(),
        "orders_added": e.orders_added.iter()
            .map(|c| json!({"item": c.item, "year": c.year, "units": c.delta_units}))
            .collect::<Vec<_>>(),
        "orders_removed": e.orders_removed.iter()
            .map(|c| json!({"item": c.item, "year": c.year, "units": -c.delta_units}))
            .collect::<Vec<_>>(),
        "score": e.score,
        "national_cost": e.national_cost.map(|m| m.to_units()),
        "total_cost": e.total_cost.map(|m| m.to_units()),
        "capped_by": e.capped_by.iter().map(|c| json!({
            "item": c.item,
            "line": c.line,
            "most_units": c.most_units,
            "most_points": c.most_points,
            "reason": c.reason,
        })).collect::<Vec<_>>(),
    });
    if let Some(map) = value.as_object_mut() {
        if let Some(note) = &e.note {
            map.insert("note".into(), json!(note));
        }
        map.insert(
            "orders_least_value_proven".into(),
            json!(!e.orders_not_least),
        );
    }
    value
}

/// `explain --goal` as pretty JSON text.
pub fn goal_json(e: &GoalExplanation) -> String {
    pretty(&goal_value(e))
}

/// `explain --goal` as text.
pub fn goal_table(e: &GoalExplanation) -> String {
    let mut s = format!("Goal `{}` ({})", e.goal, e.name);
    if let Some(year) = e.year {
        s.push_str(&format!(
            ": {} milestone, target {} points, {} credited in the optimum ({}%)\n",
            year,
            number(e.target, 3),
            number(e.credited, 3),
            number(100.0 * e.credited / e.target.max(f64::MIN_POSITIVE), 1)
        ));
    } else {
        s.push('\n');
    }
    if let Some(note) = &e.note {
        s.push_str(&format!("{note}\n"));
    }
    if !e.extra_budget.is_empty() || (e.year.is_some() && e.note.is_none()) {
        s.push_str(&format!(
            "closing the gap ({}) needs {} more national money",
            e.status.name(),
            e.extra_budget_total.short()
        ));
        let years: Vec<String> = e
            .extra_budget
            .iter()
            .map(|(year, amount)| format!("{} in {year}", amount.short()))
            .collect();
        if years.is_empty() {
            s.push('\n');
        } else {
            s.push_str(&format!(": {}\n", years.join(", ")));
        }
        if let (Some(score), Some(cost)) = (e.score, e.total_cost) {
            s.push_str(&format!(
                "with it: score {} | total cost {}\n",
                number(score, 3),
                cost.short()
            ));
        }
    }
    if e.status == crate::report::Status::NotOptimal && e.year.is_some() {
        s.push_str("(not proven: the solver ran out of time; the money shown is the least found, not proven the least)\n");
    } else if e.orders_not_least {
        s.push_str("(the least money is proven; the orders below are one schedule that needs it, not proven the least valuable)\n");
    }
    if !e.orders_added.is_empty() {
        s.push_str("orders added:\n");
        for c in &e.orders_added {
            s.push_str(&format!(
                "  {} {}: +{} units\n",
                c.year,
                c.item,
                units(c.delta_units)
            ));
        }
    }
    if !e.orders_removed.is_empty() {
        s.push_str("orders given up:\n");
        for c in &e.orders_removed {
            s.push_str(&format!(
                "  {} {}: {} units\n",
                c.year,
                c.item,
                units(c.delta_units)
            ));
        }
    }
    for cap in &e.capped_by {
        s.push_str(&format!("  - {}\n", cap.reason));
    }
    s
}

/// The `alternatives` list of `solve --alternatives N`.
pub fn alternatives_value(alternatives: &[Alternative]) -> Value {
    alternatives
        .iter()
        .map(|a| {
            json!({
                "rank": a.rank,
                "status": a.status.name(),
                "score": a.score,
                "national_cost": a.national_cost.to_units(),
                "total_cost": a.total_cost.to_units(),
                "adds": a.adds,
                "drops": a.drops,
            })
        })
        .collect()
}

/// The alternatives as text, shown after the optimum's tables.
pub fn alternatives_table(alternatives: &[Alternative]) -> String {
    let mut s = String::from("\nAlternative schedules (a different set of items bought)\n");
    if alternatives.is_empty() {
        s.push_str("  none: no other set of items is feasible\n");
    }
    for a in alternatives {
        let list = |ids: &[String]| {
            if ids.is_empty() {
                "-".to_string()
            } else {
                ids.join(", ")
            }
        };
        s.push_str(&format!(
            "  {}. {} | score {} | total cost {} | adds {} | drops {}\n",
            a.rank,
            a.status.name(),
            number(a.score, 3),
            a.total_cost.short(),
            list(&a.adds),
            list(&a.drops)
        ));
    }
    s
}

fn signed(x: f64) -> String {
    if x > 0.0 {
        format!("+{}", number(x, 3))
    } else {
        number(x, 3)
    }
}

fn signed_money(x: f64) -> String {
    let text = crate::money::short_amount(x.abs());
    if x > 0.0 {
        format!("+{text}")
    } else if x < 0.0 {
        format!("-{text}")
    } else {
        text
    }
}
