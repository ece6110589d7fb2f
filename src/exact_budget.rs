//! Keeping a solved schedule inside every budget year, to the cent.
//!
//! The solver works in floating point: its feasibility tolerance, the
//! rounding of each order's payments to whole cents and the rounding of
//! divisible units to a billionth can leave a schedule a few currency units
//! over a year's money (2 EUR on a 100bn budget, more on larger ones). The
//! post-solve check ([`crate::audit`]) is exact in cents and would refuse
//! such a schedule, so before it is checked this module re-solves with the
//! overspent years' budgets lowered by a margin (twice the overspend plus
//! one currency unit, then sixteen times larger at each try, at most
//! [`MAX_TRIES`] times: the solver's tolerance grows with the money).
//! The schedule shown then obeys the budget rule exactly. The margins only
//! ever reach the solver: the report prices and checks the schedule
//! against the plan as written. This module must not loosen the check.
//!
//! `[budget] max_after_end` is kept the same way: a schedule whose
//! payments after the horizon exceed the cap by the solver's tolerance is
//! solved again with the cap lowered by a margin that grows alike.

use crate::ledger::Ledger;
use crate::money::Money;
use crate::plan::Plan;
use crate::schedule::Schedule;
use crate::solve::Outcome;

/// Re-solves allowed after the first solve.
pub const MAX_TRIES: usize = 5;

/// Money spent above what is available, per horizon year index (zero for
/// a year within its money).
pub fn overspend(plan: &Plan, schedule: &Schedule) -> Vec<Money> {
    Ledger::price(plan, schedule)
        .years
        .iter()
        .map(|y| (y.national_spend - y.available).max_zero())
        .collect()
}

/// The plan the solver sees on a re-solve: each year's budget lowered by
/// its margin (never below zero).
pub fn with_margins(plan: &Plan, margins: &[Money]) -> Plan {
    let mut tightened = plan.clone();
    for (year, margin) in tightened.budget.years.iter_mut().zip(margins) {
        year.budget = (year.budget - *margin).max_zero();
    }
    tightened
}

/// The plan with its cap on payments after the horizon lowered by
/// `margin` (never below zero); the plan itself when it has no cap.
fn with_cap_margin(mut plan: Plan, margin: Money) -> Plan {
    if let Some(cap) = plan.budget.max_after_end.as_mut() {
        cap.amount = (cap.amount - margin).max_zero();
    }
    plan
}

/// Grows the margins of the years that still overspend: each to at least
/// twice its overspend plus one currency unit, and at least sixteen times
/// what it was.
fn widen(margins: &mut [Money], over: &[Money]) {
    let unit = Money::from_cents(100);
    for (margin, over) in margins.iter_mut().zip(over) {
        if *over > Money::ZERO {
            let wanted = *over + *over + unit;
            *margin = margin.times(16.0).max(wanted);
        }
    }
}

/// Starting from the first solve's `outcome`, re-solves with `resolve`
/// until the schedule keeps every year's budget in exact money, or the
/// tries or the time run out (`resolve` gives `None`; the exact check then
/// reports the overspend and the schedule is not called optimal). A
/// re-solve that finds no schedule leaves the last one found.
pub(crate) fn solve_within_budget(
    plan: &Plan,
    mut outcome: Outcome,
    mut resolve: impl FnMut(&Plan) -> Option<Outcome>,
) -> Outcome {
    let mut margins = vec![Money::ZERO; plan.budget.years.len()];
    // The cap's margin, grown like a year's.
    let mut cap_margin = [Money::ZERO];
    for _ in 0..MAX_TRIES {
        let Outcome::Solved {
            schedule, stats, ..
        } = &outcome
        else {
            break;
        };
        let over = overspend(plan, schedule);
        let cap_over = [match plan.budget.max_after_end {
            Some(_) => crate::after_horizon::excess(plan, &Ledger::price(plan, schedule)),
            None => Money::ZERO,
        }];
        if over.iter().chain(&cap_over).all(|m| *m == Money::ZERO) {
            break;
        }
        widen(&mut margins, &over);
        widen(&mut cap_margin, &cap_over);
        let earlier = stats.clone();
        let tightened = with_cap_margin(with_margins(plan, &margins), cap_margin[0]);
        match resolve(&tightened) {
            Some(Outcome::Solved {
                schedule,
                proven,
                mut stats,
            }) => {
                stats.seconds += earlier.seconds;
                stats.nodes += earlier.nodes;
                let mut stages = earlier.stages;
                stages.append(&mut stats.stages);
                stats.stages = stages;
                outcome = Outcome::Solved {
                    schedule,
                    proven,
                    stats,
                };
            }
            _ => break,
        }
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn margins_cover_twice_the_overspend_and_grow() {
        let mut margins = vec![Money::ZERO; 3];
        let over = [Money::ZERO, Money::from_cents(200), Money::from_cents(1)];
        widen(&mut margins, &over);
        assert_eq!(
            margins,
            vec![Money::ZERO, Money::from_cents(500), Money::from_cents(102)]
        );
        widen(
            &mut margins,
            &[Money::ZERO, Money::from_cents(1), Money::ZERO],
        );
        assert_eq!(
            margins,
            vec![Money::ZERO, Money::from_cents(8000), Money::from_cents(102)]
        );
    }
}
