//! Goal attainment as bullet bars: for each goal, one bar per milestone
//! with the points achieved, a black tick at the target, and the figures
//! written beside it.

use super::super::scale::{tick_label, Axis};
use super::super::svg::{fit, Anchor, Svg, GRID, INK, PALETTE};
use super::{draw_legend, legend_height, LegendEntry, Swatch, WIDTH};
use crate::render::number;
use crate::report::{GoalRow, Report};

const LEFT: f64 = 52.0;
const VALUES: f64 = 170.0;
const TOP: f64 = 8.0;
const NAME: f64 = 18.0;
const ROW: f64 = 17.0;
const BAR: f64 = 11.0;
const GOAL_GAP: f64 = 8.0;
const AXIS: f64 = 36.0;

/// Colour of a milestone met (blue) and one missed (vermillion).
const MET: &str = PALETTE[0];
const SHORT: &str = PALETTE[5];

/// A milestone counts as met when its shown percentage is 100.
fn met(g: &GoalRow) -> bool {
    g.percent >= 99.95
}

/// The goals in the order they first appear in the report, each with its
/// milestones in year order.
fn by_goal(rows: &[GoalRow]) -> Vec<Vec<&GoalRow>> {
    let mut groups: Vec<Vec<&GoalRow>> = Vec::new();
    for row in rows {
        match groups.iter_mut().find(|g| g[0].goal == row.goal) {
            Some(group) => group.push(row),
            None => groups.push(vec![row]),
        }
    }
    groups
}

/// The chart as an `<svg>` element (empty when the report has no goals).
pub fn chart(report: &Report) -> String {
    if report.goals.is_empty() {
        return String::new();
    }
    let groups = by_goal(&report.goals);
    let largest = report
        .goals
        .iter()
        .flat_map(|g| [g.target, g.achieved])
        .fold(0.0, f64::max);
    let axis = Axis::up_to(largest, 5);
    let plot_right = WIDTH - VALUES;
    let plot_w = plot_right - LEFT;
    let x_of = |v: f64| LEFT + plot_w * axis.share(v);

    let entries = vec![
        LegendEntry {
            label: "Achieved, milestone met".into(),
            swatch: Swatch::Fill(MET.into()),
        },
        LegendEntry {
            label: "Achieved, short of target".into(),
            swatch: Swatch::Fill(SHORT.into()),
        },
        LegendEntry {
            label: "Target".into(),
            swatch: Swatch::Tick,
        },
    ];
    let body: f64 = groups
        .iter()
        .map(|g| NAME + ROW * g.len() as f64 + GOAL_GAP)
        .sum();
    let height = TOP + body + AXIS + legend_height(&entries, WIDTH - LEFT);
    let mut svg = Svg::new(WIDTH, height);

    let bottom = TOP + body;
    for &tick in &axis.ticks {
        let x = x_of(tick);
        svg.line(x, TOP, x, bottom, GRID, "grid");
        svg.text(x, bottom + 14.0, Anchor::Middle, "tick", &tick_label(tick));
    }
    svg.line(LEFT, bottom, plot_right, bottom, INK, "axis");
    svg.text(
        LEFT + plot_w / 2.0,
        bottom + 30.0,
        Anchor::Middle,
        "axis-title",
        "Goal points (achieved against target)",
    );

    let mut y = TOP;
    for group in &groups {
        let first = group[0];
        let name = fit(&first.name, WIDTH - 8.0, 12.0);
        let title = if name == first.name { "" } else { &first.name };
        svg.text_with_title(4.0, y + 13.0, Anchor::Start, "goal-name", &name, title);
        y += NAME;
        for g in group {
            let (fill, verdict) = if met(g) {
                (MET, "met")
            } else {
                (SHORT, "short")
            };
            let summary = format!(
                "{} {}: {} of {} points, {}% met",
                first.name,
                g.year,
                number(g.achieved, 2),
                number(g.target, 2),
                number(g.percent, 1)
            );
            svg.text(
                LEFT - 8.0,
                y + BAR - 1.0,
                Anchor::End,
                "tick",
                &g.year.to_string(),
            );
            svg.rect(
                LEFT,
                y + 1.0,
                x_of(g.achieved) - LEFT,
                BAR,
                fill,
                &format!("goal-bar {verdict}"),
                &summary,
            );
            let tx = x_of(g.target);
            svg.line(tx, y - 1.0, tx, y + BAR + 3.0, INK, "target");
            svg.text_with_title(
                plot_right + 10.0,
                y + BAR - 1.0,
                Anchor::Start,
                "value",
                &format!(
                    "{} / {} ({}%)",
                    number(g.achieved, 2),
                    number(g.target, 2),
                    number(g.percent, 1)
                ),
                &summary,
            );
            y += ROW;
        }
        y += GOAL_GAP;
    }
    draw_legend(&mut svg, &entries, LEFT, bottom + AXIS, WIDTH - LEFT);
    svg.finish("Goal attainment: points achieved against the target at each milestone")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(goal: &str, year: i32) -> GoalRow {
        GoalRow {
            goal: goal.into(),
            name: goal.into(),
            weight: 1.0,
            year,
            target: 10.0,
            achieved: 5.0,
            credited: 5.0,
            percent: 50.0,
            history: false,
        }
    }

    #[test]
    fn goals_keep_first_appearance_order() {
        let rows = vec![
            row("a", 2025),
            row("b", 2025),
            row("c", 2028),
            row("a", 2028),
        ];
        let groups = by_goal(&rows);
        let ids: Vec<&str> = groups.iter().map(|g| g[0].goal.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(groups[0].len(), 2);
    }
}
