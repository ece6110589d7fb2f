//! Plans too large to search whole, and heuristic schedules shown when
//! the search finds none: the best-score stage's greedy start improved by
//! sub-plan searches ([`crate::neighbourhood`]), the cost stages' sub-plan
//! rounds, and the greedy or improved schedule shown as not optimal when
//! it keeps every rule.

use super::backend::{solve_bnb, StageLimits};
use super::{Backend, Clock, Outcome, SolveOptions, SolverStats};
use crate::model::{Model, Stage};
use crate::plan::Plan;
use crate::schedule::Schedule;
use std::time::Instant;

/// For a plan too large to search whole, solved by capplan's branch and
/// bound: the greedy schedule improved by searching sub-plans for up to
/// half the time left ([`crate::neighbourhood`]), the start of the
/// best-score stage and what is shown if the full search finds nothing
/// better. `None` for any other solve.
pub(super) fn large_plan_start(
    plan: &Plan,
    stage: Stage,
    options: &SolveOptions,
    clock: &Clock,
    greedy: bool,
) -> Option<crate::neighbourhood::Improved> {
    if !greedy || stage != Stage::MaxScore || options.backend != Backend::Microlp {
        return None;
    }
    let model = Model::build(plan, stage);
    let deadline = Instant::now() + clock.remaining() / 2;
    crate::neighbourhood::improve_large(
        plan,
        &model,
        deadline,
        &|sub, start, seconds| solve_sub_plan(sub, Stage::MaxScore, start, seconds, options.gap),
        |schedule| passes_check(plan, schedule),
    )
}

/// Counts a stage's sub-plan rounds as that stage's own nodes and time
/// (the stage just run, the last in `stats.stages`).
pub(super) fn count_rounds(stats: &mut SolverStats, rounds: &crate::neighbourhood::Improved) {
    if let Some(record) = stats.stages.last_mut() {
        record.nodes += rounds.nodes;
        record.seconds += rounds.seconds;
    }
}

/// Whether a schedule keeps every rule of the plan in exact money
/// ([`crate::audit::check`]).
pub(super) fn passes_check(plan: &Plan, schedule: &Schedule) -> bool {
    let ledger = crate::ledger::Ledger::price(plan, schedule);
    crate::audit::check(plan, schedule, &ledger).is_empty()
}

/// A cost stage of a large plan: the earlier stage's schedule made
/// cheaper by searching sub-plans at this stage for up to half the time
/// left ([`crate::neighbourhood::cheapen_large`]).
pub(super) fn cheaper_start(
    plan: &Plan,
    stage: Stage,
    options: &SolveOptions,
    clock: &Clock,
    start: Schedule,
) -> crate::neighbourhood::Improved {
    let model = Model::build(plan, stage);
    let deadline = Instant::now() + clock.remaining() / 2;
    let cost = |schedule: &Schedule| {
        let ledger = crate::ledger::Ledger::price(plan, schedule);
        match stage {
            Stage::MinNationalCost { .. } => ledger.national_cost(),
            _ => ledger.total_cost(),
        }
        .to_units()
    };
    // The sub-plan's search keeps the stage's score floor to its
    // tolerance; the rounded schedule must keep it too.
    let floor = match stage {
        Stage::MinCost { score_floor }
        | Stage::MinNationalCost { score_floor }
        | Stage::MinTotalCost { score_floor, .. } => score_floor,
        _ => None,
    };
    let keeps_floor = |schedule: &Schedule| {
        floor.is_none_or(|floor| crate::schedule::score(plan, &schedule.units) >= floor)
    };
    crate::neighbourhood::cheapen_large(
        plan,
        &model,
        start,
        deadline,
        &cost,
        &|sub, start, seconds| solve_sub_plan(sub, stage, start, seconds, options.gap),
        |schedule| keeps_floor(schedule) && passes_check(plan, schedule),
    )
}

/// One stage of a sub-plan, from `start`, for `seconds`: the solver's
/// orders and funding split, unrounded.
pub(crate) fn solve_sub_plan(
    sub: &Plan,
    stage: Stage,
    start: &Schedule,
    seconds: f64,
    gap: f64,
) -> Option<crate::neighbourhood::SubResult> {
    let model = Model::build(sub, stage);
    let start = model.start_from_split(sub, &start.units, &start.funding)?;
    let limits = StageLimits {
        seconds,
        gap,
        start: Some(start),
    };
    solve_bnb(model, limits, false)
        .ok()
        .map(|s| crate::neighbourhood::SubResult {
            values: s.values,
            funding: s.funding,
            nodes: s.nodes,
        })
}

/// When the time limit runs out before the best-score stage finds any
/// schedule, the greedy starting schedule, if it keeps every rule, is
/// shown instead of nothing: not optimal, and said to be unoptimised.
pub(super) fn greedy_fallback(plan: &Plan, stage: Stage, stats: SolverStats) -> Outcome {
    if stage != Stage::MaxScore {
        return Outcome::NoSolution { stats };
    }
    let units = Model::build(plan, stage).greedy_schedule(plan);
    let schedule = Schedule::rounded(plan, &units, Vec::new());
    unoptimised(plan, stage, schedule, GREEDY_FALLBACK.into(), stats)
}

/// A heuristic schedule shown as not optimal, with `note` saying where it
/// comes from, if it keeps every rule.
pub(super) fn unoptimised(
    plan: &Plan,
    stage: Stage,
    schedule: Schedule,
    note: String,
    mut stats: SolverStats,
) -> Outcome {
    let model = Model::build(plan, stage);
    let minimums_met = plan
        .items
        .iter()
        .zip(&schedule.units)
        .all(|(item, row)| row.iter().sum::<f64>() >= item.min_units - 1e-9);
    let takes = model
        .start_from_split(plan, &schedule.units, &schedule.funding)
        .is_some();
    if !minimums_met || !takes || !passes_check(plan, &schedule) {
        return Outcome::NoSolution { stats };
    }
    stats.failure = Some(note);
    Outcome::Solved {
        schedule,
        proven: false,
        stats,
    }
}

/// Why a schedule is the greedy one (`solver.failure` in results).
pub const GREEDY_FALLBACK: &str = "the time limit ran out before the solver found a schedule; \
     the schedule shown is the greedy start (orders by goal points per euro within the budget), \
     not optimised";
