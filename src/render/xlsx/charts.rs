//! The Charts sheet of a solve's workbook: spend by category against the
//! budget, and goal attainment against target, where the reader looks
//! first (the tab after Summary, charts from the top-left corner).
//!
//! The charts read their own data block, written on the same sheet below
//! them ("Chart data"), so they never depend on the column layout of the
//! Years or Goals sheets. Categories get colours from one fixed palette
//! that keeps 16 of them apart; the goal chart names goals by name. Like
//! every renderer it lays out report values and computes nothing.

use super::{Cell, Style};
use crate::report::Report;
use rust_xlsxwriter::{
    Chart, ChartFormat, ChartLine, ChartLineDashType, ChartMarker, ChartMarkerType, ChartSolidFill,
    ChartType, Worksheet, XlsxError,
};

/// The sheet's name.
pub(super) const SHEET: &str = "Charts";

/// Category colours in a fixed order: the Okabe-Ito colours (safe with the
/// common colour-vision deficiencies) first, then nine hues from the
/// Tableau and ColorBrewer sets, each chosen in turn as the farthest (in
/// CIELAB) from those before it, so 16 categories stay apart (every pair at
/// least 25 apart); a 17th reuses the first colour.
pub(super) const PALETTE: [&str; 16] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#003C30",
    "#6A3D9A", "#BAB0AC", "#800000", "#2CA02C", "#8C564B", "#E15759", "#E31A1C", "#8CD17D",
];

/// Colours of the reference lines and marks.
const INK: &str = "#000000";
const DARK_GREY: &str = "#595959";
const TARGET_GREY: &str = "#BAB0AC";

/// Chart size in pixels, and the rows a chart covers (20 px a row).
const CHART_WIDTH: u32 = 900;
const SPEND_HEIGHT: u32 = 440;
const ROW_PX: u32 = 20;

/// Where the charts and their data sit on the sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Layout {
    /// Row of the spend chart's top-left corner.
    pub spend_row: u32,
    /// Row of the goal chart's top-left corner.
    pub goal_row: u32,
    /// Height of the goal chart in pixels.
    pub goal_height: u32,
    /// First row of the chart data block (its heading).
    pub data_row: u32,
}

impl Layout {
    fn of(report: &Report) -> Layout {
        let spend_row = 2;
        let goal_row = spend_row + SPEND_HEIGHT / ROW_PX + 2;
        let goal_height = (90 + 24 * report.goals.len() as u32).max(300);
        let data_row = goal_row + goal_height.div_ceil(ROW_PX) + 2;
        Layout {
            spend_row,
            goal_row,
            goal_height,
            data_row,
        }
    }
}

/// Writes the Charts sheet of `report` (which has a schedule).
pub(super) fn write(ws: &mut Worksheet, style: &Style, report: &Report) -> Result<(), XlsxError> {
    ws.set_name(SHEET)?;
    let layout = Layout::of(report);
    ws.write_string_with_format(
        0,
        0,
        "Charts: spend by category against the budget, and goal attainment against target \
         (their data is below the charts)",
        &style.section,
    )?;
    ws.set_column_width(0, 34)?;

    // The data: years with budget, available and spend by category, then
    // milestones with target and achieved points.
    let heading = layout.data_row;
    ws.write_string_with_format(heading, 0, "Chart data", &style.section)?;
    let spend_header = heading + 1;
    let mut header = vec![
        "Year".to_string(),
        "Budget B_y".into(),
        "Available (with carry-over)".into(),
    ];
    header.extend(report.category_spend.iter().map(|c| c.category.clone()));
    for (c, title) in header.iter().enumerate() {
        ws.write_string_with_format(spend_header, c as u16, title, &style.header)?;
    }
    for (t, y) in report.years.iter().enumerate() {
        let r = spend_header + 1 + t as u32;
        let mut row = vec![
            Cell::Int(y.year.into()),
            Cell::Money(y.budget),
            Cell::Money(y.available),
        ];
        row.extend(
            report
                .category_spend
                .iter()
                .map(|c| c.spend.get(t).map_or(Cell::Blank, |m| Cell::Money(*m))),
        );
        write_row(ws, style, r, &row)?;
    }
    let years_last = spend_header + report.years.len() as u32;

    let goal_header = years_last + 2;
    for (c, title) in ["Milestone", "Target", "Achieved"].iter().enumerate() {
        ws.write_string_with_format(goal_header, c as u16, *title, &style.header)?;
    }
    for (k, g) in report.goals.iter().enumerate() {
        let r = goal_header + 1 + k as u32;
        let row = [
            Cell::text(format!("{} {}", g.name, g.year)),
            Cell::Number(g.target),
            Cell::Number(g.achieved),
        ];
        write_row(ws, style, r, &row)?;
    }
    for c in 1..header.len() as u16 {
        ws.set_column_width(c, 16)?;
    }

    let spend = spend_chart(report, spend_header);
    ws.insert_chart(layout.spend_row, 0, &spend)?;
    if !report.goals.is_empty() {
        let goals = goal_chart(report, goal_header, layout.goal_height);
        ws.insert_chart(layout.goal_row, 0, &goals)?;
    }
    Ok(())
}

