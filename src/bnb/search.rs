//! The branch and bound over the relaxation: every node is a solved LP
//! (a clone of its parent's microlp solution with one more bound), so a
//! child re-solves from its parent's basis with a few dual simplex pivots.
//!
//! The search dives: of a node's two children the one with the better
//! bound is taken next, the other kept open, until a dive ends (a whole
//! schedule, an infeasible child, or a bound no better than the incumbent
//! within the gap); then it jumps to the open node with the best bound.
//! Open nodes ([`super::open`]) hold a live LP each up to a budget from
//! the model's size; past it the oldest are stored without their LP and
//! solved again from the root when taken, and the search takes the newest
//! open node instead, depth first, which closes dives. A starting schedule, when it keeps every
//! row, is the first incumbent. A node is pruned when its bound cannot
//! beat the incumbent by more than the relative gap, so the search is
//! proven exactly when it runs out of open nodes. Nothing depends on the
//! clock but when to stop: the same model gives the same search. The
//! search stops while the time left still covers its slowest LP so far:
//! microlp gives each re-solve a budget of its own, not the time left.
//! That budget is [`LP_STALL`] unless the root LP needed more: a node's
//! LP that runs past it has stalled (microlp's dual simplex can circle on
//! a degenerate node) and is solved afresh instead of taking the rest of
//! the time.
//!
//! A node branches on the best candidate by reliability branching: a
//! variable not yet branched on both ways is tried first (both its
//! children solved, on copies of the node's LP) and scored by the bound
//! its children lose, the product of the two losses; a variable seen
//! before is scored by its pseudo-costs. The tried children of the chosen
//! candidate become the node's children. On the shipped plan this takes
//! the search from 562 nodes to 81 (docs/performance.md).

use super::branch::Pseudocosts;
use super::lp::Relaxation;
use super::open::{final_bounds, Node, Open, Taken};
use microlp::{ComparisonOp, ResumeOptions, SolveOptions, SolveOutcome};
use std::time::{Duration, Instant};

/// How a search ended.
pub(super) enum SearchEnd {
    /// The best schedule found, its objective in minimise form, and
    /// whether the bound proves it within the gap.
    Found {
        values: Vec<f64>,
        internal: f64,
        proven: bool,
        nodes: u64,
        gap: Option<f64>,
        /// The schedule is the start, not improved on.
        from_start: bool,
    },
    /// No schedule keeps the rules (proven).
    Infeasible,
    /// The time ran out before any schedule was found.
    OutOfTime,
    /// The LP solver gave up at the root.
    Failed(String),
}

/// What the search was told and has found.
pub(super) struct Search<'a> {
    relax: &'a Relaxation,
    gap: f64,
    deadline: Instant,
    incumbent: Option<(Vec<f64>, f64)>,
    /// Whether the incumbent is the start.
    from_start: bool,
    pseudocosts: Pseudocosts,
    nodes: u64,
    /// A subtree was lost to the LP solver's numerical trouble: the search
    /// can no longer prove anything.
    lost: bool,
    max_open: usize,
    /// The least bound of a node pruned against an incumbent (the
    /// proof's weakest point).
    pruned: f64,
    /// The longest one LP took so far: microlp's budget for re-solving a
    /// node is not the time left, so the search stops while the time left
    /// still covers the slowest LP seen.
    slowest_lp: Duration,
    /// How long a node's LP solved from scratch may take before it
    /// counts as stalled.
    afresh_limit: Duration,
    /// Whether the root gets a round of MIR cuts.
    cut_at_root: bool,
    /// Nodes the search may solve before it stops as on the time limit
    /// (unlimited but in tests, which stop a search where the clock
    /// would, without depending on it).
    node_limit: u64,
}

/// Observations in each direction before a variable's pseudo-costs are
/// trusted without trying it.
const RELIABLE: u32 = 1;
/// Candidates looked at per node, at most.
const MAX_CANDIDATES: usize = 16;
/// Candidates tried (both children solved) per node, at most.
const MAX_TRIED: usize = 8;
/// Candidates looked at without a better score before the choice stands.
const LOOKAHEAD: usize = 4;

