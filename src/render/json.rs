//! The machine-readable result (plan format, section 3).
//!
//! Money is in currency units, years and orders sorted as the report holds
//! them. Nothing time-dependent is written, so the same plan gives the same
//! bytes.

use crate::cashflow::CashflowRow;
use crate::changes::Changes;
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
            "national_cost".into(),
            json!(report.national_cost.to_units()),
        );
        map.insert(
            "commitments_after_horizon".into(),
            json!(report.commitments_after_horizon.to_units()),
        );
        if report.after_horizon.shown() {
            map.insert(
                "after_horizon".into(),
                after_horizon_value(&report.after_horizon),
            );
        }
        map.insert(
            "sources".into(),
            report
                .sources
                .iter()
                .map(|s| {
                    json!({
                        "source": s.id,
                        "name": s.name,
                        "currency": s.currency,
                        "covers": s.covers,
                        "carryover": s.carryover,
                        "total": s.total.to_units(),
                        "spend": s.spend.to_units(),
                    })
                })
                .collect(),
        );
        map.insert("years".into(), report.years.iter().map(year).collect());
        map.insert("orders".into(), report.orders.iter().map(order).collect());
        map.insert("goals".into(), report.goals.iter().map(goal).collect());
        map.insert("phases".into(), report.phases.iter().map(phase).collect());
        map.insert(
            "cashflow".into(),
            report.cashflow.iter().map(cashflow_row).collect(),
        );
        map.insert(
            "check".into(),
            json!({
                "passed": report.violations.is_empty(),
                "violations": report.violations.iter().map(|v| v.to_string()).collect::<Vec<_>>(),
            }),
        );
    }
    if report.as_of != report.horizon.0 {
        map.insert("as_of".into(), json!(report.as_of));
    }
    if let Some(changes) = &report.changes {
        map.insert("changes".into(), changes_value(changes));
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
            "nodes": report.solver.counts_nodes.then_some(report.solver.nodes()),
            "gap": report.solver.gap(),
            "variables": report.solver.variables,
            "constraints": report.solver.constraints,
            "stages": report.solver.stages.iter().map(|s| json!({
                "stage": s.stage.name(),
                "nodes": report.solver.counts_nodes.then_some(s.nodes),
                "proven": s.proven,
                "gap": s.gap,
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

/// The `after_horizon` object: the cap (`null` without one), the total,
/// and each item's payments after the horizon, year by year.
pub fn after_horizon_value(a: &crate::after_horizon::AfterHorizon) -> Value {
    json!({
        "cap": a.cap.map(|c| c.to_units()),
        "total": a.total.to_units(),
        "items": a.items.iter().map(|i| json!({
            "item": i.item,
            "name": i.name,
            "total": i.amount.to_units(),
            "years": a.rows.iter().filter(|r| r.item == i.item).map(|r| json!({
                "year": r.year,
                "amount": r.amount.to_units(),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
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
        "national_spend": y.national_spend.to_units(),
        "carried_in": y.carried_in.to_units(),
        "lapsed": y.lapsed.to_units(),
        "sources": y.sources.iter().map(|s| json!({
            "source": s.source,
            "budget": s.budget.to_units(),
            "available": s.available.to_units(),
            "spend": s.spend.to_units(),
            "carry_out": s.carry_out.to_units(),
        })).collect::<Vec<_>>(),
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
        "funding": o.funding.iter().map(|(source, amount)| json!({
            "source": source,
            "amount": amount.to_units(),
        })).collect::<Vec<_>>(),
    })
}

fn goal(g: &GoalRow) -> Value {
    let mut value = json!({
        "goal": g.goal,
        "name": g.name,
        "year": g.year,
        "target": g.target,
        "achieved": g.achieved,
        "credited": g.credited,
        "percent": g.percent,
    });
    // Only history milestones carry the flag, so a plan without an as-of
    // year prints what it always printed.
    if let (true, Some(map)) = (g.history, value.as_object_mut()) {
        map.insert("history".into(), json!(true));
    }
    value
}

fn cashflow_row(c: &CashflowRow) -> Value {
    json!({
        "item": c.item,
        "year": c.year,
        "source": c.source,
        "payments": c.payments.to_units(),
        "sustainment": c.sustainment.to_units(),
    })
}

/// The `changes` object (section 7): only non-zero rows.
pub fn changes_value(c: &Changes) -> Value {
    json!({
        "churn": c.churn,
        "delta_score": c.delta_score,
        "delta_total_cost": c.delta_total_cost.to_units(),
        "orders": c.orders.iter().map(|o| json!({
            "item": o.item,
            "year": o.year,
            "baseline_units": o.baseline_units,
            "units": o.units,
            "delta_units": o.delta_units,
            "delta_cost": o.delta_cost.to_units(),
            "delta_points": o.delta_points,
        })).collect::<Vec<_>>(),
        "years": c.years.iter().map(|y| json!({
            "year": y.year,
            "delta_payments": y.delta_payments.to_units(),
            "delta_sustainment": y.delta_sustainment.to_units(),
            "delta_spend": y.delta_spend.to_units(),
        })).collect::<Vec<_>>(),
        "goals": c.goals.iter().map(|g| json!({
            "goal": g.goal,
            "year": g.year,
            "baseline_credited": g.baseline_credited,
            "credited": g.credited,
            "delta": g.delta,
        })).collect::<Vec<_>>(),
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
        "envelope": p.envelope.to_units(),
        "carried_in": p.carried_in.to_units(),
        "carry_out": p.carry_out.to_units(),
        "lapsed": p.lapsed.to_units(),
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
