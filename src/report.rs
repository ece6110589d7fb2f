//! The one [`Report`] every renderer reads.
//!
//! Built once from a plan and a solve outcome: the schedule is priced in
//! exact money ([`Ledger`]), checked ([`audit`]), and laid out as the rows a
//! review meeting reads. Renderers format these rows; they never compute.

use crate::audit::{self, Violation};
use crate::ledger::Ledger;
use crate::money::Money;
use crate::plan::{Objective, Plan};
use crate::provenance::Provenance;
use crate::relax::Relaxation;
use crate::schedule::Schedule;
use crate::solve::SolverStats;

/// How the solve ended, as the plan format names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Optimal,
    NotOptimal,
    Infeasible,
}

impl Status {
    /// The JSON name.
    pub fn name(self) -> &'static str {
        match self {
            Status::Optimal => "optimal",
            Status::NotOptimal => "not-optimal",
            Status::Infeasible => "infeasible",
        }
    }
}

/// Everything capplan says about one solved (or unsolvable) plan.
#[derive(Clone, Debug)]
pub struct Report {
    pub plan: String,
    pub currency: String,
    pub objective: Objective,
    pub status: Status,
    pub horizon: (i32, i32),
    pub solver: SolverStats,
    pub score: f64,
    pub max_score: f64,
    /// 100 * score / max_score.
    pub readiness: f64,
    pub total_cost: Money,
    pub commitments_after_horizon: Money,
    pub years: Vec<YearRow>,
    pub orders: Vec<OrderRow>,
    pub goals: Vec<GoalRow>,
    pub phases: Vec<PhaseRow>,
    /// Rules the rounded schedule breaks (empty when all is well).
    pub violations: Vec<Violation>,
    /// Why the plan is infeasible (infeasible plans only).
    pub relaxation: Option<Relaxation>,
    /// A sentence on why no schedule is shown, when none is.
    pub note: Option<String>,
    /// The inputs behind the result (set by the caller that read them).
    pub provenance: Provenance,
}

/// One horizon year's money.
#[derive(Clone, Debug, PartialEq)]
pub struct YearRow {
    pub year: i32,
    pub phase: Option<String>,
    pub envelope: Money,
    pub budget: Money,
    pub available: Money,
    pub payments: Money,
    pub sustainment: Money,
    pub spend: Money,
    pub carry_out: Money,
    /// 100 * spend / available (0 when nothing is available).
    pub utilisation: f64,
}

/// One order.
#[derive(Clone, Debug, PartialEq)]
pub struct OrderRow {
    pub item: String,
    pub name: String,
    pub category: String,
    pub year: i32,
    pub units: f64,
    pub delivered: i32,
    pub cost: Money,
    pub fixed: bool,
    pub phase: Option<String>,
}

/// One goal milestone.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalRow {
    pub goal: String,
    pub name: String,
    pub weight: f64,
    pub year: i32,
    pub target: f64,
    pub achieved: f64,
    pub credited: f64,
    /// 100 * credited / target.
    pub percent: f64,
}

/// Money and orders of one phase.
#[derive(Clone, Debug, PartialEq)]
pub struct PhaseRow {
    pub id: String,
    pub name: String,
    pub start: i32,
    pub end: i32,
    pub budget: Money,
    pub spend: Money,
    pub orders: usize,
    pub order_value: Money,
}

impl Report {
    /// The report of a schedule.
    pub fn solved(plan: &Plan, schedule: &Schedule, proven: bool, solver: SolverStats) -> Report {
        let ledger = Ledger::price(plan, schedule);
        let violations = audit::check(plan, schedule, &ledger);
        let goals = goal_rows(plan, &ledger);
        // Folded from +0.0: an empty float sum is -0.0.
        let score = goals
            .iter()
            .fold(0.0, |sum, g| sum + g.weight * g.credited / g.target);
        let max_score = plan.max_score();
        let years = year_rows(plan, &ledger);
        let orders = order_rows(plan, &ledger);
        let status = if proven && violations.is_empty() {
            Status::Optimal
        } else {
            Status::NotOptimal
        };
        Report {
            phases: phase_rows(plan, &years, &orders),
            readiness: readiness(score, max_score),
            total_cost: ledger.total_cost(),
            commitments_after_horizon: ledger.commitments_after_horizon,
            score,
            max_score,
            years,
            orders,
            goals,
            violations,
            status,
            solver,
            ..Report::empty(plan)
        }
    }

