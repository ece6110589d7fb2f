//! A schedule: units ordered per item and year, as the solver left them
//! after rounding. It is the only thing that crosses from the solver back
//! into exact arithmetic.

use crate::plan::Plan;

/// Units ordered, `units[item][year index]`, fixed orders included.
#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    pub units: Vec<Vec<f64>>,
    /// What the funding sources (not the national budget) pay, as the
    /// solver split it; empty for a plan without sources. The ledger
    /// rounds it to cents.
    pub funding: Vec<SourcePayment>,
}

/// Money of one funding source paying one item's payments (or running
/// costs) in one year, in plan-currency units, as the solver left it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SourcePayment {
    pub item: usize,
    /// Index into `Plan::sources`.
    pub source: usize,
    pub year: i32,
    /// Running costs (S) rather than payments (P).
    pub sustainment: bool,
    pub amount: f64,
}

impl Schedule {
    /// A solver's orders (`values[item][year index]`) rounded as
    /// [`round_units`] says, with its funding split.
    pub fn rounded(plan: &Plan, values: &[Vec<f64>], funding: Vec<SourcePayment>) -> Schedule {
        let units = values
            .iter()
            .zip(&plan.items)
            .map(|(row, item)| {
                row.iter()
                    .map(|v| round_units(*v, item.divisible))
                    .collect()
            })
            .collect();
        Schedule { units, funding }
    }

    /// An empty schedule for a plan (fixed orders only).
    pub fn fixed_only(plan: &Plan) -> Schedule {
        let mut units = vec![vec![0.0; plan.horizon_len()]; plan.items.len()];
        for (i, item) in plan.items.iter().enumerate() {
            for f in &item.fixed {
                units[i][plan.year_index(f.year)] = f.units;
            }
        }
        Schedule {
            units,
            funding: Vec::new(),
        }
    }

    /// Units of item `i` delivered by `year` (ordered by year - lead_time).
    pub fn delivered_by(&self, plan: &Plan, i: usize, year: i32) -> f64 {
        delivered_by(plan, i, &self.units[i], year)
    }
}

/// Units of item `i` delivered by `year` out of its orders `row` (by
/// horizon year index): those ordered by year - lead_time.
pub fn delivered_by(plan: &Plan, i: usize, row: &[f64], year: i32) -> f64 {
    let last = year - plan.items[i].lead_time;
    plan.years()
        .take_while(|y| *y <= last)
        .fold(0.0, |sum, y| sum + row[plan.year_index(y)])
}

/// A[g,m] from orders `units[item][year index]`: the points each goal's
/// milestones get, `[goal][milestone]`.
pub fn attainment(plan: &Plan, units: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let mut achieved: Vec<Vec<f64>> = plan
        .goals
        .iter()
        .map(|g| vec![0.0; g.milestones.len()])
        .collect();
    for (i, item) in plan.items.iter().enumerate() {
        for &(g, points) in &item.contributes {
            for (m, milestone) in plan.goals[g].milestones.iter().enumerate() {
                achieved[g][m] += points * delivered_by(plan, i, &units[i], milestone.year);
            }
        }
    }
    achieved
}

/// The score of orders `units`: weight * min(A, T) / T over every
/// milestone that is not history (section 2), as the report computes it
/// from the exact ledger, here on the units alone (unrounded ones too),
/// for the heuristics that compare schedules.
pub fn score(plan: &Plan, units: &[Vec<f64>]) -> f64 {
    per_open_milestone(plan, units, |weight, achieved, target| {
        weight * achieved.min(target) / target
    })
    .iter()
    .sum()
}

/// The score each goal loses against its open targets: weight * (T -
/// min(A, T)) / T over its milestones, by goal.
pub fn score_losses(plan: &Plan, units: &[Vec<f64>]) -> Vec<f64> {
    per_open_milestone(plan, units, |weight, achieved, target| {
        weight * (target - achieved).max(0.0) / target
    })
}

/// `term(weight, A, T)` summed over each goal's milestones that are not
/// history, by goal.
fn per_open_milestone(
    plan: &Plan,
    units: &[Vec<f64>],
    term: impl Fn(f64, f64, f64) -> f64,
) -> Vec<f64> {
    let achieved = attainment(plan, units);
    plan.goals
        .iter()
        .zip(&achieved)
        .map(|(goal, achieved)| {
            goal.milestones
                .iter()
                .zip(achieved)
                .filter(|(m, _)| !plan.is_history(m.year))
                .map(|(m, &a)| term(goal.weight, a, m.target))
                .sum()
        })
        .collect()
}

/// Rounds a solver value to what the item allows: whole units, or a
/// divisible quantity to a billionth of a unit (solver noise below that is
/// dropped). Tiny negatives become zero.
pub fn round_units(value: f64, divisible: bool) -> f64 {
    let rounded = if divisible {
        (value * 1e9).round() / 1e9
    } else {
        value.round()
    };
    if rounded <= 0.0 {
        0.0
    } else {
        rounded
    }
}
