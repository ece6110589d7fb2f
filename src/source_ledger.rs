//! Funding sources in exact money (plan format section 8): the split of
//! each item-year's payments and running costs over the sources, and each
//! source's own ledger.
//!
//! The solver's split (f64, in [`Schedule::funding`]) is rounded to cents so
//! that, per item and year, the sources' parts and the national remainder
//! add up exactly to the exact P[i,y] or S[i,y] of the [`crate::ledger`].
//! Each source's ledger is then re-derived here from its definition
//! (U <= G + c_in; c_out = carryover * (G + c_in - U)), independently of
//! the model's rows, and checked by [`crate::audit`]. The national ledger
//! is the ledger's `years`. For a plan without sources everything is
//! national and nothing here changes a v1 result.

use crate::ledger::PricedOrder;
use crate::money::Money;
use crate::plan::Plan;
use crate::schedule::Schedule;
use std::collections::HashMap;

/// One year of one source's ledger.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceYear {
    pub year: i32,
    /// G_{s,y}: the money it provides that year, in the plan currency.
    pub budget: Money,
    /// G_{s,y} plus the carry-over from the year before.
    pub available: Money,
    /// U_{s,y}: what it pays that year.
    pub spend: Money,
    /// carryover_s * (available - spend), never below zero.
    pub carry_out: Money,
}

/// One source's ledger over the horizon.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceLedger {
    /// Index into `Plan::sources`.
    pub source: usize,
    pub years: Vec<SourceYear>,
}

/// Who pays: the national budget or a source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Payer {
    National,
    /// Index into `Plan::sources`.
    Source(usize),
}

/// One payer's part of one item's payments (or running costs) in one year.
/// Summed over payers, exactly P[i,y] (or S[i,y]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FundingShare {
    pub item: usize,
    pub year: i32,
    pub payer: Payer,
    /// Running costs rather than payments.
    pub sustainment: bool,
    pub amount: Money,
}

/// The funding of a priced schedule.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Funding {
    /// One ledger per source, in file order (the national one is not here).
    pub sources: Vec<SourceLedger>,
    /// Every non-zero share, by year, then item, then payments before
    /// running costs, then payer (national first). The per item / year /
    /// source split, for cash-flow rows.
    pub shares: Vec<FundingShare>,
}

impl Funding {
    /// Rounds the solver's split to cents against the exact `payments` and
    /// `sustainment` (`[item][year index]`) and builds each source's ledger.
    pub fn split(
        plan: &Plan,
        schedule: &Schedule,
        payments: &[Vec<Money>],
        sustainment: &[Vec<Money>],
    ) -> Funding {
        let mut solver: HashMap<(usize, i32, bool), Vec<(usize, f64)>> = HashMap::new();
        for part in &schedule.funding {
            solver
                .entry((part.item, part.year, part.sustainment))
                .or_default()
                .push((part.source, part.amount));
        }
        let mut shares = Vec::new();
        for (t, year) in plan.years().enumerate() {
            for i in 0..plan.items.len() {
                for (sustainment, exact) in [(false, payments[i][t]), (true, sustainment[i][t])] {
                    let parts = solver
                        .get(&(i, year, sustainment))
                        .map_or(&[][..], Vec::as_slice);
                    for (payer, amount) in split_exact(exact, parts) {
                        if amount != Money::ZERO {
                            shares.push(FundingShare {
                                item: i,
                                year,
                                payer,
                                sustainment,
                                amount,
                            });
                        }
                    }
                }
            }
        }
        let mut sources = Vec::with_capacity(plan.sources.len());
        for (s, source) in plan.sources.iter().enumerate() {
            let mut carry_in = Money::ZERO;
            let mut years = Vec::with_capacity(plan.horizon_len());
            for (t, year) in plan.years().enumerate() {
                let budget = source.grant[t];
                let available = budget + carry_in;
                let mut spend: Money = shares
                    .iter()
                    .filter(|f| f.year == year && f.payer == Payer::Source(s))
                    .map(|f| f.amount)
                    .sum();
                if spend > available {
                    // The solver's tolerance and the rounding to cents can
                    // leave a source a few cents over: those cents are
                    // national money, so the source's ledger holds exactly.
                    give_back_to_national(&mut shares, s, year, spend - available);
                    spend = available;
                }
                let carry_out = (available - spend).max_zero().times(source.carryover);
                carry_in = carry_out;
                years.push(SourceYear {
                    year,
                    budget,
                    available,
                    spend,
                    carry_out,
                });
            }
            sources.push(SourceLedger { source: s, years });
        }
        Funding { sources, shares }
    }

    /// What the sources (not the national budget) pay in year index `t`.
    pub fn paid_by_sources(&self, t: usize) -> Money {
        self.sources.iter().map(|s| s.years[t].spend).sum()
    }

