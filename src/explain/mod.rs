//! Explanations (plan format, section 9): why an item is or is not bought,
//! what closing a goal's gap would cost, and the next-best schedules.
//!
//! Each explanation is a further optimisation over the plan's own model:
//! the validated [`Plan`] is transformed (an item's unit bounds tightened)
//! or its model extended with a few rows (`crate::model`'s explanation
//! rules), then solved by the same pipeline as the main solve, so every
//! schedule shown is priced and checked in exact money by
//! [`Report::solved`](crate::report::Report::solved) and is proven optimal
//! or says it is not. This module computes; `crate::render::explain`
//! formats.

pub mod alternatives;
pub mod goal;
pub mod item;

use crate::plan::Plan;
use crate::report::Report;
use std::collections::BTreeMap;

/// The explanations a review pack shows beside an optimum: what closing
/// each milestone below target would cost, and why each item not bought
/// beyond its fixed orders is not.
#[derive(Clone, Debug, Default)]
pub struct Explanations {
    pub goals: Vec<goal::GoalExplanation>,
    pub items: Vec<item::ItemExplanation>,
    /// Milestones below target and items not bought left out beyond the
    /// bounds ([`MAX_REVIEW_GOALS`], [`MAX_REVIEW_ITEMS`]).
    pub left_out: usize,
    /// The next-best schedules with a different set of items bought
    /// (`report --alternatives N`; empty without it).
    pub alternatives: Vec<alternatives::Alternative>,
}

/// The most milestones a review pack explains.
pub const MAX_REVIEW_GOALS: usize = 12;
/// The longest one solve of a review pack's explanations may take.
pub const REVIEW_TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(10);
/// The most items not bought a review pack explains.
pub const MAX_REVIEW_ITEMS: usize = 20;

/// Explains, against a solved optimum, every milestone below its target
/// and every item not bought beyond its fixed orders, in file order, up to
/// the bounds. The explanations are independent solves against the one
/// optimum, so they run side by side (one per core); the result does not
/// depend on the order they finish in.
pub fn review(plan: &Plan, optimum: &Report, options: &crate::solve::SolveOptions) -> Explanations {
    let mut out = Explanations::default();
    if !optimum.has_schedule() {
        return out;
    }
    let options = &crate::solve::SolveOptions {
        time_limit: options.time_limit.min(REVIEW_TIME_LIMIT),
        ..*options
    };
    let mut questions = Vec::new();
    let mut goals = 0;
    for (g, goal) in plan.goals.iter().enumerate() {
        for m in &goal.milestones {
            let below = optimum
                .goals
                .iter()
                .any(|r| r.goal == goal.id && r.year == m.year && !r.is_met());
            if !below {
                continue;
            }
            if goals < MAX_REVIEW_GOALS {
                goals += 1;
                questions.push(Question::Goal(g, m.year));
            } else {
                out.left_out += 1;
            }
        }
    }
    let mut items = 0;
    for (i, item) in plan.items.iter().enumerate() {
        // An item whose every unit is on contract has no decision to explain.
        let decided = item.max_units <= item.fixed_total() + 1e-9;
        if decided || units_beyond_fixed(plan, optimum, i) > 0.0 {
            continue;
        }
        if items < MAX_REVIEW_ITEMS {
            items += 1;
            questions.push(Question::Item(i));
        } else {
            out.left_out += 1;
        }
    }
    let answers = crate::whatif::run_parallel(
        questions,
        None,
        |question| match question {
            Question::Goal(g, year) => Answer::Goal(Box::new(goal::explain_goal_against(
                plan,
                g,
                Some(year),
                optimum,
                options,
            ))),
            Question::Item(i) => Answer::Item(Box::new(item::explain_item_against(
                plan, i, optimum, options,
            ))),
        },
        || {},
    );
    for answer in answers {
        match answer {
            Answer::Goal(g) => out.goals.push(*g),
            Answer::Item(i) => out.items.push(*i),
        }
    }
    out
}

/// One explanation a review pack asks for.
enum Question {
    /// A goal's milestone below target (goal index, milestone year).
    Goal(usize, i32),
    /// An item not bought (item index).
    Item(usize),
}

/// Its answer.
enum Answer {
    Goal(Box<goal::GoalExplanation>),
    Item(Box<item::ItemExplanation>),
}

/// Units of one item in one year that differ between two schedules.
#[derive(Clone, Debug, PartialEq)]
pub struct OrderChange {
    pub item: String,
    pub year: i32,
    /// Units in the schedule compared against the optimum.
    pub units: f64,
    /// Those units minus the optimum's.
    pub delta_units: f64,
}

/// Why an explanation could not be given.
#[derive(Clone, Debug, PartialEq)]
pub enum ExplainError {
    /// No item has this id.
    UnknownItem { id: String, help: Option<String> },
    /// No goal has this id.
    UnknownGoal { id: String, help: Option<String> },
    /// The goal has no milestone in this year.
    NotAMilestone {
        goal: String,
        year: i32,
        years: Vec<i32>,
    },
}