/// How long one LP re-solve may take (unless the root LP took longer):
/// a child re-solves from its parent's basis in a few pivots, so one that
/// runs for seconds has stalled. On a generated 200x10 plan (seed 2) one
/// node's LP ran past a 60 s limit after 0.5 s for the root.
const LP_STALL: Duration = Duration::from_secs(2);

/// Memory the open nodes may hold together, in bytes (an estimate).
const OPEN_MEMORY: usize = 192 << 20;

impl<'a> Search<'a> {
    pub fn new(relax: &'a Relaxation, gap: f64, deadline: Instant) -> Search<'a> {
        let n = relax.cost.len();
        let m = relax.rows.len();
        let nonzeros: usize = relax.rows.iter().map(|r| r.terms.len()).sum();
        // A solver clone: a dozen vectors over variables and rows, the
        // matrix twice, the LU factors (a few times the matrix).
        let per_node = (n + m) * 160 + nonzeros * 96 + 4096;
        Search {
            relax,
            gap,
            deadline,
            incumbent: None,
            from_start: false,
            pseudocosts: Pseudocosts::new(n),
            nodes: 0,
            lost: false,
            pruned: f64::INFINITY,
            slowest_lp: Duration::ZERO,
            afresh_limit: LP_STALL,
            max_open: (OPEN_MEMORY / per_node).clamp(16, 100_000),
            cut_at_root: false,
            node_limit: u64::MAX,
        }
    }

    /// Gives the root a round of MIR cuts before the search, or not.
    pub fn cut_at_root(&mut self, cuts: bool) {
        self.cut_at_root = cuts;
    }

    /// Keeps at most `live` open nodes with their LP (tests use it to make
    /// the search store and restore nodes on a small model).
    #[cfg(test)]
    pub fn limit_open(&mut self, live: usize) {
        self.max_open = live;
    }

    /// Stops the search after `nodes` nodes, as the time limit would.
    #[cfg(test)]
    pub fn limit_nodes(&mut self, nodes: u64) {
        self.node_limit = nodes;
    }

    /// Takes `values` as the first incumbent if they keep every rule.
    pub fn offer_start(&mut self, values: Vec<f64>) -> bool {
        if !self.relax.is_feasible(&values, 1e-6) {
            return false;
        }
        let objective = self.relax.internal_objective(&values);
        self.incumbent = Some((values, objective));
        self.from_start = true;
        true
    }

    /// The bound a node must beat to be worth exploring.
    fn cutoff(&self) -> f64 {
        match &self.incumbent {
            Some((_, z)) => z - (self.gap * z.abs()).max(1e-9),
            None => f64::INFINITY,
        }
    }

    fn out_of_time(&self) -> bool {
        self.remaining() <= self.slowest_lp || self.nodes >= self.node_limit
    }

    fn remaining(&self) -> Duration {
        self.deadline.saturating_duration_since(Instant::now())
    }

    /// Runs the search to its end.
    pub fn run(mut self) -> SearchEnd {
        let started = Instant::now();
        let solved = self.solve_root();
        self.slowest_lp = started.elapsed();
        self.afresh_limit = LP_STALL.max(self.slowest_lp * 2);
        let root = match solved {
            Ok(SolveOutcome::Solution(lp)) => lp,
            Ok(SolveOutcome::Interrupted(_)) => return self.finish(None, f64::NEG_INFINITY),
            Err(microlp::Error::Infeasible) => return SearchEnd::Infeasible,
            Err(e) => return SearchEnd::Failed(format!("the root relaxation failed: {e}")),
        };
        let root = if self.cut_at_root {
            self.cut_root(root)
        } else {
            root
        };
        let mut open = Open::new(self.max_open);
        let mut current = Some(Node {
            bound: root.objective(),
            lp: root.clone(),
            changes: Vec::new(),
        });
        loop {
            let node = match current.take() {
                Some(node) => node,
                None => match open.pop() {
                    Some(Taken::Live(node)) => node,
                    Some(Taken::Stored { bound, changes }) => {
                        if bound >= self.cutoff() {
                            self.pruned = self.pruned.min(bound);
                            continue;
                        }
                        match self.restore(&root, bound, changes) {
                            Restored::Live(node) => node,
                            Restored::Gone => continue,
                            Restored::OutOfTime => {
                                return self.finish(None, open.least_bound(bound))
                            }
                        }
                    }
                    None => break,
                },
            };
            if node.bound >= self.cutoff() {
                self.pruned = self.pruned.min(node.bound);
                continue;
            }
            if self.out_of_time() {
                return self.finish(None, open.least_bound(node.bound));
            }
            self.nodes += 1;
            let values = node.values(self.relax);
            let candidates = self.pseudocosts.ranked(&values, &self.relax.integer);
            if candidates.is_empty() {
                self.adopt(&values);
                continue;
            }
            match self.branch_reliable(node, &values, &candidates) {
                Branched::Children(mut children) => {
                    // The better child first; the other stays open.
                    children.sort_by(|a, b| a.bound.total_cmp(&b.bound));
                    let mut children = children.into_iter();
                    current = children.next();
                    for child in children {
                        open.push(child);
                    }
                }
                Branched::OutOfTime(bound) => {
                    return self.finish(None, open.least_bound(bound));
                }
            }
        }
        self.finish(Some(()), f64::INFINITY)
    }

    /// The root LP, first within [`LP_STALL`] ([`solve_in_steps`]).
    fn solve_root(&self) -> Result<SolveOutcome, microlp::Error> {
        let first = self.remaining().min(LP_STALL);
        solve_in_steps(&self.relax.problem, first, self.deadline)
    }

    /// The root with a round of MIR cuts ([`super::cuts`]), the most
    /// violated first, each added as a row and re-solved from the last
    /// basis. A cut the LP solver cannot take is passed over.
    fn cut_root(&mut self, mut root: microlp::Solution) -> microlp::Solution {
        let values: Vec<f64> = self
            .relax
            .lp_vars
            .iter()
            .map(|v| root.var_value_raw(*v))
            .collect();
        let cuts = super::cuts::mir_cuts(self.relax, &values, super::cuts::MIN_VIOLATION);
        for (_, cut) in cuts.into_iter().take(super::cuts::MAX_AT_ROOT) {
            if self.out_of_time() {
                break;
            }
            let terms: Vec<(microlp::Variable, f64)> = cut
                .terms
                .iter()
                .map(|&(k, a)| (self.relax.lp_vars[k], a))
                .collect();
            let started = Instant::now();
            let outcome = root
                .clone()
                .add_constraint(terms, ComparisonOp::Le, cut.rhs);
            self.slowest_lp = self.slowest_lp.max(started.elapsed());
            if let Ok(SolveOutcome::Solution(lp)) = outcome {
                root = lp;
            }
        }
        root
    }

    /// Solves a stored node again: the root LP with the node's bounds,
    /// one change at a time. Its bound stays the one it was stored with
    /// (the re-solve reaches the same LP optimum, up to round-off).
    fn restore(
        &mut self,
        root: &microlp::Solution,
        bound: f64,
        changes: Vec<(usize, f64, f64)>,
    ) -> Restored {
        let mut lp = root.clone();
        for (k, lo, hi) in final_bounds(&changes) {
            let var = self.relax.lp_vars[k];
            let mut steps: Vec<(ComparisonOp, f64)> = Vec::new();
            if lo == hi {
                steps.push((ComparisonOp::Eq, lo));
            } else {
                if lo > self.relax.lower[k] {
                    steps.push((ComparisonOp::Ge, lo));
                }
                if hi < self.relax.upper[k] {
                    steps.push((ComparisonOp::Le, hi));
                }
            }
            for (op, rhs) in steps {
                let started = Instant::now();
                let outcome = match op {
                    ComparisonOp::Eq => lp.fix_var(var, rhs),
                    op => lp.add_constraint([(var, 1.0)], op, rhs),
                };
                self.slowest_lp = self.slowest_lp.max(started.elapsed());
                lp = match outcome {
                    Ok(SolveOutcome::Solution(solved)) => solved,
                    Ok(SolveOutcome::Interrupted(_)) if self.out_of_time() => {
                        return Restored::OutOfTime
                    }
                    // It was feasible when stored: round-off or a stalled
                    // LP says otherwise, so the node is solved once more,
                    // from scratch.
                    Ok(SolveOutcome::Interrupted(_)) | Err(_) => {
                        return self.solve_afresh(bound, changes)
                    }
                };
            }
        }
        let bound = lp.objective().max(bound);
        Restored::Live(Node { lp, bound, changes })
    }

    /// Solves a node from scratch, its bounds set on the variables (a
    /// numerical path of its own, not through the root's basis). When
    /// this also finds no solution, the two agree and the node is
    /// pruned; any other failure, or a solve that stalls (twice the
    /// root's time, at least [`LP_STALL`]), loses the subtree, and with it
    /// the proof.
    fn solve_afresh(&mut self, bound: f64, changes: Vec<(usize, f64, f64)>) -> Restored {
        let problem = self.relax.problem_with(&final_bounds(&changes));
        let mut options = SolveOptions::default();
        let limit = self.remaining().min(self.afresh_limit);
        options.time_limit = Some(limit.max(Duration::from_millis(1)));
        let started = Instant::now();
        let outcome = problem.solve_with(options);
        self.slowest_lp = self.slowest_lp.max(started.elapsed());
        match outcome {
            Ok(SolveOutcome::Solution(lp)) => {
                let bound = lp.objective().max(bound);
                Restored::Live(Node { lp, bound, changes })
            }
            Ok(SolveOutcome::Interrupted(_)) if self.out_of_time() => Restored::OutOfTime,
            Err(microlp::Error::Infeasible) => Restored::Gone,
            Ok(SolveOutcome::Interrupted(_)) | Err(_) => {
                self.lost = true;
                Restored::Gone
            }
        }
    }

    /// Takes an LP solution whose whole variables are whole (to the
    /// integrality tolerance) as the incumbent if it is better: rounded,
    /// when the rounded values still keep every row, else as the LP left
    /// them.
    fn adopt(&mut self, values: &[f64]) {
        let rounded: Vec<f64> = values
            .iter()
            .zip(&self.relax.integer)
            .map(|(&x, &whole)| if whole { x.round() } else { x })
            .collect();
        let values = if self.relax.is_feasible(&rounded, 1e-7) {
            rounded
        } else {
            values.to_vec()
        };
        let objective = self.relax.internal_objective(&values);
        if self.incumbent.as_ref().is_none_or(|(_, z)| objective < *z) {
            self.incumbent = Some((values, objective));
            self.from_start = false;
        }
    }

    /// Branches on the best of `candidates`: a candidate whose
    /// pseudo-costs are not yet reliable is tried (both children solved)
    /// and scored by the bound its children actually lose; the others by
    /// their estimates. The children of a tried candidate are kept, so the
    /// chosen one's are not solved twice.
    fn branch_reliable(&mut self, node: Node, values: &[f64], candidates: &[usize]) -> Branched {
        let mut best: Option<(f64, usize, Option<Vec<Node>>)> = None;
        let mut tried = 0;
        let mut since_best = 0;
        for &k in candidates.iter().take(MAX_CANDIDATES) {
            if since_best >= LOOKAHEAD {
                break;
            }
            let x = values[k];
            let (score, children) = if self.pseudocosts.reliable(k, RELIABLE) || tried >= MAX_TRIED
            {
                (self.pseudocosts.score(k, x), None)
            } else {
                tried += 1;
                let copy = Node {
                    lp: node.lp.clone(),
                    bound: node.bound,
                    changes: node.changes.clone(),
                };
                let lost = self.lost;
                match self.branch(copy, k, x) {
                    // A child lost to numerical trouble costs the proof
                    // only if the search branches there: such a candidate
                    // is passed over.
                    Branched::Children(_) if self.lost && !lost => {
                        self.lost = lost;
                        continue;
                    }
                    Branched::Children(children) => {
                        let loss = |up: bool| {
                            children
                                .iter()
                                .find(|c| {
                                    c.changes.last().is_some_and(|&(_, lo, _)| (lo > x) == up)
                                })
                                .map_or(1e30, |c| (c.bound - node.bound).max(1e-6))
                        };
                        (loss(false) * loss(true), Some(children))
                    }
                    out => return out,
                }
            };
            if best.as_ref().is_none_or(|(s, _, _)| score > *s) {
                best = Some((score, k, children));
                since_best = 0;
            } else {
                since_best += 1;
            }
        }
        match best {
            Some((_, _, Some(children))) => Branched::Children(children),
            Some((_, k, None)) => self.branch(node, k, values[k]),
            // Every candidate tried lost a child: branch on the first as
            // an untried one would be, which keeps the loss on record.
            None => self.branch(node, candidates[0], values[candidates[0]]),
        }
    }

    /// Solves both children of `node` on variable `k` at value `x`.
    fn branch(&mut self, node: Node, k: usize, x: f64) -> Branched {
        let (lo, hi) = node.bounds(self.relax, k);
        debug_assert!(lo <= x.floor() && x.ceil() <= hi);
        let down = (lo, x.floor());
        let up = (x.ceil(), hi);
        let mut children = Vec::with_capacity(2);
        let parent_bound = node.bound;
        let Node { lp, changes, .. } = node;
        // The down child works on a copy, the up child on the parent's own.
        let mut parent = Some(lp);
        for (is_up, (new_lo, new_hi)) in [(false, down), (true, up)] {
            let lp = match parent.take() {
                Some(lp) if !is_up => {
                    let copy = lp.clone();
                    parent = Some(lp);
                    copy
                }
                Some(lp) => lp,
                None => break,
            };
            let started = Instant::now();
            let outcome = if new_lo == new_hi {
                lp.fix_var(self.relax.lp_vars[k], new_lo)
            } else if is_up {
                lp.add_constraint([(self.relax.lp_vars[k], 1.0)], ComparisonOp::Ge, new_lo)
            } else {
                lp.add_constraint([(self.relax.lp_vars[k], 1.0)], ComparisonOp::Le, new_hi)
            };
            self.slowest_lp = self.slowest_lp.max(started.elapsed());
            let mut child_changes = changes.clone();
            child_changes.push((k, new_lo, new_hi));
            let child = match outcome {
                Ok(SolveOutcome::Solution(lp)) => {
                    let bound = lp.objective().max(parent_bound);
                    let distance = if is_up { new_lo - x } else { x - new_hi };
                    self.pseudocosts
                        .record(k, is_up, distance, bound - parent_bound);
                    Some(Node {
                        lp,
                        bound,
                        changes: child_changes,
                    })
                }
                Ok(SolveOutcome::Interrupted(_)) if self.out_of_time() => {
                    return Branched::OutOfTime(parent_bound);
                }
                Err(microlp::Error::Infeasible) => None,
                // Numerical trouble or a stalled LP in a child: solved once
                // more from scratch; if that fails too, its subtree is
                // lost, and with it the proof.
                Ok(SolveOutcome::Interrupted(_)) | Err(_) => {
                    match self.solve_afresh(parent_bound, child_changes) {
                        Restored::Live(child) => Some(child),
                        Restored::Gone => None,
                        Restored::OutOfTime => return Branched::OutOfTime(parent_bound),
                    }
                }
            };
            match child {
                Some(child) if child.bound < self.cutoff() => children.push(child),
                Some(child) => self.pruned = self.pruned.min(child.bound),
                None => {}
            }
        }
        Branched::Children(children)
    }

    /// The result: proven when the search ran out of nodes (`done`) and
    /// lost none; otherwise the gap to `bound`, the least bound left open.
    fn finish(self, done: Option<()>, bound: f64) -> SearchEnd {
        let Some((values, internal)) = self.incumbent else {
            return if done.is_some() && !self.lost {
                SearchEnd::Infeasible
            } else {
                SearchEnd::OutOfTime
            };
        };
        let proven = done.is_some() && !self.lost;
        let bound = bound.min(self.pruned).min(internal);
        let gap = bound
            .is_finite()
            .then(|| ((internal - bound) / internal.abs().max(1e-10)).max(0.0));
        SearchEnd::Found {
            values,
            internal,
            proven,
            nodes: self.nodes,
            gap,
            from_start: self.from_start,
        }
    }
}

/// Solves `problem`'s LP within `first`, then, if it needs more, on until
/// `deadline`. microlp keeps the first call's limit as the budget of every
/// later re-solve from the result (a child's bound change), unless the
/// LP needed more, when every re-solve gets the time left.
fn solve_in_steps(
    problem: &microlp::Problem,
    first: Duration,
    deadline: Instant,
) -> Result<SolveOutcome, microlp::Error> {
    let mut options = SolveOptions::default();
    options.time_limit = Some(first.max(Duration::from_nanos(1)));
    let mut outcome = problem.solve_with(options);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match outcome {
            Ok(SolveOutcome::Interrupted(stopped)) if !left.is_zero() => {
                let mut more = ResumeOptions::default();
                more.time_limit = Some(left);
                outcome = SolveOutcome::Interrupted(stopped).resume_with(more);
            }
            done => return done,
        }
    }
}

