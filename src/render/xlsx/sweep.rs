//! The sheets and chart of a sweep's workbook.

use super::{field, heading, provenance_rows, summary_sheet, Cell, Sheet};
use crate::whatif::sweep::SweepReport;
use rust_xlsxwriter::{Chart, ChartType};

/// The sweep's range and provenance.
pub(super) fn summary(sweep: &SweepReport) -> Sheet {
    let mut rows = Vec::new();
    heading(&mut rows, "Budget sweep");
    rows.push(field("Plan", Cell::text(&sweep.plan)));
    rows.push(field("Currency", Cell::text(&sweep.currency)));
    rows.push(field("Points", Cell::Int(sweep.points.len() as i64)));
    rows.push(field("Points optimal", Cell::Int(sweep.optimal as i64)));
    provenance_rows(&mut rows, &sweep.provenance);
    rows.push(field("Solver backend", Cell::text(sweep.backend)));
    summary_sheet(rows)
}

/// Columns of the frontier chart's data in Sweep.
const SWEEP_BUDGET_COL: u16 = 1;
const SWEEP_READINESS_COL: u16 = 2;

/// One row per point, sorted by scale.
pub(super) fn points(sweep: &SweepReport) -> Sheet {
    let rows = sweep
        .points
        .iter()
        .map(|p| {
            vec![
                Cell::Number(p.scale),
                Cell::Money(p.total_budget),
                p.readiness.map_or(Cell::Blank, Cell::Percent),
                Cell::number_or_blank(p.score),
                p.total_cost.map_or(Cell::Blank, Cell::Money),
                Cell::text(p.status.name()),
            ]
        })
        .collect();
    Sheet::table(
        &[
            "Scale",
            "Total budget",
            "Readiness %",
            "Score",
            "Total cost",
            "Status",
        ],
        rows,
    )
}

/// Readiness against total budget: the efficient frontier.
pub(super) fn frontier_chart(sweep: &SweepReport) -> Chart {
    let last = sweep.points.len() as u32;
    let mut chart = Chart::new(ChartType::ScatterStraightWithMarkers);
    chart
        .add_series()
        .set_name(("Sweep", 0, SWEEP_READINESS_COL))
        .set_categories(("Sweep", 1, SWEEP_BUDGET_COL, last, SWEEP_BUDGET_COL))
        .set_values(("Sweep", 1, SWEEP_READINESS_COL, last, SWEEP_READINESS_COL));
    chart.title().set_name("Readiness vs total budget");
    chart
        .x_axis()
        .set_name(&format!("Total budget ({})", sweep.currency))
        .set_num_format("#,##0,,\"M\"");
    chart.y_axis().set_name("Readiness %").set_max(100);
    chart.legend().set_hidden();
    chart.set_width(720).set_height(400);
    chart
}
