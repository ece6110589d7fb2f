//! Running the solver: stages, limits, and typed outcomes.
//!
//! `max-goals` is lexicographic, so it takes two stages: the best score,
//! then the least total cost among schedules within 1e-6 (relative) of
//! that score. `min-cost` takes one. The solver's values are rounded into a
//! [`Schedule`]; pricing and checking it is the report's job. An infeasible
//! model is an outcome, not an error: [`crate::relax`] explains it.
//!
//! This module runs the chain of stages; `backend.rs` solves one stage's
//! model with the chosen solver and reads its values back; `large.rs`
//! improves the start of a plan too large to search whole and shows a
//! heuristic schedule when the search finds none.

mod backend;
mod large;

use crate::model::{Model, Stage};
use crate::plan::{Objective, Plan};
use crate::schedule::{Schedule, SourcePayment};
use backend::{highs, microlp_search, solve_bnb, solve_with, StageLimits};
use good_lp::solvers::microlp::microlp;
use good_lp::ResolutionError;
#[cfg(test)]
pub(crate) use large::solve_sub_plan;
pub use large::GREEDY_FALLBACK;
use large::{cheaper_start, count_rounds, greedy_fallback, large_plan_start, unoptimised};
use std::time::{Duration, Instant};

/// Relative tolerance of the lexicographic score floor (plan format).
pub const SCORE_TOLERANCE: f64 = 1e-6;

/// Limits on one solve, and the solver to run it on.
#[derive(Clone, Copy, Debug)]
pub struct SolveOptions {
    /// Wall-clock limit for all stages together.
    pub time_limit: Duration,
    /// Relative MIP gap at which a stage counts as optimal.
    pub gap: f64,
    pub backend: Backend,
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions {
            time_limit: Duration::from_secs(60),
            gap: 1e-6,
            backend: Backend::default(),
        }
    }
}

/// The MILP solver behind a solve.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Backend {
    /// capplan's own branch and bound ([`crate::bnb`]) over microlp's LP:
    /// pure Rust, always built in.
    #[default]
    Microlp,
    /// microlp's own branch and bound, as before [`crate::bnb`]: kept for
    /// comparison (benchmarks, and a test that both agree).
    MicrolpNative,
    /// HiGHS: a C++ solver with presolve and cuts, for large plans; only in
    /// builds with the `highs` cargo feature.
    Highs,
}

impl Backend {
    /// The name used on the command line and in results.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Microlp => "microlp",
            Backend::MicrolpNative => "microlp-native",
            Backend::Highs => "highs",
        }
    }

    /// Whether this build of capplan includes the backend.
    pub fn is_built(self) -> bool {
        match self {
            Backend::Microlp | Backend::MicrolpNative => true,
            Backend::Highs => cfg!(feature = "highs"),
        }
    }

    /// Whether the best-score stage starts from a greedy schedule
    /// ([`Model::greedy_schedule`]). HiGHS finds far better schedules early
    /// on large plans from it (a 5000-item plan: score 1158 instead of 11
    /// after 120 s); capplan's branch and bound prunes against it from the
    /// first node. microlp's own ignores a start until its root LP is
    /// solved and, on small plans, searches no faster from one (the
    /// shipped plan: 1,701 nodes instead of 1,204). See
    /// docs/performance.md.
    pub fn takes_greedy_start(self) -> bool {
        matches!(self, Backend::Highs | Backend::Microlp)
    }

    /// Whether the backend reports branch-and-bound nodes and the gap
    /// (HiGHS's are not passed on by good_lp).
    pub fn reports_search(self) -> bool {
        matches!(self, Backend::Microlp | Backend::MicrolpNative)
    }
}

/// Why `--solver highs` fails in a build without it.
pub const HIGHS_NOT_BUILT: &str = "this capplan was built without HiGHS; build it with \
     `cargo build --release --features highs` (needs cmake, a C++ compiler and libclang)";

/// What the solver did, for the record.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SolverStats {
    pub backend: &'static str,
    /// Whether the backend counts nodes and the gap (HiGHS through good_lp
    /// does not; its `nodes` stay 0 and `gap` unknown).
    pub counts_nodes: bool,
    pub variables: usize,
    pub constraints: usize,
    /// One entry per stage run, in order.
    pub stages: Vec<StageStats>,
    /// Why a stage gave up other than on the time limit or a proof of
    /// infeasibility (the solver's numerical trouble), if one did.
    pub failure: Option<String>,
}

