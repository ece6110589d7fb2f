//! The terminal report's tables as HTML: budget by year, the order
//! schedule, goal attainment and phases. Money is shown short (`12.5M`)
//! like the terminal; every text from the plan is escaped.

use super::svg::escape;
use crate::render::columns::{self, Column, Outputs};
use crate::report::Report;
use std::fmt::Write;

/// A cell: text (escaped here) and whether it is a number.
enum Cell {
    Text(String),
    Number(String),
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// A table with a caption, a header row and body rows.
fn table(caption: &str, header: &[&str], numeric: &[bool], rows: Vec<Vec<Cell>>) -> String {
    let mut out = format!(
        "<table>\n<caption>{}</caption>\n<thead><tr>",
        escape(caption)
    );
    for (h, is_num) in header.iter().zip(numeric) {
        let class = if *is_num { " class=\"num\"" } else { "" };
        let _ = write!(out, "<th scope=\"col\"{class}>{}</th>", escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for cell in row {
            match cell {
                Cell::Text(t) => {
                    let _ = write!(out, "<td>{}</td>", escape(&t));
                }
                Cell::Number(t) => {
                    let _ = write!(out, "<td class=\"num\">{}</td>", escape(&t));
                }
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// The rows of a table from its declared columns, with the header titles
/// and which columns hold numbers.
fn column_rows<R>(
    report: &Report,
    columns: &[Column<R>],
    rows: &[R],
) -> (Vec<&'static str>, Vec<bool>, Vec<Vec<Cell>>) {
    let shown = columns::shown(columns, Outputs::HTML, report);
    let titles = shown.iter().map(|c| c.title).collect();
    let numeric = shown.iter().map(|c| c.numeric).collect();
    let cells: Vec<Vec<String>> = shown
        .iter()
        .map(|c| columns::display(report, c, rows).0)
        .collect();
    let rows = (0..rows.len())
        .map(|r| {
            shown
                .iter()
                .zip(&cells)
                .map(|(c, texts)| {
                    let text = texts[r].clone();
                    if c.numeric {
                        Cell::Number(text)
                    } else {
                        Cell::Text(text)
                    }
                })
                .collect()
        })
        .collect();
    (titles, numeric, rows)
}

/// Budget by year, with the currency in the caption.
pub fn years(report: &Report) -> String {
    let (titles, numeric, rows) = column_rows(report, columns::YEARS, &report.years);
    table(
        &format!("Budget by year ({})", report.currency),
        &titles,
        &numeric,
        rows,
    )
}

/// The order schedule in report order (by year, then item).
pub fn orders(report: &Report) -> String {
    let (titles, numeric, mut rows) = column_rows(report, columns::ORDERS, &report.orders);
    if rows.is_empty() {
        rows.push(vec![text("(no orders)")]);
    }
    table(
        &format!("Order schedule ({})", report.currency),
        &titles,
        &numeric,
        rows,
    )
}

/// Goal attainment by milestone.
pub fn goals(report: &Report) -> String {
    let (titles, numeric, rows) = column_rows(report, columns::GOALS, &report.goals);
    table("Goal attainment", &titles, &numeric, rows)
}

/// Money and orders of each phase.
pub fn phases(report: &Report) -> String {
    let (titles, numeric, rows) = column_rows(report, columns::PHASES, &report.phases);
    table(
        &format!("Phases ({})", report.currency),
        &titles,
        &numeric,
        rows,
    )
}
