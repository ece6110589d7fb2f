//! The review pack's charts, each an `<svg>` drawn from the report's rows:
//! spend by category against the budget, goal attainment, the order
//! timeline, and readiness and cost per run for comparisons.
//!
//! Charts place and label what the report holds; a figure a chart needs
//! that the report lacks belongs in [`crate::report`], not here.

pub mod goals;
pub mod risk;
pub mod runs;
pub mod spend;
pub mod timeline;

use super::svg::{fit, text_width, Anchor, Svg, INK};

/// The width of every chart in SVG user units (pixels on screen; charts
/// scale down to the page when printed).
pub const WIDTH: f64 = 760.0;

const LEGEND_ROW: f64 = 18.0;
const LEGEND_FONT: f64 = 11.0;
/// Swatch, gap before the label, gap after it.
const LEGEND_SWATCH: f64 = 22.0;
const LEGEND_GAP: f64 = 16.0;

/// One legend entry.
pub struct LegendEntry {
    pub label: String,
    pub swatch: Swatch,
}

/// How a legend entry is drawn.
pub enum Swatch {
    /// A filled square (a colour or a pattern).
    Fill(String),
    /// A black line with a marker, solid or dashed.
    Line { dashed: bool },
    /// A white square with a black outline.
    Outline,
    /// A short black vertical tick.
    Tick,
}

/// Columns and column width of a legend laid out in `width`.
fn legend_columns(entries: &[LegendEntry], width: f64) -> (usize, f64) {
    let widest = entries
        .iter()
        .map(|e| text_width(&e.label, LEGEND_FONT))
        .fold(0.0, f64::max);
    let column = (widest + LEGEND_SWATCH + LEGEND_GAP).min(width);
    let columns = ((width / column).floor() as usize).clamp(1, entries.len().max(1));
    (columns, width / columns as f64)
}

/// The height a legend of `entries` takes in `width`.
pub fn legend_height(entries: &[LegendEntry], width: f64) -> f64 {
    if entries.is_empty() {
        return 0.0;
    }
    let (columns, _) = legend_columns(entries, width);
    entries.len().div_ceil(columns) as f64 * LEGEND_ROW + 6.0
}

/// Draws a legend in a grid of equal columns from (`x`, `y`); labels too
/// long for a column are cut, with the full label as tooltip.
pub fn draw_legend(svg: &mut Svg, entries: &[LegendEntry], x: f64, y: f64, width: f64) {
    let (columns, column) = legend_columns(entries, width);
    for (k, entry) in entries.iter().enumerate() {
        let cx = x + (k % columns) as f64 * column;
        let cy = y + (k / columns) as f64 * LEGEND_ROW + 4.0;
        match &entry.swatch {
            Swatch::Fill(fill) => svg.rect(cx, cy, 12.0, 12.0, fill, "swatch", ""),
            Swatch::Outline => svg.rect(cx, cy, 12.0, 12.0, "#ffffff", "swatch-outline", ""),
            Swatch::Line { dashed } => {
                let class = if *dashed {
                    "line-available"
                } else {
                    "line-budget"
                };
                svg.line(cx, cy + 6.0, cx + 14.0, cy + 6.0, INK, class);
                let (fill, class) = if *dashed {
                    ("#ffffff", "mark-open")
                } else {
                    (INK, "mark")
                };
                svg.circle(cx + 7.0, cy + 6.0, 3.0, fill, class, "");
            }
            Swatch::Tick => svg.line(cx + 6.0, cy - 1.0, cx + 6.0, cy + 13.0, INK, "target"),
        }
        let room = column - LEGEND_SWATCH - 4.0;
        let label = fit(&entry.label, room, LEGEND_FONT);
        let title = if label == entry.label {
            ""
        } else {
            &entry.label
        };
        svg.text_with_title(
            cx + LEGEND_SWATCH - 4.0,
            cy + 10.5,
            Anchor::Start,
            "legend",
            &label,
            title,
        );
    }
}
