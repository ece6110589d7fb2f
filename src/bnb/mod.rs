//! capplan's own branch and bound over microlp's LP, the default
//! pure-Rust solver (`--solver microlp`).
//!
//! microlp's simplex solves each node's relaxation; the search around it
//! is capplan's, so it can take what microlp's own branch and bound cannot:
//! the greedy schedule or the earlier stage's schedule as the first
//! incumbent before the root is solved, and pruning against it from the
//! first node. [`lp`] turns a [`Model`] into the relaxation, [`branch`]
//! chooses the variable to branch on, [`search`] runs the tree. A result
//! is proven only when every open node's bound is within the relative gap
//! of the incumbent; on the time limit the best schedule found is returned
//! unproven, with the gap to the least open bound. microlp's own branch
//! and bound stays reachable as `--solver microlp-native`.

mod branch;
mod cuts;
mod lp;
mod open;
mod search;

use crate::model::Model;
use good_lp::{ResolutionError, Variable};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// A stage solved by the branch and bound.
pub struct BnbSolution {
    values: Vec<f64>,
    index: HashMap<Variable, usize>,
    /// The model's objective at the solution (constant included).
    pub objective: f64,
    /// Whether the bound proves the solution within the gap.
    pub proven: bool,
    /// Nodes solved (the root counts as one).
    pub nodes: u64,
    /// The relative gap between the solution and the least open bound,
    /// when a bound is known.
    pub gap: Option<f64>,
    /// Whether the solution is the start, not improved on.
    pub from_start: bool,
}

impl BnbSolution {
    /// The value of a model variable.
    pub fn value(&self, var: Variable) -> f64 {
        self.index.get(&var).map_or(0.0, |&k| self.values[k])
    }

    /// Whether the solution is the start, unimproved and unmeasured: the
    /// time ran out before the search had a bound to measure it against
    /// (the root LP unsolved). A start the search measured, with a gap,
    /// is a result like any other: the best the search found, unproven.
    pub fn start_unmeasured(&self) -> bool {
        self.from_start && !self.proven && self.gap.is_none()
    }
}

/// Solves a built model within `seconds`, to the relative `gap`, from an
/// optional starting solution (every variable's value, as
/// [`Model::start_from_split`] gives it). Errors as good_lp reports them:
/// `Infeasible` when no solution exists, `Other` when the time ran out
/// before any solution, `Str` when the LP solver failed.
///
/// With `cuts`, the root gets a round of MIR cuts ([`cuts`]) before the
/// search: worth it on the relaxation stages, whose extra money lets the
/// LP meet a target with fractions of whole orders (the least money of
/// `explain --goal land` on the shipped plan: 22,500 nodes without, 1,500
/// with); on the plan's own stages they cost more nodes than they save
/// (docs/performance.md).
pub fn solve(
    model: &Model,
    seconds: f64,
    gap: f64,
    start: Option<&[(Variable, f64)]>,
    cuts: bool,
) -> Result<BnbSolution, ResolutionError> {
    solve_with(model, seconds, gap, start, |search| {
        search.cut_at_root(cuts)
    })
}

