//! Running the solver: stages, limits, and typed outcomes.
//!
//! `max-goals` is lexicographic, so it takes two stages: the best score,
//! then the least total cost among schedules within 1e-6 (relative) of
//! that score. `min-cost` takes one. The solver's values are rounded into a
//! [`Schedule`]; pricing and checking it is the report's job. An infeasible
//! model is an outcome, not an error: [`crate::relax`] explains it.

use crate::model::{Model, Sense, Stage, Units};
use crate::plan::{Objective, Plan};
use crate::schedule::{round_units, Schedule};
use good_lp::solvers::microlp::microlp;
use good_lp::{ResolutionError, Solution, SolutionStatus, SolverModel, WithMipGap, WithTimeLimit};
use std::time::{Duration, Instant};

/// Relative tolerance of the lexicographic score floor (plan format).
pub const SCORE_TOLERANCE: f64 = 1e-6;

/// Limits on one solve.
#[derive(Clone, Copy, Debug)]
pub struct SolveOptions {
    /// Wall-clock limit for all stages together.
    pub time_limit: Duration,
    /// Relative MIP gap at which a stage counts as optimal.
    pub gap: f64,
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions {
            time_limit: Duration::from_secs(60),
            gap: 1e-6,
        }
    }
}

/// What the solver did, for the record.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SolverStats {
    pub backend: &'static str,
    /// Branch-and-bound nodes over all stages.
    pub nodes: u64,
    pub seconds: f64,
    /// Relative gap of the last stage, when known.
    pub gap: Option<f64>,
    pub variables: usize,
    pub constraints: usize,
    /// One entry per stage run, in order.
    pub stages: Vec<StageStats>,
    /// Why a stage gave up other than on the time limit or a proof of
    /// infeasibility (the solver's numerical trouble), if one did.
    pub failure: Option<String>,
}

/// What one stage of a solve did.
#[derive(Clone, Debug, PartialEq)]
pub struct StageStats {
    pub stage: &'static str,
    pub seconds: f64,
    pub nodes: u64,
    pub proven: bool,
}

/// The solver every solve runs on.
pub const BACKEND: &str = "microlp";

/// The result of solving a plan.
#[derive(Clone, Debug)]
pub enum Outcome {
    /// A schedule; `proven` says whether every stage reached the gap.
    Solved {
        schedule: Schedule,
        proven: bool,
        stats: SolverStats,
    },
    /// No schedule satisfies the plan's rules.
    Infeasible { stats: SolverStats },
    /// No schedule was found: the time limit ran out first, or the solver
    /// gave up ([`SolverStats::failure`] says why).
    NoSolution { stats: SolverStats },
}

/// One stage's result.
enum StageResult {
    Found {
        values: Vec<Vec<f64>>,
        extra: Vec<f64>,
        shortfall: Vec<Vec<f64>>,
        objective: f64,
        proven: bool,
    },
    Infeasible,
    OutOfTime,
    /// The solver gave up for a reason of its own.
    Failed(String),
}

/// Solves a plan according to its objective.
pub fn solve(plan: &Plan, options: &SolveOptions) -> Outcome {
    let clock = Clock::start(options.time_limit);
    let mut stats = SolverStats {
        backend: BACKEND,
        ..SolverStats::default()
    };
    let first = match plan.objective {
        Objective::MaxGoals => Stage::MaxScore,
        Objective::MinCost => Stage::MinCost { score_floor: None },
    };
    let (values, proven) = match run_stage(plan, first, options, &clock, &mut stats) {
        StageResult::Infeasible => return Outcome::Infeasible { stats },
        StageResult::OutOfTime => return Outcome::NoSolution { stats },
        StageResult::Failed(reason) => {
            stats.failure = Some(reason);
            return Outcome::NoSolution { stats };
        }
        StageResult::Found {
            objective,
            proven,
            values,
            ..
        } if plan.objective == Objective::MaxGoals => {
            let floor = objective - SCORE_TOLERANCE * objective.abs();
            let second = Stage::MinCost {
                score_floor: Some(floor),
            };
            match run_stage(plan, second, options, &clock, &mut stats) {
                StageResult::Found {
                    values,
                    proven: cost_proven,
                    ..
                } => (values, proven && cost_proven),
                // The first stage's schedule is feasible for the second, so
                // running out of time here still leaves a schedule; a second
                // stage that finds none has failed numerically.
                StageResult::OutOfTime => (values, false),
                StageResult::Infeasible => {
                    stats.failure = Some(
                        "the least-cost stage found no schedule at the best score, although \
                         the best-score schedule has it (the solver's floating point gave up)"
                            .into(),
                    );
                    (values, false)
                }
                StageResult::Failed(reason) => {
                    stats.failure = Some(reason);
                    (values, false)
                }
            }
        }
        StageResult::Found { values, proven, .. } => (values, proven),
    };
    Outcome::Solved {
        schedule: to_schedule(plan, &values),
        proven,
        stats,
    }
}

