//! Compare runs: the base plan against what-if variants, and what moved.
//!
//! Each run is an ordinary solve of an already-loaded plan; this module
//! only lines the reports up and works out, item by item, how the orders of
//! each variant differ from the base.

use super::run_parallel;
use crate::changes::Changes;
use crate::plan::Plan;
use crate::report::Report;
use crate::solve::SolveOptions;

/// What a variant's optimal schedule is kept close to, among equal optima
/// (plan format section 7).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TieBreak {
    /// The base run's schedule: a change that forces nothing moves nothing.
    BaseRun,
    /// The baseline each plan already holds (`--baseline`).
    Baseline,
}

/// One solved run.
#[derive(Clone, Debug)]
pub struct Run {
    /// "base", a scenario file, or a `--set` override.
    pub label: String,
    pub report: Report,
}

/// How an item's orders changed against the base.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MoveKind {
    /// Ordered in the variant, not in the base.
    Added,
    /// Ordered in the base, not in the variant.
    Dropped,
    /// Same units in total, in other years.
    Shifted,
    /// More units in total.
    More,
    /// Fewer units in total.
    Fewer,
}

impl MoveKind {
    /// A word for tables and JSON.
    pub fn name(self) -> &'static str {
        match self {
            MoveKind::Added => "added",
            MoveKind::Dropped => "dropped",
            MoveKind::Shifted => "shifted",
            MoveKind::More => "more",
            MoveKind::Fewer => "fewer",
        }
    }
}

/// One item whose orders differ between the base and a variant.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemMove {
    pub item: String,
    pub name: String,
    pub kind: MoveKind,
    /// (order year, units) in the base and in the variant.
    pub base: Vec<(i32, f64)>,
    pub variant: Vec<(i32, f64)>,
}

/// The base and its variants, solved, with what moved in each variant.
#[derive(Clone, Debug)]
pub struct Comparison {
    /// The base first, then the variants in the order given.
    pub runs: Vec<Run>,
    /// `moves[k]`: what moved in `runs[k + 1]` against the base (nothing
    /// for a variant without a schedule: its findings say why).
    pub moves: Vec<Vec<ItemMove>>,
    /// `goal_sets[k]`: whether `runs[k + 1]` scores the same milestones as
    /// the base, and the score of both over the milestones they share.
    pub goal_sets: Vec<GoalSets>,
}

/// Whether two runs' readiness can be compared (section 7): their goal
/// sets (ids, milestones, targets, weights, history) must be the same.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalSets {
    pub same: bool,
    /// Milestones both runs score alike.
    pub common_milestones: usize,
    /// Sum of weights over the common milestones.
    pub common_max_score: f64,
    /// Score of the base and of the variant over the common milestones.
    pub common_score_base: f64,
    pub common_score_variant: f64,
}

impl GoalSets {
    /// Compares the scored milestones of two reports.
    pub fn of(base: &Report, variant: &Report) -> GoalSets {
        let key = |g: &crate::report::GoalRow| (g.goal.clone(), g.year, g.target, g.weight);
        let scored = |r: &Report| -> Vec<(String, i32, f64, f64)> {
            r.goals.iter().filter(|g| !g.history).map(key).collect()
        };
        let (b, v) = (scored(base), scored(variant));
        let same = b.len() == v.len() && b.iter().all(|k| v.contains(k));
        let common: Vec<&(String, i32, f64, f64)> = b.iter().filter(|k| v.contains(k)).collect();
        let score = |r: &Report| {
            r.goals
                .iter()
                .filter(|g| !g.history && common.contains(&&key(g)))
                .fold(0.0, |sum, g| sum + g.weight * g.credited / g.target)
        };
        GoalSets {
            same,
            common_milestones: common.len(),
            common_max_score: common.iter().fold(0.0, |sum, k| sum + k.3),
            common_score_base: score(base),
            common_score_variant: score(variant),
        }
    }
}

