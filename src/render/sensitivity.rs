//! Budget sensitivity as a table or JSON.

use super::format::MoneyScale;
use super::number;
use crate::money::Money;
use crate::report::Status;
use crate::whatif::sensitivity::{Sensitivity, Shift, StepOf};
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, Table};
use serde_json::{json, Value};

/// The mark after a figure whose solve was not proven optimal.
const NOT_PROVEN: &str = " (not optimal)";

/// The sensitivity as text.
pub fn table(plan: &str, currency: &str, s: &Sensitivity) -> String {
    let step = s.step.short();
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED).set_header(vec![
        "Year".to_string(),
        "Envelope".to_string(),
        "Open to plan".to_string(),
        format!("+{step}: readiness"),
        format!("+{step}: cost"),
        format!("-{step}: readiness"),
        format!("-{step}: cost"),
    ]);
    // A change measured from an unproven base is as unproven as the cell.
    let base_optimal = s.base.status == Status::Optimal;
    let right = |text: String| Cell::new(text).set_alignment(CellAlignment::Right);
    // Each money column in one scale (the number format's rule).
    let envelope_scale = MoneyScale::of(s.years.iter().map(|y| y.envelope));
    let open_scale = MoneyScale::of(s.years.iter().map(|y| y.budget));
    let up_scale = MoneyScale::of(s.years.iter().filter_map(|y| y.raised.cost_change));
    let down_scale = MoneyScale::of(
        s.years
            .iter()
            .filter_map(|y| y.lowered.as_ref().and_then(|l| l.cost_change)),
    );
    for y in &s.years {
        let (up_r, up_c) = cells(Some(&y.raised), base_optimal, up_scale);
        let (down_r, down_c) = cells(y.lowered.as_ref(), base_optimal, down_scale);
        t.add_row(vec![
            Cell::new(y.year),
            right(envelope_scale.show(y.envelope)),
            right(open_scale.show(y.budget)),
            right(up_r),
            right(up_c),
            right(down_r),
            right(down_c),
        ]);
    }
    let base = if s.base.has_schedule() {
        format!(
            "base: readiness {}%, total cost {} {currency} ({})",
            number(s.base.readiness, 2),
            s.base.total_cost.short(),
            s.base.status.name()
        )
    } else {
        format!("base: {}", s.base.status.name())
    };
    let stepped = match s.of {
        StepOf::Envelope => format!(
            "each year's envelope raised and lowered by {step} {currency} ({} {currency} open to the plan)",
            s.open_step.short()
        ),
        StepOf::Open => {
            format!("each year's money open to the plan (B_y) raised and lowered by {step} {currency}")
        }
    };
    let mut text = format!(
        "{plan}\nBudget sensitivity: {stepped}\n{base}\n{t}\nreadiness in percentage points; a year whose money open to the plan is below the step is not lowered\n"
    );
    let marked = s
        .years
        .iter()
        .flat_map(|y| std::iter::once(&y.raised).chain(y.lowered.as_ref()))
        .any(|shift| {
            (shift.status != Status::Optimal || !base_optimal) && shift.readiness_change.is_some()
        });
    if marked {
        text.push_str(
            "figures marked (not optimal) come from schedules not proven optimal (the time limit \
             ran out, or the solver gave up): they may change with more time\n",
        );
    }
    let mut switches = String::new();
    for y in &s.years {
        let shifts = [("+", Some(&y.raised)), ("-", y.lowered.as_ref())];
        for (sign, shift) in shifts {
            if let Some(shift) = shift.filter(|s| !s.switched.is_empty()) {
                switches.push_str(&format!(
                    "{} {sign}{step}: the schedule switches item set: {}\n",
                    y.year,
                    shift.switched.describe()
                ));
            }
        }
    }
    text.push_str(&switches);
    text
}

fn cells(shift: Option<&Shift>, base_optimal: bool, scale: MoneyScale) -> (String, String) {
    match shift {
        None => ("-".into(), "-".into()),
        Some(s) => match (s.readiness_change, s.cost_change) {
            (Some(r), Some(c)) if s.status != Status::Optimal || !base_optimal => (
                format!("{}{NOT_PROVEN}", signed(r)),
                format!("{}{NOT_PROVEN}", signed_money(c, scale)),
            ),
            (Some(r), Some(c)) => (signed(r), signed_money(c, scale)),
            _ => (s.status.name().into(), "-".into()),
        },
    }
}

fn signed(x: f64) -> String {
    let x = if x.abs() < 5e-7 { 0.0 } else { x };
    let text = number(x, 2);
    if x > 0.0 {
        format!("+{text}")
    } else {
        text
    }
}

fn signed_money(m: Money, scale: MoneyScale) -> String {
    if m.cents() > 0 {
        format!("+{}", scale.show(m))
    } else {
        scale.show(m)
    }
}

fn shift_value(s: &Shift) -> Value {
    let mut value = json!({
        "status": s.status.name(),
        "readiness_change": s.readiness_change,
        "total_cost_change": s.cost_change.map(|c| c.to_units()),
    });
    // What switched, only where the item set changes (section 9).
    if let (false, Some(map)) = (s.switched.is_empty(), value.as_object_mut()) {
        map.insert(
            "switched".into(),
            json!({"adds": s.switched.adds, "drops": s.switched.drops}),
        );
    }
    value
}

/// The sensitivity as pretty JSON text.
pub fn json(plan: &str, s: &Sensitivity) -> String {
    let value = json!({
        "plan": plan,
        "step": s.step.to_units(),
        "of": s.of.name(),
        "open_step": s.open_step.to_units(),
        "base": {
            "status": s.base.status.name(),
            "readiness": s.base.has_schedule().then_some(s.base.readiness),
            "total_cost": s.base.has_schedule().then_some(s.base.total_cost.to_units()),
        },
        "years": s.years.iter().map(|y| json!({
            "year": y.year,
            "envelope": y.envelope.to_units(),
            "budget": y.budget.to_units(),
            "raised": shift_value(&y.raised),
            "lowered": y.lowered.as_ref().map(shift_value),
        })).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}
