//! The budget sweep as a table or JSON (plan format, section 6).

use super::number;
use crate::relax::Relaxation;
use crate::report::Status;
use crate::whatif::sweep::{SweepPoint, SweepReport};
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, Table};
use serde_json::{json, Value};

/// The sweep as a JSON value.
pub fn to_value(sweep: &SweepReport) -> Value {
    json!({
        "plan": sweep.plan,
        "points": sweep.points.iter().map(point_value).collect::<Vec<_>>(),
        "provenance": super::json::provenance(&sweep.provenance),
        "solver": {"backend": sweep.backend},
    })
}

/// One point; an infeasible point also lists its `causes` (section 9).
fn point_value(p: &SweepPoint) -> Value {
    let mut value = json!({
        "scale": p.scale,
        "total_budget": p.total_budget.to_units(),
        "readiness": p.readiness,
        "score": p.score,
        "total_cost": p.total_cost.map(|c| c.to_units()),
        "status": p.status.name(),
    });
    if let Some(map) = value.as_object_mut() {
        map.insert(
            "national_cost".into(),
            json!(p.national_cost.map(|c| c.to_units())),
        );
        if let Some(swept) = p.value {
            map.insert("value".into(), json!(swept));
        }
        if p.status == Status::Infeasible {
            map.insert("causes".into(), super::json::causes_value(&p.causes));
        }
        if let Some(r) = &p.relaxation {
            map.insert("relaxation".into(), super::json::relaxation_value(r));
        }
    }
    value
}

/// The sweep as pretty JSON text.
pub fn json(sweep: &SweepReport) -> String {
    let mut text = serde_json::to_string_pretty(&to_value(sweep)).unwrap_or_default();
    text.push('\n');
    text
}

/// The sweep as a table, with a bar for readiness.
pub fn table(sweep: &SweepReport) -> String {
    let mut t = Table::new();
    let param = sweep.param.as_deref();
    let mut header = vec![
        "Scale",
        "Total budget",
        "Readiness %",
        "Score",
        "Total cost",
        "Status",
        "Readiness (# = 5%)",
    ];
    if let Some(param) = param {
        header.insert(0, param);
    }
    t.load_preset(UTF8_FULL_CONDENSED).set_header(header);
    for p in &sweep.points {
        let right = |s: String| Cell::new(s).set_alignment(CellAlignment::Right);
        let mut row = vec![
            right(number(p.scale, 4)),
            right(p.total_budget.short()),
            right(p.readiness.map_or("-".into(), |r| number(r, 1))),
            right(p.score.map_or("-".into(), |s| number(s, 3))),
            right(p.total_cost.map_or("-".into(), |c| c.short())),
            Cell::new(status(p)),
            Cell::new(bar(p.readiness.unwrap_or(0.0))),
        ];
        if let Some(value) = p.value.filter(|_| param.is_some()) {
            row.insert(0, right(number(value, 6)));
        }
        t.add_row(row);
    }
    let mut text = match param {
        None => format!(
            "{}\nBudget sweep (money in {})\n{t}\n",
            sweep.plan, sweep.currency
        ),
        Some(param) => format!(
            "{}\nSweep of {param} (money in {})\n{t}\n",
            sweep.plan, sweep.currency
        ),
    };
    for p in &sweep.points {
        if let Some(r) = &p.relaxation {
            let at = match (param, p.value) {
                (Some(param), Some(value)) => format!("{param} = {}", number(value, 6)),
                _ => format!("scale {}", number(p.scale, 4)),
            };
            text.push_str(&format!(
                "{at} is infeasible: {}\n",
                r.findings().join("; ")
            ));
        }
    }
    text
}

/// The status of a point; an infeasible one with the money it lacks.
fn status(p: &SweepPoint) -> String {
    match &p.relaxation {
        Some(Relaxation::Budget { total, .. }) => {
            format!("{} ({} short)", p.status.name(), total.short())
        }
        Some(Relaxation::Target { .. }) => format!("{} (targets out of reach)", p.status.name()),
        Some(Relaxation::Structural { .. }) => format!("{} (rules conflict)", p.status.name()),
        None => p.status.name().into(),
    }
}

/// A 20-character bar for a percentage.
fn bar(percent: f64) -> String {
    let filled = (percent.clamp(0.0, 100.0) / 5.0).round() as usize;
    "#".repeat(filled)
}
