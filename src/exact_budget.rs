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
//! Before any re-solve, a schedule over by no more than the rounding of a
//! divisible order is trimmed instead ([`trim`]): that order is lowered by
//! the least number of billionths of a unit that brings the year within
//! its money, at most a ten-millionth of the order (far inside the
//! contract's 1e-6 gap). The trimmed schedule is kept only if it keeps
//! every budget year to the cent and passes the whole post-solve check;
//! else the re-solve runs as before. A re-solve repeats every stage, so
//! this halves the time of a solve the solver leaves a cent over.
//!
//! `[budget] max_after_end` is kept the same way: a schedule whose
//! payments after the horizon exceed the cap by the solver's tolerance is
//! solved again with the cap lowered by a margin that grows alike.

use crate::audit;
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
        let trimmed = (cap_over[0] == Money::ZERO)
            .then(|| trim(plan, schedule, &over))
            .flatten();
        if let Some(trimmed) = trimmed {
            if let Outcome::Solved { schedule, .. } = &mut outcome {
                *schedule = trimmed;
            }
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

/// The most a trim may take off an order, as a share of its units.
const MAX_TRIM: f64 = 1e-7;

/// `schedule` with, for each year over its money by `over`, one divisible
/// order lowered just enough to bring the year within it; `None` when no
/// order can be lowered that little, or the trimmed schedule still
/// overspends or fails any rule of the post-solve check.
pub fn trim(plan: &Plan, schedule: &Schedule, over: &[Money]) -> Option<Schedule> {
    let mut trimmed = schedule.clone();
    for (t, year) in plan.years().enumerate() {
        let over = over.get(t).copied().unwrap_or(Money::ZERO);
        if over > Money::ZERO {
            trim_year(plan, &mut trimmed, year, over)?;
        }
    }
    let fits = overspend(plan, &trimmed).iter().all(|m| *m == Money::ZERO);
    let ledger = Ledger::price(plan, &trimmed);
    (fits && audit::check(plan, &trimmed, &ledger).is_empty()).then_some(trimmed)
}

/// Lowers the divisible order that needs the least trim to pay `over` less
/// in `year`: by `over` / (its cost per unit that year), rounded up to a
/// billionth, plus one billionth for the rounding of cents.
fn trim_year(plan: &Plan, schedule: &mut Schedule, year: i32, over: Money) -> Option<()> {
    let mut best: Option<(usize, usize, f64)> = None;
    for (i, item) in plan.items.iter().enumerate().filter(|(_, it)| it.divisible) {
        for (o, order_year) in plan.years().enumerate().filter(|(_, y)| *y <= year) {
            let units = schedule.units[i][o];
            let fixed: f64 = item
                .fixed
                .iter()
                .filter(|f| f.year == order_year)
                .map(|f| f.units)
                .sum();
            let per_unit = item.unit_cost.to_units() * item.cost_share_in(order_year, year);
            if units <= fixed || per_unit <= 0.0 {
                continue;
            }
            let cut = (over.to_units() / per_unit * 1e9).ceil() / 1e9 + 1e-9;
            let allowed = cut <= units * MAX_TRIM && units - cut >= fixed;
            if allowed && best.is_none_or(|(_, _, c)| cut / units < c) {
                best = Some((i, o, cut / units));
            }
        }
    }
    let (i, o, share) = best?;
    let units = schedule.units[i][o];
    schedule.units[i][o] = ((units - units * share) * 1e9).floor() / 1e9;
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(divisible: bool) -> Plan {
        let text = format!(
            "[plan]\nname = \"t\"\nstart = 2025\nend = 2025\n[budget]\nyears = {{ 2025 = \"100M\" }}\n\
             [[item]]\nid = \"a\"\nunit_cost = \"30M\"\nmax_units = 4\ndivisible = {divisible}\n\
             contributes = {{ g = 1 }}\n[[goal]]\nid = \"g\"\ntargets = {{ 2025 = 4 }}\n"
        );
        crate::plan::load_text("t.toml", &text)
            .map(|(plan, _)| plan)
            .unwrap_or_else(|e| panic!("{}", e.render(false)))
    }

    #[test]
    fn a_divisible_order_a_few_cents_over_is_trimmed_by_billionths() {
        let plan = plan(true);
        // 3.333333334 x 30M = 100,000,000.02: two cents over 100M.
        let schedule = Schedule {
            units: vec![vec![3.333_333_334]],
            funding: Vec::new(),
        };
        let over = overspend(&plan, &schedule);
        assert_eq!(over, vec![Money::from_cents(2)]);
        let trimmed = trim(&plan, &schedule, &over).expect("trimmed");
        // Two cents are 0.67 billionths of a unit: one billionth, plus one
        // for the rounding of cents.
        assert_eq!(trimmed.units, vec![vec![3.333_333_332]]);
        assert_eq!(overspend(&plan, &trimmed), vec![Money::ZERO]);
    }

    #[test]
    fn whole_units_or_a_large_overspend_are_left_to_the_re_solve() {
        let whole = plan(false);
        let schedule = Schedule {
            units: vec![vec![4.0]],
            funding: Vec::new(),
        };
        let over = overspend(&whole, &schedule);
        assert_eq!(over, vec![Money::from_units(20e6)]);
        assert!(trim(&whole, &schedule, &over).is_none());
        // 20M over on a divisible order is far more than a rounding.
        assert!(trim(&plan(true), &schedule, &over).is_none());
    }

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
