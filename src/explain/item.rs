//! `explain --item`: the optimum against the best schedule with the
//! opposite decision for one item (plan format, section 9).
//!
//! The opposite decision is a transformation of the plan: to buy, the
//! item's `min_units` is raised to its fixed orders plus one unit; to drop,
//! its `max_units` is lowered to its fixed orders. The transformed plan is
//! solved like any plan, so the alternative is optimal under the plan's
//! objective, priced and checked in exact money, and, when no schedule
//! exists, explained by the extra money it would need (section 2).

use super::{order_changes, trim, units_beyond_fixed, OrderChange};
use crate::money::Money;
use crate::plan::Plan;
use crate::relax::Relaxation;
use crate::report::{Report, Status};
use crate::solve::SolveOptions;

/// Whether the alternative buys the item or drops it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// The optimum buys none beyond fixed orders; the alternative at least one unit.
    Buy,
    /// The optimum buys some beyond fixed orders; the alternative none.
    Drop,
}

impl Decision {
    /// The JSON name.
    pub fn name(self) -> &'static str {
        match self {
            Decision::Buy => "buy",
            Decision::Drop => "drop",
        }
    }
}

/// Score and costs of one schedule.
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    pub score: f64,
    pub national_cost: Money,
    pub total_cost: Money,
}

impl Figures {
    fn of(report: &Report) -> Figures {
        Figures {
            score: report.score,
            national_cost: report.national_cost,
            total_cost: report.total_cost,
        }
    }
}

/// The explanation of one item's decision.
#[derive(Clone, Debug)]
pub struct ItemExplanation {
    pub item: String,
    pub name: String,
    /// Status of the optimum.
    pub status: Status,
    /// Units the optimum orders, fixed orders included.
    pub units: f64,
    /// Of which beyond the fixed orders.
    pub units_beyond_fixed: f64,
    pub optimum: Figures,
    pub decision: Decision,
    /// `infeasible` when no schedule makes the opposite decision.
    pub alternative_status: Status,
    /// The alternative's figures, when it has a schedule.
    pub alternative: Option<Figures>,
    /// Orders of the alternative that differ from the optimum's.
    pub changes: Vec<OrderChange>,
    /// Why the opposite decision is impossible or cannot help, in words.
    pub reasons: Vec<String>,
    /// The extra money by year the opposite decision would need, when
    /// money alone makes it possible.
    pub relaxation: Option<Relaxation>,
    /// Whether both solves are proven optimal.
    pub proven: bool,
}

impl ItemExplanation {
    /// Score of the alternative minus the optimum's.
    pub fn delta_score(&self) -> Option<f64> {
        self.alternative
            .as_ref()
            .map(|a| a.score - self.optimum.score)
    }

    /// Total cost of the alternative minus the optimum's.
    pub fn delta_total_cost(&self) -> Option<Money> {
        self.alternative
            .as_ref()
            .map(|a| a.total_cost - self.optimum.total_cost)
    }

    /// National cost of the alternative minus the optimum's.
    pub fn delta_national_cost(&self) -> Option<Money> {
        self.alternative
            .as_ref()
            .map(|a| a.national_cost - self.optimum.national_cost)
    }
}

/// Explains the decision on item `i`. `Err` holds the optimum's report
/// when the plan itself has no schedule (infeasible, or none found).
pub fn explain_item(
    plan: &Plan,
    i: usize,
    options: &SolveOptions,
) -> Result<ItemExplanation, Box<Report>> {
    let optimum = crate::solve_report(plan, options);
    if !optimum.has_schedule() {
        return Err(Box::new(optimum));
    }
    Ok(explain_item_against(plan, i, &optimum, options))
}

/// Explains the decision on item `i` against an optimum already solved
/// (a report with a schedule).
pub fn explain_item_against(
    plan: &Plan,
    i: usize,
    optimum: &Report,
    options: &SolveOptions,
) -> ItemExplanation {
    let item = &plan.items[i];
    let beyond = units_beyond_fixed(plan, optimum, i);
    let units = ((item.fixed_total() + beyond) * 1e9).round() / 1e9;
    let decision = if beyond > 0.0 {
        Decision::Drop
    } else {
        Decision::Buy
    };
    let mut explanation = ItemExplanation {
        item: item.id.clone(),
        name: item.name.clone(),
        status: optimum.status,
        units,
        units_beyond_fixed: beyond,
        optimum: Figures::of(optimum),
        decision,
        alternative_status: Status::Infeasible,
        alternative: None,
        changes: Vec::new(),
        reasons: Vec::new(),
        relaxation: None,
        proven: optimum.status == Status::Optimal,
    };
    let altered = match decision {
        Decision::Buy => {
            explanation.reasons.extend(late_reasons(plan, i));
            match forced_buy(plan, i) {
                Ok(altered) => altered,
                Err(reason) => {
                    explanation.reasons.push(reason);
                    return explanation;
                }
            }
        }
        Decision::Drop => match forced_drop(plan, i) {
            Ok(altered) => altered,
            Err(reason) => {
                explanation.reasons.push(reason);
                return explanation;
            }
        },
    };
    let alternative = crate::solve_report_without_causes(&altered, options);
    explanation.alternative_status = alternative.status;
    if alternative.has_schedule() {
        explanation.alternative = Some(Figures::of(&alternative));
        explanation.changes = order_changes(plan, optimum, &alternative);
        explanation.proven &= alternative.status == Status::Optimal;
    } else if let Some(relaxation) = &alternative.relaxation {
        explanation
            .reasons
            .extend(relaxation_reasons(item.id.as_str(), decision, relaxation));
        explanation.relaxation = Some(relaxation.clone());
    } else {
        explanation.proven = false;
        if let Some(caveat) = alternative.caveat() {
            explanation.reasons.push(caveat.to_string());
        }
    }
    explanation
}

