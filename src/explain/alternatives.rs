//! `solve --alternatives N`: the next-best schedules whose set of items
//! bought beyond fixed orders differs from every earlier one (plan format,
//! section 9).
//!
//! Each alternative is the plan's own solve (both stages under
//! `max-goals`) with one binary per item, 1 exactly when the item is
//! ordered beyond its fixed orders, and one no-good cut per schedule found
//! so far: at least one item must change from bought to not bought or
//! back. Each schedule is priced and checked by [`Report::solved`].

use super::items_bought;
use crate::model::Model;
use crate::money::Money;
use crate::plan::Plan;
use crate::report::{Report, Status};
use crate::solve::{solve_extended, Outcome, SolveOptions};
use good_lp::Expression;

/// The most alternatives one solve may ask for.
pub const MAX_ALTERNATIVES: usize = 10;

/// One next-best schedule.
#[derive(Clone, Debug, PartialEq)]
pub struct Alternative {
    /// 1 for the best after the optimum, 2 for the next, ...
    pub rank: usize,
    pub status: Status,
    pub score: f64,
    pub national_cost: Money,
    pub total_cost: Money,
    /// Items it buys (beyond fixed orders) that the optimum does not.
    pub adds: Vec<String>,
    /// Items the optimum buys that it does not.
    pub drops: Vec<String>,
}

/// Up to `count` (at most [`MAX_ALTERNATIVES`]) alternatives to the
/// optimum `optimum` of `plan`; fewer when no other item set is feasible.
/// An alternative that is not proven optimal is kept and marked so.
pub fn alternatives(
    plan: &Plan,
    optimum: &Report,
    count: usize,
    options: &SolveOptions,
) -> Vec<Alternative> {
    let mut sets = vec![items_bought(plan, optimum)];
    let mut out = Vec::new();
    for rank in 1..=count.min(MAX_ALTERNATIVES) {
        let earlier = sets.clone();
        let differ = move |plan: &Plan, model: &mut Model| {
            let bought = model.add_bought_indicators(plan);
            for set in &earlier {
                // sum_{i in set} (1 - b_i) + sum_{i not in set} b_i >= 1.
                let mut cut = Expression::default();
                let mut constant = 0.0;
                for &i in set {
                    match bought.iter().find(|(j, _)| *j == i) {
                        Some((_, b)) => {
                            constant += 1.0;
                            cut.add_mul(-1.0, *b);
                        }
                        // Not orderable in this model: never bought, so
                        // the set differs already.
                        None => constant += 1.0,
                    }
                }
                for (j, b) in &bought {
                    if !set.contains(j) {
                        cut.add_mul(1.0, *b);
                    }
                }
                model.constraints.push(cut.geq(1.0 - constant));
            }
        };
        let report = match solve_extended(plan, options, &differ) {
            Outcome::Solved {
                schedule,
                proven,
                stats,
            } => Report::solved(plan, &schedule, proven, stats),
            Outcome::Infeasible { .. } | Outcome::NoSolution { .. } => break,
        };
        let set = items_bought(plan, &report);
        let id = |i: &usize| plan.items[*i].id.clone();
        out.push(Alternative {
            rank,
            status: report.status,
            score: report.score,
            national_cost: report.national_cost,
            total_cost: report.total_cost,
            adds: set
                .iter()
                .filter(|i| !sets[0].contains(i))
                .map(id)
                .collect(),
            drops: sets[0]
                .iter()
                .filter(|i| !set.contains(i))
                .map(id)
                .collect(),
        });
        sets.push(set);
    }
    out
}
