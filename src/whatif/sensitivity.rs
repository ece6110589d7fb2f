//! Budget sensitivity: which years' money matters most.
//!
//! For each year, the plan is solved again with that year's money raised
//! and lowered by a step; the change in readiness and total cost against
//! the base tells a planner where an extra (or a missing) 10M weighs most.
//! The step moves either the envelope (`budget.years`, as a finance
//! ministry means "+10M in 2024"; it reaches the plan as step x
//! capital_share x scale) or the money open to the plan (B_y) directly.

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

/// Which money a sensitivity step moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum StepOf {
    /// The envelope as written in `budget.years`.
    #[default]
    Envelope,
    /// The money open to the plan, B_y.
    Open,
}

impl StepOf {
    /// The name in `--of` and in the JSON result.
    pub fn name(self) -> &'static str {
        match self {
            StepOf::Envelope => "envelope",
            StepOf::Open => "open",
        }
    }

    /// How much of `step` reaches B_y of a year open to decisions: all of
    /// it for `open`, step x capital_share x scale for `envelope`.
    pub fn open_step(self, plan: &Plan, step: Money) -> Money {
        match self {
            StepOf::Open => step,
            StepOf::Envelope => step.times(plan.budget.capital_share * plan.budget.scale),
        }
    }
}

/// One year's sensitivity.
#[derive(Clone, Debug, PartialEq)]
pub struct YearSensitivity {
    pub year: i32,
    /// The envelope as written.
    pub envelope: Money,
    pub budget: Money,
    pub raised: Shift,
    /// `None` when the year's budget is smaller than the step.
    pub lowered: Option<Shift>,
}

/// The base run and each year's sensitivity.
#[derive(Clone, Debug)]
pub struct Sensitivity {
    pub step: Money,
    /// Which money the step moved.
    pub of: StepOf,
    /// What the step changes B_y by.
    pub open_step: Money,
    pub base: Report,
    pub years: Vec<YearSensitivity>,
}

/// Solves the base and, for each year, the plan with that year's budget
/// (B_y) raised and lowered by `step`; all solves run in parallel.
pub fn sensitivity(
    plan: &Plan,
    step: Money,
    options: &SolveOptions,
    threads: Option<usize>,
    tick: impl Fn() + Sync + Send,
) -> Sensitivity {
    sensitivity_of(plan, step, StepOf::Open, options, threads, tick)
}

/// Solves the base and, for each year, the plan with that year's envelope
/// or open money (`of`) raised and lowered by `step`; all solves run in
/// parallel.
pub fn sensitivity_of(
    plan: &Plan,
    step: Money,
    of: StepOf,
    options: &SolveOptions,
    threads: Option<usize>,
    tick: impl Fn() + Sync + Send,
) -> Sensitivity {
    let open_step = of.open_step(plan, step);
    let mut jobs: Vec<Option<(usize, Money)>> = vec![None];
    // Only money still open moves: history budgets are spent (section 7).
    let open = |t: usize| !plan.is_history(plan.budget.years[t].year);
    for t in (0..plan.horizon_len()).filter(|t| open(*t)) {
        jobs.push(Some((t, open_step)));
        if plan.budget.years[t].budget >= open_step {
            jobs.push(Some((t, -open_step)));
        }
    }
    let results = run_parallel(
        jobs.clone(),
        threads,
        |job| {
            let mut changed = plan.clone();
            if let Some((t, delta)) = job {
                let year = &mut changed.budget.years[t];
                year.budget += delta;
                if of == StepOf::Envelope {
                    year.envelope += if delta > Money::ZERO { step } else { -step };
                }
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
            envelope: y.envelope,
            budget: y.budget,
            raised: find(t, open_step).unwrap_or_else(|| no_shift(&base)),
            lowered: find(t, -open_step),
        })
        .collect();
    Sensitivity {
        step,
        of,
        open_step,
        base,
        years,
    }
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