/// The plan with at least one unit of item `i` beyond its fixed orders, or
/// why no schedule can have one.
fn forced_buy(plan: &Plan, i: usize) -> Result<Plan, String> {
    let item = &plan.items[i];
    let fixed = item.fixed_total();
    let room = item.max_units - fixed;
    if room <= 1e-9 {
        return Err(format!(
            "`{}` cannot be bought beyond its fixed orders: its max_units of {} ({}) are all fixed",
            item.id,
            trim(item.max_units),
            item.at
        ));
    }
    let open = item.order_years.iter().any(|y| item.fixed_in(*y).is_none());
    if !open {
        return Err(format!(
            "`{}` ({}) has no order year open beyond its fixed orders (its window and phases allow none)",
            item.id, item.at
        ));
    }
    let least = if item.divisible { room.min(1.0) } else { 1.0 };
    let mut altered = plan.clone();
    let target = &mut altered.items[i];
    target.min_units = target.min_units.max(fixed + least);
    Ok(altered)
}

/// The plan with no unit of item `i` beyond its fixed orders, or why no
/// schedule can do without one.
fn forced_drop(plan: &Plan, i: usize) -> Result<Plan, String> {
    let item = &plan.items[i];
    let fixed = item.fixed_total();
    if item.min_units > fixed + 1e-9 {
        return Err(format!(
            "`{}` cannot be dropped: its min_units of {} ({}) need {} units beyond its fixed orders",
            item.id,
            trim(item.min_units),
            item.min_units_at.as_ref().unwrap_or(&item.at),
            trim(item.min_units - fixed)
        ));
    }
    let mut altered = plan.clone();
    altered.items[i].max_units = fixed;
    Ok(altered)
}

/// Why buying item `i` can add no score: it serves no goal, or no order
/// year can deliver before the last milestone it serves.
pub fn late_reasons(plan: &Plan, i: usize) -> Vec<String> {
    let item = &plan.items[i];
    let served: Vec<usize> = item
        .contributes
        .iter()
        .filter(|(_, points)| *points > 0.0)
        .map(|(g, _)| *g)
        .collect();
    if served.is_empty() {
        return vec![format!(
            "`{}` ({}) contributes to no goal, so buying it can only add cost",
            item.id, item.at
        )];
    }
    let last = served
        .iter()
        .filter_map(|&g| plan.goals[g].milestones.last().map(|m| (m.year, g)))
        .max();
    let first_order = item
        .order_years
        .iter()
        .copied()
        .find(|y| item.fixed_in(*y).is_none());
    match (last, first_order) {
        (Some((last_year, g)), Some(first)) if first + item.lead_time > last_year => {
            let years: Vec<i32> = item
                .order_years
                .iter()
                .copied()
                .filter(|y| item.fixed_in(*y).is_none())
                .collect();
            vec![format!(
                "no order year can deliver before the last milestone it serves: `{}` ({}) can be ordered in {} and, with a lead time of {} years, arrives in {} at the earliest, after the {} milestone of goal `{}` ({})",
                item.id,
                item.at,
                year_span(&years),
                item.lead_time,
                first + item.lead_time,
                last_year,
                plan.goals[g].id,
                plan.goals[g].milestones.last().map_or(String::new(), |m| m.at.to_string())
            )]
        }
        _ => Vec::new(),
    }
}

/// `2026-2028` for consecutive years, else `2024, 2026, 2028`.
fn year_span(years: &[i32]) -> String {
    match (years.first(), years.last()) {
        (Some(first), Some(last))
            if (last - first) as usize + 1 == years.len() && first != last =>
        {
            format!("{first}-{last}")
        }
        _ => years
            .iter()
            .map(|y| y.to_string())
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The relaxation of the opposite decision, in words.
fn relaxation_reasons(id: &str, decision: Decision, relaxation: &Relaxation) -> Vec<String> {
    let verb = match decision {
        Decision::Buy => "buying",
        Decision::Drop => "dropping",
    };
    match relaxation {
        Relaxation::Budget { years, total } => {
            let by_year: Vec<String> = years
                .iter()
                .map(|y| format!("{} in {}", y.amount.short(), y.year))
                .collect();
            vec![format!(
                "{verb} `{id}` breaks the budget: it would need {} more national money ({})",
                total.short(),
                by_year.join(", ")
            )]
        }
        other => {
            let mut lines = vec![format!("no schedule can go with {verb} `{id}`:")];
            lines.extend(other.findings());
            lines
        }
    }
}
