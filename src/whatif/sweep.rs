//! Budget sweep (plan format, section 6): readiness against budget scale,
//! the efficient frontier a planner reads to see what money buys.

use super::run_parallel;
use crate::money::Money;
use crate::plan::Plan;
use crate::provenance::Provenance;
use crate::relax::causes::Causes;
use crate::relax::Relaxation;
use crate::report::Status;
use crate::solve::{Backend, SolveOptions};

/// One point of the frontier.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepPoint {
    pub scale: f64,
    /// Sum of B_y at this scale.
    pub total_budget: Money,
    pub status: Status,
    /// `None` when the point has no schedule (infeasible, or no solution).
    pub readiness: Option<f64>,
    pub score: Option<f64>,
    pub total_cost: Option<Money>,
    /// The swept value of `sweep --param PATH` (absent for the default
    /// budget scale sweep).
    pub value: Option<f64>,
    /// National cost (section 8), when the point has a schedule.
    pub national_cost: Option<Money>,
    /// The requirements whose removal alone would make an infeasible
    /// point feasible (section 9).
    pub causes: Causes,
    /// Why an infeasible point has no schedule: the extra money it needs,
    /// or the targets it misses even with unlimited money.
    pub relaxation: Option<Relaxation>,
}

/// A finished sweep: the frontier and where it came from.
#[derive(Clone, Debug)]
pub struct SweepReport {
    pub plan: String,
    pub currency: String,
    /// The solver behind every point.
    pub backend: &'static str,
    /// Points sorted by scale.
    pub points: Vec<SweepPoint>,
    /// How many points were solved to proven optimality.
    pub optimal: usize,
    pub provenance: Provenance,
    /// The `--set` path swept by `sweep --param`, if not the budget scale.
    pub param: Option<String>,
}

impl SweepReport {
    /// The report of a sweep of `plan` solved on `backend`.
    pub fn new(
        plan: &Plan,
        points: Vec<SweepPoint>,
        provenance: Provenance,
        backend: Backend,
    ) -> SweepReport {
        SweepReport {
            plan: plan.name.clone(),
            currency: plan.currency.clone(),
            backend: backend.name(),
            optimal: points
                .iter()
                .filter(|p| p.status == Status::Optimal)
                .count(),
            points,
            provenance,
            param: None,
        }
    }

    /// Whether every point was solved to proven optimality.
    pub fn all_optimal(&self) -> bool {
        self.optimal == self.points.len()
    }
}

/// The sweep's scales: `steps` evenly spaced values from `from` to `to`,
/// both included (just `from` when `steps` is 1).
pub fn scales(from: f64, to: f64, steps: usize) -> Vec<f64> {
    if steps <= 1 {
        return vec![from];
    }
    (0..steps)
        .map(|k| {
            let x = from + (to - from) * k as f64 / (steps - 1) as f64;
            (x * 1e12).round() / 1e12
        })
        .collect()
}

/// Solves the plan at each scale. Points are independent solves, run in
/// parallel; the result is sorted by scale.
pub fn sweep(
    plan: &Plan,
    scales: &[f64],
    options: &SolveOptions,
    threads: Option<usize>,
    tick: impl Fn() + Sync + Send,
) -> Vec<SweepPoint> {
    let mut points = run_parallel(
        scales.to_vec(),
        threads,
        |scale| point(plan, scale, options),
        tick,
    );
    points.sort_by(|a, b| a.scale.total_cmp(&b.scale));
    points
}

fn point(plan: &Plan, scale: f64, options: &SolveOptions) -> SweepPoint {
    let mut scaled = plan.clone();
    scaled.rescale_budget(scale);
    let report = crate::solve_report(&scaled, options);
    let solved = report.has_schedule();
    SweepPoint {
        scale,
        total_budget: scaled.budget.total(),
        status: report.status,
        readiness: solved.then_some(report.readiness),
        score: solved.then_some(report.score),
        total_cost: solved.then_some(report.total_cost),
        value: None,
        national_cost: solved.then_some(report.national_cost),
        causes: report.causes,
        relaxation: report.relaxation,
    }
}

/// `sweep --param PATH`: solves each (value, plan) pair, where each plan
/// was loaded with `--set PATH=value` (so validated like any plan). Points
/// are independent solves run in parallel, sorted by value.
pub fn sweep_plans(
    plans: Vec<(f64, Plan)>,
    options: &SolveOptions,
    threads: Option<usize>,
    tick: impl Fn() + Sync + Send,
) -> Vec<SweepPoint> {
    let mut points = run_parallel(
        plans,
        threads,
        |(value, plan)| {
            let mut point = point(&plan, plan.budget.scale, options);
            point.value = Some(value);
            point
        },
        tick,
    );
    points.sort_by(|a, b| a.value.unwrap_or(0.0).total_cmp(&b.value.unwrap_or(0.0)));
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_include_both_ends() {
        assert_eq!(scales(0.5, 1.5, 11).len(), 11);
        assert_eq!(scales(0.5, 1.5, 11)[0], 0.5);
        assert_eq!(scales(0.5, 1.5, 11)[10], 1.5);
        assert_eq!(scales(0.5, 1.5, 11)[1], 0.6);
        assert_eq!(scales(0.8, 1.2, 1), vec![0.8]);
    }
}
