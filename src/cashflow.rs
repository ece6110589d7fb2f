//! Cash flow by item, year and funding source (plan format section 7).
//!
//! The table a finance ministry asks for: what each item costs in each
//! year, payments and running costs apart. [`rows`] reads the exact-money
//! [`Ledger`] and re-derives nothing, so the rows of a year add up to that
//! year's payments and sustainment to the cent. Every row's source is
//! [`NATIONAL`] for now; a plan with several funding sources would split
//! each item's money by source here, in this one function, and nowhere else.

use crate::ledger::Ledger;
use crate::money::Money;
use crate::plan::Plan;

/// The source of money in a plan without funding sources.
pub const NATIONAL: &str = "national";

/// The money of one item, in one year, from one funding source.
#[derive(Clone, Debug, PartialEq)]
pub struct CashflowRow {
    /// The item's id.
    pub item: String,
    pub name: String,
    pub year: i32,
    pub source: String,
    pub payments: Money,
    pub sustainment: Money,
}

/// One row per item, year and source with money in it, sorted by year,
/// then item file order.
pub fn rows(plan: &Plan, ledger: &Ledger) -> Vec<CashflowRow> {
    let mut rows = Vec::new();
    for (t, year) in plan.years().enumerate() {
        for (i, item) in plan.items.iter().enumerate() {
            let payments = ledger.item_payments[i][t];
            let sustainment = ledger.item_sustainment[i][t];
            if payments == Money::ZERO && sustainment == Money::ZERO {
                continue;
            }
            rows.push(CashflowRow {
                item: item.id.clone(),
                name: item.name.clone(),
                year,
                source: NATIONAL.into(),
                payments,
                sustainment,
            });
        }
    }
    rows
}