impl SolverStats {
    /// Branch-and-bound nodes over all stages.
    pub fn nodes(&self) -> u64 {
        self.stages.iter().map(|s| s.nodes).sum()
    }

    /// Wall-clock seconds over all stages.
    pub fn seconds(&self) -> f64 {
        self.stages.iter().map(|s| s.seconds).sum()
    }

    /// The relative gap of the last stage, when known.
    pub fn gap(&self) -> Option<f64> {
        self.stages.last().and_then(|s| s.gap)
    }
}

/// What one stage of a solve did.
#[derive(Clone, Debug, PartialEq)]
pub struct StageStats {
    /// The stage run (its `name` in results, its `what` in sentences).
    pub stage: Stage,
    /// Wall-clock time of the stage, model building included.
    pub seconds: f64,
    /// Of which building the model (and its starting solution).
    pub build_seconds: f64,
    /// The objective value the stage reached (model money for costs),
    /// when it found a solution.
    pub objective: Option<f64>,
    pub nodes: u64,
    pub proven: bool,
    /// The stage's relative gap, when known.
    pub gap: Option<f64>,
}

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
    /// A schedule, and the relaxation stages' extra money and shortfall.
    Found {
        reached: Reached,
        extra: Vec<f64>,
        shortfall: Vec<Vec<f64>>,
    },
    Infeasible,
    OutOfTime,
    /// The solver gave up for a reason of its own.
    Failed(String),
}

/// The stage a plan's solve starts with: the best score under `max-goals`,
/// the least cost under `min-cost` (national cost first, with sources).
pub fn first_stage(plan: &Plan) -> Stage {
    match plan.objective {
        Objective::MaxGoals => Stage::MaxScore,
        Objective::MinCost if plan.has_sources() => Stage::MinNationalCost { score_floor: None },
        Objective::MinCost => Stage::MinCost { score_floor: None },
    }
}

/// The stage after `done`, which reached `objective`, if any: the chain is
/// best score, then national cost, then total cost, each later stage
/// keeping the earlier ones within [`SCORE_TOLERANCE`] (relative). Without
/// funding sources national and total cost are one, so one cost stage
/// does for both. A further stage goes here.
pub fn next_stage(plan: &Plan, done: Stage, objective: f64) -> Option<Stage> {
    match done {
        Stage::MaxScore if plan.has_sources() => Some(Stage::MinNationalCost {
            score_floor: Some(objective - SCORE_TOLERANCE * objective.abs()),
        }),
        Stage::MaxScore => Some(second_stage(objective)),
        Stage::MinNationalCost { score_floor } => Some(Stage::MinTotalCost {
            score_floor,
            national_ceiling: objective + SCORE_TOLERANCE * objective.abs().max(1.0),
        }),
        _ => None,
    }
}

/// The second stage of `max-goals`, once the first reached `best_score`:
/// the least cost among schedules within [`SCORE_TOLERANCE`] of it.
pub fn second_stage(best_score: f64) -> Stage {
    Stage::MinCost {
        score_floor: Some(best_score - SCORE_TOLERANCE * best_score.abs()),
    }
}

/// Extra rules added to every stage's model after it is built: the
/// explanations and alternatives ask the same model a further question
/// (see `crate::explain`). A solve without them passes [`no_extension`].
pub type Extension<'a> = &'a (dyn Fn(&Plan, &mut Model) + Sync);

/// Adds nothing.
pub fn no_extension(_: &Plan, _: &mut Model) {}

/// Solves a plan according to its objective; a schedule that overspends a
/// year by the solver's tolerance is solved again with a margin
/// ([`crate::exact_budget`]), within the same time limit.
pub fn solve(plan: &Plan, options: &SolveOptions) -> Outcome {
    solve_with_rules(plan, options, &no_extension, true)
}

/// Solves a plan according to its objective, with `extend` applied to
/// every stage's model. The greedy schedule of a solve that runs out of
/// time knows nothing of the extra rules, so it is never shown here.
pub fn solve_extended(plan: &Plan, options: &SolveOptions, extend: Extension) -> Outcome {
    solve_with_rules(plan, options, extend, false)
}

