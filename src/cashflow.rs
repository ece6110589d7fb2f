//! Cash flow by item, year and funding source (plan format section 7).
//!
//! The table a finance ministry asks for: what each item costs in each
//! year, payments and running costs apart. [`rows`] reads the exact-money
//! [`Ledger`] and re-derives nothing, so the rows of a year add up to that
//! year's payments and sustainment to the cent. With funding sources
//! (section 8), each item's money is split by source as the ledger split
//! it; without, every row's source is [`NATIONAL`].

use crate::ledger::Ledger;
use crate::money::Money;
use crate::plan::Plan;
use crate::source_ledger::Payer;

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
/// then item file order, then source (national first, then the plan's
/// sources in file order). The split over sources is the ledger's
/// ([`crate::source_ledger::Funding`]); without sources every row is
/// national.
pub fn rows(plan: &Plan, ledger: &Ledger) -> Vec<CashflowRow> {
    let mut rows: Vec<CashflowRow> = Vec::new();
    for (t, year) in plan.years().enumerate() {
        for (i, item) in plan.items.iter().enumerate() {
            let payments = ledger.payments[i][t];
            let sustainment = ledger.sustainment[i][t];
            if payments == Money::ZERO && sustainment == Money::ZERO {
                continue;
            }
            let mut by_payer: Vec<(Payer, Money, Money)> = Vec::new();
            for share in ledger
                .funding
                .shares
                .iter()
                .filter(|s| s.item == i && s.year == year)
            {
                let at = match by_payer.iter().position(|(p, _, _)| *p == share.payer) {
                    Some(at) => at,
                    None => {
                        by_payer.push((share.payer, Money::ZERO, Money::ZERO));
                        by_payer.len() - 1
                    }
                };
                if share.sustainment {
                    by_payer[at].2 += share.amount;
                } else {
                    by_payer[at].1 += share.amount;
                }
            }
            if by_payer.is_empty() {
                by_payer.push((Payer::National, payments, sustainment));
            }
            by_payer.sort_by_key(|(payer, _, _)| *payer);
            for (payer, payments, sustainment) in by_payer {
                rows.push(CashflowRow {
                    item: item.id.clone(),
                    name: item.name.clone(),
                    year,
                    source: match payer {
                        Payer::National => NATIONAL.into(),
                        Payer::Source(s) => plan.sources[s].id.clone(),
                    },
                    payments,
                    sustainment,
                });
            }
        }
    }
    rows
}
