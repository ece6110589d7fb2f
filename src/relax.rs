//! Why a plan is infeasible, and the smallest change that would fix it.
//!
//! In the plan format's order: extra budget by year; else (money cannot
//! help) target shortfalls; else a structural rule that cannot hold.
//! Structural problems visible without solving (unit bounds that contradict
//! each other) are found first, since neither money nor targets can help
//! them. Findings carry the years, ids and plan lines a planner needs.

use crate::diagnostic::Location;
use crate::money::Money;
use crate::plan::{Item, Plan};
use crate::solve::{min_extra_budget, min_shortfall, SolveOptions};

pub mod causes;

/// The smallest change that makes an infeasible plan feasible.
#[derive(Clone, Debug, PartialEq)]
pub enum Relaxation {
    /// More money in some years.
    Budget {
        years: Vec<ExtraBudget>,
        total: Money,
    },
    /// Milestones that cannot be met even with unlimited money.
    Target { shortfalls: Vec<Shortfall> },
    /// Rules that contradict each other.
    Structural { reasons: Vec<String> },
}

/// Extra money one year needs.
#[derive(Clone, Debug, PartialEq)]
pub struct ExtraBudget {
    pub year: i32,
    pub amount: Money,
    /// The year's budget B_y, without the extra money.
    pub budget: Money,
    /// Fixed orders paying in that year: (item id, where the order is).
    pub fixed_orders: Vec<(String, Location)>,
    /// Where the year's envelope is written.
    pub at: Location,
}

/// Points a milestone falls short by.
#[derive(Clone, Debug, PartialEq)]
pub struct Shortfall {
    pub goal: String,
    pub year: i32,
    pub target: f64,
    pub shortfall: f64,
    pub at: Location,
}

impl Relaxation {
    /// The JSON name of the kind.
    pub fn kind(&self) -> &'static str {
        match self {
            Relaxation::Budget { .. } => "budget",
            Relaxation::Target { .. } => "target",
            Relaxation::Structural { .. } => "structural",
        }
    }

    /// One sentence per finding, for stderr and reports.
    pub fn findings(&self) -> Vec<String> {
        match self {
            Relaxation::Budget { years, total } => {
                let mut lines: Vec<String> = years.iter().map(ExtraBudget::sentence).collect();
                lines.push(format!("in all, {} more is needed", total.short()));
                lines
            }
            Relaxation::Target { shortfalls } => shortfalls
                .iter()
                .map(|s| {
                    format!(
                        "goal `{}` misses its {} target of {} by {} points even with unlimited money ({})",
                        s.goal,
                        s.year,
                        trim(s.target),
                        trim(s.shortfall),
                        s.at
                    )
                })
                .collect(),
            Relaxation::Structural { reasons } => reasons.clone(),
        }
    }
}

impl ExtraBudget {
    fn sentence(&self) -> String {
        let mut s = format!(
            "{}: {} short; the year's budget of {} would need to be {} ({})",
            self.year,
            self.amount.short(),
            self.budget.short(),
            (self.budget + self.amount).short(),
            self.at
        );
        if !self.fixed_orders.is_empty() {
            let orders: Vec<String> = self
                .fixed_orders
                .iter()
                .map(|(id, at)| format!("`{id}` ({at})"))
                .collect();
            s.push_str(&format!(
                "; fixed orders paying that year: {}",
                orders.join(", ")
            ));
        }
        s
    }
}

