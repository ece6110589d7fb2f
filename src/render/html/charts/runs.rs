//! Readiness and total cost of each run of a comparison, side by side as
//! horizontal bars: the base first, then each scenario. The readiness axis
//! is zoomed to the runs' range (and says where it starts), so 91.5 and
//! 93.4 look different; every bar is labelled with its value. Run labels
//! are never cut: the label column widens, and long labels wrap.

use super::super::scale::{tick_label, Axis, MoneyUnit};
use super::super::svg::{series_fill, text_width, wrap, Anchor, Svg, GRID, INK};
use super::super::RunReport;
use super::WIDTH;
use crate::money::Money;
use crate::render::number;

/// The label column: as wide as the longest label, between these.
const LABELS_MIN: f64 = 120.0;
const LABELS_MAX: f64 = 240.0;
const GAP: f64 = 28.0;
const RIGHT: f64 = 12.0;
const HEADER: f64 = 22.0;
const ROW: f64 = 26.0;
/// Extra height per wrapped label line beyond the first.
const LEADING: f64 = 13.0;
const BAR: f64 = 16.0;
const AXIS: f64 = 22.0;
const FONT: f64 = 11.0;

/// One panel: where it starts, how wide it is, and its axis.
struct Panel {
    x: f64,
    width: f64,
    axis: Axis,
}

impl Panel {
    fn x_of(&self, value: f64) -> f64 {
        self.x + self.width * self.axis.share(value)
    }
}

/// The chart as an `<svg>` element (empty when there are no runs).
pub fn chart(runs: &[RunReport], currency: &str) -> String {
    if runs.is_empty() {
        return String::new();
    }
    let largest_cost = runs
        .iter()
        .filter(|r| r.report.has_schedule())
        .map(|r| r.report.total_cost)
        .max()
        .unwrap_or(Money::ZERO)
        .to_units();
    let unit = MoneyUnit::for_largest(largest_cost);
    let widest = runs
        .iter()
        .map(|r| text_width(r.label, FONT))
        .fold(0.0, f64::max);
    let labels_w = (widest + 14.0).clamp(LABELS_MIN, LABELS_MAX);
    let label_lines: Vec<Vec<String>> = runs
        .iter()
        .map(|r| wrap(r.label, labels_w - 14.0, FONT))
        .collect();
    let row_height = |k: usize| ROW + LEADING * (label_lines[k].len().max(1) - 1) as f64;
    let solved: Vec<f64> = runs
        .iter()
        .filter(|r| r.report.has_schedule())
        .map(|r| r.report.readiness)
        .collect();
    let readiness_axis = if solved.is_empty() {
        Axis::up_to(100.0, 5)
    } else {
        let lowest = solved.iter().copied().fold(f64::INFINITY, f64::min);
        let highest = solved.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        Axis::zoomed(lowest, highest, 5, 0.0, 100.0)
    };
    let panel_w = (WIDTH - labels_w - GAP - RIGHT) / 2.0;
    let readiness = Panel {
        x: labels_w,
        width: panel_w,
        axis: readiness_axis,
    };
    let cost = Panel {
        x: labels_w + panel_w + GAP,
        width: panel_w,
        axis: Axis::up_to(largest_cost / unit.divisor, 4),
    };
    let bottom = HEADER + (0..runs.len()).map(row_height).sum::<f64>();
    let mut svg = Svg::new(WIDTH, bottom + AXIS);
    svg.patterns("run");

    let unit_label = unit.label(currency);
    let readiness_title = if readiness.axis.is_zoomed() {
        format!(
            "Readiness (%, axis from {})",
            tick_label(readiness.axis.min)
        )
    } else {
        "Readiness (%)".to_string()
    };
    for (panel, title) in [
        (&readiness, readiness_title),
        (&cost, format!("Total cost ({unit_label})")),
    ] {
        svg.text(panel.x, HEADER - 8.0, Anchor::Start, "axis-title", &title);
        for &tick in &panel.axis.ticks {
            let x = panel.x_of(tick);
            svg.line(x, HEADER, x, bottom, GRID, "grid");
            svg.text(x, bottom + 14.0, Anchor::Middle, "tick", &tick_label(tick));
        }
        svg.line(panel.x, HEADER, panel.x, bottom, INK, "axis");
    }

    let mut top = HEADER;
    for (k, run) in runs.iter().enumerate() {
        let height = row_height(k);
        let y = top + (height - BAR) / 2.0;
        top += height;
        let lines = &label_lines[k];
        let first_baseline = y + BAR - 4.0 - LEADING * (lines.len().max(1) - 1) as f64 / 2.0;
        svg.lines(
            4.0,
            first_baseline,
            LEADING,
            Anchor::Start,
            "run-label",
            lines,
            "",
        );
        let r = run.report;
        if !r.has_schedule() {
            for panel in [&readiness, &cost] {
                svg.text(
                    panel.x + 6.0,
                    y + BAR - 4.0,
                    Anchor::Start,
                    "no-schedule",
                    r.status.name(),
                );
            }
            continue;
        }
        let fill = series_fill("run", k);
        let bars = [
            (
                &readiness,
                r.readiness,
                format!("{}%", number(r.readiness, 1)),
                "readiness",
            ),
            (
                &cost,
                r.total_cost.to_units() / unit.divisor,
                format!("{} {currency}", r.total_cost.short()),
                "total cost",
            ),
        ];
        for (panel, value, text, what) in bars {
            let end = panel.x_of(value);
            let w = end - panel.x;
            svg.rect(
                panel.x,
                y,
                w,
                BAR,
                &fill,
                "run-bar",
                &format!("{}: {what} {text} ({})", run.label, r.status.name()),
            );
            if w >= text_width(&text, FONT) + 10.0 {
                svg.text(end - 5.0, y + BAR - 4.0, Anchor::End, "value-in", &text);
            } else {
                svg.text(end + 5.0, y + BAR - 4.0, Anchor::Start, "value", &text);
            }
        }
    }
    svg.finish(&format!(
        "Readiness in percent and total cost in {unit_label} of each run"
    ))
}
