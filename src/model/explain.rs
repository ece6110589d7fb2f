//! Rules the explanations add to a built model (plan format, section 9).
//!
//! An explanation asks the plan's own model a further question: reach one
//! milestone while every other keeps a floor, spend no more extra money
//! than a first stage found, or differ from earlier schedules in the set of
//! items bought. Each question is a few rows and variables added to a
//! [`Model`] after [`Model::build`]; the rule families stay untouched. The
//! rows read the order quantities through [`Model::orders`], so they mean
//! exactly what the plan format's D[i,y] and A[g,m] mean.

use super::goals::{cut_divisors, divides_all, round_up};
use super::orders::add_units;
use super::{Model, Role, Units};
use crate::plan::Plan;
use good_lp::{variable, Expression, Variable};

impl Model {
    /// D[i,y]: units of item `i` delivered by `year`.
    pub fn delivered_expression(&self, plan: &Plan, i: usize, year: i32) -> Expression {
        let last_order = year - plan.items[i].lead_time;
        let mut e = Expression::default();
        for (t, order_year) in plan.years().enumerate() {
            if order_year <= last_order {
                add_units(&mut e, 1.0, self.orders[i][t]);
            }
        }
        e
    }

    /// A[g,m]: points of goal `g` delivered by `year`.
    pub fn attainment_expression(&self, plan: &Plan, g: usize, year: i32) -> Expression {
        let mut e = Expression::default();
        for (i, item) in plan.items.iter().enumerate() {
            for &(goal, points) in &item.contributes {
                if goal == g && points > 0.0 {
                    e += points * self.delivered_expression(plan, i, year);
                }
            }
        }
        e
    }

    /// A[g,m] >= `floor`, with the rounding cuts of the attainment floors
    /// in `goals` when every contributor comes in whole units (the same
    /// cuts, for the same reason: whole units cannot earn a fraction of a
    /// unit's points, and the solver need not branch that away).
    pub fn add_attainment_floor(&mut self, plan: &Plan, g: usize, year: i32, floor: f64) {
        if floor <= 0.0 {
            return;
        }
        let achieved = self.attainment_expression(plan, g, year);
        self.constraints.push(achieved.geq(floor));
        let contributors: Vec<(usize, f64)> = plan.contributors(g);
        if contributors.iter().any(|(i, _)| plan.items[*i].divisible) {
            return;
        }
        for pj in cut_divisors(&contributors) {
            if divides_all(pj, &contributors, floor) {
                continue;
            }
            let mut cut = Expression::default();
            for &(i, pi) in &contributors {
                cut += round_up(pi / pj) * self.delivered_expression(plan, i, year);
            }
            self.constraints.push(cut.geq(round_up(floor / pj)));
        }
    }

    /// Units of item `i` ordered beyond its fixed orders.
    pub fn units_beyond_fixed(&self, i: usize) -> Expression {
        let mut e = Expression::default();
        for units in &self.orders[i] {
            if let Units::Var { var, .. } = units {
                e.add_mul(1.0, *var);
            }
        }
        e
    }

    /// sum_y x_y <= `most` (relaxation stages only).
    pub fn cap_extra_budget(&mut self, most: f64) {
        if self.extra_budget.is_empty() {
            return;
        }
        let mut total = Expression::default();
        for x in &self.extra_budget {
            total.add_mul(1.0, *x);
        }
        self.constraints.push(total.leq(most));
    }

    /// Replaces the objective by the value of the orders placed beyond the
    /// fixed ones, sum_i unit_cost_i * units (model money), minimised: a
    /// tie-break that keeps an explanation from buying what it need not.
    pub fn minimise_order_value(&mut self, plan: &Plan) {
        let mut e = Expression::default();
        for (i, item) in plan.items.iter().enumerate() {
            let unit_cost = item.unit_cost.to_units() / self.money_unit;
            e += unit_cost * self.units_beyond_fixed(i);
        }
        self.objective = e;
        self.sense = super::Sense::Minimise;
    }

    /// A binary b_i per item that can be ordered beyond its fixed orders,
    /// 1 exactly when it is: the units beyond fixed lie between
    /// `least * b_i` and `room * b_i`, where `least` is one unit (a
    /// thousandth of one for a divisible item). Returns `(item, b_i)` for
    /// each such item.
    pub fn add_bought_indicators(&mut self, plan: &Plan) -> Vec<(usize, Variable)> {
        let mut out = Vec::new();
        for (i, item) in plan.items.iter().enumerate() {
            let room: f64 = self.orders[i]
                .iter()
                .map(|u| match u {
                    Units::Var { upper, .. } => *upper,
                    _ => 0.0,
                })
                .sum();
            if room <= 0.0 {
                continue;
            }
            let least = if item.divisible { room.min(1e-3) } else { 1.0 };
            self.roles.push(Role::Bought { item: i });
            let b = self.vars.add(variable().binary());
            let beyond = self.units_beyond_fixed(i);
            self.constraints.push(beyond.clone().leq(room * b));
            self.constraints.push(beyond.geq(least * b));
            out.push((i, b));
        }
        out
    }
}