    /// Who pays an order's cost: each payment part of the order is split
    /// over the payers of its item-year in proportion to their shares (to
    /// the cent, the national budget taking the remainder); payments after
    /// the horizon are national. Payers with nothing to pay are left out;
    /// the amounts add up to the order's cost exactly. Sources in file
    /// order, the national budget first.
    pub fn of_order(&self, plan: &Plan, order: &PricedOrder) -> Vec<(Payer, Money)> {
        let mut by_source = vec![Money::ZERO; plan.sources.len()];
        for &(year, part) in &order.payments {
            if year > plan.end {
                continue;
            }
            let year_shares: Vec<&FundingShare> = self
                .shares
                .iter()
                .filter(|f| f.item == order.item && f.year == year && !f.sustainment)
                .collect();
            let total: i128 = year_shares
                .iter()
                .map(|f| i128::from(f.amount.cents()))
                .sum();
            if total <= 0 {
                continue;
            }
            for f in year_shares {
                if let Payer::Source(s) = f.payer {
                    let cents = i128::from(part.cents()) * i128::from(f.amount.cents()) / total;
                    by_source[s] += Money::from_cents(i64::try_from(cents).unwrap_or(0));
                }
            }
        }
        let national = order.cost - by_source.iter().copied().sum::<Money>();
        std::iter::once((Payer::National, national))
            .chain(
                by_source
                    .into_iter()
                    .enumerate()
                    .map(|(s, m)| (Payer::Source(s), m)),
            )
            .filter(|(_, m)| *m != Money::ZERO)
            .collect()
    }
}

/// Splits an exact amount over the solver's parts (source, f64 units):
/// each rounded to the cent (negatives as zero), taken back from the last
/// parts when rounding makes them exceed the amount, the national budget
/// taking the rest. National first, then the sources in the parts' order.
/// Moves `over` of source `s`'s money in `year` to the national budget,
/// from its last shares first, keeping the shares' order (year, item,
/// payments before running costs, national first).
fn give_back_to_national(shares: &mut Vec<FundingShare>, s: usize, year: i32, over: Money) {
    let mut left = over;
    for k in (0..shares.len()).rev() {
        if left <= Money::ZERO {
            break;
        }
        let share = shares[k];
        if share.year != year || share.payer != Payer::Source(s) {
            continue;
        }
        let back = left.min(share.amount);
        shares[k].amount -= back;
        left -= back;
        let national = shares.iter().position(|f| {
            f.year == year
                && f.item == share.item
                && f.sustainment == share.sustainment
                && f.payer == Payer::National
        });
        match national {
            Some(n) => shares[n].amount += back,
            None => shares.push(FundingShare {
                payer: Payer::National,
                amount: back,
                ..share
            }),
        }
    }
    shares.retain(|f| f.amount != Money::ZERO);
    shares.sort_by_key(|f| (f.year, f.item, f.sustainment, f.payer));
}

fn split_exact(exact: Money, parts: &[(usize, f64)]) -> Vec<(Payer, Money)> {
    let mut rounded: Vec<(usize, Money)> = parts
        .iter()
        .map(|&(s, amount)| {
            let amount = if amount.is_finite() && amount > 0.0 {
                Money::from_units(amount.min(crate::money::MAX_UNITS))
            } else {
                Money::ZERO
            };
            (s, amount)
        })
        .collect();
    let mut excess = rounded.iter().map(|(_, m)| *m).sum::<Money>() - exact.max_zero();
    for (_, m) in rounded.iter_mut().rev() {
        if excess <= Money::ZERO {
            break;
        }
        let back = excess.min(*m);
        *m -= back;
        excess -= back;
    }
    let national = exact - rounded.iter().map(|(_, m)| *m).sum::<Money>();
    std::iter::once((Payer::National, national))
        .chain(rounded.into_iter().map(|(s, m)| (Payer::Source(s), m)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cents(c: i64) -> Money {
        Money::from_cents(c)
    }

    #[test]
    fn cents_a_source_cannot_pay_go_to_the_national_budget() {
        let share = |payer, amount| FundingShare {
            item: 0,
            year: 2025,
            payer,
            sustainment: false,
            amount: cents(amount),
        };
        let mut shares = vec![share(Payer::National, 100), share(Payer::Source(0), 4_000)];
        give_back_to_national(&mut shares, 0, 2025, cents(3));
        assert_eq!(
            shares,
            vec![share(Payer::National, 103), share(Payer::Source(0), 3_997)]
        );
        // Without a national share yet, one is made, national first.
        let mut shares = vec![share(Payer::Source(0), 50)];
        give_back_to_national(&mut shares, 0, 2025, cents(50));
        assert_eq!(shares, vec![share(Payer::National, 50)]);
    }

    #[test]
    fn parts_and_national_add_up_to_the_exact_amount() {
        // 100.00 split as 33.333... and 66.666... by two sources: 33.33 and
        // 66.67 rounded; they add up to 100.00, nothing national.
        let split = split_exact(cents(10_000), &[(0, 100.0 / 3.0), (1, 200.0 / 3.0)]);
        assert_eq!(
            split,
            vec![
                (Payer::National, cents(0)),
                (Payer::Source(0), cents(3_333)),
                (Payer::Source(1), cents(6_667))
            ]
        );
    }

    #[test]
    fn rounding_above_the_exact_amount_is_taken_back_from_the_last_part() {
        // Solver noise: 50.004 + 50.004 rounds to 100.00 of 99.99.
        let split = split_exact(cents(9_999), &[(0, 50.004), (1, 50.004)]);
        assert_eq!(
            split,
            vec![
                (Payer::National, cents(0)),
                (Payer::Source(0), cents(5_000)),
                (Payer::Source(1), cents(4_999))
            ]
        );
    }

    #[test]
    fn what_the_sources_leave_is_national() {
        let split = split_exact(cents(10_000), &[(0, 25.0), (1, -1e-9)]);
        assert_eq!(
            split,
            vec![
                (Payer::National, cents(7_500)),
                (Payer::Source(0), cents(2_500)),
                (Payer::Source(1), cents(0))
            ]
        );
    }
}
