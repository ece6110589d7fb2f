//! The one [`Report`] every renderer reads.
//!
//! Built once from a plan and a solve outcome: the schedule is priced in
//! exact money ([`Ledger`]), checked ([`audit`]), and laid out as the rows a
//! review meeting reads. Renderers format these rows; they never compute.

use crate::audit::{self, Violation};
use crate::cashflow::CashflowRow;
use crate::changes::Changes;
use crate::ledger::Ledger;
use crate::money::Money;
use crate::plan::{Objective, Plan};
use crate::provenance::Provenance;
use crate::relax::causes::Causes;
use crate::relax::Relaxation;
use crate::schedule::Schedule;
use crate::solve::SolverStats;
use rows::{
    category_spend, goal_rows, order_rows, phase_rows, plan_inputs, source_rows, source_spend,
    year_rows,
};

mod rows;

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
    /// What the national budget pays over the horizon (section 8); equal
    /// to `total_cost` without funding sources.
    pub national_cost: Money,
    pub commitments_after_horizon: Money,
    /// The funding sources besides the national budget, in file order
    /// (empty for a plan without them).
    pub sources: Vec<SourceRow>,
    pub years: Vec<YearRow>,
    /// Sums of the year rows over the horizon.
    pub year_totals: YearTotals,
    pub orders: Vec<OrderRow>,
    pub goals: Vec<GoalRow>,
    pub phases: Vec<PhaseRow>,
    /// Spend per item category, year by year (for stacked spend charts).
    pub category_spend: Vec<CategorySpend>,
    /// With funding sources: what each source pays, year by year, the
    /// national budget first (`category` is the source id); empty without.
    pub source_spend: Vec<CategorySpend>,
    /// What the plan said, after scenarios and overrides.
    pub inputs: PlanInputs,
    /// Rules the rounded schedule breaks (empty when all is well).
    pub violations: Vec<Violation>,
    /// Why the plan is infeasible (infeasible plans only).
    pub relaxation: Option<Relaxation>,
    /// The requirements whose removal alone would make an infeasible plan
    /// feasible (infeasible plans only; section 9).
    pub causes: Causes,
    /// A sentence on why no schedule is shown, when none is.
    pub note: Option<String>,
    /// The inputs behind the result (set by the caller that read them).
    pub provenance: Provenance,
    /// The first year open to decisions; earlier years are history.
    pub as_of: i32,
    /// Money by item, year and funding source (empty without a schedule).
    pub cashflow: Vec<CashflowRow>,
    /// Changes against the approved programme or the base run, when there
    /// is one to compare with.
    pub changes: Option<Changes>,
    /// The payments after the horizon by item and year, and the plan's
    /// cap on them (empty without a schedule).
    pub after_horizon: crate::after_horizon::AfterHorizon,
}

/// Money over the whole horizon.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct YearTotals {
    pub envelope: Money,
    pub budget: Money,
    pub payments: Money,
    pub sustainment: Money,
    pub spend: Money,
    /// National money lost above the carry-over cap over the horizon.
    pub lapsed: Money,
}

impl YearTotals {
    fn of(years: &[YearRow]) -> YearTotals {
        let sum = |f: fn(&YearRow) -> Money| years.iter().map(f).sum();
        YearTotals {
            envelope: sum(|y| y.envelope),
            budget: sum(|y| y.budget),
            payments: sum(|y| y.payments),
            sustainment: sum(|y| y.sustainment),
            spend: sum(|y| y.spend),
            lapsed: sum(|y| y.lapsed),
        }
    }
}

/// One horizon year's money.
#[derive(Clone, Debug, PartialEq)]
pub struct YearRow {
    pub year: i32,
    pub phase: Option<String>,
    pub envelope: Money,
    /// B_y: the money open to the plan (envelope x capital share x scale).
    pub budget: Money,
    /// The national money carried in from the year before (the previous
    /// year's `carry_out`; 0 in the first year).
    pub carried_in: Money,
    /// `budget + carried_in`.
    pub available: Money,
    pub payments: Money,
    pub sustainment: Money,
    pub spend: Money,
    pub carry_out: Money,
    /// National money lost above the carry-over cap:
    /// `available - national_spend - carry_out` (never below zero).
    pub lapsed: Money,
    /// 100 * national_spend / available (0 when nothing is available):
    /// the national budget's use (the whole spend without sources).
    pub utilisation: f64,
    /// What the national budget pays of `spend`.
    pub national_spend: Money,
    /// Every source's ledger this year, the national one first.
    pub sources: Vec<SourceYearRow>,
}

