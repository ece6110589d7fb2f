//! The mixed-integer programme, built from a validated plan.
//!
//! A [`Model`] owns the decision variables and the constraints of one solve
//! stage. Each rule family of the plan format lives in its own file, named
//! after the rule: [`orders`] (order quantities, totals and per-year caps,
//! deliveries and payments), [`budget`] (spend, envelopes and carry-over),
//! [`prerequisites`] and [`goals`]. Each variable's [`Role`] is recorded, so
//! that `start` can evaluate a schedule (such as `greedy`'s) into a
//! starting solution and
//! `lp_format` can write the model as an LP or MPS file with readable
//! names. The model never reads or writes files and never prices a
//! schedule; money enters it as `f64` in [`Model::money_unit`]s.

mod after_end;
mod budget;
mod churn;
mod explain;
pub mod funding;
mod goals;
mod greedy;
mod lp_format;
mod orders;
mod prerequisites;
mod start;
#[cfg(test)]
mod tests;

pub use churn::integral_churn_gap;
pub use lp_format::ModelFormat;

use crate::plan::Plan;
use good_lp::{Constraint, Expression, ProblemVariables, Variable};

/// Which optimisation a model is built for. A plan is solved in one or
/// two stages; an infeasible plan is explained by the relaxation stages.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Stage {
    /// `max-goals`, first stage: maximise the goal score.
    MaxScore,
    /// Minimise total cost. With `score_floor`, the score must reach it
    /// (`max-goals`, second stage); without, every milestone must be met
    /// (`min-cost`).
    MinCost { score_floor: Option<f64> },
    /// Plans with funding sources: minimise national cost. With
    /// `score_floor`, the score must reach it (`max-goals`); without, every
    /// milestone must be met (`min-cost`).
    MinNationalCost { score_floor: Option<f64> },
    /// Plans with funding sources, last cost stage: minimise total cost
    /// with national cost at most `national_ceiling` (model money).
    MinTotalCost {
        score_floor: Option<f64>,
        national_ceiling: f64,
    },
    /// Infeasibility, step 1: extra money per year, as little as possible.
    MinExtraBudget,
    /// Infeasibility, step 2: unlimited money, least relative target shortfall.
    MinShortfall,
    /// Stability, the last stage when a baseline is given: the least churn
    /// against [`Plan::baseline`] among schedules that keep every earlier
    /// stage's objective within its tolerance: the score at least
    /// `score_floor` (`max-goals`) and the total cost at most
    /// `cost_ceiling` (model money), and with funding sources the national
    /// cost at most `national_ceiling`.
    MinChurn {
        score_floor: Option<f64>,
        /// Plans with funding sources: national cost at most this.
        national_ceiling: Option<f64>,
        cost_ceiling: f64,
    },
}

impl Stage {
    /// A short name for statistics.
    pub fn name(self) -> &'static str {
        match self {
            Stage::MaxScore => "max-score",
            Stage::MinCost {
                score_floor: Some(_),
            } => "min-cost-at-best-score",
            Stage::MinCost { score_floor: None } => "min-cost",
            Stage::MinNationalCost { .. } => "min-national-cost",
            Stage::MinTotalCost { .. } => "min-total-cost",
            Stage::MinExtraBudget => "min-extra-budget",
            Stage::MinShortfall => "min-shortfall",
            Stage::MinChurn { .. } => "min-churn",
        }
    }

    /// What the stage finds, in words: "best score", "least cost", ...
    pub fn what(self) -> &'static str {
        match self {
            Stage::MaxScore => "best score",
            Stage::MinCost { .. } => "least cost",
            Stage::MinNationalCost { .. } => "least national cost",
            Stage::MinTotalCost { .. } => "least total cost",
            Stage::MinExtraBudget => "least extra money",
            Stage::MinShortfall => "least shortfall",
            Stage::MinChurn { .. } => "least churn",
        }
    }

    /// Whether envelopes may be exceeded through extra-budget variables.
    fn relaxes_budget(self) -> bool {
        matches!(self, Stage::MinExtraBudget | Stage::MinShortfall)
    }

    /// Whether every milestone is a hard constraint.
    fn targets_are_hard(self, plan: &Plan) -> bool {
        plan.objective == crate::plan::Objective::MinCost
            && matches!(
                self,
                Stage::MinCost { .. }
                    | Stage::MinNationalCost { .. }
                    | Stage::MinTotalCost { .. }
                    | Stage::MinExtraBudget
                    | Stage::MinChurn { .. }
            )
    }
}

/// Units ordered of one item in one year.
#[derive(Clone, Copy, Debug)]
pub enum Units {
    /// No order can be placed that year.
    None,
    /// An order already placed.
    Fixed(f64),
    /// A decision variable and its upper bound.
    Var { var: Variable, upper: f64 },
}

