//! The sheets and charts of a solve's workbook.

use super::{field, heading, provenance_rows, summary_sheet, Cell, Sheet};
use crate::report::{ItemRow, Report};
use rust_xlsxwriter::{
    Chart, ChartFormat, ChartLine, ChartLineDashType, ChartMarker, ChartMarkerType, ChartSolidFill,
    ChartType,
};

/// Colours of the reference lines and marks.
const DARK_GREY: &str = "#595959";
const DARK_RED: &str = "#C00000";

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
        "Envelopes (total)",
        Cell::Money(inputs.envelope_total),
    ));
    rows.push(field(
        "Budget B_y (total)",
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
        rows.push(field("Solver nodes", Cell::Int(report.solver.nodes as i64)));
    }
    summary_sheet(rows)
}

/// Money by year, then spend by category.
pub(super) fn years(report: &Report) -> Sheet {
    let mut header = vec![
        "Year".to_string(),
        "Phase".into(),
        "Envelope".into(),
        "Budget".into(),
        "Available".into(),
        "Payments".into(),
        "Sustainment".into(),
        "Spend".into(),
        "Carry-out".into(),
        "Used %".into(),
    ];
    header.extend(
        report
            .category_spend
            .iter()
            .map(|c| format!("Spend: {}", c.category)),
    );
    let rows = report
        .years
        .iter()
        .enumerate()
        .map(|(t, y)| {
            let mut row = vec![
                Cell::Int(y.year.into()),
                Cell::text(y.phase.as_deref().unwrap_or("")),
                Cell::Money(y.envelope),
                Cell::Money(y.budget),
                Cell::Money(y.available),
                Cell::Money(y.payments),
                Cell::Money(y.sustainment),
                Cell::Money(y.spend),
                Cell::Money(y.carry_out),
                Cell::Percent(y.utilisation),
            ];
            row.extend(
                report
                    .category_spend
                    .iter()
                    .map(|c| c.spend.get(t).map_or(Cell::Blank, |m| Cell::Money(*m))),
            );
            row
        })
        .collect();
    Sheet {
        header,
        rows,
        filter: true,
    }
}

/// Columns of the budget lines and of the first category spend in Years.
const YEARS_BUDGET_COL: u16 = 3;
const YEARS_AVAILABLE_COL: u16 = 4;
const YEARS_FIRST_CATEGORY_COL: u16 = 10;

/// Spend stacked by category as columns, the budget B_y as a line.
pub(super) fn spend_chart(report: &Report) -> Chart {
    let last = report.years.len() as u32;
    let mut chart = Chart::new(ChartType::ColumnStacked);
    for k in 0..report.category_spend.len() {
        let col = YEARS_FIRST_CATEGORY_COL + k as u16;
        chart
            .add_series()
            .set_name(("Years", 0, col))
            .set_categories(("Years", 1, 0, last, 0))
            .set_values(("Years", 1, col, last, col));
    }
    let mut budget = Chart::new(ChartType::Line);
    budget
        .add_series()
        .set_name(("Years", 0, YEARS_BUDGET_COL))
        .set_categories(("Years", 1, 0, last, 0))
        .set_values(("Years", 1, YEARS_BUDGET_COL, last, YEARS_BUDGET_COL))
        .set_marker(ChartMarker::new().set_type(ChartMarkerType::Diamond));
    // Carry-over lets a year spend above its budget, up to what is available.
    budget
        .add_series()
        .set_name(("Years", 0, YEARS_AVAILABLE_COL))
        .set_categories(("Years", 1, 0, last, 0))
        .set_values(("Years", 1, YEARS_AVAILABLE_COL, last, YEARS_AVAILABLE_COL))
        .set_format(
            ChartFormat::new().set_line(
                ChartLine::new()
                    .set_color(DARK_GREY)
                    .set_dash_type(ChartLineDashType::Dash),
            ),
        );
    chart.combine(&budget);
    chart.title().set_name(&format!(
        "Spend by category vs budget ({})",
        report.currency
    ));
    chart.x_axis().set_name("Year");
    chart
        .y_axis()
        .set_name(&format!("Spend ({})", report.currency))
        .set_num_format("#,##0.0,,\"M\"");
    chart.set_width(720).set_height(400);
    chart
}

