//! Budget sensitivity: which years' money matters most.
//!
//! For each year, the plan is solved again with that year's budget (B_y,
//! the money open to the plan's items) raised and lowered by a step; the
//! change in readiness and total cost against the base tells a planner
//! where an extra (or a missing) 10M weighs most.

use super::run_parallel;
use crate::explain::ItemSwitch;
use crate::money::Money;
use crate::plan::Plan;
use crate::report::{Report, Status};
use crate::solve::SolveOptions;

/// The effect of moving one year's budget by one step.
#[derive(Clone, Debug, PartialEq)]
pub struct Shift {
    pub status: Status,
    /// Readiness change in percentage points (`None` without a schedule).
    pub readiness_change: Option<f64>,
    /// Total cost change (`None` without a schedule).
    pub cost_change: Option<Money>,
    /// The items bought beyond fixed orders that switched against the
    /// base (section 9; empty when the item set is the same).
    pub switched: ItemSwitch,
}

/// One year's sensitivity.
#[derive(Clone, Debug, PartialEq)]
pub struct YearSensitivity {
    pub year: i32,
    pub budget: Money,
    pub raised: Shift,
    /// `None` when the year's budget is smaller than the step.
    pub lowered: Option<Shift>,
}

/// The base run and each year's sensitivity.
#[derive(Clone, Debug)]
pub struct Sensitivity {
    pub step: Money,
    pub base: Report,
    pub years: Vec<YearSensitivity>,
}

/// Solves the base and, for each year, the plan with that year's budget
/// raised and lowered by `step`; all solves run in parallel.
pub fn sensitivity(
    plan: &Plan,
    step: Money,
    options: &SolveOptions,
    threads: Option<usize>,
    tick: impl Fn() + Sync + Send,
) -> Sensitivity {
    let mut jobs: Vec<Option<(usize, Money)>> = vec![None];
    // Only money still open moves: history budgets are spent (section 7).
    let open = |t: usize| !plan.is_history(plan.budget.years[t].year);
    for t in (0..plan.horizon_len()).filter(|t| open(*t)) {
        jobs.push(Some((t, step)));
        if plan.budget.years[t].budget >= step {
            jobs.push(Some((t, -step)));
        }
    }
    let results = run_parallel(
        jobs.clone(),
        threads,
        |job| {
            let mut changed = plan.clone();
            if let Some((t, delta)) = job {
                changed.budget.years[t].budget += delta;
            }
            crate::solve_report(&changed, options)
        },
        tick,
    );
    let base = results[0].clone();
    let find = |t: usize, delta: Money| {
        jobs.iter()
            .position(|j| *j == Some((t, delta)))
            .map(|k| shift(&base, &results[k]))
    };
    let years = plan
        .budget
        .years
        .iter()
        .enumerate()
        .filter(|(t, _)| open(*t))
        .map(|(t, y)| YearSensitivity {
            year: y.year,
            budget: y.budget,
            raised: find(t, step).unwrap_or_else(|| no_shift(&base)),
            lowered: find(t, -step),
        })
        .collect();
    Sensitivity { step, base, years }
}

impl Sensitivity {
    /// Whether the base and every shifted solve reached a proven optimum:
    /// `capplan sensitivity` exits 0 only then (an infeasible or unproven
    /// cell gives exit 1, as `sweep` and `compare` do).
    pub fn all_optimal(&self) -> bool {
        self.base.status == Status::Optimal
            && self.years.iter().all(|y| {
                y.raised.status == Status::Optimal
                    && y.lowered
                        .as_ref()
                        .is_none_or(|s| s.status == Status::Optimal)
            })
    }
}

fn shift(base: &Report, changed: &Report) -> Shift {
    let both = base.has_schedule() && changed.has_schedule();
    Shift {
        status: changed.status,
        readiness_change: both.then_some(changed.readiness - base.readiness),
        cost_change: both.then(|| changed.total_cost - base.total_cost),
        switched: ItemSwitch::between(base, changed),
    }
}

fn no_shift(base: &Report) -> Shift {
    shift(base, base)
}