/// One funding source as the plan describes it.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceRow {
    pub id: String,
    pub name: String,
    pub currency: String,
    /// "acquisition", "sustainment" or "both".
    pub covers: &'static str,
    pub carryover: f64,
    /// G_{s,y} summed over the horizon, in the plan currency.
    pub total: Money,
    /// What it pays over the horizon.
    pub spend: Money,
}

/// One source's ledger in one year.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceYearRow {
    /// The source's id (`national` for the budget).
    pub source: String,
    pub budget: Money,
    pub available: Money,
    pub spend: Money,
    pub carry_out: Money,
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
    /// Who pays `cost`: (source id, amount), the national budget first;
    /// the amounts add up to `cost`.
    pub funding: Vec<(String, Money)>,
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
    /// A milestone before the as-of year: reported, left out of the score.
    pub history: bool,
}

impl GoalRow {
    /// Whether the milestone is met (see [`meets_target`]).
    pub fn is_met(&self) -> bool {
        meets_target(self.credited, self.target)
    }
}

/// Whether `credited` points meet a milestone's `target`: within the
/// solver's relative tolerance, so that a divisible order the search left
/// a millionth short is not a gap to explain or to count as missed.
pub fn meets_target(credited: f64, target: f64) -> bool {
    credited >= target * (1.0 - crate::solve::SCORE_TOLERANCE)
}

/// Money and orders of one phase.
#[derive(Clone, Debug, PartialEq)]
pub struct PhaseRow {
    pub id: String,
    pub name: String,
    pub start: i32,
    pub end: i32,
    /// The envelopes of the phase's years.
    pub envelope: Money,
    pub budget: Money,
    /// What the first year of the phase carried in.
    pub carried_in: Money,
    pub spend: Money,
    /// What the last year of the phase carried out.
    pub carry_out: Money,
    /// National money lost above the carry-over cap in the phase's years.
    pub lapsed: Money,
    pub orders: usize,
    pub order_value: Money,
}

/// The spend of one item category in each horizon year.
#[derive(Clone, Debug, PartialEq)]
pub struct CategorySpend {
    pub category: String,
    /// Payments plus sustainment of the category's items, one entry per
    /// row of [`Report::years`]; summed over categories, each year's spend.
    pub spend: Vec<Money>,
}

/// The plan's inputs as read (after scenarios and overrides): the facts a
/// review pack states beside the result.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanInputs {
    /// Sum of the envelopes as written.
    pub envelope_total: Money,
    /// Sum of B_y.
    pub budget_total: Money,
    pub capital_share: f64,
    pub carryover: f64,
    pub scale: f64,
    pub phases: usize,
    pub goals: usize,
    pub milestones: usize,
    /// Items in file order.
    pub items: Vec<ItemRow>,
}

/// One item as the plan describes it, references by id.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemRow {
    pub id: String,
    pub name: String,
    pub category: String,
    pub unit_cost: Money,
    pub min_units: f64,
    pub max_units: f64,
    pub max_per_year: Option<f64>,
    pub divisible: bool,
    pub order_years: Vec<i32>,
    pub lead_time: i32,
    /// Payment shares from the order year on.
    pub payments: Vec<f64>,
    /// Yearly running cost per delivered unit, as a share of the unit cost.
    pub sustainment: f64,
    /// Ids of the items that must be delivered first.
    pub requires: Vec<String>,
    /// (goal id, points per delivered unit).
    pub contributes: Vec<(String, f64)>,
    /// (year, units) of the orders already placed.
    pub fixed: Vec<(i32, f64)>,
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
            .filter(|g| !g.history)
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
            category_spend: category_spend(plan, &ledger),
            source_spend: source_spend(&years),
            readiness: readiness(score, max_score),
            year_totals: YearTotals::of(&years),
            total_cost: ledger.total_cost(),
            national_cost: ledger.national_cost(),
            sources: source_rows(plan, &ledger),
            commitments_after_horizon: ledger.commitments_after_horizon,
            score,
            max_score,
            years,
            orders,
            goals,
            violations,
            status,
            solver,
            cashflow: crate::cashflow::rows(plan, &ledger),
            after_horizon: crate::after_horizon::AfterHorizon::of(plan, &ledger),
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

    /// The report when no schedule was found: the time limit ran out first,
    /// or the solver gave up.
    pub fn no_schedule(plan: &Plan, solver: SolverStats) -> Report {
        let note = match &solver.failure {
            Some(failure) => format!("no schedule was found: {failure}"),
            None => "the time limit ran out before any schedule was found".into(),
        };
        Report {
            status: Status::NotOptimal,
            solver,
            note: Some(note),
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
            national_cost: Money::ZERO,
            commitments_after_horizon: Money::ZERO,
            sources: Vec::new(),
            years: Vec::new(),
            year_totals: YearTotals::default(),
            orders: Vec::new(),
            goals: Vec::new(),
            phases: Vec::new(),
            category_spend: Vec::new(),
            source_spend: Vec::new(),
            inputs: plan_inputs(plan),
            violations: Vec::new(),
            relaxation: None,
            causes: Causes::default(),
            note: None,
            provenance: Provenance::default(),
            as_of: plan.as_of,
            cashflow: Vec::new(),
            changes: None,
            after_horizon: crate::after_horizon::AfterHorizon {
                cap: plan.budget.max_after_end.as_ref().map(|c| c.amount),
                ..Default::default()
            },
        }
    }

    /// What a reader must know beside the figures: why there is no
    /// schedule, or why the one shown is not optimal in the solver's own
    /// words (numerical trouble, or the greedy start shown because the
    /// time limit ran out first), if either.
    pub fn caveat(&self) -> Option<&str> {
        self.note.as_deref().or(self.solver.failure.as_deref())
    }

    /// Whether a schedule is shown.
    pub fn has_schedule(&self) -> bool {
        !self.years.is_empty()
    }

    /// Why the plan is infeasible, in words: the relaxation's findings,
    /// then the causes (empty for a feasible plan).
    pub fn infeasibility_findings(&self) -> Vec<String> {
        let mut lines = self
            .relaxation
            .as_ref()
            .map(Relaxation::findings)
            .unwrap_or_default();
        lines.extend(self.causes.sentences());
        lines
    }
}

