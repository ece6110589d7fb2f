//! The open nodes of the search, within a memory budget.
//!
//! A node is kept live (its solved LP, a clone of a microlp solver of a
//! few hundred KiB to a few MiB) while the live nodes fit in the budget;
//! past it, the oldest live nodes are stored as their bound and bound
//! changes alone, and solved again from the root LP when the search takes
//! them ([`super::search`]). Which node comes next: the best bound while
//! the open nodes fit in the budget, else the newest (depth first, which
//! closes dives and keeps the pool from growing).

use super::lp::Relaxation;

/// One live node: its solved LP, its bound, and the bound changes made
/// since the root, latest last (`(variable, lower, upper)`).
pub(super) struct Node {
    pub lp: microlp::Solution,
    pub bound: f64,
    pub changes: Vec<(usize, f64, f64)>,
}

impl Node {
    /// The bounds of variable `k` at this node.
    pub fn bounds(&self, relax: &Relaxation, k: usize) -> (f64, f64) {
        bounds_of(&self.changes, relax, k)
    }

    /// The value of every variable in the node's LP solution.
    pub fn values(&self, relax: &Relaxation) -> Vec<f64> {
        relax
            .lp_vars
            .iter()
            .map(|v| self.lp.var_value_raw(*v))
            .collect()
    }
}

/// The bounds of variable `k` after `changes`.
fn bounds_of(changes: &[(usize, f64, f64)], relax: &Relaxation, k: usize) -> (f64, f64) {
    changes
        .iter()
        .rev()
        .find(|(v, _, _)| *v == k)
        .map(|&(_, lo, hi)| (lo, hi))
        .unwrap_or((relax.lower[k], relax.upper[k]))
}

/// The bounds a node's changes leave on each variable they touch, in the
/// order first touched: what a stored node needs to be solved again.
pub(super) fn final_bounds(changes: &[(usize, f64, f64)]) -> Vec<(usize, f64, f64)> {
    let mut last: Vec<(usize, f64, f64)> = Vec::new();
    for &(k, lo, hi) in changes {
        match last.iter_mut().find(|(v, _, _)| *v == k) {
            Some(entry) => *entry = (k, lo, hi),
            None => last.push((k, lo, hi)),
        }
    }
    last
}

/// An open node as the pool holds it.
pub(super) enum Taken {
    Live(Node),
    /// Stored without its LP: solve it again from the root.
    Stored {
        bound: f64,
        changes: Vec<(usize, f64, f64)>,
    },
}

impl Taken {
    pub fn bound(&self) -> f64 {
        match self {
            Taken::Live(node) => node.bound,
            Taken::Stored { bound, .. } => *bound,
        }
    }
}

/// The open nodes.
pub(super) struct Open {
    entries: Vec<Taken>,
    live: usize,
    max_live: usize,
}

impl Open {
    /// A pool that keeps at most `max_live` nodes with their LP.
    pub fn new(max_live: usize) -> Open {
        Open {
            entries: Vec::new(),
            live: 0,
            max_live: max_live.max(1),
        }
    }

    pub fn push(&mut self, node: Node) {
        self.entries.push(Taken::Live(node));
        self.live += 1;
        if self.live > self.max_live {
            self.store_oldest();
        }
    }

    /// Stores the oldest live nodes without their LP, down to three
    /// quarters of the budget (so that this runs once per many pushes).
    fn store_oldest(&mut self) {
        let keep = self.max_live * 3 / 4;
        for entry in self.entries.iter_mut() {
            if self.live <= keep {
                break;
            }
            if let Taken::Live(node) = entry {
                let changes = std::mem::take(&mut node.changes);
                *entry = Taken::Stored {
                    bound: node.bound,
                    changes,
                };
                self.live -= 1;
            }
        }
    }

    /// The next node: the best bound while the open nodes are no more
    /// than the live budget, else the newest.
    pub fn pop(&mut self) -> Option<Taken> {
        let index = if self.entries.len() > self.max_live {
            self.entries.len().checked_sub(1)?
        } else {
            self.entries
                .iter()
                .enumerate()
                .min_by(|a, b| a.1.bound().total_cmp(&b.1.bound()))
                .map(|(i, _)| i)?
        };
        let taken = self.entries.swap_remove(index);
        if matches!(taken, Taken::Live(_)) {
            self.live -= 1;
        }
        Some(taken)
    }

    /// The least bound of the open nodes and `other`.
    pub fn least_bound(&self, other: f64) -> f64 {
        self.entries.iter().map(Taken::bound).fold(other, f64::min)
    }

    /// How many open nodes hold their LP.
    #[cfg(test)]
    pub fn live(&self) -> usize {
        self.live
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn final_bounds_keep_the_last_change_of_each_variable() {
        let changes = [(3, 0.0, 5.0), (1, 2.0, 9.0), (3, 0.0, 2.0), (3, 1.0, 2.0)];
        assert_eq!(final_bounds(&changes), vec![(3, 1.0, 2.0), (1, 2.0, 9.0)]);
        assert!(final_bounds(&[]).is_empty());
    }

    /// A solved one-variable LP, to stand for a node's.
    fn lp() -> microlp::Solution {
        let mut problem = microlp::Problem::new(microlp::OptimizationDirection::Minimize);
        let x = problem.add_var(1.0, (0.0, 4.0));
        problem.add_constraint([(x, 1.0)], microlp::ComparisonOp::Ge, 1.0);
        match problem.solve() {
            Ok(microlp::SolveOutcome::Solution(lp)) => lp,
            other => panic!("the test LP did not solve: {other:?}"),
        }
    }

    fn node(bound: f64) -> Node {
        Node {
            lp: lp(),
            bound,
            changes: vec![(0, 1.0, bound)],
        }
    }

    #[test]
    fn past_the_budget_the_oldest_nodes_are_stored_and_the_newest_comes_next() {
        let mut open = Open::new(4);
        for bound in [5.0, 1.0, 3.0, 4.0] {
            open.push(node(bound));
        }
        assert_eq!(open.live(), 4);
        // Within the budget: the best bound first.
        assert!(matches!(open.pop(), Some(Taken::Live(n)) if n.bound == 1.0));
        open.push(node(2.0));
        open.push(node(6.0));
        // Five open, four allowed live: the oldest stored, down to three.
        assert_eq!(open.live(), 3);
        assert_eq!(open.least_bound(f64::INFINITY), 2.0);
        // Past the budget: the newest, live.
        assert!(matches!(open.pop(), Some(Taken::Live(n)) if n.bound == 6.0));
        // Back within it: the best bound, stored with its changes.
        let mut bounds = Vec::new();
        while let Some(taken) = open.pop() {
            if let Taken::Stored { bound, changes } = &taken {
                assert_eq!(changes, &vec![(0, 1.0, *bound)]);
            }
            bounds.push(taken.bound());
        }
        assert_eq!(bounds, vec![2.0, 3.0, 4.0, 5.0]);
        assert_eq!(open.live(), 0);
    }

    #[test]
    fn a_stored_entry_keeps_its_bound_and_changes() {
        let taken = Taken::Stored {
            bound: 4.5,
            changes: vec![(0, 1.0, 1.0)],
        };
        assert_eq!(taken.bound(), 4.5);
        let open = Open::new(4);
        assert_eq!(open.least_bound(7.0), 7.0);
        assert_eq!(open.live(), 0);
    }
}