/// Solves the first plan (the base), then every variant (in parallel),
/// each tie-broken as `tie_break` says, and compares each variant with the
/// base: what moved, and its [`Changes`] against the base run.
pub fn compare(
    plans: Vec<(String, Plan)>,
    options: &SolveOptions,
    threads: Option<usize>,
    tie_break: TieBreak,
    tick: impl Fn() + Sync + Send,
) -> Comparison {
    let mut plans = plans.into_iter();
    let Some((label, base_plan)) = plans.next() else {
        return Comparison {
            runs: Vec::new(),
            moves: Vec::new(),
            goal_sets: Vec::new(),
        };
    };
    let base = Run {
        report: crate::solve_report(&base_plan, options),
        label,
    };
    tick();
    let variants: Vec<(String, Plan)> = plans
        .map(|(label, mut plan)| {
            if tie_break == TieBreak::BaseRun && base.report.has_schedule() {
                plan.baseline = Some(units_of(&plan, &base.report));
            }
            (label, plan)
        })
        .collect();
    let variant_runs = run_parallel(
        variants,
        threads,
        |(label, plan)| {
            let mut report = crate::solve_report(&plan, options);
            report.changes = Changes::between(&base.report, &report, plan.as_of);
            Run { report, label }
        },
        tick,
    );
    let runs: Vec<Run> = std::iter::once(base).chain(variant_runs).collect();
    let (moves, goal_sets) = match runs.split_first() {
        Some((base, variants)) => variants
            .iter()
            .map(|v| {
                let moves = if v.report.has_schedule() {
                    item_moves(&base.report, &v.report)
                } else {
                    Vec::new()
                };
                (moves, GoalSets::of(&base.report, &v.report))
            })
            .unzip(),
        None => (Vec::new(), Vec::new()),
    };
    Comparison {
        runs,
        moves,
        goal_sets,
    }
}

/// A report's orders as units `[item][year index]` of `plan` (items the
/// plan does not have are left out).
fn units_of(plan: &Plan, report: &Report) -> Vec<Vec<f64>> {
    let mut units = vec![vec![0.0; plan.horizon_len()]; plan.items.len()];
    for o in &report.orders {
        let item = plan.items.iter().position(|i| i.id == o.item);
        if let (Some(i), true) = (item, plan.start <= o.year && o.year <= plan.end) {
            units[i][plan.year_index(o.year)] += o.units;
        }
    }
    units
}

/// Items whose orders differ, in the order items first appear (base first).
pub fn item_moves(base: &Report, variant: &Report) -> Vec<ItemMove> {
    let mut items: Vec<(&str, &str)> = Vec::new();
    for o in base.orders.iter().chain(&variant.orders) {
        if !items.iter().any(|(id, _)| *id == o.item) {
            items.push((&o.item, &o.name));
        }
    }
    items
        .into_iter()
        .filter_map(|(id, name)| {
            let b = orders_of(base, id);
            let v = orders_of(variant, id);
            let kind = move_kind(&b, &v)?;
            Some(ItemMove {
                item: id.to_string(),
                name: name.to_string(),
                kind,
                base: b,
                variant: v,
            })
        })
        .collect()
}

fn orders_of(report: &Report, item: &str) -> Vec<(i32, f64)> {
    report
        .orders
        .iter()
        .filter(|o| o.item == item)
        .map(|o| (o.year, o.units))
        .collect()
}

fn move_kind(base: &[(i32, f64)], variant: &[(i32, f64)]) -> Option<MoveKind> {
    if base == variant {
        return None;
    }
    let total = |orders: &[(i32, f64)]| orders.iter().fold(0.0, |sum, (_, u)| sum + u);
    let (b, v) = (total(base), total(variant));
    Some(if b == 0.0 {
        MoveKind::Added
    } else if v == 0.0 {
        MoveKind::Dropped
    } else if (b - v).abs() < 1e-9 {
        MoveKind::Shifted
    } else if v > b {
        MoveKind::More
    } else {
        MoveKind::Fewer
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_are_classified() {
        assert_eq!(move_kind(&[], &[(2025, 1.0)]), Some(MoveKind::Added));
        assert_eq!(move_kind(&[(2025, 1.0)], &[]), Some(MoveKind::Dropped));
        assert_eq!(
            move_kind(&[(2025, 2.0)], &[(2026, 1.0), (2027, 1.0)]),
            Some(MoveKind::Shifted)
        );
        assert_eq!(
            move_kind(&[(2025, 2.0)], &[(2025, 3.0)]),
            Some(MoveKind::More)
        );
        assert_eq!(
            move_kind(&[(2025, 2.0)], &[(2025, 1.0)]),
            Some(MoveKind::Fewer)
        );
        assert_eq!(move_kind(&[(2025, 2.0)], &[(2025, 2.0)]), None);
    }
}
