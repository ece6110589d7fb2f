//! Pricing a schedule in exact money.
//!
//! The [`Ledger`] applies the plan format's definitions (payments by share,
//! sustainment on units delivered in earlier years, carry-over capped and
//! lapsing) to a [`Schedule`] in whole cents. It is computed once and read by
//! both the post-solve check and the report, so the numbers a planner sees
//! are the numbers that were checked.
//!
//! Prices at current prices and in the plan currency (section 8) are
//! re-derived here from the plan's rates and growth ([`Plan::rate`],
//! [`Plan::price_level`]) rather than taken from the model's f64 rule
//! ([`crate::plan::Item::cost_share_in`]), so that the two implementations
//! check each other. Funding sources' ledgers and the split of each
//! item-year over them are in [`crate::source_ledger`].

use crate::money::{split_by_shares, Money};
use crate::plan::Plan;
use crate::schedule::Schedule;

/// Money of one horizon year.
#[derive(Clone, Debug, PartialEq)]
pub struct YearMoney {
    pub year: i32,
    /// B_y.
    pub budget: Money,
    /// B_y plus the carry-over from the year before.
    pub available: Money,
    pub payments: Money,
    pub sustainment: Money,
    pub spend: Money,
    /// U_{national,y}: the part of `spend` the national budget pays (all
    /// of it without funding sources).
    pub national_spend: Money,
    /// Unspent national money rolled into the next year:
    /// min(cap, available - national_spend), never below zero.
    pub carry_out: Money,
}

/// One order with its price.
#[derive(Clone, Debug, PartialEq)]
pub struct PricedOrder {
    pub item: usize,
    pub year: i32,
    pub units: f64,
    pub delivered: i32,
    /// unit_cost * units, escalated to the order year and converted at
    /// each payment's year (after the horizon, the rate of `end`).
    pub cost: Money,
    /// Placed before planning (a `fixed` entry).
    pub fixed: bool,
    /// (payment year, amount) of each payment of `cost`, in the plan
    /// currency; years after `end` included.
    pub payments: Vec<(i32, Money)>,
}

/// A schedule priced year by year.
#[derive(Clone, Debug, PartialEq)]
pub struct Ledger {
    pub years: Vec<YearMoney>,
    /// Orders with units > 0, by year then item file order.
    pub orders: Vec<PricedOrder>,
    /// Payments due after the horizon (not charged to any budget).
    pub commitments_after_horizon: Money,
    /// `delivered[item][year index]`: D[i,y].
    pub delivered: Vec<Vec<f64>>,
    /// `item_spend[item][year index]`: the payments and sustainment of one
    /// item in one year; summed over items, each year's spend exactly.
    pub item_spend: Vec<Vec<Money>>,
    /// `payments[item][year index]`: P[i,y] in exact money.
    pub payments: Vec<Vec<Money>>,
    /// `sustainment[item][year index]`: S[i,y] in exact money.
    pub sustainment: Vec<Vec<Money>>,
    /// Who pays what: every source's ledger and the split of each
    /// item-year over the sources.
    pub funding: crate::source_ledger::Funding,
}

