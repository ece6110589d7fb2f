//! Changes against the approved programme (or the base run) as terminal
//! tables: a summary line, then orders, money by year and milestones that
//! moved. Only rows that differ are listed; the rows come from
//! [`crate::changes::Changes`] and are formatted, never computed, here.

use super::format::MoneyScale;
use super::{number, units};
use crate::changes::Changes;
use crate::money::Money;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table};

/// The changes as text under `title`; `reference` heads the column of the
/// schedule compared with ("Approved", "Base").
pub fn render(title: &str, reference: &str, changes: &Changes, currency: &str) -> String {
    let mut out = format!(
        "\n{title}\nchurn {} units | score {} | total cost {} {currency}\n",
        units(changes.churn),
        signed_number(changes.delta_score, 3),
        signed_money(changes.delta_total_cost),
    );
    if changes.is_empty() {
        out.push_str("nothing moved\n");
        return out;
    }
    if !changes.orders.is_empty() {
        let mut t = new_table(&["Year", "Item", reference, "Now", "Change", "Cost", "Points"]);
        let cost = MoneyScale::of(changes.orders.iter().map(|o| o.delta_cost));
        for o in &changes.orders {
            t.add_row(vec![
                Cell::new(o.year),
                Cell::new(&o.name),
                right(units(o.baseline_units)),
                right(units(o.units)),
                right(signed_units(o.delta_units)),
                right(cost.signed(o.delta_cost)),
                right(signed_number(o.delta_points, 2)),
            ]);
        }
        out.push_str(&format!("Orders\n{t}\n"));
    }
    if !changes.years.is_empty() {
        let mut t = new_table(&["Year", "Payments", "Sustainment", "Spend"]);
        let scale = |f: fn(&crate::changes::YearChange) -> Money| {
            MoneyScale::of(changes.years.iter().map(f))
        };
        let payments = scale(|y| y.delta_payments);
        let sustainment = scale(|y| y.delta_sustainment);
        let spend = scale(|y| y.delta_spend);
        for y in &changes.years {
            t.add_row(vec![
                Cell::new(y.year),
                right(payments.signed(y.delta_payments)),
                right(sustainment.signed(y.delta_sustainment)),
                right(spend.signed(y.delta_spend)),
            ]);
        }
        out.push_str(&format!("Money by year\n{t}\n"));
    }
    if !changes.goals.is_empty() {
        let mut t = new_table(&["Goal", "Milestone", reference, "Now", "Change"]);
        for g in &changes.goals {
            t.add_row(vec![
                Cell::new(&g.goal),
                Cell::new(g.year),
                right(number(g.baseline_credited, 2)),
                right(number(g.credited, 2)),
                right(signed_number(g.delta, 2)),
            ]);
        }
        out.push_str(&format!("Credited points by milestone\n{t}\n"));
    }
    out
}

fn new_table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header.iter().map(Cell::new));
    t
}

fn right(text: String) -> Cell {
    Cell::new(text).set_alignment(CellAlignment::Right)
}

pub(crate) fn signed_units(x: f64) -> String {
    if x > 0.0 {
        format!("+{}", units(x))
    } else {
        units(x)
    }
}

pub(crate) fn signed_number(x: f64, digits: usize) -> String {
    let text = number(x, digits);
    if x > 0.0 && text != "0" {
        format!("+{text}")
    } else if text == "-0" {
        "0".into()
    } else {
        text
    }
}

pub(crate) fn signed_money(m: Money) -> String {
    if m > Money::ZERO {
        format!("+{}", m.short())
    } else {
        m.short()
    }
}