fn solve_with_rules(
    plan: &Plan,
    options: &SolveOptions,
    extend: Extension,
    greedy: bool,
) -> Outcome {
    let clock = Clock::start(options.time_limit);
    let first = solve_stages(plan, options, &clock, extend, greedy);
    // A re-solve only while time is left: building its model takes time too.
    crate::exact_budget::solve_within_budget(plan, first, |p| {
        (!clock.remaining().is_zero()).then(|| solve_stages(p, options, &clock, extend, greedy))
    })
}

/// Runs the stages of a plan's objective on one clock: the first stage
/// (from a large plan's improved start), the later stages from it, then
/// the stability stage when the plan has a baseline.
fn solve_stages(
    plan: &Plan,
    options: &SolveOptions,
    clock: &Clock,
    extend: Extension,
    greedy: bool,
) -> Outcome {
    let mut stats = SolverStats {
        backend: options.backend.name(),
        counts_nodes: options.backend.reports_search(),
        ..SolverStats::default()
    };
    let stage = first_stage(plan);
    let improved = large_plan_start(plan, stage, options, clock, greedy);
    let chain = Chain {
        plan,
        options,
        clock,
        extend,
        large: improved.is_some(),
    };
    let first = match chain.run_first(stage, &mut stats, improved.as_ref()) {
        Ok(first) => first,
        Err(result) => return first_stage_failed(plan, stage, result, improved, greedy, stats),
    };
    let (reached, cost_rounds) = chain.run_later(stage, first, &mut stats);
    let Reached {
        values,
        funding,
        proven,
        ..
    } = reached;
    if let Some(improved) = improved.filter(|_| !proven) {
        stats.failure = Some(improved.note(plan, &values, cost_rounds));
    }
    let (values, funding, proven) = match stability_stage(plan, &stats) {
        Some(stage) => keep_closest(
            plan, stage, options, clock, &mut stats, values, funding, proven, extend,
        ),
        None => (values, funding, proven),
    };
    let schedule = Schedule::rounded(plan, &values, funding);
    Outcome::Solved {
        schedule,
        proven,
        stats,
    }
}

/// What a stage reached: its values and funding split, its objective, and
/// whether it is proven (in a chain, whether every stage so far was).
struct Reached {
    values: Vec<Vec<f64>>,
    funding: Vec<SourcePayment>,
    objective: f64,
    proven: bool,
}

/// The outcome when the first stage found no schedule: infeasible, or, on
/// the time limit, a large plan's improved start or the greedy schedule
/// shown as not optimal (never for a solve with extra rules, which the
/// greedy knows nothing of), or no solution.
fn first_stage_failed(
    plan: &Plan,
    stage: Stage,
    result: StageResult,
    improved: Option<crate::neighbourhood::Improved>,
    greedy: bool,
    mut stats: SolverStats,
) -> Outcome {
    match result {
        StageResult::Infeasible => Outcome::Infeasible { stats },
        StageResult::OutOfTime if greedy => match improved {
            Some(improved) => {
                let note = improved.note(plan, &improved.schedule.units, (0, 0));
                unoptimised(plan, stage, improved.schedule, note, stats)
            }
            None => greedy_fallback(plan, stage, stats),
        },
        StageResult::Failed(reason) => {
            stats.failure = Some(reason);
            Outcome::NoSolution { stats }
        }
        // (`Found` is the first stage's success, never passed here.)
        StageResult::OutOfTime | StageResult::Found { .. } => Outcome::NoSolution { stats },
    }
}

/// What every stage of one solve shares.
struct Chain<'a> {
    plan: &'a Plan,
    options: &'a SolveOptions,
    clock: &'a Clock,
    extend: Extension<'a>,
    /// A plan too large to search whole: each cost stage starts from the
    /// earlier schedule made cheaper by sub-plan searches.
    large: bool,
}

