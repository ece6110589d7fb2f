//! capplan: a capability and modernisation planner for defence forces.
//!
//! The pipeline runs one way: a plan file is read into a raw tree
//! ([`plan::tree`]), validated into a [`plan::Plan`], turned into a
//! mixed-integer programme ([`model`]), solved ([`solve`]) into a
//! [`schedule::Schedule`], priced and checked in exact money into a
//! [`report::Report`], and rendered ([`render`]) as tables or JSON.

pub mod audit;
pub mod baseline;
pub mod cashflow;
pub mod changes;
pub mod cli;
pub mod diagnostic;
pub mod exact_budget;
pub mod explain;
pub mod export;
pub mod generate;
pub mod ledger;
pub mod model;
pub mod money;
pub mod plan;
pub mod provenance;
pub mod relax;
pub mod render;
pub mod report;
pub mod scenario;
pub mod schedule;
pub mod solve;
pub mod source_ledger;
pub mod suggest;
pub mod whatif;

use plan::Plan;
use report::Report;
use solve::{Outcome, SolveOptions};

/// Solves a plan and builds its report; an infeasible plan's report
/// explains why (the smallest change that would make it feasible).
///
/// With a baseline ([`Plan::baseline`]), the report's `changes` are the
/// changes against it, the baseline priced under this plan.
pub fn solve_report(plan: &Plan, options: &SolveOptions) -> Report {
    let mut report = solve_report_alone(plan, options);
    if let Some(units) = &plan.baseline {
        let reference = schedule::Schedule {
            units: units.clone(),
            funding: Vec::new(),
        };
        let approved = Report::solved(plan, &reference, true, solve::SolverStats::default());
        report.changes = changes::Changes::between(&approved, &report, plan.as_of);
    }
    report
}

/// [`solve_report`] without changes.
fn solve_report_alone(plan: &Plan, options: &SolveOptions) -> Report {
    match solve::solve(plan, options) {
        Outcome::Solved {
            schedule,
            proven,
            stats,
        } => Report::solved(plan, &schedule, proven, stats),
        Outcome::Infeasible { stats } => {
            let mut report = Report::infeasible(plan, relax::explain(plan, options), stats);
            report.causes = relax::causes::find(plan, options);
            report
        }
        Outcome::NoSolution { stats } => Report::no_schedule(plan, stats),
    }
}

/// Like [`solve_report`], but an infeasible plan's report leaves out the
/// causes (for explanations that make a plan infeasible on purpose).
pub fn solve_report_without_causes(plan: &Plan, options: &SolveOptions) -> Report {
    match solve::solve(plan, options) {
        Outcome::Solved {
            schedule,
            proven,
            stats,
        } => Report::solved(plan, &schedule, proven, stats),
        Outcome::Infeasible { stats } => {
            Report::infeasible(plan, relax::explain(plan, options), stats)
        }
        Outcome::NoSolution { stats } => Report::no_schedule(plan, stats),
    }
}