fn write_row(ws: &mut Worksheet, style: &Style, r: u32, row: &[Cell]) -> Result<(), XlsxError> {
    for (c, cell) in row.iter().enumerate() {
        let c = c as u16;
        match cell {
            Cell::Text(s) => {
                ws.write_string(r, c, s)?;
            }
            Cell::Int(i) => {
                ws.write_number(r, c, *i as f64)?;
            }
            Cell::Number(x) => {
                ws.write_number(r, c, *x)?;
            }
            Cell::Money(m) => {
                ws.write_number_with_format(r, c, m.to_units(), &style.money)?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// Spend stacked by category as columns, the budget B_y and the money
/// available as lines; the data's header row is `header`.
fn spend_chart(report: &Report, header: u32) -> Chart {
    let first = header + 1;
    let last = header + report.years.len() as u32;
    let mut chart = Chart::new(ChartType::ColumnStacked);
    for k in 0..report.category_spend.len() {
        let col = 3 + k as u16;
        let colour = PALETTE[k % PALETTE.len()];
        chart
            .add_series()
            .set_name((SHEET, header, col))
            .set_categories((SHEET, first, 0, last, 0))
            .set_values((SHEET, first, col, last, col))
            .set_format(
                ChartFormat::new()
                    .set_solid_fill(ChartSolidFill::new().set_color(colour))
                    .set_border(ChartLine::new().set_color("#FFFFFF")),
            );
    }
    let mut budget = Chart::new(ChartType::Line);
    budget
        .add_series()
        .set_name((SHEET, header, 1))
        .set_categories((SHEET, first, 0, last, 0))
        .set_values((SHEET, first, 1, last, 1))
        .set_format(ChartFormat::new().set_line(ChartLine::new().set_color(INK)))
        .set_marker(
            ChartMarker::new()
                .set_type(ChartMarkerType::Diamond)
                .set_format(
                    ChartFormat::new().set_solid_fill(ChartSolidFill::new().set_color(INK)),
                ),
        );
    // Carry-over lets a year spend above its budget, up to what is available.
    budget
        .add_series()
        .set_name((SHEET, header, 2))
        .set_categories((SHEET, first, 0, last, 0))
        .set_values((SHEET, first, 2, last, 2))
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
    chart.set_width(CHART_WIDTH).set_height(SPEND_HEIGHT);
    chart
}

/// Achieved points against the target of each milestone, as horizontal
/// bars named "goal name year", first milestone at the top.
fn goal_chart(report: &Report, header: u32, height: u32) -> Chart {
    let first = header + 1;
    let last = header + report.goals.len() as u32;
    let mut chart = Chart::new(ChartType::Bar);
    chart
        .add_series()
        .set_name((SHEET, header, 2))
        .set_categories((SHEET, first, 0, last, 0))
        .set_values((SHEET, first, 2, last, 2))
        .set_format(ChartFormat::new().set_solid_fill(ChartSolidFill::new().set_color(PALETTE[0])));
    chart
        .add_series()
        .set_name((SHEET, header, 1))
        .set_categories((SHEET, first, 0, last, 0))
        .set_values((SHEET, first, 1, last, 1))
        .set_format(
            ChartFormat::new().set_solid_fill(ChartSolidFill::new().set_color(TARGET_GREY)),
        );
    chart.title().set_name("Goal attainment vs target");
    chart.x_axis().set_reverse();
    chart.y_axis().set_name("Points");
    chart.set_width(CHART_WIDTH).set_height(height);
    chart
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_palette_keeps_sixteen_categories_apart() {
        let mut seen: Vec<&str> = PALETTE.to_vec();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), 16, "no colour twice");
        // Every pair is at least 25 apart in CIELAB (D65): clearly
        // different colours side by side.
        for (i, a) in PALETTE.iter().enumerate() {
            for b in &PALETTE[i + 1..] {
                let distance = delta_e(lab(a), lab(b));
                assert!(distance >= 25.0, "{a} and {b}: {distance}");
            }
        }
    }

    /// sRGB `#RRGGBB` to CIELAB (D65 white).
    fn lab(colour: &str) -> [f64; 3] {
        let v = u32::from_str_radix(&colour[1..], 16).unwrap_or(0);
        let linear = |c: u32| {
            let c = f64::from(c & 255) / 255.0;
            if c > 0.04045 {
                ((c + 0.055) / 1.055).powf(2.4)
            } else {
                c / 12.92
            }
        };
        let (r, g, b) = (linear(v >> 16), linear(v >> 8), linear(v));
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        let f = |t: f64| {
            if t > 0.008856 {
                t.cbrt()
            } else {
                7.787 * t + 16.0 / 116.0
            }
        };
        [
            116.0 * f(y) - 16.0,
            500.0 * (f(x) - f(y)),
            200.0 * (f(y) - f(z)),
        ]
    }

    fn delta_e(a: [f64; 3], b: [f64; 3]) -> f64 {
        ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
    }
}
