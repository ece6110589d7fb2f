//! Commitments after the horizon, by item and year, in exact money.
//!
//! Section 2 of the plan format charges no budget with the payments that
//! fall after `end`: they are the bill a plan leaves to the years after
//! it. This module lays them out from the priced orders of the [`Ledger`]
//! (each order's payments, split to the cent, escalated to the order year
//! and converted at the rate of `end`), so they add up to the ledger's
//! `commitments_after_horizon` exactly, and reads `[budget]
//! max_after_end` beside them. Running costs after the horizon are not
//! payments and are not shown. It prices nothing itself.

use crate::ledger::Ledger;
use crate::money::Money;
use crate::plan::Plan;

/// The payments of one item due in one year after the horizon.
#[derive(Clone, Debug, PartialEq)]
pub struct AfterHorizonRow {
    /// The item's id.
    pub item: String,
    pub name: String,
    /// A year after `end`.
    pub year: i32,
    pub amount: Money,
}

/// The payments after the horizon, one row per item and year with money
/// in it, sorted by year then item file order.
pub fn rows(plan: &Plan, ledger: &Ledger) -> Vec<AfterHorizonRow> {
    let mut rows: Vec<(usize, i32, Money)> = Vec::new();
    for order in &ledger.orders {
        for &(year, amount) in &order.payments {
            if year <= plan.end || amount == Money::ZERO {
                continue;
            }
            match rows
                .iter_mut()
                .find(|(i, y, _)| *i == order.item && *y == year)
            {
                Some(row) => row.2 += amount,
                None => rows.push((order.item, year, amount)),
            }
        }
    }
    rows.sort_by_key(|(i, year, _)| (*year, *i));
    rows.into_iter()
        .map(|(i, year, amount)| AfterHorizonRow {
            item: plan.items[i].id.clone(),
            name: plan.items[i].name.clone(),
            year,
            amount,
        })
        .collect()
}

/// One item's payments after the horizon, all years together.
#[derive(Clone, Debug, PartialEq)]
pub struct AfterHorizonItem {
    /// The item's id.
    pub item: String,
    pub name: String,
    pub amount: Money,
}

/// Everything a result says about the years after the horizon.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AfterHorizon {
    /// `[budget] max_after_end`, if the plan has it.
    pub cap: Option<Money>,
    /// The sum of every row: the ledger's commitments after the horizon.
    pub total: Money,
    /// By item and year, sorted by year then item file order.
    pub rows: Vec<AfterHorizonRow>,
    /// By item, in item file order.
    pub items: Vec<AfterHorizonItem>,
}

impl AfterHorizon {
    /// The commitments after the horizon of a priced schedule.
    pub fn of(plan: &Plan, ledger: &Ledger) -> AfterHorizon {
        let rows = rows(plan, ledger);
        let items = plan
            .items
            .iter()
            .filter(|item| rows.iter().any(|r| r.item == item.id))
            .map(|item| AfterHorizonItem {
                item: item.id.clone(),
                name: item.name.clone(),
                amount: rows
                    .iter()
                    .filter(|r| r.item == item.id)
                    .map(|r| r.amount)
                    .sum(),
            })
            .collect();
        AfterHorizon {
            cap: plan.budget.max_after_end.as_ref().map(|c| c.amount),
            total: rows.iter().map(|r| r.amount).sum(),
            rows,
            items,
        }
    }

    /// Whether a result shows it: when the plan caps the bill or leaves
    /// one (a plan with neither keeps its v1 output).
    pub fn shown(&self) -> bool {
        self.cap.is_some() || !self.rows.is_empty()
    }

    /// The years after the horizon with money in them, ascending.
    pub fn years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self.rows.iter().map(|r| r.year).collect();
        years.dedup();
        years
    }
}

/// The money by which a priced schedule's commitments after the horizon
/// exceed `[budget] max_after_end` (zero within it, or without the key).
pub fn excess(plan: &Plan, ledger: &Ledger) -> Money {
    match &plan.budget.max_after_end {
        Some(cap) => (ledger.commitments_after_horizon - cap.amount).max_zero(),
        None => Money::ZERO,
    }
}

/// Why `[budget] max_after_end` cannot hold, found without solving: the
/// fixed orders alone leave a larger bill after the horizon.
pub fn fixed_orders_reason(plan: &Plan) -> Option<String> {
    let cap = plan.budget.max_after_end.as_ref()?;
    let fixed = Ledger::price(plan, &crate::schedule::Schedule::fixed_only(plan));
    (fixed.commitments_after_horizon > cap.amount).then(|| {
        format!(
            "fixed orders alone leave {} of payments after {}, above max_after_end {} ({})",
            fixed.commitments_after_horizon.short(),
            plan.end,
            cap.amount.short(),
            cap.at
        )
    })
}

/// A sentence for an infeasible plan with a cap: the rule may be the one
/// that cannot hold, since no extra money inside the horizon relaxes it.
pub fn cap_reason(plan: &Plan) -> Option<String> {
    let cap = plan.budget.max_after_end.as_ref()?;
    Some(format!(
        "at most {} of payments may fall after {} (max_after_end, {}); no extra money inside \
         the horizon relaxes it: orders whose payments run past {} (min_units, windows, \
         fixed orders) may be what conflicts with it",
        cap.amount.short(),
        plan.end,
        cap.at,
        plan.end
    ))
}
