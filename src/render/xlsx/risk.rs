//! The sheets and chart of a risk analysis's workbook.

use super::{field, heading, provenance_rows, summary_sheet, Cell, Sheet};
use crate::whatif::risk::RiskReport;
use rust_xlsxwriter::{Chart, ChartType};

/// The run's size, the headline bands and the provenance.
pub(super) fn summary(risk: &RiskReport) -> Sheet {
    let mut rows = Vec::new();
    heading(&mut rows, "Budget risk");
    rows.push(field("Plan", Cell::text(&risk.plan)));
    rows.push(field("Currency", Cell::text(&risk.currency)));
    rows.push(field("Futures", Cell::Int(risk.futures as i64)));
    rows.push(field("Seed", Cell::Int(risk.options.seed as i64)));
    rows.push(field("Drawn from", Cell::Int(i64::from(risk.first_open))));
    rows.push(field("With a schedule", Cell::Int(risk.scheduled as i64)));
    rows.push(field("Infeasible", Cell::Int(risk.infeasible as i64)));
    rows.push(field("Not proven", Cell::Int(risk.not_proven as i64)));
    if let Some(b) = risk.readiness.bands {
        rows.push(field("Readiness P10 %", Cell::Percent(b.p10)));
        rows.push(field("Readiness P50 %", Cell::Percent(b.p50)));
        rows.push(field("Readiness P90 %", Cell::Percent(b.p90)));
    }
    provenance_rows(&mut rows, &risk.provenance);
    rows.push(field("Solver backend", Cell::text(risk.backend)));
    summary_sheet(rows)
}

/// The milestones' probabilities, then the items' shares.
pub(super) fn milestones(risk: &RiskReport) -> Sheet {
    let rows = risk
        .milestones
        .iter()
        .map(|m| {
            vec![
                Cell::text(&m.name),
                Cell::Int(i64::from(m.year)),
                Cell::Percent(100.0 * m.probability_met),
                m.mean_credited
                    .map_or(Cell::Blank, |c| Cell::Percent(100.0 * c)),
                Cell::Bool(m.met_in_plan),
            ]
        })
        .collect();
    Sheet::table(
        &[
            "Goal",
            "Milestone",
            "P(met) %",
            "Mean credited %",
            "Met in plan",
        ],
        rows,
    )
}

/// How often each item is bought, in file order.
pub(super) fn items(risk: &RiskReport) -> Sheet {
    let rows = risk
        .items
        .iter()
        .map(|i| {
            vec![
                Cell::text(&i.name),
                Cell::Percent(100.0 * i.share_bought),
                Cell::number_or_blank(i.median_units),
                i.median_year
                    .map_or(Cell::Blank, |y| Cell::Int(i64::from(y))),
                Cell::text(i.verdict.name()),
                Cell::Number(i.units_in_plan),
            ]
        })
        .collect();
    Sheet::table(
        &[
            "Item",
            "Bought in %",
            "Median units",
            "Median year",
            "Verdict",
            "Units in plan",
        ],
        rows,
    )
}

/// The probability of each milestone as bars.
pub(super) fn milestone_chart(risk: &RiskReport) -> Chart {
    let last = risk.milestones.len() as u32;
    let mut chart = Chart::new(ChartType::Bar);
    chart
        .add_series()
        .set_name("P(met) %")
        .set_categories(("Risk", 1, 0, last, 0))
        .set_values(("Risk", 1, 2, last, 2));
    chart.title().set_name("Probability each milestone is met");
    chart.x_axis().set_name("%").set_max(100);
    chart.legend().set_hidden();
    chart.set_width(720).set_height(400);
    chart
}