/// The cheapest extra money per year that makes the plan feasible, in
/// currency units per horizon year; `None` if money cannot help.
pub fn min_extra_budget(plan: &Plan, options: &SolveOptions) -> Option<Vec<f64>> {
    let clock = Clock::start(options.time_limit);
    let mut stats = SolverStats::default();
    match run_stage(plan, Stage::MinExtraBudget, options, &clock, &mut stats) {
        StageResult::Found { extra, .. } => Some(extra),
        _ => None,
    }
}

/// With unlimited money, the least relative shortfall per milestone
/// (`shortfall[goal][milestone]`); `None` if no schedule exists at all.
pub fn min_shortfall(plan: &Plan, options: &SolveOptions) -> Option<Vec<Vec<f64>>> {
    let clock = Clock::start(options.time_limit);
    let mut stats = SolverStats::default();
    match run_stage(plan, Stage::MinShortfall, options, &clock, &mut stats) {
        StageResult::Found { shortfall, .. } => Some(shortfall),
        _ => None,
    }
}

fn to_schedule(plan: &Plan, values: &[Vec<f64>]) -> Schedule {
    let units = values
        .iter()
        .zip(&plan.items)
        .map(|(row, item)| {
            row.iter()
                .map(|v| round_units(*v, item.divisible))
                .collect()
        })
        .collect();
    Schedule { units }
}

/// A deadline shared by the stages of one solve.
struct Clock {
    start: Instant,
    limit: Duration,
}

impl Clock {
    fn start(limit: Duration) -> Clock {
        Clock {
            start: Instant::now(),
            limit,
        }
    }

    fn remaining(&self) -> Duration {
        self.limit.saturating_sub(self.start.elapsed())
    }
}

fn run_stage(
    plan: &Plan,
    stage: Stage,
    options: &SolveOptions,
    clock: &Clock,
    stats: &mut SolverStats,
) -> StageResult {
    let started = Instant::now();
    let model = Model::build(plan, stage);
    stats.variables = model.variable_count();
    stats.constraints = model.constraints.len();
    let Model {
        vars,
        constraints,
        objective,
        sense,
        orders,
        extra_budget,
        shortfall,
        money_unit,
    } = model;
    let unsolved = match sense {
        Sense::Maximise => vars.maximise(objective.clone()),
        Sense::Minimise => vars.minimise(objective.clone()),
    };
    let remaining = clock.remaining().as_secs_f64().max(0.001);
    let mut problem = unsolved.using(microlp).with_time_limit(remaining);
    problem = match problem.with_mip_gap(options.gap as f32) {
        Ok(p) => p,
        Err(_) => unreachable!("the gap is validated by the command line"),
    };
    for c in constraints {
        problem.add_constraint(c);
    }
    let result = problem.solve();
    let seconds = started.elapsed().as_secs_f64();
    stats.seconds += seconds;
    let mut record = StageStats {
        stage: stage.name(),
        seconds,
        nodes: 0,
        proven: false,
    };
    let solution = match result {
        Ok(solution) => solution,
        Err(ResolutionError::Infeasible) => {
            record.proven = true;
            stats.stages.push(record);
            return StageResult::Infeasible;
        }
        // good_lp's microlp backend reports the time limit running out
        // before any feasible solution as `Other`.
        Err(ResolutionError::Other(_)) => {
            stats.stages.push(record);
            return StageResult::OutOfTime;
        }
        Err(e) => {
            stats.stages.push(record);
            let reason = match e {
                ResolutionError::Str(reason) => reason,
                other => other.to_string(),
            };
            return StageResult::Failed(format!(
                "the solver gave up in stage {}: {reason}",
                stage.name()
            ));
        }
    };
    let proven = matches!(
        solution.status(),
        SolutionStatus::Optimal | SolutionStatus::GapLimit
    );
    let values = orders
        .iter()
        .map(|row| {
            row.iter()
                .map(|units| match units {
                    Units::None => 0.0,
                    Units::Fixed(n) => *n,
                    Units::Var { var, .. } => solution.value(*var),
                })
                .collect()
        })
        .collect();
    let extra = extra_budget
        .iter()
        .map(|x| solution.value(*x) * money_unit)
        .collect();
    let shortfall = shortfall
        .iter()
        .map(|row| row.iter().map(|s| solution.value(*s)).collect())
        .collect();
    let objective_value = objective.eval_with(&solution);
    let inner = solution.into_inner();
    let solver_stats = inner.stats();
    stats.nodes += solver_stats.nodes_solved;
    stats.gap = solver_stats.gap;
    record.nodes = solver_stats.nodes_solved;
    record.proven = proven;
    stats.stages.push(record);
    StageResult::Found {
        values,
        extra,
        shortfall,
        objective: objective_value,
        proven,
    }
}
