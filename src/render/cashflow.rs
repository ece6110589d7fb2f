//! The cash flow as an item-by-year table (`solve --cashflow`): items
//! down, years across, each cell the item's payments plus running costs in
//! that year, with a total row that equals the budget table's spend and a
//! total column per item. The figures are [`crate::cashflow::CashflowRow`]s
//! summed by cell; nothing is priced here.
//!
//! When the plan leaves payments after the horizon (or caps them with
//! `[budget] max_after_end`), a last column "After END" shows each item's
//! commitments after the horizon ([`crate::after_horizon`]); they are in
//! no year's spend, so the Total column leaves them out.

use crate::cashflow::CashflowRow;
use crate::money::Money;
use crate::report::Report;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table};

/// The items that have money in the cash flow, in first-appearance order
/// of the report's item list, with their money per year of the report.
pub fn grid(report: &Report) -> Vec<(String, Vec<Money>)> {
    grid_with_after(report)
        .into_iter()
        .map(|(name, cells, _)| (name, cells))
        .collect()
}

/// [`grid`], each row with the item's payments after the horizon; an item
/// with money only after the horizon has a row too.
pub fn grid_with_after(report: &Report) -> Vec<(String, Vec<Money>, Money)> {
    let years: Vec<i32> = report.years.iter().map(|y| y.year).collect();
    let mut rows: Vec<(String, Vec<Money>, Money)> = Vec::new();
    for item in &report.inputs.items {
        let after = report
            .after_horizon
            .items
            .iter()
            .find(|a| a.item == item.id)
            .map_or(Money::ZERO, |a| a.amount);
        let cells: Vec<Money> = years
            .iter()
            .map(|&year| {
                report
                    .cashflow
                    .iter()
                    .filter(|c| c.item == item.id && c.year == year)
                    .map(spend)
                    .sum()
            })
            .collect();
        if cells.iter().any(|m| *m != Money::ZERO) || after != Money::ZERO {
            rows.push((item.name.clone(), cells, after));
        }
    }
    rows
}

fn spend(c: &CashflowRow) -> Money {
    c.payments + c.sustainment
}

/// The table as text, or a line saying there is no schedule.
pub fn render(report: &Report) -> String {
    if !report.has_schedule() {
        return "\nCash flow: no schedule\n".into();
    }
    let mut header = vec![Cell::new("Item")];
    header.extend(report.years.iter().map(|y| Cell::new(y.year)));
    header.push(Cell::new("Total"));
    let after = report.after_horizon.shown();
    if after {
        header.push(Cell::new(after_header(report)));
    }
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header);
    for (name, cells, later) in grid_with_after(report) {
        let mut row = vec![Cell::new(name)];
        row.extend(cells.iter().map(|m| money(*m)));
        row.push(money(cells.iter().copied().sum()));
        if after {
            row.push(money(later));
        }
        t.add_row(row);
    }
    let mut total = vec![Cell::new("Total")];
    total.extend(report.years.iter().map(|y| money(y.spend)));
    total.push(money(report.year_totals.spend));
    if after {
        total.push(money(report.after_horizon.total));
    }
    t.add_row(total);
    let mut text = format!(
        "\nCash flow by item and year (payments plus running costs, {})\n{t}\n",
        report.currency
    );
    if after {
        text.push_str(&after_note(report));
    }
    text
}

/// The header of the column of payments after the horizon.
pub fn after_header(report: &Report) -> String {
    format!("After {}", report.horizon.1)
}

/// A line under the cash flow: what the last column holds, and the cap.
pub fn after_note(report: &Report) -> String {
    let a = &report.after_horizon;
    let end = report.horizon.1;
    let cap = match a.cap {
        Some(cap) => format!(", at most {} allowed (max_after_end)", cap.short()),
        None => String::new(),
    };
    let years: Vec<String> = a.years().iter().map(i32::to_string).collect();
    let when = if years.is_empty() {
        String::new()
    } else {
        format!(" in {}", years.join(", "))
    };
    format!(
        "After {end}: order payments due after the horizon{when}, {} {}{cap}; charged to no \
         budget of the plan, left out of Total; running costs after {end} are not counted\n",
        a.total.short(),
        report.currency
    )
}

fn money(m: Money) -> Cell {
    let text = if m == Money::ZERO {
        String::new()
    } else {
        m.short()
    };
    Cell::new(text).set_alignment(CellAlignment::Right)
}
