//! The sheets of a solve's workbook (its charts are in [`super::charts`]).

use super::{field, heading, provenance_rows, summary_sheet, Cell, Sheet};
use crate::render::columns::{self, Column, Outputs, Value};
use crate::report::{ItemRow, Report};
/// Headline figures, the inputs' key facts and provenance.
pub(super) fn summary(report: &Report) -> Sheet {
    let mut rows = Vec::new();
    heading(&mut rows, "Result");
    rows.push(field("Plan", Cell::text(&report.plan)));
    rows.push(field("Objective", Cell::text(report.objective.name())));
    rows.push(field("Status", Cell::text(report.status.name())));
    if report.has_schedule() {
        rows.push(field("Readiness %", Cell::Percent(report.readiness)));
        rows.push(field("Score", Cell::Number(report.score)));
    }
    rows.push(field("Max score", Cell::Number(report.max_score)));
    if report.has_schedule() {
        rows.push(field("Total cost", Cell::Money(report.total_cost)));
        rows.push(field(
            "Commitments after horizon",
            Cell::Money(report.commitments_after_horizon),
        ));
        // `[budget] max_after_end`, only when the plan has it.
        if let Some(cap) = report.after_horizon.cap {
            rows.push(field("Max after end", Cell::Money(cap)));
        }
        rows.push(field(
            "Lapsed (total)",
            Cell::Money(report.year_totals.lapsed),
        ));
        rows.push(field(
            "Post-solve check",
            Cell::text(if report.violations.is_empty() {
                "passed".to_string()
            } else {
                format!("FAILED: {} rules broken", report.violations.len())
            }),
        ));
        for v in &report.violations {
            rows.push(field("Broken rule", Cell::text(v.to_string())));
        }
    }
    if let Some(caveat) = report.caveat() {
        rows.push(field("Note", Cell::text(caveat)));
    }
    for finding in report.infeasibility_findings() {
        rows.push(field("Finding", Cell::text(finding)));
    }
    let inputs = &report.inputs;
    heading(&mut rows, "Inputs");
    rows.push(field("First year", Cell::Int(report.horizon.0.into())));
    rows.push(field("Last year", Cell::Int(report.horizon.1.into())));
    rows.push(field("Currency", Cell::text(&report.currency)));
    rows.push(field(
        "Envelope (total)",
        Cell::Money(inputs.envelope_total),
    ));
    rows.push(field(
        "Open to the plan (total)",
        Cell::Money(inputs.budget_total),
    ));
    rows.push(field("Capital share", Cell::Number(inputs.capital_share)));
    rows.push(field("Carry-over", Cell::Number(inputs.carryover)));
    rows.push(field("Scale", Cell::Number(inputs.scale)));
    rows.push(field("Items", Cell::Int(inputs.items.len() as i64)));
    rows.push(field("Goals", Cell::Int(inputs.goals as i64)));
    rows.push(field("Milestones", Cell::Int(inputs.milestones as i64)));
    rows.push(field("Phases", Cell::Int(inputs.phases as i64)));
    provenance_rows(&mut rows, &report.provenance);
    rows.push(field("Solver backend", Cell::text(report.solver.backend)));
    rows.push(field("Solver status", Cell::text(report.status.name())));
    if report.solver.counts_nodes {
        rows.push(field(
            "Solver nodes",
            Cell::Int(report.solver.nodes() as i64),
        ));
    }
    summary_sheet(rows)
}

/// A sheet from a table's declared columns: titles as the header, one
/// typed cell per value.
fn column_sheet<R>(report: &Report, columns: &[Column<R>], rows: &[R]) -> Sheet {
    let shown = columns::shown(columns, Outputs::XLSX, report);
    Sheet {
        header: shown.iter().map(|c| c.title.to_string()).collect(),
        rows: rows
            .iter()
            .map(|row| shown.iter().map(|c| cell((c.value)(report, row))).collect())
            .collect(),
        filter: true,
    }
}

/// A value as a workbook cell.
fn cell(value: Value) -> Cell {
    match value {
        Value::Money(m) => Cell::Money(m),
        Value::Units(x) | Value::Points(x) => Cell::Number(x),
        Value::Percent(x) => Cell::Percent(x),
        Value::Year { year, .. } => Cell::Int(year.into()),
        Value::Count(n) => Cell::Int(n),
        Value::Flag(b) => Cell::Bool(b),
        Value::Text(s) => Cell::Text(s),
        Value::Blank => Cell::Blank,
    }
}

