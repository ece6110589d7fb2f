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
    /// The index in `runs` of the run the others are compared with: the
    /// base (0) unless `--against` names another.
    pub reference: usize,
    /// `moves[k]`: what moved in the k-th run other than the reference
    /// (`runs[k + 1]` when the reference is the base) against the
    /// reference (nothing for a run without a schedule: its findings say
    /// why).
    pub moves: Vec<Vec<ItemMove>>,
    /// `goal_sets[k]`: whether that run scores the same milestones as the
    /// reference, and the score of both over the milestones they share.
    pub goal_sets: Vec<GoalSets>,
}

/// The difference between two runs (`compare --pairwise`): `to` minus
/// `from`, both with a schedule.
#[derive(Clone, Debug, PartialEq)]
pub struct PairDelta {
    /// Indices in [`Comparison::runs`], `from < to`.
    pub from: usize,
    pub to: usize,
    /// Readiness in percentage points.
    pub readiness: f64,
    pub national_cost: crate::money::Money,
    pub total_cost: crate::money::Money,
    /// Payments due after the horizon.
    pub after_horizon: crate::money::Money,
}

impl Comparison {
    /// Every pair of runs with a schedule, each later run against each
    /// earlier one, in run order (`compare --pairwise`).
    pub fn pairwise(&self) -> Vec<PairDelta> {
        let mut pairs = Vec::new();
        for (from, a) in self.runs.iter().enumerate() {
            for (to, b) in self.runs.iter().enumerate().skip(from + 1) {
                let (a, b) = (&a.report, &b.report);
                if a.has_schedule() && b.has_schedule() {
                    pairs.push(PairDelta {
                        from,
                        to,
                        readiness: b.readiness - a.readiness,
                        national_cost: b.national_cost - a.national_cost,
                        total_cost: b.total_cost - a.total_cost,
                        after_horizon: b.commitments_after_horizon - a.commitments_after_horizon,
                    });
                }
            }
        }
        pairs
    }

    /// The indices in `runs` of the runs compared with the reference, in
    /// order: `moves[k]` and `goal_sets[k]` belong to the k-th.
    pub fn compared(&self) -> Vec<usize> {
        (0..self.runs.len())
            .filter(|k| *k != self.reference)
            .collect()
    }

    /// The run the others are compared with.
    pub fn reference_run(&self) -> Option<&Run> {
        self.runs.get(self.reference)
    }
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
    compare_against(plans, options, threads, tie_break, 0, tick)
}

/// [`compare`], with every run compared with `runs[reference]` instead of
/// the base: its moves, goal sets and [`Changes`] are against that run
/// (the reference itself keeps its changes against the base). Every run
/// is still tie-broken against the base run as `tie_break` says, so the
/// schedules do not depend on the reference chosen. A reference out of
/// range is the base.
pub fn compare_against(
    plans: Vec<(String, Plan)>,
    options: &SolveOptions,
    threads: Option<usize>,
    tie_break: TieBreak,
    reference: usize,
    tick: impl Fn() + Sync + Send,
) -> Comparison {
    let reference = if reference < plans.len() {
        reference
    } else {
        0
    };
    let mut plans = plans.into_iter();
    let Some((label, base_plan)) = plans.next() else {
        return Comparison {
            runs: Vec::new(),
            reference: 0,
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
    let mut runs: Vec<Run> = std::iter::once(base).chain(variant_runs).collect();
    if reference != 0 {
        let against = runs[reference].report.clone();
        for (k, run) in runs.iter_mut().enumerate() {
            if k != reference {
                let as_of = run.report.as_of;
                run.report.changes = Changes::between(&against, &run.report, as_of);
            }
        }
    }
    let against = &runs[reference].report;
    let (moves, goal_sets) = (0..runs.len())
        .filter(|k| *k != reference)
        .map(|k| {
            let v = &runs[k].report;
            let moves = if v.has_schedule() {
                item_moves(against, v)
            } else {
                Vec::new()
            };
            (moves, GoalSets::of(against, v))
        })
        .unzip();
    Comparison {
        runs,
        reference,
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
