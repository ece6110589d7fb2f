//! The terminal report's tables as HTML: budget by year, the order
//! schedule, goal attainment and phases. Money is shown short (`12.5M`)
//! like the terminal; every text from the plan is escaped.

use super::svg::escape;
use crate::money::Money;
use crate::render::{number, units};
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

fn num(s: impl ToString) -> Cell {
    Cell::Number(s.to_string())
}

fn money(m: Money) -> Cell {
    num(m.short())
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

/// Budget by year, with the currency in the caption.
pub fn years(report: &Report) -> String {
    let rows = report
        .years
        .iter()
        .map(|y| {
            vec![
                num(y.year),
                text(y.phase.clone().unwrap_or_default()),
                money(y.envelope),
                money(y.budget),
                money(y.available),
                money(y.payments),
                money(y.sustainment),
                money(y.spend),
                money(y.carry_out),
                num(number(y.utilisation, 1)),
            ]
        })
        .collect();
    table(
        &format!("Budget by year ({})", report.currency),
        &[
            "Year",
            "Phase",
            "Envelope",
            "Budget",
            "Available",
            "Payments",
            "Sustainment",
            "Spend",
            "Carry-out",
            "Used %",
        ],
        &[true, false, true, true, true, true, true, true, true, true],
        rows,
    )
}

/// The order schedule in report order (by year, then item).
pub fn orders(report: &Report) -> String {
    let mut rows: Vec<Vec<Cell>> = report
        .orders
        .iter()
        .map(|o| {
            vec![
                text(o.phase.clone().unwrap_or_else(|| "-".into())),
                num(o.year),
                text(o.name.clone()),
                text(o.category.clone()),
                num(units(o.units)),
                num(o.delivered),
                money(o.cost),
                text(if o.fixed { "fixed" } else { "" }),
            ]
        })
        .collect();
    if rows.is_empty() {
        rows.push(vec![text("(no orders)")]);
    }
    table(
        &format!("Order schedule ({})", report.currency),
        &[
            "Phase",
            "Year",
            "Item",
            "Category",
            "Units",
            "Delivered",
            "Cost",
            "Note",
        ],
        &[false, true, false, false, true, true, true, false],
        rows,
    )
}

/// Goal attainment by milestone.
pub fn goals(report: &Report) -> String {
    let rows = report
        .goals
        .iter()
        .map(|g| {
            vec![
                text(g.name.clone()),
                num(g.year),
                num(number(g.target, 2)),
                num(number(g.achieved, 2)),
                num(number(g.credited, 2)),
                num(number(g.percent, 1)),
            ]
        })
        .collect();
    table(
        "Goal attainment",
        &[
            "Goal",
            "Milestone",
            "Target",
            "Achieved",
            "Credited",
            "Met %",
        ],
        &[false, true, true, true, true, true],
        rows,
    )
}

/// Money and orders of each phase.
pub fn phases(report: &Report) -> String {
    let rows = report
        .phases
        .iter()
        .map(|p| {
            vec![
                text(format!("{} ({})", p.name, p.id)),
                text(format!("{}-{}", p.start, p.end)),
                money(p.budget),
                money(p.spend),
                num(p.orders),
                money(p.order_value),
            ]
        })
        .collect();
    table(
        &format!("Phases ({})", report.currency),
        &["Phase", "Years", "Budget", "Spend", "Orders", "Order value"],
        &[false, false, true, true, true, true],
        rows,
    )
}
