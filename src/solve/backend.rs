//! The solver backends behind a stage: capplan's branch and bound
//! ([`crate::bnb`]), microlp's own, and HiGHS when built in, each reading
//! its solution back into a stage's orders, funding split, extra money and
//! shortfalls.

use crate::model::{Model, Sense, Units};
use crate::schedule::SourcePayment;
use good_lp::solvers::microlp::MicroLpSolution;
use good_lp::{
    ResolutionError, Solution, SolutionStatus, SolverModel, Variable, WithInitialSolution,
    WithMipGap, WithTimeLimit,
};

/// What a stage's solver may use: time, gap and a starting solution.
pub(super) struct StageLimits {
    pub seconds: f64,
    pub gap: f64,
    pub start: Option<Vec<(Variable, f64)>>,
}

/// A stage's solution, read back from the solver.
pub(super) struct StageSolution {
    pub values: Vec<Vec<f64>>,
    pub funding: Vec<SourcePayment>,
    pub extra: Vec<f64>,
    pub shortfall: Vec<Vec<f64>>,
    pub objective: f64,
    pub proven: bool,
    pub nodes: u64,
    pub gap: Option<f64>,
}

/// Solves a built model with any good_lp backend that takes a time limit,
/// a gap and a starting solution. `configure` sets backend options;
/// `search` reads the branch-and-bound nodes and final gap, where the
/// backend tells them.
pub(super) fn solve_with<S, P>(
    model: Model,
    solver: S,
    limits: StageLimits,
    configure: impl FnOnce(P) -> P,
    search: impl FnOnce(P::Solution) -> (u64, Option<f64>),
) -> Result<StageSolution, ResolutionError>
where
    S: good_lp::Solver<Model = P>,
    P: SolverModel<Error = ResolutionError> + WithTimeLimit + WithMipGap + WithInitialSolution,
{
    let Model {
        vars,
        constraints,
        objective,
        sense,
        orders,
        extra_budget,
        shortfall,
        money_unit,
        funding,
        ..
    } = model;
    let unsolved = match sense {
        Sense::Maximise => vars.maximise(objective.clone()),
        Sense::Minimise => vars.minimise(objective.clone()),
    };
    let problem = configure(unsolved.using(solver).with_time_limit(limits.seconds));
    let mut problem = problem
        .with_mip_gap(limits.gap as f32)
        .map_err(|e| ResolutionError::Str(format!("the gap {} is refused: {e}", limits.gap)))?;
    if let Some(start) = limits.start {
        problem = problem.with_initial_solution(start);
    }
    for c in constraints {
        problem.add_constraint(c);
    }
    let solution = problem.solve()?;
    let proven = matches!(
        solution.status(),
        SolutionStatus::Optimal | SolutionStatus::GapLimit
    );
    let read = ReadBack {
        orders,
        extra_budget,
        shortfall,
        funding,
        money_unit,
    };
    let objective = objective.eval_with(&solution);
    let mut stage = read.solution(|var| solution.value(var), objective, proven);
    (stage.nodes, stage.gap) = search(solution);
    Ok(stage)
}

/// A stage's solution read back from the model's variables.
struct ReadBack {
    orders: Vec<Vec<Units>>,
    extra_budget: Vec<Variable>,
    shortfall: Vec<Vec<Variable>>,
    funding: Vec<crate::model::funding::FundingPart>,
    money_unit: f64,
}

impl ReadBack {
    fn solution(
        self,
        value: impl Fn(Variable) -> f64,
        objective: f64,
        proven: bool,
    ) -> StageSolution {
        let ReadBack {
            orders,
            extra_budget,
            shortfall,
            funding,
            money_unit,
        } = self;
        let solution = Values(value);
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
        let funding = funding
            .iter()
            .map(|part| SourcePayment {
                item: part.item,
                source: part.source,
                year: part.year,
                sustainment: part.sustainment,
                amount: solution.value(part.var) * money_unit,
            })
            .collect();
        StageSolution {
            values,
            funding,
            extra,
            shortfall,
            objective,
            proven,
            nodes: 0,
            gap: None,
        }
    }
}

/// A value lookup with good_lp's `value` method name.
struct Values<F>(F);

impl<F: Fn(Variable) -> f64> Values<F> {
    fn value(&self, var: Variable) -> f64 {
        (self.0)(var)
    }
}

/// Solves a built model with capplan's own branch and bound
/// ([`crate::bnb`]).
/// A search that ends on the time limit before it has a bound, the greedy
/// start unimproved, found no schedule of its own: the caller shows the
/// greedy schedule as such ([`super::large::greedy_fallback`]). A search
/// with a bound that did not beat the start has measured it: the start is
/// its result, with the gap, and the later stages go on from it.
pub(super) fn solve_bnb(
    model: Model,
    limits: StageLimits,
    greedy_start: bool,
) -> Result<StageSolution, ResolutionError> {
    // Cuts where the model relaxes the budget (see crate::bnb::solve).
    let cuts = !model.extra_budget.is_empty();
    let solved = crate::bnb::solve(
        &model,
        limits.seconds,
        limits.gap,
        limits.start.as_deref(),
        cuts,
    )?;
    if greedy_start && solved.start_unmeasured() {
        return Err(ResolutionError::Other(
            "Time limit reached before finding a feasible solution",
        ));
    }
    let read = ReadBack {
        orders: model.orders,
        extra_budget: model.extra_budget,
        shortfall: model.shortfall,
        funding: model.funding,
        money_unit: model.money_unit,
    };
    let mut stage = read.solution(|var| solved.value(var), solved.objective, solved.proven);
    stage.nodes = solved.nodes;
    stage.gap = solved.gap;
    Ok(stage)
}

/// microlp's own count of nodes and its final gap.
pub(super) fn microlp_search(solution: MicroLpSolution) -> (u64, Option<f64>) {
    let stats = solution.into_inner().stats();
    (stats.nodes_solved, stats.gap)
}

/// HiGHS, when built in.
#[cfg(feature = "highs")]
pub(super) mod highs {
    use super::{solve_with, StageLimits, StageSolution};
    use crate::model::Model;
    use good_lp::solvers::highs::{highs, HighsProblem};
    use good_lp::ResolutionError;

    pub(in crate::solve) fn solve(
        model: Model,
        limits: StageLimits,
    ) -> Result<StageSolution, ResolutionError> {
        // One thread per solve: sweeps run solves side by side, and HiGHS's
        // branch and bound gains little from more on small machines.
        let configure = |p: HighsProblem| p.set_threads(1);
        // good_lp passes on neither HiGHS's node count nor its final gap.
        solve_with(model, highs, limits, configure, |_| (0, None))
    }
}

/// HiGHS is not built in: every stage fails with how to build it.
#[cfg(not(feature = "highs"))]
pub(super) mod highs {
    use super::super::HIGHS_NOT_BUILT;
    use super::{StageLimits, StageSolution};
    use crate::model::Model;
    use good_lp::ResolutionError;

    pub(in crate::solve) fn solve(
        _: Model,
        _: StageLimits,
    ) -> Result<StageSolution, ResolutionError> {
        Err(ResolutionError::Str(HIGHS_NOT_BUILT.into()))
    }
}