/// [`solve`], with `tune` applied to the search before it runs.
fn solve_with(
    model: &Model,
    seconds: f64,
    gap: f64,
    start: Option<&[(Variable, f64)]>,
    tune: impl FnOnce(&mut search::Search),
) -> Result<BnbSolution, ResolutionError> {
    let deadline = Instant::now() + Duration::from_secs_f64(seconds.max(0.001));
    let relax = lp::Relaxation::new(model);
    let mut search = search::Search::new(&relax, gap, deadline);
    tune(&mut search);
    if let Some(start) = start {
        let mut values = relax.lower.iter().map(|lo| lo.max(0.0)).collect::<Vec<_>>();
        for (var, x) in start {
            if let Some(&k) = relax.index.get(var) {
                values[k] = *x;
            }
        }
        search.offer_start(values);
    }
    match search.run() {
        search::SearchEnd::Found {
            values,
            internal,
            proven,
            nodes,
            gap,
            from_start,
        } => Ok(BnbSolution {
            from_start,
            objective: relax.model_objective(internal),
            values,
            index: relax.index,
            proven,
            nodes,
            gap,
        }),
        search::SearchEnd::Infeasible => Err(ResolutionError::Infeasible),
        search::SearchEnd::OutOfTime => Err(ResolutionError::Other(
            "Time limit reached before finding a feasible solution",
        )),
        search::SearchEnd::Failed(reason) => Err(ResolutionError::Str(reason)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{generate, GenerateOptions};
    use crate::model::Stage;

    fn generated_plan(items: usize, years: u32, seed: u64) -> crate::plan::Plan {
        let text = generate(&GenerateOptions {
            items,
            years,
            seed,
            nations: 1,
            start: 2025,
            sources: 0,
        });
        match crate::plan::load_text("g.toml", &text) {
            Ok((plan, _)) => plan,
            Err(e) => panic!("generated plan invalid: {}", e.render(false)),
        }
    }

    #[test]
    fn a_node_solved_afresh_agrees_with_the_one_solved_from_its_parent() {
        let plan = generated_plan(10, 4, 3);
        let model = Model::build(&plan, Stage::MaxScore);
        let relax = lp::Relaxation::new(&model);
        let root = match relax.problem.solve() {
            Ok(microlp::SolveOutcome::Solution(lp)) => lp,
            other => panic!("the root did not solve: {:?}", other.err()),
        };
        let mut compared = 0;
        for k in (0..relax.integer.len()).filter(|&k| relax.integer[k]) {
            // As the search branches: on a fractional value, each way.
            let x = root.var_value_raw(relax.lp_vars[k]);
            if (x - x.round()).abs() <= 1e-6 {
                continue;
            }
            for value in [x.floor(), x.ceil()] {
                if value < relax.lower[k] || value > relax.upper[k] {
                    continue;
                }
                let from_parent = root.clone().fix_var(relax.lp_vars[k], value);
                let afresh = relax.problem_with(&[(k, value, value)]).solve();
                match (from_parent, afresh) {
                    (
                        Ok(microlp::SolveOutcome::Solution(a)),
                        Ok(microlp::SolveOutcome::Solution(b)),
                    ) => {
                        let scale = a.objective().abs().max(1.0);
                        assert!((a.objective() - b.objective()).abs() <= 1e-6 * scale);
                        assert!((b.var_value_raw(relax.lp_vars[k]) - value).abs() <= 1e-9);
                        compared += 1;
                    }
                    (Err(microlp::Error::Infeasible), Err(microlp::Error::Infeasible)) => {}
                    (a, b) => panic!("variable {k} at {value}: {:?} / {:?}", a.err(), b.err()),
                }
            }
        }
        assert!(compared >= 2, "only {compared} nodes compared");
    }

    #[test]
    fn cuts_at_the_root_reach_the_same_proven_optimum() {
        // Models whose root LP point some cut breaks: the two searches
        // differ there.
        let mut cut = 0;
        for seed in [3, 5] {
            let plan = generated_plan(10, 4, seed);
            for stage in [Stage::MaxScore, Stage::MinCost { score_floor: None }] {
                let model = Model::build(&plan, stage);
                let relax = lp::Relaxation::new(&model);
                if let Ok(microlp::SolveOutcome::Solution(root)) = relax.problem.solve() {
                    let x: Vec<f64> = relax
                        .lp_vars
                        .iter()
                        .map(|v| root.var_value_raw(*v))
                        .collect();
                    if !cuts::mir_cuts(&relax, &x, cuts::MIN_VIOLATION).is_empty() {
                        cut += 1;
                    }
                }
                match (
                    solve(&model, 120.0, 1e-9, None, false),
                    solve(&model, 120.0, 1e-9, None, true),
                ) {
                    (Ok(without), Ok(with)) => {
                        assert!(without.proven && with.proven);
                        let scale = without.objective.abs().max(1.0);
                        assert!((without.objective - with.objective).abs() <= 1e-6 * scale);
                    }
                    (a, b) => panic!("not solved: {:?} / {:?}", a.err(), b.err()),
                }
            }
        }
        assert!(cut > 0, "no model was cut");
    }

    #[test]
    fn a_start_the_search_measured_but_did_not_beat_keeps_its_gap() {
        let plan = generated_plan(10, 4, 3);
        let model = Model::build(&plan, Stage::MaxScore);
        let best = match solve(&model, 120.0, 1e-9, None, false) {
            Ok(best) if best.proven => best,
            other => panic!("not proven: {:?}", other.err()),
        };
        // The optimum as the start: nothing beats it, and one node does
        // not prove it on this plan.
        let start: Vec<(Variable, f64)> = model
            .variable_index()
            .keys()
            .map(|&var| (var, best.value(var)))
            .collect();
        match solve_with(&model, 120.0, 1e-9, Some(&start), |s| s.limit_nodes(1)) {
            Ok(stopped) => {
                assert!(stopped.from_start && !stopped.proven);
                let gap = stopped.gap.expect("the root's bound measures the start");
                assert!(gap > 0.0 && gap < 1.0, "gap {gap}");
                assert!(!stopped.start_unmeasured());
                assert_eq!(stopped.nodes, 1);
            }
            Err(e) => panic!("the start was lost: {e:?}"),
        }
    }

    #[test]
    fn nodes_stored_without_their_lp_reach_the_same_proven_optimum() {
        let plan = generated_plan(10, 4, 3);
        let model = Model::build(&plan, Stage::MaxScore);
        let free = solve(&model, 120.0, 1e-9, None, false);
        // One live node at a time: every other open node is stored and
        // solved again from the root when taken.
        let tight = solve_with(&model, 120.0, 1e-9, None, |s| s.limit_open(1));
        match (free, tight) {
            (Ok(free), Ok(tight)) => {
                assert!(free.proven && tight.proven);
                assert!(
                    free.nodes > 2,
                    "too small to store nodes: {} nodes",
                    free.nodes
                );
                let scale = free.objective.abs().max(1.0);
                assert!((free.objective - tight.objective).abs() <= 1e-6 * scale);
            }
            (free, tight) => panic!("not solved: {:?} / {:?}", free.err(), tight.err()),
        }
    }
}