    /// The report of an infeasible plan.
    pub fn infeasible(plan: &Plan, relaxation: Relaxation, solver: SolverStats) -> Report {
        Report {
            status: Status::Infeasible,
            relaxation: Some(relaxation),
            solver,
            note: Some("no schedule satisfies every rule of the plan".into()),
            ..Report::empty(plan)
        }
    }

    /// The report when the time limit ran out before any schedule was found.
    pub fn no_schedule(plan: &Plan, solver: SolverStats) -> Report {
        Report {
            status: Status::NotOptimal,
            solver,
            note: Some("the time limit ran out before any schedule was found".into()),
            ..Report::empty(plan)
        }
    }

    fn empty(plan: &Plan) -> Report {
        let max_score = plan.max_score();
        Report {
            plan: plan.name.clone(),
            currency: plan.currency.clone(),
            objective: plan.objective,
            status: Status::NotOptimal,
            horizon: (plan.start, plan.end),
            solver: SolverStats::default(),
            score: 0.0,
            max_score,
            readiness: 0.0,
            total_cost: Money::ZERO,
            commitments_after_horizon: Money::ZERO,
            years: Vec::new(),
            orders: Vec::new(),
            goals: Vec::new(),
            phases: Vec::new(),
            violations: Vec::new(),
            relaxation: None,
            note: None,
            provenance: Provenance::default(),
        }
    }

    /// Whether a schedule is shown.
    pub fn has_schedule(&self) -> bool {
        !self.years.is_empty()
    }
}

fn readiness(score: f64, max_score: f64) -> f64 {
    if max_score > 0.0 {
        100.0 * score / max_score
    } else {
        0.0
    }
}

fn phase_name(plan: &Plan, year: i32) -> Option<String> {
    plan.phase_of(year).map(|p| plan.phases[p].id.clone())
}

fn year_rows(plan: &Plan, ledger: &Ledger) -> Vec<YearRow> {
    ledger
        .years
        .iter()
        .enumerate()
        .map(|(t, y)| YearRow {
            year: y.year,
            phase: phase_name(plan, y.year),
            envelope: plan.budget.years[t].envelope,
            budget: y.budget,
            available: y.available,
            payments: y.payments,
            sustainment: y.sustainment,
            spend: y.spend,
            carry_out: y.carry_out,
            utilisation: if y.available.cents() > 0 {
                100.0 * y.spend.cents() as f64 / y.available.cents() as f64
            } else {
                0.0
            },
        })
        .collect()
}

fn order_rows(plan: &Plan, ledger: &Ledger) -> Vec<OrderRow> {
    ledger
        .orders
        .iter()
        .map(|o| {
            let item = &plan.items[o.item];
            OrderRow {
                item: item.id.clone(),
                name: item.name.clone(),
                category: item.category.clone(),
                year: o.year,
                units: o.units,
                delivered: o.delivered,
                cost: o.cost,
                fixed: o.fixed,
                phase: phase_name(plan, o.year),
            }
        })
        .collect()
}

fn goal_rows(plan: &Plan, ledger: &Ledger) -> Vec<GoalRow> {
    let mut rows = Vec::new();
    for (g, goal) in plan.goals.iter().enumerate() {
        for m in &goal.milestones {
            let achieved = ledger.attainment(plan, g, m.year);
            let credited = achieved.min(m.target);
            rows.push(GoalRow {
                goal: goal.id.clone(),
                name: goal.name.clone(),
                weight: goal.weight,
                year: m.year,
                target: m.target,
                achieved,
                credited,
                percent: 100.0 * credited / m.target,
            });
        }
    }
    // Stable: milestones of one year keep the goals' file order.
    rows.sort_by_key(|r| r.year);
    rows
}

fn phase_rows(plan: &Plan, years: &[YearRow], orders: &[OrderRow]) -> Vec<PhaseRow> {
    plan.phases
        .iter()
        .map(|p| {
            let in_phase = |year: i32| p.start <= year && year <= p.end;
            let phase_orders: Vec<&OrderRow> = orders.iter().filter(|o| in_phase(o.year)).collect();
            PhaseRow {
                id: p.id.clone(),
                name: p.name.clone(),
                start: p.start,
                end: p.end,
                budget: years
                    .iter()
                    .filter(|y| in_phase(y.year))
                    .map(|y| y.budget)
                    .sum(),
                spend: years
                    .iter()
                    .filter(|y| in_phase(y.year))
                    .map(|y| y.spend)
                    .sum(),
                orders: phase_orders.len(),
                order_value: phase_orders.iter().map(|o| o.cost).sum(),
            }
        })
        .collect()
}
