//! The budget sweep as a table or JSON (plan format, section 6).

use super::number;
use crate::relax::Relaxation;
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

/// One point; an infeasible point also says what it lacks (`relaxation`,
/// as in a solve result).
fn point_value(p: &SweepPoint) -> Value {
    let mut v = json!({
        "scale": p.scale,
        "total_budget": p.total_budget.to_units(),
        "readiness": p.readiness,
        "score": p.score,
        "total_cost": p.total_cost.map(|c| c.to_units()),
        "status": p.status.name(),
    });
    if let (Some(r), Some(map)) = (&p.relaxation, v.as_object_mut()) {
        map.insert("relaxation".into(), super::json::relaxation_value(r));
    }
    v
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
    t.load_preset(UTF8_FULL_CONDENSED).set_header(vec![
        "Scale",
        "Total budget",
        "Readiness %",
        "Score",
        "Total cost",
        "Status",
        "",
    ]);
    for p in &sweep.points {
        let right = |s: String| Cell::new(s).set_alignment(CellAlignment::Right);
        t.add_row(vec![
            right(number(p.scale, 4)),
            right(p.total_budget.short()),
            right(p.readiness.map_or("-".into(), |r| number(r, 1))),
            right(p.score.map_or("-".into(), |s| number(s, 3))),
            right(p.total_cost.map_or("-".into(), |c| c.short())),
            Cell::new(status(p)),
            Cell::new(bar(p.readiness.unwrap_or(0.0))),
        ]);
    }
    let mut text = format!(
        "{}\nBudget sweep (money in {})\n{t}\n",
        sweep.plan, sweep.currency
    );
    for p in &sweep.points {
        if let Some(r) = &p.relaxation {
            text.push_str(&format!(
                "scale {} is infeasible: {}\n",
                number(p.scale, 4),
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
