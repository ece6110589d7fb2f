//! Readiness and total cost of each run of a comparison, side by side as
//! horizontal bars: the base first, then each scenario.

use super::super::scale::{tick_label, Axis, MoneyUnit};
use super::super::svg::{fit, series_fill, text_width, Anchor, Svg, GRID, INK};
use super::super::RunReport;
use super::WIDTH;
use crate::money::Money;
use crate::render::number;

const LABELS: f64 = 200.0;
const GAP: f64 = 28.0;
const RIGHT: f64 = 12.0;
const HEADER: f64 = 22.0;
const ROW: f64 = 26.0;
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
    let panel_w = (WIDTH - LABELS - GAP - RIGHT) / 2.0;
    let readiness = Panel {
        x: LABELS,
        width: panel_w,
        axis: Axis::up_to(100.0, 5),
    };
    let cost = Panel {
        x: LABELS + panel_w + GAP,
        width: panel_w,
        axis: Axis::up_to(largest_cost / unit.divisor, 4),
    };
    let bottom = HEADER + ROW * runs.len() as f64;
    let mut svg = Svg::new(WIDTH, bottom + AXIS);
    svg.patterns("run");

    let unit_label = unit.label(currency);
    for (panel, title) in [
        (&readiness, "Readiness (%)".to_string()),
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

    for (k, run) in runs.iter().enumerate() {
        let y = HEADER + ROW * k as f64 + (ROW - BAR) / 2.0;
        let label = fit(run.label, LABELS - 14.0, FONT);
        let title = if label == run.label { "" } else { run.label };
        svg.text_with_title(
            4.0,
            y + BAR - 4.0,
            Anchor::Start,
            "run-label",
            &label,
            title,
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