/// What a decision variable stands for. The LP export names variables
/// after their role; a starting solution is computed from the roles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// q[i,y]: units of item `item` ordered in `year`.
    Order { item: usize, year: i32 },
    /// o[i,y]: units of `item` ordered in or before `year`, a running
    /// total o[i,y] = o[i,y-1] + q[i,y] (whole for whole-unit items).
    OrderedBy { item: usize, year: i32 },
    /// c_y: money carried out of `year` into the next.
    CarryOut { year: i32 },
    /// x_y: extra money in `year` (relaxation stages only).
    ExtraBudget { year: i32 },
    /// a[g,m]: points of `goal` credited at its milestone in `year`.
    Credited { goal: usize, year: i32 },
    /// z: 1 when `item` may be ordered in `year` because its divisible
    /// prerequisite `requires` has at least one unit delivered.
    PrerequisiteMet {
        item: usize,
        requires: usize,
        year: i32,
    },
    /// s[g,m]: points `goal` falls short by in `year` (shortfall stage).
    Shortfall { goal: usize, year: i32 },
    /// d[i,y] >= |q[i,y] - qb[i,y]|: churn of `item` in `year` against the
    /// baseline (stability stage).
    Churn { item: usize, year: i32 },
    /// a[i,s,y] (or r[i,s,y] when `sustainment`): money of `source` paying
    /// `item` in `year`.
    Funding {
        item: usize,
        source: usize,
        year: i32,
        sustainment: bool,
    },
    /// c_{s,y}: money of `source` carried out of `year`.
    SourceCarryOut { source: usize, year: i32 },
    /// b_i: 1 when `item` is ordered beyond its fixed orders (alternative
    /// schedules only).
    Bought { item: usize },
}

/// Optimisation direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sense {
    Maximise,
    Minimise,
}

/// A built model, ready for a solver.
pub struct Model {
    pub vars: ProblemVariables,
    pub constraints: Vec<Constraint>,
    pub objective: Expression,
    pub sense: Sense,
    /// `orders[item][year index]`.
    pub orders: Vec<Vec<Units>>,
    /// Extra money per year (relaxation stages only).
    pub extra_budget: Vec<Variable>,
    /// `shortfall[goal][milestone]` (shortfall stage only).
    pub shortfall: Vec<Vec<Variable>>,
    /// Currency units per unit of money in the model.
    pub money_unit: f64,
    /// The role of each variable, in the order the variables were made.
    pub roles: Vec<Role>,
    /// The split variables of funding sources (empty without sources).
    pub funding: Vec<funding::FundingPart>,
}

impl Model {
    /// Builds the model of one stage.
    pub fn build(plan: &Plan, stage: Stage) -> Model {
        let mut b = Builder {
            plan,
            stage,
            vars: ProblemVariables::new(),
            constraints: Vec::new(),
            orders: Vec::new(),
            extra_budget: Vec::new(),
            ordered_by: std::collections::HashMap::new(),
            money_unit: money_unit(plan),
            roles: Vec::new(),
            funding: Vec::new(),
        };
        orders::add_order_variables(&mut b);
        orders::add_unit_totals(&mut b);
        funding::add_funding_split(&mut b);
        budget::add_budget_years(&mut b);
        after_end::add_after_end_cap(&mut b);
        prerequisites::add_prerequisites(&mut b);
        let (objective, sense, shortfall) = goals::add_objective(&mut b);
        Model {
            vars: b.vars,
            constraints: b.constraints,
            objective,
            sense,
            orders: b.orders,
            extra_budget: b.extra_budget,
            shortfall,
            money_unit: b.money_unit,
            roles: b.roles,
            funding: b.funding,
        }
    }

    /// Each variable's position in the model's own order (the order
    /// every written-out or relaxed form of the model numbers them in).
    pub fn variable_index(&self) -> std::collections::HashMap<Variable, usize> {
        self.vars
            .iter_variables_with_def()
            .enumerate()
            .map(|(k, (var, _))| (var, k))
            .collect()
    }

    /// Number of decision variables.
    pub fn variable_count(&self) -> usize {
        self.vars.len()
    }
}

/// State shared by the rule families while a model is built.
struct Builder<'p> {
    plan: &'p Plan,
    stage: Stage,
    vars: ProblemVariables,
    constraints: Vec<Constraint>,
    orders: Vec<Vec<Units>>,
    extra_budget: Vec<Variable>,
    /// The running totals o[i,y] made so far, by (item, year).
    ordered_by: std::collections::HashMap<(usize, i32), Variable>,
    money_unit: f64,
    roles: Vec<Role>,
    funding: Vec<funding::FundingPart>,
}

impl Builder<'_> {
    /// Makes a variable and records what it stands for.
    fn add_var(&mut self, definition: good_lp::VariableDefinition, role: Role) -> Variable {
        self.roles.push(role);
        self.vars.add(definition)
    }

    /// An amount in model money.
    fn money(&self, amount: crate::money::Money) -> f64 {
        amount.to_units() / self.money_unit
    }
}

/// A power of ten that brings the largest yearly budget to between 100 and
/// 1000 model units, so the solver's tolerances mean the same on a 1M plan
/// and a 100bn plan.
pub fn money_unit(plan: &Plan) -> f64 {
    let largest = plan
        .budget
        .years
        .iter()
        .map(|y| y.budget.to_units())
        .fold(0.0, f64::max);
    if largest <= 0.0 {
        return 1.0;
    }
    10f64.powi((largest.log10().floor() as i32 - 2).max(0))
}