impl Chain<'_> {
    /// The first stage, from a large plan's improved start if it has one;
    /// its result when it found no schedule. After its rounds, a large plan's
    /// full search of the best score gets half of the time left, so that the
    /// cost stages get some too.
    fn run_first(
        &self,
        stage: Stage,
        stats: &mut SolverStats,
        improved: Option<&crate::neighbourhood::Improved>,
    ) -> Result<Reached, StageResult> {
        let Chain {
            plan,
            options,
            clock,
            extend,
            ..
        } = *self;
        let start = improved.map(|i| StageStart {
            units: &i.schedule.units,
            funding: &i.schedule.funding,
        });
        let half;
        let first_clock = match improved {
            Some(_) => {
                half = Clock::start(clock.remaining() / 2);
                &half
            }
            None => clock,
        };
        let result = run_stage(plan, stage, options, first_clock, stats, start, extend);
        if let Some(improved) = improved {
            count_rounds(stats, improved);
        }
        match result {
            StageResult::Found { reached, .. } => Ok(reached),
            other => Err(other),
        }
    }

    /// Runs the stages after `stage`, which reached `reached`, each from
    /// the schedule before it; also the cost stages' sub-plan rounds and
    /// how many found a cheaper schedule.
    fn run_later(
        &self,
        mut stage: Stage,
        mut reached: Reached,
        stats: &mut SolverStats,
    ) -> (Reached, (usize, usize)) {
        let plan = self.plan;
        let mut cost_rounds = (0, 0);
        while let Some(next) = next_stage(plan, stage, reached.objective) {
            // A large plan's cost stage starts from the earlier schedule
            // made cheaper by sub-plan searches, which also stands if the
            // stage's own search finds nothing in time.
            let cheaper = self.large.then(|| {
                let start = Schedule::rounded(plan, &reached.values, reached.funding.clone());
                cheaper_start(plan, next, self.options, self.clock, start)
            });
            // The earlier stage's schedule meets the new floor: the next
            // stage starts from it, with an incumbent to prune against.
            // The solver's own values, not the rounded schedule: rounding
            // divisible units to a billionth can break a row by as much,
            // and a solver drops a start that breaks any row.
            let start = match &cheaper {
                Some(cheaper) => StageStart {
                    units: &cheaper.schedule.units,
                    funding: &cheaper.schedule.funding,
                },
                None => StageStart {
                    units: &reached.values,
                    funding: &reached.funding,
                },
            };
            let result = run_stage(
                plan,
                next,
                self.options,
                self.clock,
                stats,
                Some(start),
                self.extend,
            );
            if let Some(cheaper) = &cheaper {
                count_rounds(stats, cheaper);
                cost_rounds.0 += cheaper.rounds;
                cost_rounds.1 += cheaper.gains;
            }
            match result {
                StageResult::Found { reached: next, .. } => {
                    reached = Reached {
                        proven: reached.proven && next.proven,
                        ..next
                    };
                }
                // The earlier stage's schedule is feasible for the next, so
                // running out of time here still leaves a schedule.
                StageResult::OutOfTime => {
                    if let Some(cheaper) = cheaper {
                        reached.values = cheaper.schedule.units;
                        reached.funding = cheaper.schedule.funding;
                    }
                    reached.proven = false;
                    break;
                }
                // A later stage that finds none has failed numerically.
                StageResult::Infeasible => {
                    stats.failure = Some(lost_schedule(stage, next));
                    reached.proven = false;
                    break;
                }
                StageResult::Failed(reason) => {
                    stats.failure = Some(reason);
                    reached.proven = false;
                    break;
                }
            }
            stage = next;
        }
        (reached, cost_rounds)
    }
}

/// Why stage `next` finding no schedule is the solver's failure: the
/// schedule of `done` before it is one.
fn lost_schedule(done: Stage, next: Stage) -> String {
    if done == Stage::MaxScore {
        "the least-cost stage found no schedule at the best score, although \
         the best-score schedule has it (the solver's floating point gave up)"
            .into()
    } else {
        format!(
            "stage {} found no schedule, although the schedule of stage {} is one \
             (the solver's floating point gave up)",
            next.name(),
            done.name()
        )
    }
}

/// The stability stage, last in the chain when the plan has a baseline:
/// every earlier stage's objective (as reached, in [`SolverStats::stages`])
/// is kept within [`SCORE_TOLERANCE`] relative, the score as a floor and
/// the total cost as a ceiling. `None` without a baseline, or when an
/// earlier stage reached no objective.
pub fn stability_stage(plan: &Plan, stats: &SolverStats) -> Option<Stage> {
    plan.baseline.as_ref()?;
    let reached = |name: &str| {
        stats
            .stages
            .iter()
            .find(|s| s.stage.name() == name)
            .and_then(|s| s.objective)
    };
    let score_floor = match plan.objective {
        Objective::MaxGoals => {
            let best = reached(Stage::MaxScore.name())?;
            Some(best - SCORE_TOLERANCE * best.abs())
        }
        Objective::MinCost => None,
    };
    let total_cost_stage = Stage::MinTotalCost {
        score_floor: None,
        national_ceiling: 0.0,
    };
    let cost_stages = [
        second_stage(0.0).name(),
        first_stage_min_cost().name(),
        total_cost_stage.name(),
    ];
    let cost = stats
        .stages
        .iter()
        .rev()
        .find(|s| cost_stages.contains(&s.stage.name()))
        .and_then(|s| s.objective)?;
    let national_ceiling = reached(Stage::MinNationalCost { score_floor: None }.name())
        .map(|national| national + SCORE_TOLERANCE * national.abs().max(1.0));
    Some(Stage::MinChurn {
        score_floor,
        national_ceiling,
        cost_ceiling: cost + SCORE_TOLERANCE * cost.abs(),
    })
}