impl std::fmt::Display for ExplainError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExplainError::UnknownItem { id, help } => {
                write!(f, "no item has the id `{id}`")?;
                if let Some(help) = help {
                    write!(f, "; {help}")?;
                }
                Ok(())
            }
            ExplainError::UnknownGoal { id, help } => {
                write!(f, "no goal has the id `{id}`")?;
                if let Some(help) = help {
                    write!(f, "; {help}")?;
                }
                Ok(())
            }
            ExplainError::NotAMilestone { goal, year, years } => {
                let years: Vec<String> = years.iter().map(|y| y.to_string()).collect();
                write!(
                    f,
                    "goal `{goal}` has no milestone in {year}; its milestones are in {}",
                    years.join(", ")
                )
            }
        }
    }
}

impl std::error::Error for ExplainError {}

/// The index of the item with this id, or an error with a did-you-mean.
pub fn find_item(plan: &Plan, id: &str) -> Result<usize, ExplainError> {
    plan.items
        .iter()
        .position(|item| item.id == id)
        .ok_or_else(|| ExplainError::UnknownItem {
            id: id.into(),
            help: crate::suggest::help_for(
                id,
                "known items",
                plan.items.iter().map(|i| i.id.as_str()),
            ),
        })
}

/// The index of the goal with this id, or an error with a did-you-mean.
pub fn find_goal(plan: &Plan, id: &str) -> Result<usize, ExplainError> {
    plan.goals
        .iter()
        .position(|goal| goal.id == id)
        .ok_or_else(|| ExplainError::UnknownGoal {
            id: id.into(),
            help: crate::suggest::help_for(
                id,
                "known goals",
                plan.goals.iter().map(|g| g.id.as_str()),
            ),
        })
}

/// Units by (year, item file index) of a report's orders.
fn units_by_order(plan: &Plan, report: &Report) -> BTreeMap<(i32, usize), f64> {
    let mut out = BTreeMap::new();
    for order in &report.orders {
        if let Some(i) = plan.items.iter().position(|item| item.id == order.item) {
            *out.entry((order.year, i)).or_insert(0.0) += order.units;
        }
    }
    out
}

/// The least change of units an explanation counts as a different order:
/// smaller ones are the exact check trimming a divisible order by
/// billionths of a unit to keep a year within its money, not a decision.
const LEAST_UNIT_CHANGE: f64 = 1e-6;

/// The orders of `other` that differ from `optimum`'s by at least
/// [`LEAST_UNIT_CHANGE`], sorted by year then file order.
pub fn order_changes(plan: &Plan, optimum: &Report, other: &Report) -> Vec<OrderChange> {
    let before = units_by_order(plan, optimum);
    let after = units_by_order(plan, other);
    let mut keys: Vec<(i32, usize)> = before.keys().chain(after.keys()).copied().collect();
    keys.sort_unstable();
    keys.dedup();
    keys.into_iter()
        .filter_map(|key| {
            let was = before.get(&key).copied().unwrap_or(0.0);
            let now = after.get(&key).copied().unwrap_or(0.0);
            let delta = ((now - was) * 1e9).round() / 1e9;
            (delta.abs() >= LEAST_UNIT_CHANGE).then(|| OrderChange {
                item: plan.items[key.1].id.clone(),
                year: key.0,
                units: now,
                delta_units: delta,
            })
        })
        .collect()
}

/// Units of item `i` a report orders beyond the item's fixed orders.
pub fn units_beyond_fixed(plan: &Plan, report: &Report, i: usize) -> f64 {
    let item = &plan.items[i];
    let total: f64 = report
        .orders
        .iter()
        .filter(|o| o.item == item.id && !o.fixed)
        .map(|o| o.units)
        .sum();
    (total * 1e9).round() / 1e9
}

/// Items a report orders beyond their fixed orders, by file index.
pub fn items_bought(plan: &Plan, report: &Report) -> Vec<usize> {
    (0..plan.items.len())
        .filter(|&i| units_beyond_fixed(plan, report, i) > 0.0)
        .collect()
}

fn trim(x: f64) -> String {
    let s = format!("{x:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Items a schedule buys (beyond fixed orders) that the base does not,
/// and items the base buys that it does not: what switched between two
/// reports of one plan, ids in file order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ItemSwitch {
    pub adds: Vec<String>,
    pub drops: Vec<String>,
}

impl ItemSwitch {
    /// What switched from `base` to `changed` (empty when either has no
    /// schedule).
    pub fn between(base: &Report, changed: &Report) -> ItemSwitch {
        if !base.has_schedule() || !changed.has_schedule() {
            return ItemSwitch::default();
        }
        let bought = |r: &Report, id: &str| r.orders.iter().any(|o| o.item == id && !o.fixed);
        let mut switch = ItemSwitch::default();
        for item in &base.inputs.items {
            match (bought(base, &item.id), bought(changed, &item.id)) {
                (false, true) => switch.adds.push(item.id.clone()),
                (true, false) => switch.drops.push(item.id.clone()),
                _ => {}
            }
        }
        switch
    }

    /// Whether the item set is the same.
    pub fn is_empty(&self) -> bool {
        self.adds.is_empty() && self.drops.is_empty()
    }

    /// `adds x, y; drops z`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.adds.is_empty() {
            parts.push(format!("adds {}", self.adds.join(", ")));
        }
        if !self.drops.is_empty() {
            parts.push(format!("drops {}", self.drops.join(", ")));
        }
        parts.join("; ")
    }
}