/// Money by year, then spend by category.
pub(super) fn years(report: &Report) -> Sheet {
    let mut sheet = column_sheet(report, columns::YEARS, &report.years);
    sheet.header.extend(
        report
            .category_spend
            .iter()
            .map(|c| format!("Spend: {}", c.category)),
    );
    for (t, row) in sheet.rows.iter_mut().enumerate() {
        row.extend(
            report
                .category_spend
                .iter()
                .map(|c| c.spend.get(t).map_or(Cell::Blank, |m| Cell::Money(*m))),
        );
    }
    sheet
}

pub(super) fn orders(report: &Report) -> Sheet {
    column_sheet(report, columns::ORDERS, &report.orders)
}

pub(super) fn goals(report: &Report) -> Sheet {
    column_sheet(report, columns::GOALS, &report.goals)
}

pub(super) fn phases(report: &Report) -> Sheet {
    column_sheet(report, columns::PHASES, &report.phases)
}

/// The cash flow: items down, years across, payments plus running costs,
/// a total per item and a total row equal to the Years sheet's spend.
pub(super) fn cashflow(report: &Report) -> Sheet {
    let years: Vec<String> = report.years.iter().map(|y| y.year.to_string()).collect();
    let mut header = vec!["Item"];
    header.extend(years.iter().map(String::as_str));
    header.push("Total");
    // Commitments after the horizon, when the plan leaves or caps them.
    let after = report.after_horizon.shown();
    let after_header = crate::render::cashflow::after_header(report);
    if after {
        header.push(&after_header);
    }
    let mut rows: Vec<Vec<Cell>> = crate::render::cashflow::grid_with_after(report)
        .into_iter()
        .map(|(name, cells, later)| {
            let total: crate::money::Money = cells.iter().copied().sum();
            let mut row = vec![Cell::text(name)];
            row.extend(cells.into_iter().map(Cell::Money));
            row.push(Cell::Money(total));
            if after {
                row.push(Cell::Money(later));
            }
            row
        })
        .collect();
    if report.has_schedule() {
        let mut total = vec![Cell::text("Total")];
        total.extend(report.years.iter().map(|y| Cell::Money(y.spend)));
        total.push(Cell::Money(report.year_totals.spend));
        if after {
            total.push(Cell::Money(report.after_horizon.total));
        }
        rows.push(total);
    }
    Sheet::table(&header, rows)
}

/// Items as the plan gives them.
pub(super) fn inputs(report: &Report) -> Sheet {
    let rows = report.inputs.items.iter().map(item_row).collect();
    Sheet::table(
        &[
            "Id",
            "Name",
            "Category",
            "Unit cost",
            "Min units",
            "Max units",
            "Max per year",
            "Divisible",
            "Order years",
            "Lead time",
            "Payments",
            "Sustainment",
            "Requires",
            "Contributes",
            "Fixed",
        ],
        rows,
    )
}

fn item_row(item: &ItemRow) -> Vec<Cell> {
    let shares: Vec<String> = item.payments.iter().map(|s| s.to_string()).collect();
    let contributes: Vec<String> = item
        .contributes
        .iter()
        .map(|(goal, points)| format!("{goal}: {points}"))
        .collect();
    let fixed: Vec<String> = item
        .fixed
        .iter()
        .map(|(year, units)| format!("{year}: {units}"))
        .collect();
    vec![
        Cell::text(&item.id),
        Cell::text(&item.name),
        Cell::text(&item.category),
        Cell::Money(item.unit_cost),
        Cell::Number(item.min_units),
        Cell::Number(item.max_units),
        Cell::number_or_blank(item.max_per_year),
        Cell::Bool(item.divisible),
        Cell::text(year_runs(&item.order_years)),
        Cell::Int(item.lead_time.into()),
        Cell::text(shares.join(", ")),
        Cell::Number(item.sustainment),
        Cell::text(item.requires.join(", ")),
        Cell::text(contributes.join("; ")),
        Cell::text(fixed.join("; ")),
    ]
}

/// Ascending years as runs: `2019-2021, 2024`.
fn year_runs(years: &[i32]) -> String {
    let mut runs: Vec<(i32, i32)> = Vec::new();
    for &y in years {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == y => *end = y,
            _ => runs.push((y, y)),
        }
    }
    runs.iter()
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}-{b}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_runs_join_consecutive_years() {
        assert_eq!(
            year_runs(&[2019, 2020, 2021, 2024, 2026, 2027]),
            "2019-2021, 2024, 2026-2027"
        );
        assert_eq!(year_runs(&[2025]), "2025");
        assert_eq!(year_runs(&[]), "");
    }
}