/// What solving a stored node again gave.
enum Restored {
    Live(Node),
    /// Infeasible after all, or lost to the LP solver's numerical trouble.
    Gone,
    OutOfTime,
}

/// What branching a node gave.
enum Branched {
    Children(Vec<Node>),
    /// The time ran out in a child's LP; the parent's bound still holds.
    OutOfTime(f64),
}

#[cfg(test)]
mod tests {
    use super::*;
    use microlp::{OptimizationDirection, Problem};

    /// min -x - y with x + 2y <= 4, 3x + y <= 6: optimum x 1.6, y 1.2.
    fn small_lp() -> (Problem, microlp::Variable) {
        let mut problem = Problem::new(OptimizationDirection::Minimize);
        let x = problem.add_var(-1.0, (0.0, f64::INFINITY));
        let y = problem.add_var(-1.0, (0.0, f64::INFINITY));
        problem.add_constraint([(x, 1.0), (y, 2.0)], ComparisonOp::Le, 4.0);
        problem.add_constraint([(x, 3.0), (y, 1.0)], ComparisonOp::Le, 6.0);
        (problem, x)
    }

    #[test]
    fn an_lp_stopped_at_its_first_limit_goes_on_to_the_optimum() {
        let (problem, x) = small_lp();
        let first = Duration::from_nanos(1);
        let mut options = SolveOptions::default();
        options.time_limit = Some(first);
        assert!(matches!(
            problem.solve_with(options),
            Ok(SolveOutcome::Interrupted(_))
        ));
        let deadline = Instant::now() + Duration::from_secs(60);
        let solved = match solve_in_steps(&problem, first, deadline) {
            Ok(SolveOutcome::Solution(lp)) => lp,
            other => panic!("not solved: {:?}", other.err()),
        };
        assert!((solved.objective() + 2.8).abs() < 1e-9);
        // A re-solve from it (a child's bound) gets the time left.
        match solved.add_constraint([(x, 1.0)], ComparisonOp::Le, 1.0) {
            Ok(SolveOutcome::Solution(child)) => assert!((child.objective() + 2.5).abs() < 1e-9),
            other => panic!("the child did not solve: {:?}", other.err()),
        }
    }
}
