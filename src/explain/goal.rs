//! `explain --goal`: the least extra national money, by year, that brings
//! one milestone to its target while every other milestone keeps at least
//! its credited attainment of the optimum (plan format, section 9).
//!
//! Two stages over the plan's own model with the budget relaxed as in the
//! infeasibility step of section 2 (extra x_y each year): first the least
//! sum of x_y with the milestone's target and the other milestones'
//! floors as hard rows; then, with the extra money held at that least sum,
//! the least value of orders beyond fixed ones, so that nothing is bought
//! that the target and the floors do not need. (Fewest changes to the
//! optimum's orders would read better but is far harder for microlp: over
//! 60 s on the shipped plan against 0.05 s.) The schedule found is priced in exact money, the extra
//! money each year recomputed from it to the cent, and checked against a
//! copy of the plan with that money added.

use super::{order_changes, trim, OrderChange};
use crate::ledger::Ledger;
use crate::model::{money_unit, Model, Stage};
use crate::money::Money;
use crate::plan::Plan;
use crate::report::{meets_target, Report, Status};
use crate::schedule::Schedule;
use crate::solve::{solve_stage, SolveOptions, StageOutcome};
use std::time::Duration;

/// A contributor's limit on the points of a goal by a year.
#[derive(Clone, Debug, PartialEq)]
pub struct Cap {
    pub item: String,
    /// The most units it could deliver by the milestone year (window, lead
    /// time, `max_per_year` and `max_units`; money left out).
    pub most_units: f64,
    /// Those units times the item's points for the goal.
    pub most_points: f64,
    /// The sentence naming the limit.
    pub reason: String,
    pub line: usize,
}

/// The explanation of one goal's milestone.
#[derive(Clone, Debug)]
pub struct GoalExplanation {
    pub goal: String,
    pub name: String,
    /// The milestone explained (`None` when every milestone is met and no
    /// year was asked for).
    pub year: Option<i32>,
    pub target: f64,
    /// The optimum's credited attainment at the milestone.
    pub credited: f64,
    /// `optimal`, `not-optimal`, or `infeasible` when no money reaches it.
    pub status: Status,
    /// Extra money per year, non-zero years only.
    pub extra_budget: Vec<(i32, Money)>,
    pub extra_budget_total: Money,
    /// Orders the closing schedule adds to the optimum's (units > 0).
    pub orders_added: Vec<OrderChange>,
    /// Orders of the optimum it gives up (delta_units < 0).
    pub orders_removed: Vec<OrderChange>,
    /// Score and total cost of the closing schedule.
    pub score: Option<f64>,
    pub national_cost: Option<Money>,
    pub total_cost: Option<Money>,
    /// What caps the milestone when no money reaches it.
    pub capped_by: Vec<Cap>,
    /// A sentence when there is nothing to close or the answer is partial.
    pub note: Option<String>,
    /// Whether the orders shown were not proven the least valuable of the
    /// schedules that need the least money (the tie-break ran out of time).
    pub orders_not_least: bool,
}

/// The time the second stage (the least order value) may take.
const TIE_BREAK_LIMIT: Duration = Duration::from_secs(2);

/// Explains goal `g` at `year` (default: its first milestone below target
/// in the optimum). `Err` holds the optimum's report when the plan itself
/// has no schedule.
pub fn explain_goal(
    plan: &Plan,
    g: usize,
    year: Option<i32>,
    options: &SolveOptions,
) -> Result<GoalExplanation, Box<Report>> {
    let optimum = crate::solve_report(plan, options);
    if !optimum.has_schedule() {
        return Err(Box::new(optimum));
    }
    Ok(explain_goal_against(plan, g, year, &optimum, options))
}

/// Explains goal `g` at `year` against an optimum already solved (a
/// report with a schedule).
pub fn explain_goal_against(
    plan: &Plan,
    g: usize,
    year: Option<i32>,
    optimum: &Report,
    options: &SolveOptions,
) -> GoalExplanation {
    explain_within(plan, g, year, optimum, options, TIE_BREAK_LIMIT)
}

