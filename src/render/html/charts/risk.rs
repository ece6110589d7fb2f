//! Budget risk in the review pack: a fan chart of yearly spend across the
//! budget futures, and the probability of each milestone as bars.

use super::super::scale::{tick_label, Axis, MoneyUnit};
use super::super::svg::{wrap, Anchor, Svg, GRID, INK, PALETTE};
use super::{draw_legend, legend_height, LegendEntry, Swatch, WIDTH};
use crate::render::number;
use crate::whatif::risk::RiskReport;

const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 10.0;
const PLOT: f64 = 240.0;
const AXIS: f64 = 40.0;

/// Spend across the futures: the P10-P90 band, the median, and the plan's
/// own budget; empty when no future has a schedule.
pub fn fan(risk: &RiskReport) -> String {
    let years: Vec<_> = risk.years.iter().filter(|y| y.spend.is_some()).collect();
    if years.is_empty() {
        return String::new();
    }
    let largest = risk
        .years
        .iter()
        .flat_map(|y| {
            let spend = y.spend.map_or(0.0, |s| s.p90.to_units());
            [spend, y.budget.to_units(), y.drawn.p90.to_units()]
        })
        .fold(0.0, f64::max);
    let unit = MoneyUnit::for_largest(largest);
    let axis = Axis::up_to(largest / unit.divisor, 5);
    let plot_w = WIDTH - LEFT - RIGHT;
    let step = plot_w / risk.years.len().max(1) as f64;
    let x_of = |t: usize| LEFT + step * (t as f64 + 0.5);
    let y_of = |money: f64| TOP + PLOT * (1.0 - axis.share(money / unit.divisor));
    let entries = vec![
        LegendEntry {
            label: "Spend, P10 to P90 of the futures".into(),
            swatch: Swatch::Fill(PALETTE[4].into()),
        },
        LegendEntry {
            label: "Spend, median future".into(),
            swatch: Swatch::Line { dashed: false },
        },
        LegendEntry {
            label: "The plan's budget (B_y)".into(),
            swatch: Swatch::Line { dashed: true },
        },
    ];
    let height = TOP + PLOT + AXIS + legend_height(&entries, WIDTH - LEFT);
    let mut svg = Svg::new(WIDTH, height);
    let bottom = TOP + PLOT;
    for &tick in &axis.ticks {
        let y = TOP + PLOT * (1.0 - axis.share(tick));
        svg.line(LEFT, y, WIDTH - RIGHT, y, GRID, "grid");
        svg.text(LEFT - 6.0, y + 4.0, Anchor::End, "tick", &tick_label(tick));
    }
    svg.vertical_text(
        14.0,
        TOP + PLOT / 2.0,
        "axis-title",
        &unit.label(&risk.currency),
    );
    let mut upper = Vec::new();
    let mut lower = Vec::new();
    let mut median = Vec::new();
    for (t, y) in risk.years.iter().enumerate() {
        svg.text(
            x_of(t),
            bottom + 14.0,
            Anchor::Middle,
            "tick",
            &y.year.to_string(),
        );
        if let Some(s) = &y.spend {
            upper.push((x_of(t), y_of(s.p90.to_units())));
            lower.push((x_of(t), y_of(s.p10.to_units())));
            median.push((x_of(t), y_of(s.p50.to_units())));
        }
    }
    let band: Vec<(f64, f64)> = upper.iter().chain(lower.iter().rev()).copied().collect();
    svg.polygon(&band, PALETTE[4], "fan", "spend, P10 to P90 of the futures");
    svg.polyline(&median, INK, "line-median");
    let budget: Vec<(f64, f64)> = risk
        .years
        .iter()
        .enumerate()
        .map(|(t, y)| (x_of(t), y_of(y.budget.to_units())))
        .collect();
    svg.polyline(&budget, INK, "line-available");
    svg.line(LEFT, bottom, WIDTH - RIGHT, bottom, INK, "axis");
    draw_legend(&mut svg, &entries, LEFT, bottom + AXIS - 8.0, WIDTH - LEFT);
    svg.finish(
        "Spend per year across the budget futures: P10 to P90 band, median, and the plan's budget",
    )
}

const NAME_W: f64 = 250.0;
const ROW: f64 = 17.0;
const BAR: f64 = 11.0;

/// The probability that each milestone is met, as bars from 0 to 100%.
pub fn milestones(risk: &RiskReport) -> String {
    if risk.milestones.is_empty() {
        return String::new();
    }
    let plot_left = NAME_W;
    let plot_right = WIDTH - 60.0;
    let x_of = |share: f64| plot_left + (plot_right - plot_left) * share.clamp(0.0, 1.0);
    // Milestone labels wrap (never cut); a row grows by a line per wrap.
    let labels: Vec<Vec<String>> = risk
        .milestones
        .iter()
        .map(|m| wrap(&format!("{} {}", m.name, m.year), NAME_W - 10.0, 11.0))
        .collect();
    let row_height = |k: usize| ROW + 12.0 * (labels[k].len().max(1) - 1) as f64;
    let bottom = TOP + (0..labels.len()).map(row_height).sum::<f64>();
    let height = bottom + AXIS;
    let mut svg = Svg::new(WIDTH, height);
    for tick in [0.0, 0.25, 0.5, 0.75, 1.0] {
        let x = x_of(tick);
        svg.line(x, TOP, x, bottom, GRID, "grid");
        svg.text(
            x,
            bottom + 14.0,
            Anchor::Middle,
            "tick",
            &number(100.0 * tick, 0),
        );
    }
    let mut y = TOP;
    for (k, m) in risk.milestones.iter().enumerate() {
        let label = format!("{} {}", m.name, m.year);
        svg.lines(
            NAME_W - 6.0,
            y + BAR - 1.0,
            12.0,
            Anchor::End,
            "tick",
            &labels[k],
            "",
        );
        let percent = 100.0 * m.probability_met;
        let summary = format!("{label}: met in {}% of futures", number(percent, 1));
        let fill = if m.probability_met >= 0.9 {
            PALETTE[0]
        } else {
            PALETTE[5]
        };
        svg.rect(
            plot_left,
            y + 1.0,
            x_of(m.probability_met) - plot_left,
            BAR,
            fill,
            "goal-bar",
            &summary,
        );
        svg.text_with_title(
            plot_right + 6.0,
            y + BAR - 1.0,
            Anchor::Start,
            "value",
            &format!("{}%", number(percent, 1)),
            &summary,
        );
        y += row_height(k);
    }
    svg.line(plot_left, bottom, plot_right, bottom, INK, "axis");
    svg.text(
        (plot_left + plot_right) / 2.0,
        bottom + 30.0,
        Anchor::Middle,
        "axis-title",
        "Probability the milestone is met (% of futures)",
    );
    svg.finish("Probability each milestone is met across the budget futures")
}
