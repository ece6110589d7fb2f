//! Spend per year stacked by item category, with the budget B_y and the
//! money available (budget plus carry-over) drawn as lines.

use super::super::scale::{tick_label, Axis, MoneyUnit};
use super::super::svg::{series_fill, text_width, Anchor, Svg, GRID, INK};
use super::{draw_legend, legend_height, LegendEntry, Swatch, WIDTH};
use crate::money::Money;
use crate::render::number;
use crate::report::Report;

const LEFT: f64 = 64.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 14.0;
const PLOT_HEIGHT: f64 = 280.0;
/// Space under the plot for year labels.
const AXIS: f64 = 26.0;

/// The chart as an `<svg>` element (empty when the report has no years).
pub fn chart(report: &Report) -> String {
    chart_of(report, &report.category_spend)
}

/// The same chart stacked by funding source (the national budget first):
/// empty for a plan without sources.
pub fn by_source(report: &Report) -> String {
    if report.source_spend.is_empty() {
        return String::new();
    }
    chart_of(report, &report.source_spend)
}

/// Spend per year stacked by `series` (each a label and one amount per
/// year row).
fn chart_of(report: &Report, series: &[crate::report::CategorySpend]) -> String {
    let years = &report.years;
    if years.is_empty() {
        return String::new();
    }
    let largest = years
        .iter()
        .flat_map(|y| [y.spend, y.budget, y.available])
        .max()
        .unwrap_or(Money::ZERO)
        .to_units();
    let unit = MoneyUnit::for_largest(largest);
    let axis = Axis::up_to(largest / unit.divisor, 5);
    let unit_label = unit.label(&report.currency);
    let money = |m: Money| format!("{} {}", m.short(), report.currency);

    let plot_w = WIDTH - LEFT - RIGHT;
    let slot = plot_w / years.len() as f64;
    let bar = (slot * 0.62).min(56.0);
    let y_of =
        |amount: Money| TOP + PLOT_HEIGHT * (1.0 - axis.share(amount.to_units() / unit.divisor));
    let x_mid = |t: usize| LEFT + slot * (t as f64 + 0.5);

    let mut entries: Vec<LegendEntry> = series
        .iter()
        .enumerate()
        .map(|(k, c)| LegendEntry {
            label: c.category.clone(),
            swatch: Swatch::Fill(series_fill("spend", k)),
        })
        .collect();
    entries.push(LegendEntry {
        label: "Budget B_y".into(),
        swatch: Swatch::Line { dashed: false },
    });
    entries.push(LegendEntry {
        label: "Available (with carry-over)".into(),
        swatch: Swatch::Line { dashed: true },
    });
    let height = TOP + PLOT_HEIGHT + AXIS + legend_height(&entries, plot_w);
    let mut svg = Svg::new(WIDTH, height);
    svg.patterns("spend");

    // Grid and value axis.
    for &tick in &axis.ticks {
        let y = TOP + PLOT_HEIGHT * (1.0 - axis.share(tick));
        svg.line(LEFT, y, WIDTH - RIGHT, y, GRID, "grid");
        svg.text(LEFT - 6.0, y + 4.0, Anchor::End, "tick", &tick_label(tick));
    }
    svg.vertical_text(
        14.0,
        TOP + PLOT_HEIGHT / 2.0,
        "axis-title",
        &format!("Spend ({unit_label})"),
    );

    // Stacked bars: one segment per category with spend that year.
    for (t, year) in years.iter().enumerate() {
        let mut below = Money::ZERO;
        for (k, category) in series.iter().enumerate() {
            let amount = category.spend.get(t).copied().unwrap_or(Money::ZERO);
            if amount <= Money::ZERO {
                continue;
            }
            let top = y_of(below + amount);
            let bottom = y_of(below);
            svg.rect(
                x_mid(t) - bar / 2.0,
                top,
                bar,
                bottom - top,
                &series_fill("spend", k),
                "seg",
                &format!("{} {}: {}", year.year, category.category, money(amount)),
            );
            below += amount;
        }
    }

    // Budget and available money as lines with markers.
    let budget: Vec<(f64, f64)> = years
        .iter()
        .enumerate()
        .map(|(t, y)| (x_mid(t), y_of(y.budget)))
        .collect();
    let available: Vec<(f64, f64)> = years
        .iter()
        .enumerate()
        .map(|(t, y)| (x_mid(t), y_of(y.available)))
        .collect();
    svg.polyline(&available, INK, "line-available");
    svg.polyline(&budget, INK, "line-budget");
    for (t, y) in years.iter().enumerate() {
        svg.circle(
            budget[t].0,
            budget[t].1,
            3.0,
            INK,
            "mark",
            &format!("{} budget B_y: {}", y.year, money(y.budget)),
        );
        svg.circle(
            available[t].0,
            available[t].1,
            3.0,
            "#ffffff",
            "mark-open",
            &format!(
                "{} available: {} (spend {}, {}% used)",
                y.year,
                money(y.available),
                money(y.spend),
                number(y.utilisation, 1)
            ),
        );
    }

    // Year labels, thinned when the slots are narrower than a label.
    let label_w = text_width("2000", 11.0) + 6.0;
    let every = (label_w / slot).ceil().max(1.0) as usize;
    let baseline = TOP + PLOT_HEIGHT;
    svg.line(LEFT, baseline, WIDTH - RIGHT, baseline, INK, "axis");
    for (t, y) in years.iter().enumerate() {
        if t % every == 0 {
            svg.text(
                x_mid(t),
                baseline + 16.0,
                Anchor::Middle,
                "tick",
                &y.year.to_string(),
            );
        }
    }
    draw_legend(&mut svg, &entries, LEFT, baseline + AXIS, plot_w);
    svg.finish(&format!(
        "Spend per year by item category against the budget and the money available, in {unit_label}"
    ))
}