/// [`explain_goal_against`], the tie-break given at most `tie_break` (none
/// when zero).
fn explain_within(
    plan: &Plan,
    g: usize,
    year: Option<i32>,
    optimum: &Report,
    options: &SolveOptions,
    tie_break: Duration,
) -> GoalExplanation {
    let goal = &plan.goals[g];
    let credited_at = |goal_id: &str, year: i32| {
        optimum
            .goals
            .iter()
            .find(|r| r.goal == goal_id && r.year == year)
            .map_or(0.0, |r| r.credited)
    };
    let below = |year: i32, target: f64| !meets_target(credited_at(&goal.id, year), target);
    let milestone = match year {
        Some(year) => goal.milestones.iter().find(|m| m.year == year),
        None => goal.milestones.iter().find(|m| below(m.year, m.target)),
    };
    let mut out = GoalExplanation {
        goal: goal.id.clone(),
        name: goal.name.clone(),
        year: milestone.map(|m| m.year),
        target: milestone.map_or(0.0, |m| m.target),
        credited: milestone.map_or(0.0, |m| credited_at(&goal.id, m.year)),
        status: optimum.status,
        extra_budget: Vec::new(),
        extra_budget_total: Money::ZERO,
        orders_added: Vec::new(),
        orders_removed: Vec::new(),
        score: None,
        national_cost: None,
        total_cost: None,
        capped_by: Vec::new(),
        note: None,
        orders_not_least: false,
    };
    let Some(milestone) = milestone else {
        out.note = Some(format!(
            "goal `{}` meets the target of every milestone in the optimum; there is no gap to close",
            goal.id
        ));
        return out;
    };
    if !below(milestone.year, milestone.target) {
        out.note = Some(format!(
            "goal `{}` already meets its {} target of {} points in the optimum",
            goal.id,
            milestone.year,
            trim(milestone.target)
        ));
        return out;
    }
    // The floors: the milestone's target, and every other milestone's
    // credited attainment (less a hair of float tolerance).
    let mut floors = Vec::new();
    for (h, other) in plan.goals.iter().enumerate() {
        for m in &other.milestones {
            let floor = if h == g && m.year == milestone.year {
                m.target
            } else {
                let credited = credited_at(&other.id, m.year);
                credited - 1e-9 * credited.max(1.0)
            };
            floors.push((h, m.year, floor));
        }
    }
    let with_floors = |plan: &Plan, model: &mut Model| {
        for &(h, year, floor) in &floors {
            model.add_attainment_floor(plan, h, year, floor);
        }
    };
    let first = solve_stage(plan, Stage::MinExtraBudget, options, &with_floors, None);
    let (least_schedule, values, extra, proven) = match first {
        StageOutcome::Found {
            schedule,
            values,
            extra,
            proven,
            ..
        } => (schedule, values, extra, proven),
        StageOutcome::Infeasible => {
            out.status = Status::Infeasible;
            out.capped_by = caps(plan, g, milestone.year);
            let most: f64 = out.capped_by.iter().map(|c| c.most_points).sum();
            out.note = Some(if !meets_target(most, milestone.target) {
                format!(
                    "no amount of money reaches the {} target of {} points: its contributors can deliver at most {} points by then",
                    milestone.year,
                    trim(milestone.target),
                    trim(most)
                )
            } else {
                format!(
                    "no amount of money reaches the {} target of {} points while every other milestone keeps its attainment (prerequisites or shared unit limits stand in the way)",
                    milestone.year,
                    trim(milestone.target)
                )
            });
            return out;
        }
        StageOutcome::NotFound => {
            out.status = Status::NotOptimal;
            out.note =
                Some("the solver found no schedule in time; try a longer --time-limit".into());
            return out;
        }
    };
    // Second stage: the least order value at (within 1e-6 of) that money.
    let unit = money_unit(plan);
    let least: f64 = extra.iter().sum::<f64>() / unit;
    let held = |plan: &Plan, model: &mut Model| {
        with_floors(plan, model);
        model.cap_extra_budget(least * (1.0 + 1e-6) + 1e-6);
        model.minimise_order_value(plan);
    };
    // The money is settled by the first stage; the second only chooses
    // among schedules that need no more, so it gets a short time limit
    // and, when it finds nothing better in time, the first stage's
    // schedule stands (the least money is still proven).
    let tie_break = SolveOptions {
        time_limit: options.time_limit.min(tie_break),
        ..*options
    };
    // No time for it: no search at all.
    let second = if tie_break.time_limit.is_zero() {
        StageOutcome::NotFound
    } else {
        solve_stage(
            plan,
            Stage::MinExtraBudget,
            &tie_break,
            &held,
            Some((&values, &least_schedule.funding)),
        )
    };
    let schedule = match second {
        StageOutcome::Found {
            schedule,
            proven: true,
            ..
        } => schedule,
        // The first stage's schedule, with its funding split: without
        // it every payment would count as national and the extra money
        // would include what the funding sources pay.
        _ => {
            out.orders_not_least = true;
            least_schedule
        }
    };
    let extra = exact_extra(plan, &schedule);
    let mut funded = plan.clone();
    for (t, x) in extra.iter().enumerate() {
        funded.budget.years[t].budget += *x;
    }
    let closing = Report::solved(&funded, &schedule, proven, Default::default());
    let keeps_floors = floors.iter().all(|&(h, year, floor)| {
        closing
            .goals
            .iter()
            .find(|r| r.goal == plan.goals[h].id && r.year == year)
            .is_some_and(|r| meets_target(r.achieved, floor))
    });
    out.status = if closing.status == Status::Optimal && keeps_floors {
        Status::Optimal
    } else {
        Status::NotOptimal
    };
    if !keeps_floors {
        out.note = Some(
            "the closing schedule, rounded, misses a floor; the figures are not proven".into(),
        );
    }
    for (t, x) in extra.iter().enumerate() {
        if x.cents() > 0 {
            out.extra_budget.push((plan.start + t as i32, *x));
        }
    }
    out.extra_budget_total = extra.iter().copied().sum();
    let changes = order_changes(plan, optimum, &closing);
    for change in changes {
        if change.delta_units > 0.0 {
            out.orders_added.push(change);
        } else {
            out.orders_removed.push(change);
        }
    }
    out.score = Some(closing.score);
    out.national_cost = Some(closing.national_cost);
    out.total_cost = Some(closing.total_cost);
    out
}

