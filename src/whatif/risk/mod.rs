//! Budget risk: how likely the goals are when money comes in as it has,
//! and which buys are right whatever happens.
//!
//! `capplan risk` draws budget futures from the plan's `[uncertainty]`
//! ([`draw`]), solves the plan in each one as an ordinary solve (the
//! schedule a planner would choose knowing that future), and summarises
//! the outcomes ([`summary`]). Every future's schedule is priced and
//! checked like any other; a future whose solve is not proven is counted
//! and said. Futures are independent and run in parallel; future k is the
//! same whatever the number of threads, so the result is too.

pub mod draw;
pub mod summary;

use super::run_parallel;
use crate::money::Money;
use crate::plan::Plan;
use crate::relax::Relaxation;
use crate::report::{Report, Status};
use crate::solve::SolveOptions;
pub use draw::Future;
pub use summary::RiskReport;

/// How many futures to draw, and from which seed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RiskOptions {
    pub runs: usize,
    pub seed: u64,
}

impl Default for RiskOptions {
    fn default() -> Self {
        RiskOptions { runs: 500, seed: 1 }
    }
}

/// What one future's solve gave, reduced to what the summary reads.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub future: Future,
    pub status: Status,
    /// Whether the solve was proven (optimal, or proven infeasible).
    pub proven: bool,
    /// Whether a schedule was shown and it passed the exact-money check.
    pub checked: bool,
    pub readiness: Option<f64>,
    /// The drawn B_y of each horizon year.
    pub budgets: Vec<Money>,
    /// Spend of each horizon year (empty without a schedule).
    pub spend: Vec<Money>,
    /// Credited share of each milestone, in report order (empty without
    /// a schedule).
    pub credited: Vec<f64>,
    /// Units of each item ordered beyond fixed orders, in file order.
    pub units: Vec<f64>,
    /// The first year each item is ordered beyond fixed orders.
    pub first_year: Vec<Option<i32>>,
    /// Why an infeasible future is infeasible, in a few words.
    pub cause: Option<String>,
}

/// The first year whose money is still open to decisions: `as_of`
/// (section 7); the years before it are history and never drawn.
pub fn first_open_year(plan: &Plan) -> i32 {
    plan.as_of
}

/// The plan with the budgets, grants and exchange rates of one future.
pub fn plan_in(plan: &Plan, future: &Future) -> Plan {
    let mut changed = plan.clone();
    for (t, share) in future.shares.iter().enumerate() {
        changed.budget.scale_year(t, *share);
    }
    for (currency, factor) in &future.fx {
        changed.move_rate(currency, first_open_year(plan), *factor);
    }
    for (s, shares) in future.grants.iter().enumerate() {
        for (t, share) in shares.iter().enumerate() {
            changed.scale_grant(s, t, *share);
        }
    }
    changed
}

/// Draws `options.runs` futures and solves the plan in each.
pub fn risk(
    plan: &Plan,
    options: RiskOptions,
    solve: &SolveOptions,
    threads: Option<usize>,
    tick: impl Fn() + Sync + Send,
) -> Vec<Outcome> {
    let first_open = first_open_year(plan);
    let futures: Vec<usize> = (0..options.runs).collect();
    run_parallel(
        futures,
        threads,
        |index| {
            let future = draw::draw(plan, &plan.uncertainty, first_open, options.seed, index);
            let changed = plan_in(plan, &future);
            let report = crate::solve_report(&changed, solve);
            outcome(&changed, future, &report)
        },
        tick,
    )
}

fn outcome(plan: &Plan, future: Future, report: &Report) -> Outcome {
    let scheduled = report.has_schedule();
    let mut units = vec![0.0; plan.items.len()];
    let mut first_year = vec![None; plan.items.len()];
    if scheduled {
        for order in report.orders.iter().filter(|o| !o.fixed) {
            if let Some(i) = plan.items.iter().position(|item| item.id == order.item) {
                units[i] += order.units;
                first_year[i] = first_year[i].or(Some(order.year));
            }
        }
    }
    Outcome {
        status: report.status,
        proven: report.status != Status::NotOptimal,
        checked: scheduled && report.violations.is_empty(),
        readiness: scheduled.then_some(report.readiness),
        budgets: plan.budget.years.iter().map(|y| y.budget).collect(),
        spend: if scheduled {
            report.years.iter().map(|y| y.spend).collect()
        } else {
            Vec::new()
        },
        credited: if scheduled {
            report.goals.iter().map(|g| g.credited / g.target).collect()
        } else {
            Vec::new()
        },
        units,
        first_year,
        cause: report.relaxation.as_ref().map(cause),
        future,
    }
}

/// The cause of an infeasible future: the first year short of money, or
/// the kind of relaxation.
fn cause(relaxation: &Relaxation) -> String {
    match relaxation {
        Relaxation::Budget { years, .. } => match years.first() {
            Some(y) => format!("{} short of money", y.year),
            None => "short of money".into(),
        },
        Relaxation::Target { .. } => "targets out of reach".into(),
        Relaxation::Structural { .. } => "contradictory unit rules".into(),
    }
}