fn trim(x: f64) -> String {
    let s = format!("{x:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Explains an infeasible plan.
pub fn explain(plan: &Plan, options: &SolveOptions) -> Relaxation {
    let reasons = structural_reasons(plan);
    if !reasons.is_empty() {
        return Relaxation::Structural { reasons };
    }
    if let Some(extra) = min_extra_budget(plan, options) {
        return budget_relaxation(plan, &extra);
    }
    if let Some(shortfall) = min_shortfall(plan, options) {
        let shortfalls = shortfalls(plan, &shortfall);
        if !shortfalls.is_empty() {
            return Relaxation::Target { shortfalls };
        }
    }
    let mut reasons = vec![
        "no schedule satisfies the unit bounds, order windows, fixed orders and prerequisites together, even with unlimited money and no targets".to_string(),
    ];
    reasons.extend(causes::prerequisite_reasons(plan, options));
    reasons.extend(crate::after_horizon::cap_reason(plan));
    Relaxation::Structural { reasons }
}

fn budget_relaxation(plan: &Plan, extra: &[f64]) -> Relaxation {
    let mut years = Vec::new();
    for (t, x) in extra.iter().enumerate() {
        let amount = Money::from_units(*x);
        if amount.cents() <= 0 {
            continue;
        }
        let year = plan.start + t as i32;
        years.push(ExtraBudget {
            year,
            amount,
            budget: plan.budget.years[t].budget,
            fixed_orders: fixed_orders_paying(plan, year),
            at: plan.budget.years[t].at.clone(),
        });
    }
    let total = years.iter().map(|y| y.amount).sum();
    Relaxation::Budget { years, total }
}

/// Fixed orders with a payment share due in `year`.
fn fixed_orders_paying(plan: &Plan, year: i32) -> Vec<(String, Location)> {
    let mut out = Vec::new();
    for item in &plan.items {
        for f in &item.fixed {
            let k = year - f.year;
            let pays = k >= 0 && item.payments.get(k as usize).is_some_and(|s| *s > 0.0);
            if pays && f.units > 0.0 {
                out.push((item.id.clone(), f.at.clone()));
            }
        }
    }
    out
}

fn shortfalls(plan: &Plan, shortfall: &[Vec<f64>]) -> Vec<Shortfall> {
    let mut out = Vec::new();
    for (g, goal) in plan.goals.iter().enumerate() {
        for (m, milestone) in goal.milestones.iter().enumerate() {
            let s = shortfall[g][m];
            if s > 1e-9 * milestone.target.max(1.0) {
                out.push(Shortfall {
                    goal: goal.id.clone(),
                    year: milestone.year,
                    target: milestone.target,
                    shortfall: (s * 1e9).round() / 1e9,
                    at: milestone.at.clone(),
                });
            }
        }
    }
    out.sort_by_key(|s| s.year);
    out
}

/// Unit rules that contradict each other, found without solving.
pub fn structural_reasons(plan: &Plan) -> Vec<String> {
    let mut reasons = Vec::new();
    for item in &plan.items {
        let fixed = item.fixed_total();
        if item.min_units > item.max_units {
            reasons.push(format!(
                "`{}`: min_units {} is above max_units {} ({})",
                item.id,
                trim(item.min_units),
                trim(item.max_units),
                item.min_units_at.as_ref().unwrap_or(&item.at)
            ));
        } else if fixed > item.max_units + 1e-9 {
            reasons.push(format!(
                "`{}`: fixed orders total {} units, above max_units {} ({})",
                item.id,
                trim(fixed),
                trim(item.max_units),
                item.at
            ));
        } else if let Some(capacity) = order_capacity(plan, item) {
            if fixed + capacity < item.min_units - 1e-9 {
                reasons.push(format!(
                    "`{}`: min_units {} cannot be reached: fixed orders give {} and its order years and max_per_year allow at most {} more ({})",
                    item.id,
                    trim(item.min_units),
                    trim(fixed),
                    trim(capacity),
                    item.min_units_at.as_ref().unwrap_or(&item.at)
                ));
            }
        }
    }
    reasons.extend(crate::after_horizon::fixed_orders_reason(plan));
    reasons
}

/// The most units an item can be ordered in its non-fixed order years
/// (`None` when unbounded), leaving out years in which a prerequisite can
/// never have been delivered.
fn order_capacity(plan: &Plan, item: &Item) -> Option<f64> {
    let cap = item.max_per_year?;
    let usable = item
        .order_years
        .iter()
        .filter(|y| item.fixed_in(**y).is_none())
        .filter(|y| {
            item.requires
                .iter()
                .all(|&j| can_be_delivered_by(&plan.items[j], **y))
        })
        .count();
    let capacity = cap * usable as f64;
    Some(if item.divisible {
        capacity
    } else {
        capacity.floor()
    })
}

/// Whether at least one unit of `item` could be delivered by `year`.
fn can_be_delivered_by(item: &Item, year: i32) -> bool {
    item.most_delivered_by(year) >= 1.0 - 1e-9
}
