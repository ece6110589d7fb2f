//! The workbooks of `compare` and `sensitivity`.
//!
//! Compare: a Compare sheet laid out as the terminal table (one column
//! per run, one row per figure: status, readiness, score, costs, the bill
//! after the horizon, spend by year, credit by milestone) and a Moves
//! sheet (what moved in each run against the reference). Sensitivity: a
//! Summary (the step and the base run) and a Sensitivity sheet (one row
//! per year, the change in readiness and total cost when the year's money
//! is raised and lowered). Typed cells read from the results; nothing is
//! computed here.

use super::{field, heading, summary_sheet, Cell, Sheet};
use crate::report::Report;
use crate::whatif::compare::Comparison;
use crate::whatif::sensitivity::{Sensitivity, Shift};

/// One column per run.
pub(super) fn compare(c: &Comparison) -> Sheet {
    let mut header = vec![String::new()];
    header.extend(c.runs.iter().map(|r| r.label.clone()));
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let row = |label: String, f: &dyn Fn(&Report) -> Cell| {
        let mut cells = vec![Cell::Text(label)];
        cells.extend(c.runs.iter().map(|r| {
            if r.report.has_schedule() {
                f(&r.report)
            } else {
                Cell::Blank
            }
        }));
        cells
    };
    let mut status = vec![Cell::text("Status")];
    status.extend(c.runs.iter().map(|r| Cell::text(r.report.status.name())));
    rows.push(status);
    if c.reference != 0 {
        let mut reference = vec![Cell::text("Compared with")];
        reference.extend(
            c.runs
                .iter()
                .enumerate()
                .map(|(k, _)| Cell::Bool(k == c.reference)),
        );
        rows.push(reference);
    }
    rows.push(row("Readiness %".into(), &|r| Cell::Percent(r.readiness)));
    rows.push(row("Score".into(), &|r| Cell::Number(r.score)));
    rows.push(row("Total cost".into(), &|r| Cell::Money(r.total_cost)));
    rows.push(row("National cost".into(), &|r| {
        Cell::Money(r.national_cost)
    }));
    rows.push(row("After horizon".into(), &|r| {
        Cell::Money(r.commitments_after_horizon)
    }));
    let mut years: Vec<i32> = c
        .runs
        .iter()
        .flat_map(|r| r.report.years.iter().map(|y| y.year))
        .collect();
    years.sort_unstable();
    years.dedup();
    for year in years {
        rows.push(row(format!("Spend {year}"), &|r| {
            r.years
                .iter()
                .find(|y| y.year == year)
                .map_or(Cell::Blank, |y| Cell::Money(y.spend))
        }));
    }
    let mut milestones: Vec<(String, i32)> = Vec::new();
    for r in &c.runs {
        for g in &r.report.goals {
            if !milestones
                .iter()
                .any(|(id, y)| *id == g.goal && *y == g.year)
            {
                milestones.push((g.goal.clone(), g.year));
            }
        }
    }
    for (goal, year) in milestones {
        rows.push(row(format!("{goal} {year} credited"), &|r| {
            r.goals
                .iter()
                .find(|g| g.goal == goal && g.year == year)
                .map_or(Cell::Blank, |g| Cell::Number(g.credited))
        }));
    }
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut sheet = Sheet::table(&header, rows);
    sheet.filter = false;
    sheet
}

/// What moved in each run against the reference: one row per item.
pub(super) fn moves(c: &Comparison) -> Sheet {
    let reference = c.reference_run().map_or("Base", |r| {
        if c.reference == 0 {
            "Base"
        } else {
            r.label.as_str()
        }
    });
    let orders = |o: &[(i32, f64)]| {
        o.iter()
            .map(|(year, units)| format!("{} in {year}", crate::render::units(*units)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut rows = Vec::new();
    for (k, moves) in c.compared().into_iter().zip(&c.moves) {
        for m in moves {
            rows.push(vec![
                Cell::text(&c.runs[k].label),
                Cell::text(&m.item),
                Cell::text(&m.name),
                Cell::text(m.kind.name()),
                Cell::Text(orders(&m.base)),
                Cell::Text(orders(&m.variant)),
            ]);
        }
    }
    let reference_orders = format!("{reference} orders");
    Sheet::table(
        &[
            "Run",
            "Item",
            "Name",
            "Change",
            &reference_orders,
            "Run orders",
        ],
        rows,
    )
}

/// The step and the base run.
pub(super) fn sensitivity_summary(plan: &str, currency: &str, s: &Sensitivity) -> Sheet {
    let mut rows = Vec::new();
    heading(&mut rows, "Budget sensitivity");
    rows.push(field("Plan", Cell::text(plan)));
    rows.push(field("Currency", Cell::text(currency)));
    rows.push(field("Step", Cell::Money(s.step)));
    rows.push(field("Base status", Cell::text(s.base.status.name())));
    if s.base.has_schedule() {
        rows.push(field("Base readiness %", Cell::Percent(s.base.readiness)));
        rows.push(field("Base total cost", Cell::Money(s.base.total_cost)));
    }
    summary_sheet(rows)
}

/// One row per year: the change when its money is raised and lowered.
pub(super) fn sensitivity(s: &Sensitivity) -> Sheet {
    let step = s.step.short();
    let raised_r = format!("+{step}: readiness change");
    let raised_c = format!("+{step}: cost change");
    let raised_s = format!("+{step}: status");
    let lowered_r = format!("-{step}: readiness change");
    let lowered_c = format!("-{step}: cost change");
    let lowered_s = format!("-{step}: status");
    let rows = s
        .years
        .iter()
        .map(|y| {
            let mut row = vec![Cell::Int(i64::from(y.year)), Cell::Money(y.budget)];
            row.extend(shift_cells(Some(&y.raised)));
            row.extend(shift_cells(y.lowered.as_ref()));
            row
        })
        .collect();
    Sheet::table(
        &[
            "Year", "Budget", &raised_r, &raised_c, &raised_s, &lowered_r, &lowered_c, &lowered_s,
        ],
        rows,
    )
}

fn shift_cells(shift: Option<&Shift>) -> [Cell; 3] {
    match shift {
        None => [Cell::Blank, Cell::Blank, Cell::Blank],
        Some(s) => [
            Cell::number_or_blank(s.readiness_change),
            s.cost_change.map_or(Cell::Blank, Cell::Money),
            Cell::text(s.status.name()),
        ],
    }
}