/// The least extra money per year, to the cent, that pays for a schedule:
/// each year, what its spend exceeds the budget plus the carry-over in,
/// carrying out what is left up to the cap (the section 2 relaxation,
/// applied to a given schedule).
pub fn exact_extra(plan: &Plan, schedule: &Schedule) -> Vec<Money> {
    let ledger = Ledger::price(plan, schedule);
    let mut carry_in = Money::ZERO;
    let mut extra = Vec::with_capacity(plan.horizon_len());
    for (t, year) in ledger.years.iter().enumerate() {
        let available = plan.budget.years[t].budget + carry_in;
        // The extra money is national (section 8): what the funding
        // sources pay is already within their own ledgers.
        let x = (year.national_spend - available).max_zero();
        let left = (available + x - year.national_spend).max_zero();
        let cap = plan.budget.carry_cap(t);
        carry_in = if left < cap { left } else { cap };
        extra.push(x);
    }
    extra
}

/// Each contributor's most points for goal `g` by `year`, with the limit
/// that binds, in file order.
fn caps(plan: &Plan, g: usize, year: i32) -> Vec<Cap> {
    let mut out = Vec::new();
    for item in &plan.items {
        let Some(&(_, points)) = item
            .contributes
            .iter()
            .find(|(goal, p)| *goal == g && *p > 0.0)
        else {
            continue;
        };
        let most = item.most_delivered_by(year);
        let last_order = year - item.lead_time;
        let open: Vec<i32> = item
            .order_years
            .iter()
            .copied()
            .filter(|y| *y <= last_order && item.fixed_in(*y).is_none())
            .collect();
        let limit = if open.is_empty()
            && item.order_years.iter().any(|y| item.fixed_in(*y).is_none())
        {
            format!(
                "no order year early enough: with a lead time of {} years an order must be placed by {}, and its first order year is {}",
                item.lead_time,
                last_order,
                item.order_years
                    .iter()
                    .find(|y| item.fixed_in(**y).is_none())
                    .map_or(String::from("none"), |y| y.to_string())
            )
        } else if open.is_empty() {
            "no order year open (window and phases)".to_string()
        } else if most >= item.max_units - 1e-9 {
            format!("max_units {}", trim(item.max_units))
        } else {
            format!(
                "{} order years by {} at most {} a year (lead time {} years)",
                open.len(),
                last_order,
                item.max_per_year.map_or("unbounded".into(), trim),
                item.lead_time
            )
        };
        out.push(Cap {
            item: item.id.clone(),
            most_units: most,
            most_points: most * points,
            reason: format!(
                "`{}` ({}): at most {} units by {}, {} points; limited by {}",
                item.id,
                item.at,
                trim(most),
                year,
                trim(most * points),
                limit
            ),
            line: item.at.line,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Plan {
        let path = format!(
            "{}/tests/fixtures/explain/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        match crate::plan::load_text(&path, &text) {
            Ok((plan, _)) => plan,
            Err(e) => panic!("{}", e.render(false)),
        }
    }

    #[test]
    fn without_time_for_the_tie_break_the_least_money_schedule_keeps_its_grant() {
        // 50 spent, 20 of it by the grant, 10 national: 20 more national
        // money, whichever stage's schedule is shown.
        let plan = fixture("goal_gap_grant.toml");
        let options = SolveOptions::default();
        let optimum = crate::solve_report(&plan, &options);
        let g = plan.goals.iter().position(|goal| goal.id == "g");
        let Some(g) = g else { panic!("no goal `g`") };
        let shown = explain_within(&plan, g, None, &optimum, &options, Duration::ZERO);
        assert!(
            shown.orders_not_least,
            "the tie-break had no time and yet stood"
        );
        assert!(
            (shown.extra_budget_total.to_units() - 20.0).abs() < 0.005,
            "{shown:?}"
        );
        let full = explain_goal_against(&plan, g, None, &optimum, &options);
        assert!(!full.orders_not_least);
        assert_eq!(full.extra_budget_total, shown.extra_budget_total);
    }
}
