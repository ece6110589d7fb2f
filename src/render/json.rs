//! The machine-readable result (plan format, section 3).
//!
//! Money is in currency units, years and orders sorted as the report holds
//! them. Nothing time-dependent is written, so the same plan gives the same
//! bytes.

use crate::provenance::Provenance;
use crate::relax::causes::{CauseKind, Causes};
use crate::relax::Relaxation;
use crate::report::{GoalRow, OrderRow, PhaseRow, Report, Status, YearRow};
use serde_json::{json, Value};

/// The report as a JSON value.
pub fn to_value(report: &Report) -> Value {
    let mut out = json!({
        "plan": report.plan,
        "currency": report.currency,
        "status": report.status.name(),
        "objective": report.objective.name(),
        "horizon": {"start": report.horizon.0, "end": report.horizon.1},
    });
    let map = out.as_object_mut().expect("a JSON object literal");
    map.insert("max_score".into(), json!(report.max_score));
    if report.has_schedule() {
        map.insert("score".into(), json!(report.score));
        map.insert("readiness".into(), json!(report.readiness));
        map.insert("total_cost".into(), json!(report.total_cost.to_units()));
        map.insert(
            "commitments_after_horizon".into(),
            json!(report.commitments_after_horizon.to_units()),
        );
        map.insert("years".into(), report.years.iter().map(year).collect());
        map.insert("orders".into(), report.orders.iter().map(order).collect());
        map.insert("goals".into(), report.goals.iter().map(goal).collect());
        map.insert("phases".into(), report.phases.iter().map(phase).collect());
        map.insert(
            "check".into(),
            json!({
                "passed": report.violations.is_empty(),
                "violations": report.violations.iter().map(|v| v.to_string()).collect::<Vec<_>>(),
            }),
        );
    }
    if let Some(relaxation) = &report.relaxation {
        let mut value = relaxation_value(relaxation);
        if let Some(object) = value.as_object_mut() {
            object.insert("causes".into(), causes_value(&report.causes));
        }
        map.insert("relaxation".into(), value);
    }
    map.insert("provenance".into(), provenance(&report.provenance));
    if let Some(note) = &report.note {
        map.insert("note".into(), json!(note));
    }
    map.insert(
        "solver".into(),
        json!({
            "backend": report.solver.backend,
            "proven_optimal": report.status == Status::Optimal,
            "nodes": report.solver.counts_nodes.then_some(report.solver.nodes),
            "gap": report.solver.gap,
            "variables": report.solver.variables,
            "constraints": report.solver.constraints,
            "stages": report.solver.stages.iter().map(|s| json!({
                "stage": s.stage,
                "nodes": report.solver.counts_nodes.then_some(s.nodes),
                "proven": s.proven,
            })).collect::<Vec<_>>(),
        }),
    );
    if let Some(failure) = &report.solver.failure {
        if let Some(solver) = map.get_mut("solver").and_then(Value::as_object_mut) {
            solver.insert("failure".into(), json!(failure));
        }
    }
    out
}

/// The `provenance` object; `generated` only when the result is stamped.
pub fn provenance(p: &Provenance) -> Value {
    let mut value = json!({
        "plan_file": p.plan_file,
        "scenarios": p.scenarios,
        "overrides": p.overrides,
        "input_sha256": p.input_hash,
        "capplan_version": p.version,
    });
    if let (Some(map), Some(generated)) = (value.as_object_mut(), p.generated_text()) {
        map.insert("generated".into(), json!(generated));
    }
    value
}

/// The report as pretty-printed JSON text.
pub fn render(report: &Report) -> String {
    let mut text = serde_json::to_string_pretty(&to_value(report)).unwrap_or_default();
    text.push('\n');
    text
}

fn year(y: &YearRow) -> Value {
    json!({
        "year": y.year,
        "phase": y.phase,
        "envelope": y.envelope.to_units(),
        "budget": y.budget.to_units(),
        "available": y.available.to_units(),
        "payments": y.payments.to_units(),
        "sustainment": y.sustainment.to_units(),
        "spend": y.spend.to_units(),
        "carry_out": y.carry_out.to_units(),
        "utilisation": y.utilisation,
    })
}

fn order(o: &OrderRow) -> Value {
    json!({
        "item": o.item,
        "name": o.name,
        "category": o.category,
        "year": o.year,
        "units": o.units,
        "delivered": o.delivered,
        "cost": o.cost.to_units(),
        "fixed": o.fixed,
    })
}

fn goal(g: &GoalRow) -> Value {
    json!({
        "goal": g.goal,
        "name": g.name,
        "year": g.year,
        "target": g.target,
        "achieved": g.achieved,
        "credited": g.credited,
        "percent": g.percent,
    })
}

fn phase(p: &PhaseRow) -> Value {
    json!({
        "phase": p.id,
        "name": p.name,
        "start": p.start,
        "end": p.end,
        "budget": p.budget.to_units(),
        "spend": p.spend.to_units(),
        "orders": p.orders,
        "order_value": p.order_value.to_units(),
    })
}

/// The `relaxation` object of an infeasible result.
pub fn relaxation_value(relaxation: &Relaxation) -> Value {
    let findings = relaxation.findings();
    match relaxation {
        Relaxation::Budget { years, total } => json!({
            "kind": "budget",
            "extra_budget_total": total.to_units(),
            "extra_budget": years.iter().map(|y| json!({
                "year": y.year,
                "amount": y.amount.to_units(),
                "line": y.at.line,
            })).collect::<Vec<_>>(),
            "findings": findings,
        }),
        Relaxation::Target { shortfalls } => json!({
            "kind": "target",
            "shortfalls": shortfalls.iter().map(|s| json!({
                "goal": s.goal,
                "year": s.year,
                "shortfall": s.shortfall,
                "target": s.target,
                "line": s.at.line,
            })).collect::<Vec<_>>(),
            "findings": findings,
        }),
        Relaxation::Structural { reasons } => json!({
            "kind": "structural",
            "reasons": reasons,
        }),
    }
}

/// The `causes` list of a relaxation (section 9): `kind`, `item` or `goal`,
/// `year` (null for `min_units`), `line`, and the file and amount.
pub fn causes_value(causes: &Causes) -> Value {
    causes
        .causes
        .iter()
        .map(|c| {
            let mut value = json!({"kind": c.kind.name()});
            if let Some(map) = value.as_object_mut() {
                let key = if c.kind == CauseKind::Target {
                    "goal"
                } else {
                    "item"
                };
                map.insert(key.into(), json!(c.id));
                map.insert("year".into(), json!(c.year));
                map.insert("line".into(), json!(c.at.line));
                map.insert("file".into(), json!(c.at.file));
                if c.kind == CauseKind::Fixed {
                    map.insert("years".into(), json!(c.years));
                }
                map.insert("amount".into(), json!(c.amount));
            }
            value
        })
        .collect()
}