fn readiness(score: f64, max_score: f64) -> f64 {
    if max_score > 0.0 {
        100.0 * score / max_score
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::load_text;
    use crate::solve::SolveOptions;

    const PLAN: &str = r#"
[plan]
name = "t"
start = 2025
end = 2027

[budget]
years = { 2025 = 100, 2026 = 100, 2027 = 100 }

[[item]]
id = "radio"
category = "C4"
unit_cost = 10.01
max_units = 3
min_units = 3
max_per_year = 1
sustainment = 0.1
requires = ["hq"]
contributes = { c4 = 1 }

[[item]]
id = "truck"
category = "mobility"
unit_cost = 40
max_units = 1
min_units = 1
payments = [0.5, 0.5]
fixed = { 2025 = 1 }

[[item]]
id = "hq"
category = "C4"
unit_cost = 7
max_units = 1
min_units = 1
fixed = { 2025 = 1 }

[[goal]]
id = "c4"
targets = { 2027 = 3 }
"#;

    fn report() -> Report {
        let (plan, _) = load_text("t.toml", PLAN).unwrap_or_else(|e| panic!("{e:?}"));
        crate::solve_report(&plan, &SolveOptions::default())
    }

    #[test]
    fn category_spend_adds_up_to_each_years_spend() {
        let report = report();
        assert!(report.has_schedule());
        let names: Vec<&str> = report
            .category_spend
            .iter()
            .map(|c| c.category.as_str())
            .collect();
        assert_eq!(names, ["C4", "mobility"]);
        for (t, year) in report.years.iter().enumerate() {
            let sum: Money = report.category_spend.iter().map(|c| c.spend[t]).sum();
            assert_eq!(sum, year.spend, "year {}", year.year);
        }
        // The truck's second payment falls in 2026; radios delivered by 2025
        // cost 10% of 10.01 each in running costs from 2026 on.
        let mobility = &report.category_spend[1].spend;
        assert_eq!(mobility, &[2000, 2000, 0].map(Money::from_cents));
    }

    #[test]
    fn inputs_hold_the_items_as_read() {
        let report = report();
        let inputs = &report.inputs;
        assert_eq!(inputs.items.len(), 3);
        assert_eq!(inputs.budget_total, Money::from_cents(30_000));
        assert_eq!(inputs.goals, 1);
        assert_eq!(inputs.milestones, 1);
        let radio = &inputs.items[0];
        assert_eq!(radio.unit_cost, Money::from_cents(1001));
        assert_eq!(radio.requires, ["hq"]);
        assert_eq!(radio.contributes, [("c4".to_string(), 1.0)]);
        assert_eq!(radio.order_years, [2025, 2026, 2027]);
        assert_eq!(inputs.items[1].payments, [0.5, 0.5]);
        assert_eq!(inputs.items[1].fixed, [(2025, 1.0)]);
    }
}