/// The least-cost stage of `min-cost`.
fn first_stage_min_cost() -> Stage {
    Stage::MinCost { score_floor: None }
}

/// Runs the stability stage from the optimal schedule found so far; if it
/// finds nothing better in time, that schedule stands (not proven least
/// churn, so not proven).
#[allow(clippy::too_many_arguments)]
fn keep_closest(
    plan: &Plan,
    stage: Stage,
    options: &SolveOptions,
    clock: &Clock,
    stats: &mut SolverStats,
    values: Vec<Vec<f64>>,
    funding: Vec<SourcePayment>,
    proven: bool,
    extend: Extension,
) -> (Vec<Vec<f64>>, Vec<SourcePayment>, bool) {
    let start = StageStart {
        units: &values,
        funding: &funding,
    };
    // Integral churn: a gap that still proves the least (see the function).
    let integral = crate::model::integral_churn_gap(plan, &values);
    let options = &SolveOptions {
        gap: integral.map_or(options.gap, |(gap, _)| gap.max(options.gap)),
        ..*options
    };
    match run_stage(plan, stage, options, clock, stats, Some(start), extend) {
        StageResult::Found {
            reached: closest, ..
        } => {
            let proof = integral.is_none_or(|(_, most)| closest.objective <= most);
            (
                closest.values,
                closest.funding,
                proven && closest.proven && proof,
            )
        }
        StageResult::OutOfTime => (values, funding, false),
        StageResult::Infeasible => {
            stats.failure = Some(
                "the least-churn stage found no schedule at the optimum, although the optimal \
                 schedule is one (the solver's floating point gave up)"
                    .into(),
            );
            (values, funding, false)
        }
        StageResult::Failed(reason) => {
            stats.failure = Some(reason);
            (values, funding, false)
        }
    }
}

/// The cheapest extra money per year that makes the plan feasible, in
/// currency units per horizon year; `None` if money cannot help.
pub fn min_extra_budget(plan: &Plan, options: &SolveOptions) -> Option<Vec<f64>> {
    let clock = Clock::start(options.time_limit);
    let mut stats = SolverStats::default();
    match run_stage(
        plan,
        Stage::MinExtraBudget,
        options,
        &clock,
        &mut stats,
        None,
        &no_extension,
    ) {
        StageResult::Found { extra, .. } => Some(extra),
        _ => None,
    }
}

/// With unlimited money, the least relative shortfall per milestone
/// (`shortfall[goal][milestone]`); `None` if no schedule exists at all.
pub fn min_shortfall(plan: &Plan, options: &SolveOptions) -> Option<Vec<Vec<f64>>> {
    let clock = Clock::start(options.time_limit);
    let mut stats = SolverStats::default();
    match run_stage(
        plan,
        Stage::MinShortfall,
        options,
        &clock,
        &mut stats,
        None,
        &no_extension,
    ) {
        StageResult::Found { shortfall, .. } => Some(shortfall),
        _ => None,
    }
}

/// What one stage of an explanation found.
#[derive(Clone, Debug)]
pub enum StageOutcome {
    /// A schedule, the extra money per year (relaxation stages), the
    /// stage's objective value, and whether it is proven optimal.
    Found {
        schedule: Schedule,
        values: Vec<Vec<f64>>,
        extra: Vec<f64>,
        objective: f64,
        proven: bool,
    },
    /// No schedule satisfies the stage's rules.
    Infeasible,
    /// No schedule was found in time, or the solver gave up.
    NotFound,
}

