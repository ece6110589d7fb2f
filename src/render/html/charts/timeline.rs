//! The order timeline (a Gantt chart): one row per order, a bar from the
//! order year to the delivery year coloured by the phase the order falls
//! in, with the transition phases as background bands. Labels are never
//! cut: item names and phase names wrap onto more lines.

use super::super::svg::{series_fill, text_width, wrap, Anchor, Svg, GRID, INK, NEUTRAL};
use super::{draw_legend, legend_height, LegendEntry, Swatch, WIDTH};
use crate::render::units;
use crate::report::Report;

const LABELS: f64 = 280.0;
/// Extra height per wrapped line beyond the first.
const LEADING: f64 = 12.0;
const RIGHT: f64 = 10.0;
const HEADER: f64 = 22.0;
const ROW: f64 = 16.0;
const BAR: f64 = 10.0;
const AXIS: f64 = 28.0;
const FONT: f64 = 11.0;

/// The chart as an `<svg>` element (empty when the report has no orders).
pub fn chart(report: &Report) -> String {
    if report.orders.is_empty() {
        return String::new();
    }
    // Years shown: the horizon, widened to any delivery after it.
    let first = report
        .orders
        .iter()
        .map(|o| o.year)
        .fold(report.horizon.0, i32::min);
    let last = report
        .orders
        .iter()
        .map(|o| o.delivered.max(o.year))
        .fold(report.horizon.1, i32::max);
    let cells = (last - first + 1).max(1) as usize;
    let plot_w = WIDTH - LABELS - RIGHT;
    let cell = plot_w / cells as f64;
    let x_of = |year: i32| LABELS + cell * (year - first) as f64;
    let phase_index = |id: &Option<String>| {
        id.as_ref()
            .and_then(|id| report.phases.iter().position(|p| &p.id == id))
    };
    let colour = |k: Option<usize>| k.map_or(NEUTRAL.to_string(), |k| series_fill("phase", k));

    let mut entries: Vec<LegendEntry> = report
        .phases
        .iter()
        .enumerate()
        .map(|(k, p)| LegendEntry {
            label: format!("{} {} ({}-{})", p.id, p.name, p.start, p.end),
            swatch: Swatch::Fill(colour(Some(k))),
        })
        .collect();
    if report
        .orders
        .iter()
        .any(|o| phase_index(&o.phase).is_none())
    {
        entries.push(LegendEntry {
            label: "Ordered outside any phase".into(),
            swatch: Swatch::Fill(NEUTRAL.into()),
        });
    }
    entries.push(LegendEntry {
        label: "Outlined bar: fixed order (already contracted); dot: delivery year".into(),
        swatch: Swatch::Outline,
    });

    // Phase band labels, wrapped to their band's width.
    let band_labels: Vec<Option<(f64, f64, Vec<String>)>> = report
        .phases
        .iter()
        .map(|p| {
            let start = p.start.max(first);
            let end = p.end.min(last);
            (end >= start).then(|| {
                let x = x_of(start);
                let w = x_of(end + 1) - x;
                (x, w, wrap(&format!("{} {}", p.id, p.name), w - 8.0, FONT))
            })
        })
        .collect();
    let header_lines = band_labels
        .iter()
        .flatten()
        .map(|(_, _, lines)| lines.len())
        .max()
        .unwrap_or(1)
        .max(1);
    // Order names, wrapped to the label column beside their unit count.
    let name_lines: Vec<Vec<String>> = report
        .orders
        .iter()
        .map(|o| {
            let count = format!("×{}", units(o.units));
            let room = LABELS - 10.0 - text_width(&count, FONT) - 10.0;
            wrap(&o.name, room, FONT)
        })
        .collect();
    let row_height = |k: usize| ROW + LEADING * (name_lines[k].len().max(1) - 1) as f64;
    let plot_top = HEADER + LEADING * (header_lines - 1) as f64;
    let plot_bottom = plot_top + (0..report.orders.len()).map(row_height).sum::<f64>() + 4.0;
    let height = plot_bottom + AXIS + legend_height(&entries, WIDTH - 8.0);
    let mut svg = Svg::new(WIDTH, height);
    svg.patterns("phase");

    // Phase bands with their labels in the header.
    for (k, p) in report.phases.iter().enumerate() {
        let Some((x, w, lines)) = band_labels.get(k).and_then(Option::as_ref) else {
            continue;
        };
        let (x, w) = (*x, *w);
        let full = format!("{} {} ({}-{})", p.id, p.name, p.start, p.end);
        svg.rect(
            x,
            plot_top,
            w,
            plot_bottom - plot_top,
            &colour(Some(k)),
            "band",
            &full,
        );
        svg.lines(
            x + 4.0,
            HEADER - 7.0,
            LEADING,
            Anchor::Start,
            "band-label",
            lines,
            &full,
        );
    }

    // Year grid and labels, thinned when cells are narrower than a label.
    for k in 0..=cells {
        let x = LABELS + cell * k as f64;
        svg.line(x, plot_top, x, plot_bottom, GRID, "grid");
    }
    let every = ((text_width("2000", FONT) + 6.0) / cell).ceil().max(1.0) as usize;
    svg.line(LABELS, plot_bottom, WIDTH - RIGHT, plot_bottom, INK, "axis");
    for k in (0..cells).step_by(every) {
        let year = first + k as i32;
        svg.text(
            x_of(year) + cell / 2.0,
            plot_bottom + 15.0,
            Anchor::Middle,
            "tick",
            &year.to_string(),
        );
    }

    // One row per order.
    let mut y = plot_top + 2.0;
    for (row, o) in report.orders.iter().enumerate() {
        let y_next = y + row_height(row);
        let count = format!("×{}", units(o.units));
        svg.lines(
            4.0,
            y + BAR,
            LEADING,
            Anchor::Start,
            "order-name",
            &name_lines[row],
            "",
        );
        svg.text(LABELS - 8.0, y + BAR, Anchor::End, "order-units", &count);
        let x = x_of(o.year) + 2.0;
        let delivered = o.delivered.max(o.year);
        let w = x_of(delivered + 1) - 2.0 - x;
        let class = if o.fixed { "order fixed" } else { "order" };
        let summary = format!(
            "{}: {} units ordered {}, delivered {}{}{}",
            o.name,
            units(o.units),
            o.year,
            o.delivered,
            o.phase
                .as_ref()
                .map_or(String::new(), |p| format!(", phase {p}")),
            if o.fixed { ", fixed order" } else { "" }
        );
        svg.rect(
            x,
            y + 1.0,
            w,
            BAR,
            &colour(phase_index(&o.phase)),
            class,
            &summary,
        );
        svg.circle(
            x_of(delivered) + cell / 2.0,
            y + 1.0 + BAR / 2.0,
            2.5,
            INK,
            "delivery",
            "",
        );
        y = y_next;
    }
    draw_legend(&mut svg, &entries, 4.0, plot_bottom + AXIS, WIDTH - 8.0);
    svg.finish(
        "Order timeline: each order from its order year to its delivery year, coloured by phase",
    )
}
