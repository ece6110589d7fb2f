//! Changes against the approved programme (plan format section 7).
//!
//! A [`Changes`] lines up two reports of schedules, the reference (the
//! approved programme priced under the plan being solved, or the base run
//! of a comparison) and the current one, and lists what differs: orders by
//! item and year (units, cost and goal points), money by year, credited
//! points by milestone, the churn over open years, and the score and total
//! cost deltas. Only non-zero rows are kept. It reads report rows that are
//! already priced in exact money; it never prices or solves anything.

use crate::money::Money;
use crate::report::Report;

/// What differs between a reference schedule and the current one.
#[derive(Clone, Debug, PartialEq)]
pub struct Changes {
    /// Sum over items and open years of |units - baseline units|.
    pub churn: f64,
    /// Score minus the reference's score.
    pub delta_score: f64,
    /// Total cost minus the reference's total cost.
    pub delta_total_cost: Money,
    pub orders: Vec<OrderChange>,
    pub years: Vec<YearChange>,
    pub goals: Vec<GoalChange>,
}

/// One item and year whose order differs.
#[derive(Clone, Debug, PartialEq)]
pub struct OrderChange {
    pub item: String,
    pub name: String,
    pub year: i32,
    pub baseline_units: f64,
    pub units: f64,
    pub delta_units: f64,
    /// Cost of the order minus the reference order's cost.
    pub delta_cost: Money,
    /// Goal points per unit (all goals) times the change in units: what the
    /// change delivers, before milestones cap it.
    pub delta_points: f64,
}

/// One year whose money differs.
#[derive(Clone, Debug, PartialEq)]
pub struct YearChange {
    pub year: i32,
    pub delta_payments: Money,
    pub delta_sustainment: Money,
    pub delta_spend: Money,
}

/// One milestone whose credited points differ.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalChange {
    pub goal: String,
    pub year: i32,
    pub baseline_credited: f64,
    pub credited: f64,
    pub delta: f64,
}

impl Changes {
    /// The changes from `reference` to `current`, churn counted from
    /// `as_of` on; `None` when either report has no schedule.
    pub fn between(reference: &Report, current: &Report, as_of: i32) -> Option<Changes> {
        if !reference.has_schedule() || !current.has_schedule() {
            return None;
        }
        let orders = order_changes(reference, current);
        let churn = orders
            .iter()
            .filter(|o| o.year >= as_of)
            .fold(0.0, |sum, o| sum + o.delta_units.abs());
        Some(Changes {
            churn,
            delta_score: current.score - reference.score,
            delta_total_cost: current.total_cost - reference.total_cost,
            orders,
            years: year_changes(reference, current),
            goals: goal_changes(reference, current),
        })
    }

    /// Whether nothing moved.
    pub fn is_empty(&self) -> bool {
        self.orders.is_empty() && self.years.is_empty() && self.goals.is_empty()
    }
}

/// The position of an item in file order: the current plan's, then the
/// reference's for items only it has.
fn item_rank(reference: &Report, current: &Report, item: &str) -> usize {
    let now = &current.inputs.items;
    match now.iter().position(|i| i.id == item) {
        Some(p) => p,
        None => {
            now.len()
                + reference
                    .inputs
                    .items
                    .iter()
                    .position(|i| i.id == item)
                    .unwrap_or(0)
        }
    }
}

fn order_changes(reference: &Report, current: &Report) -> Vec<OrderChange> {
    let mut keys: Vec<(i32, usize, &str, &str)> = Vec::new();
    for o in reference.orders.iter().chain(&current.orders) {
        if !keys.iter().any(|k| k.0 == o.year && k.2 == o.item) {
            keys.push((
                o.year,
                item_rank(reference, current, &o.item),
                &o.item,
                &o.name,
            ));
        }
    }
    keys.sort_by_key(|k| (k.0, k.1));
    let find = |report: &Report, item: &str, year: i32| {
        report
            .orders
            .iter()
            .find(|o| o.item == item && o.year == year)
            .map_or((0.0, Money::ZERO), |o| (o.units, o.cost))
    };
    let points_per_unit = |item: &str| {
        current
            .inputs
            .items
            .iter()
            .chain(&reference.inputs.items)
            .find(|i| i.id == item)
            .map_or(0.0, |i| {
                i.contributes.iter().fold(0.0, |sum, (_, p)| sum + p)
            })
    };
    keys.into_iter()
        .filter_map(|(year, _, item, name)| {
            let (was, was_cost) = find(reference, item, year);
            let (now, now_cost) = find(current, item, year);
            let delta_units = now - was;
            let delta_cost = now_cost - was_cost;
            if delta_units == 0.0 && delta_cost == Money::ZERO {
                return None;
            }
            Some(OrderChange {
                item: item.to_string(),
                name: name.to_string(),
                year,
                baseline_units: was,
                units: now,
                delta_units,
                delta_cost,
                delta_points: delta_units * points_per_unit(item),
            })
        })
        .collect()
}

fn year_changes(reference: &Report, current: &Report) -> Vec<YearChange> {
    current
        .years
        .iter()
        .filter_map(|now| {
            let was = reference.years.iter().find(|y| y.year == now.year);
            let (payments, sustainment) =
                was.map_or((Money::ZERO, Money::ZERO), |y| (y.payments, y.sustainment));
            let change = YearChange {
                year: now.year,
                delta_payments: now.payments - payments,
                delta_sustainment: now.sustainment - sustainment,
                delta_spend: (now.payments + now.sustainment) - (payments + sustainment),
            };
            let moved =
                change.delta_payments != Money::ZERO || change.delta_sustainment != Money::ZERO;
            moved.then_some(change)
        })
        .collect()
}

fn goal_changes(reference: &Report, current: &Report) -> Vec<GoalChange> {
    let mut keys: Vec<(i32, &str)> = Vec::new();
    for g in current.goals.iter().chain(&reference.goals) {
        if !keys.contains(&(g.year, g.goal.as_str())) {
            keys.push((g.year, &g.goal));
        }
    }
    // Stable: the current run's goal order within a year.
    keys.sort_by_key(|k| k.0);
    let credited = |report: &Report, goal: &str, year: i32| {
        report
            .goals
            .iter()
            .find(|g| g.goal == goal && g.year == year)
            .map_or(0.0, |g| g.credited)
    };
    keys.into_iter()
        .filter_map(|(year, goal)| {
            let was = credited(reference, goal, year);
            let now = credited(current, goal, year);
            let delta = now - was;
            (delta.abs() > 1e-9).then(|| GoalChange {
                goal: goal.to_string(),
                year,
                baseline_credited: was,
                credited: now,
                delta,
            })
        })
        .collect()
}