/// Solves one stage of `plan` with `extend` applied to its model,
/// optionally from a starting schedule: the building block of the
/// explanations, which ask the plan's own model a further question.
pub fn solve_stage(
    plan: &Plan,
    stage: Stage,
    options: &SolveOptions,
    extend: Extension,
    start: Option<(&[Vec<f64>], &[SourcePayment])>,
) -> StageOutcome {
    let clock = Clock::start(options.time_limit);
    let mut stats = SolverStats::default();
    let start = start.map(|(units, funding)| StageStart { units, funding });
    match run_stage(plan, stage, options, &clock, &mut stats, start, extend) {
        StageResult::Found { reached, extra, .. } => StageOutcome::Found {
            schedule: Schedule::rounded(plan, &reached.values, reached.funding),
            values: reached.values,
            extra,
            objective: reached.objective,
            proven: reached.proven,
        },
        StageResult::Infeasible => StageOutcome::Infeasible,
        StageResult::OutOfTime | StageResult::Failed(_) => StageOutcome::NotFound,
    }
}

/// Whether any schedule keeps every hard rule of the plan (unit bounds,
/// fixed orders, windows, prerequisites, budgets, and `min-cost` targets):
/// the least-cost model with its objective dropped, so the solver stops at
/// the first schedule it finds. `None` when the solver could not tell in
/// time.
pub fn is_feasible(plan: &Plan, options: &SolveOptions) -> Option<bool> {
    let drop_objective = |_: &Plan, model: &mut Model| {
        model.objective = good_lp::Expression::default();
    };
    let stage = Stage::MinCost { score_floor: None };
    match solve_stage(plan, stage, options, &drop_objective, None) {
        StageOutcome::Found { .. } => Some(true),
        StageOutcome::Infeasible => Some(false),
        StageOutcome::NotFound => None,
    }
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

/// A starting point for a stage: an earlier stage's orders
/// (`units[item][year index]`) and what the sources paid.
#[derive(Clone, Copy)]
struct StageStart<'a> {
    units: &'a [Vec<f64>],
    funding: &'a [SourcePayment],
}

/// Builds and solves one stage, optionally from a starting schedule, and
/// records what the solver did.
fn run_stage(
    plan: &Plan,
    stage: Stage,
    options: &SolveOptions,
    clock: &Clock,
    stats: &mut SolverStats,
    start: Option<StageStart<'_>>,
    extend: Extension,
) -> StageResult {
    let started = Instant::now();
    let mut model = Model::build(plan, stage);
    extend(plan, &mut model);
    stats.variables = model.variable_count();
    stats.constraints = model.constraints.len();
    // With HiGHS, the best-score stage starts from a greedy schedule; a
    // later stage starts from the schedule its caller passes.
    let greedy_start =
        start.is_none() && stage == Stage::MaxScore && options.backend.takes_greedy_start();
    let greedy;
    let start = if greedy_start {
        greedy = model.greedy_schedule(plan);
        Some(StageStart {
            units: greedy.as_slice(),
            funding: &[],
        })
    } else {
        start
    };
    let limits = StageLimits {
        seconds: clock.remaining().as_secs_f64().max(0.001),
        gap: options.gap,
        start: start.and_then(|s| model.start_from_split(plan, s.units, s.funding)),
    };
    let build_seconds = started.elapsed().as_secs_f64();
    let result = match options.backend {
        Backend::Microlp => solve_bnb(model, limits, greedy_start),
        Backend::MicrolpNative => solve_with(model, microlp, limits, |p| p, microlp_search),
        Backend::Highs => highs::solve(model, limits),
    };
    let seconds = started.elapsed().as_secs_f64();
    let mut record = StageStats {
        stage,
        seconds,
        build_seconds,
        objective: None,
        nodes: 0,
        proven: false,
        gap: None,
    };
    let solved = match result {
        Ok(solved) => solved,
        Err(ResolutionError::Infeasible) => {
            record.proven = true;
            stats.stages.push(record);
            return StageResult::Infeasible;
        }
        // good_lp reports the time limit running out before any feasible
        // solution as `Other` (microlp; HiGHS says `NoSolutionFound`).
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
    record.nodes = solved.nodes;
    record.proven = solved.proven;
    record.gap = solved.gap;
    record.objective = Some(solved.objective);
    stats.stages.push(record);
    StageResult::Found {
        reached: Reached {
            values: solved.values,
            funding: solved.funding,
            objective: solved.objective,
            proven: solved.proven,
        },
        extra: solved.extra,
        shortfall: solved.shortfall,
    }
}