pub(super) fn orders(report: &Report) -> Sheet {
    let rows = report
        .orders
        .iter()
        .map(|o| {
            vec![
                Cell::Int(o.year.into()),
                Cell::text(o.phase.as_deref().unwrap_or("")),
                Cell::text(&o.item),
                Cell::text(&o.name),
                Cell::text(&o.category),
                Cell::Number(o.units),
                Cell::Int(o.delivered.into()),
                Cell::Money(o.cost),
                Cell::Bool(o.fixed),
            ]
        })
        .collect();
    Sheet::table(
        &[
            "Year",
            "Phase",
            "Item",
            "Name",
            "Category",
            "Units",
            "Delivered",
            "Cost",
            "Fixed",
        ],
        rows,
    )
}

/// Columns of the goal chart's data in Goals.
const GOALS_TARGET_COL: u16 = 4;
const GOALS_ACHIEVED_COL: u16 = 5;

pub(super) fn goals(report: &Report) -> Sheet {
    let rows = report
        .goals
        .iter()
        .map(|g| {
            vec![
                Cell::Int(g.year.into()),
                Cell::text(&g.goal),
                Cell::text(&g.name),
                Cell::Number(g.weight),
                Cell::Number(g.target),
                Cell::Number(g.achieved),
                Cell::Number(g.credited),
                Cell::Percent(g.percent),
            ]
        })
        .collect();
    Sheet::table(
        &[
            "Year", "Goal", "Name", "Weight", "Target", "Achieved", "Credited", "Met %",
        ],
        rows,
    )
}

/// Achieved points as columns, the target as a marker, per milestone
/// (categories: year, then goal id: names are too long for an axis).
pub(super) fn goal_chart(report: &Report) -> Chart {
    let last = report.goals.len() as u32;
    let mut chart = Chart::new(ChartType::Column);
    chart
        .add_series()
        .set_name(("Goals", 0, GOALS_ACHIEVED_COL))
        .set_categories(("Goals", 1, 0, last, 1))
        .set_values(("Goals", 1, GOALS_ACHIEVED_COL, last, GOALS_ACHIEVED_COL));
    let mut target = Chart::new(ChartType::Line);
    target
        .add_series()
        .set_name(("Goals", 0, GOALS_TARGET_COL))
        .set_categories(("Goals", 1, 0, last, 1))
        .set_values(("Goals", 1, GOALS_TARGET_COL, last, GOALS_TARGET_COL))
        .set_format(ChartFormat::new().set_no_line())
        .set_marker(
            ChartMarker::new()
                .set_type(ChartMarkerType::LongDash)
                .set_size(14)
                .set_format(
                    ChartFormat::new()
                        .set_solid_fill(ChartSolidFill::new().set_color(DARK_RED))
                        .set_border(ChartLine::new().set_color(DARK_RED)),
                ),
        );
    chart.combine(&target);
    chart.title().set_name("Goal attainment vs target");
    chart.y_axis().set_name("Points");
    chart.set_width(720).set_height(400);
    chart
}

pub(super) fn phases(report: &Report) -> Sheet {
    let rows = report
        .phases
        .iter()
        .map(|p| {
            vec![
                Cell::text(&p.id),
                Cell::text(&p.name),
                Cell::Int(p.start.into()),
                Cell::Int(p.end.into()),
                Cell::Money(p.budget),
                Cell::Money(p.spend),
                Cell::Int(p.orders as i64),
                Cell::Money(p.order_value),
            ]
        })
        .collect();
    Sheet::table(
        &[
            "Phase",
            "Name",
            "Start",
            "End",
            "Budget",
            "Spend",
            "Orders",
            "Order value",
        ],
        rows,
    )
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
