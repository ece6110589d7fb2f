//! The cash flow as an item-by-year table (`solve --cashflow`): items
//! down, years across, each cell the item's payments plus running costs in
//! that year, with a total row that equals the budget table's spend and a
//! total column per item. The figures are [`crate::cashflow::CashflowRow`]s
//! summed by cell; nothing is priced here.

use crate::cashflow::CashflowRow;
use crate::money::Money;
use crate::report::Report;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table};

/// The items that have money in the cash flow, in first-appearance order
/// of the report's item list, with their money per year of the report.
pub fn grid(report: &Report) -> Vec<(String, Vec<Money>)> {
    let years: Vec<i32> = report.years.iter().map(|y| y.year).collect();
    let mut rows: Vec<(String, Vec<Money>)> = Vec::new();
    for item in &report.inputs.items {
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
        if cells.iter().any(|m| *m != Money::ZERO) {
            rows.push((item.name.clone(), cells));
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
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header);
    for (name, cells) in grid(report) {
        let mut row = vec![Cell::new(name)];
        row.extend(cells.iter().map(|m| money(*m)));
        row.push(money(cells.iter().copied().sum()));
        t.add_row(row);
    }
    let mut total = vec![Cell::new("Total")];
    total.extend(report.years.iter().map(|y| money(y.spend)));
    total.push(money(report.year_totals.spend));
    t.add_row(total);
    format!(
        "\nCash flow by item and year (payments plus running costs, {})\n{t}\n",
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