impl Ledger {
    /// Prices a schedule.
    pub fn price(plan: &Plan, schedule: &Schedule) -> Ledger {
        let n = plan.horizon_len();
        let mut payments = vec![vec![Money::ZERO; n]; plan.items.len()];
        let mut after_horizon = Money::ZERO;
        let mut orders = Vec::new();
        for year in plan.years() {
            for (i, item) in plan.items.iter().enumerate() {
                let units = schedule.units[i][plan.year_index(year)];
                if units <= 0.0 {
                    continue;
                }
                // In the item's currency at price-year prices, split by
                // share, then each part escalated to the order year and
                // converted at its payment year (the rate of `end` after
                // the horizon).
                let level = plan.price_level(i, year);
                let mut cost = Money::ZERO;
                let mut parts = Vec::with_capacity(item.payments.len());
                for (k, part) in split_by_shares(order_cost(item.unit_cost, units), &item.payments)
                    .into_iter()
                    .enumerate()
                {
                    let pay_year = year + k as i32;
                    let rate = plan.rate(&item.currency, pay_year.min(plan.end));
                    let part = part.times(level * rate.unwrap_or(1.0));
                    cost += part;
                    parts.push((pay_year, part));
                    if pay_year <= plan.end {
                        payments[i][plan.year_index(pay_year)] += part;
                    } else {
                        after_horizon += part;
                    }
                }
                orders.push(PricedOrder {
                    item: i,
                    year,
                    units,
                    delivered: year + item.lead_time,
                    cost,
                    fixed: item.fixed_in(year).is_some(),
                    payments: parts,
                });
            }
        }
        let delivered: Vec<Vec<f64>> = (0..plan.items.len())
            .map(|i| {
                plan.years()
                    .map(|y| schedule.delivered_by(plan, i, y))
                    .collect()
            })
            .collect();
        let sustainment = sustainment_by_item(plan, &delivered);
        let funding = crate::source_ledger::Funding::split(plan, schedule, &payments, &sustainment);
        let years = money_by_year(plan, &payments, &sustainment, &funding);
        let item_spend = payments
            .iter()
            .zip(&sustainment)
            .map(|(pay, sus)| pay.iter().zip(sus).map(|(p, s)| *p + *s).collect())
            .collect();
        Ledger {
            years,
            orders,
            commitments_after_horizon: after_horizon,
            delivered,
            item_spend,
            payments,
            sustainment,
            funding,
        }
    }

    /// National cost: the sum of U_{national,y} over the horizon.
    pub fn national_cost(&self) -> Money {
        self.years.iter().map(|y| y.national_spend).sum()
    }

    /// A[g,m]: points of goal `g` from units delivered by `year`.
    pub fn attainment(&self, plan: &Plan, g: usize, year: i32) -> f64 {
        let t = plan.year_index(year);
        plan.items
            .iter()
            .enumerate()
            .flat_map(|(i, item)| {
                item.contributes
                    .iter()
                    .filter(move |(goal, _)| *goal == g)
                    .map(move |(_, points)| points * self.delivered[i][t])
            })
            .fold(0.0, |sum, points| sum + points)
    }

    /// Total cost: the sum of Spend_y over the horizon.
    pub fn total_cost(&self) -> Money {
        self.years.iter().map(|y| y.spend).sum()
    }
}

/// unit_cost * units, to the cent.
pub fn order_cost(unit_cost: Money, units: f64) -> Money {
    if units.fract() == 0.0 && units.abs() < 1e12 {
        Money::from_cents(unit_cost.cents() * units as i64)
    } else {
        unit_cost.times(units)
    }
}

/// `[item][year index]`: sustainment of the item's units delivered before
/// that year, escalated and converted in that year, to the cent.
fn sustainment_by_item(plan: &Plan, delivered: &[Vec<f64>]) -> Vec<Vec<Money>> {
    plan.items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            (0..plan.horizon_len())
                .map(|t| {
                    if t == 0 || item.sustainment <= 0.0 {
                        Money::ZERO
                    } else {
                        let year = plan.start + t as i32;
                        let factor = plan.price_level(i, year)
                            * plan.rate(&item.currency, year).unwrap_or(1.0);
                        item.unit_cost
                            .times(item.sustainment * factor * delivered[i][t - 1])
                    }
                })
                .collect()
        })
        .collect()
}

/// The sum over items of one year's column.
fn year_sum(by_item: &[Vec<Money>], t: usize) -> Money {
    by_item.iter().map(|row| row[t]).sum()
}

fn money_by_year(
    plan: &Plan,
    payments: &[Vec<Money>],
    sustainment: &[Vec<Money>],
    funding: &crate::source_ledger::Funding,
) -> Vec<YearMoney> {
    let mut carry_in = Money::ZERO;
    let mut years = Vec::with_capacity(plan.horizon_len());
    for (t, year) in plan.years().enumerate() {
        let budget = plan.budget.years[t].budget;
        let available = budget + carry_in;
        let payments = year_sum(payments, t);
        let sustainment = year_sum(sustainment, t);
        let spend = payments + sustainment;
        let national_spend = spend - funding.paid_by_sources(t);
        let carry_out = (available - national_spend)
            .min(plan.budget.carry_cap(t))
            .max_zero();
        years.push(YearMoney {
            year,
            budget,
            available,
            payments,
            sustainment,
            spend,
            national_spend,
            carry_out,
        });
        carry_in = carry_out;
    }
    years
}
