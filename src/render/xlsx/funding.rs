//! The "Funding" sheet (plan format section 8): each source's ledger, year
//! by year, the national budget first, then who pays each order. Written
//! only for plans with funding sources; it formats the report's rows and
//! computes nothing.

use super::{Cell, Sheet};
use crate::report::Report;

pub(super) fn funding(report: &Report) -> Sheet {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for y in &report.years {
        for s in &y.sources {
            rows.push(vec![
                Cell::Int(y.year.into()),
                Cell::text(&s.source),
                Cell::text(""),
                Cell::Money(s.budget),
                Cell::Money(s.available),
                Cell::Money(s.spend),
                Cell::Money(s.carry_out),
            ]);
        }
    }
    for o in &report.orders {
        for (source, amount) in &o.funding {
            rows.push(vec![
                Cell::Int(o.year.into()),
                Cell::text(source),
                Cell::text(&o.item),
                Cell::text(""),
                Cell::text(""),
                Cell::Money(*amount),
                Cell::text(""),
            ]);
        }
    }
    Sheet::table(
        &[
            "Year",
            "Source",
            "Order of item",
            "Money",
            "Available",
            "Used",
            "Carried out",
        ],
        rows,
    )
}
