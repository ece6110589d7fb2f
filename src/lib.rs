//! capplan: a capability and modernisation planner for defence forces.
//!
//! The pipeline runs one way: a plan file is read into a raw tree
//! ([`plan::tree`]), validated into a [`plan::Plan`], turned into a
//! mixed-integer programme ([`model`]), solved ([`solve`]) into a
//! [`schedule::Schedule`], priced and checked in exact money into a
//! [`report::Report`], and rendered ([`render`]) as tables or JSON.

// In pipeline order, one group per stage.

// Reading and validating a plan (and the approved programme).
pub mod baseline; // the approved programme: a capplan JSON result
pub mod diagnostic; // problems as data, with spans, rendered rustc-style
pub mod money; // exact money in cents
pub mod plan; // file -> raw tree -> validated Plan
pub mod scenario; // scenario overlays and --set, before validation
pub mod suggest; // did-you-mean

// The programme and its solve.
pub mod bnb; // capplan's own branch and bound over microlp's LP
pub mod exact_budget; // re-solves that keep every year to the cent
pub mod model; // the mixed-integer programme of one stage
pub mod neighbourhood; // sub-plan searches that improve a large plan's start
pub mod schedule; // the rounded schedule
pub mod solve; // backends, the stage chain, typed outcomes

// Exact money and the check.
pub mod audit; // the post-solve check
pub mod ledger; // the schedule priced in exact money
pub mod source_ledger; // the funding split and each source's ledger

// What a result says.
pub mod after_horizon; // commitments after the horizon, by item and year
pub mod cashflow; // cash flow by item, year and source
pub mod changes; // changes against the approved programme
pub mod provenance; // input hash, scenarios, overrides, version
pub mod relax; // why an infeasible plan is infeasible, and its causes
pub mod report; // the one Report every renderer reads

// Output: format only.
pub mod export; // --export targets, written atomically
pub mod render; // tables, JSON, CSV, XLSX, HTML

// Loops over the whole pipeline.
pub mod explain; // explanations of an item, a goal, alternatives
pub mod whatif; // compare, sweep, sensitivity, risk

// Tools and the command line.
pub mod cli; // the command line
pub mod generate; // synthetic plans for tests and benchmarks

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
