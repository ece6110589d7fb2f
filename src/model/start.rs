//! A starting solution: the value of every variable of a model for a given
//! order schedule.
//!
//! A solver that accepts a starting point (microlp's warm start, HiGHS's
//! `setSolution`) has an incumbent before its first node and prunes from
//! there. Every value follows from the order quantities, rule by rule:
//! running totals and deliveries add up orders, carry-over is what is left of each year's money
//! (up to the cap), credited points are the attainment capped at the target,
//! a divisible prerequisite is met once a unit is delivered. This module
//! only evaluates a schedule; choosing one is the solver's job.

use super::{Model, Role};
use crate::plan::Plan;
use good_lp::Variable;

impl Model {
    /// Values for every variable of this model when the orders are
    /// `units[item][year index]` (fixed orders included), or `None` when the
    /// schedule overspends a year and the model has no extra money to
    /// cover it.
    pub fn start_from(&self, plan: &Plan, units: &[Vec<f64>]) -> Option<Vec<(Variable, f64)>> {
        self.start_from_split(plan, units, &[])
    }

    /// [`Model::start_from`] with what the funding sources pay (section 8),
    /// as an earlier stage's solver left it: the national ledger pays the
    /// rest, and each source carries what its rule lets it.
    pub fn start_from_split(
        &self,
        plan: &Plan,
        units: &[Vec<f64>],
        funding: &[crate::schedule::SourcePayment],
    ) -> Option<Vec<(Variable, f64)>> {
        let mut flows = Flows::new(plan, units, self.money_unit);
        let mut paid = std::collections::HashMap::new();
        let mut used = vec![vec![0.0; plan.horizon_len()]; plan.sources.len()];
        for part in funding {
            let t = plan.year_index(part.year);
            let amount = part.amount.max(0.0) / self.money_unit;
            flows.spend[t] -= amount;
            used[part.source][t] += amount;
            paid.insert(
                (part.item, part.source, part.year, part.sustainment),
                amount,
            );
        }
        let source_carry: Vec<Vec<f64>> = plan
            .sources
            .iter()
            .enumerate()
            .map(|(s, source)| {
                let mut carry_in = 0.0;
                (0..plan.horizon_len())
                    .map(|t| {
                        let grant = source.grant[t].to_units() / self.money_unit;
                        let carry = (source.carryover * (grant + carry_in - used[s][t])).max(0.0);
                        carry_in = carry;
                        carry
                    })
                    .collect()
            })
            .collect();
        let relaxed = !self.extra_budget.is_empty();
        let money = |amount: crate::money::Money| amount.to_units() / self.money_unit;
        let mut carry_out = Vec::with_capacity(plan.horizon_len());
        let mut extra = Vec::with_capacity(plan.horizon_len());
        let mut carry_in = 0.0;
        for t in 0..plan.horizon_len() {
            let available = money(plan.budget.years[t].budget) + carry_in;
            let spend = flows.spend[t];
            let short = spend - available;
            if short > 1e-9 * available.abs().max(1.0) && !relaxed {
                return None;
            }
            let x = if relaxed { short.max(0.0) } else { 0.0 };
            let left = (available + x - spend).max(0.0);
            let carry = left.min(money(plan.budget.carry_cap(t)));
            carry_out.push(carry);
            extra.push(x);
            carry_in = carry;
        }
        let values = self
            .vars
            .iter_variables_with_def()
            .zip(&self.roles)
            .map(|((var, _), role)| {
                let value = match *role {
                    Role::Order { item, year } => units[item][plan.year_index(year)],
                    Role::OrderedBy { item, year } => flows.ordered_by[item][plan.year_index(year)],
                    Role::CarryOut { year } => carry_out[plan.year_index(year)],
                    Role::ExtraBudget { year } => extra[plan.year_index(year)],
                    Role::Credited { goal, year } => {
                        let target = target(plan, goal, year);
                        flows.attainment(plan, goal, year).min(target)
                    }
                    Role::PrerequisiteMet { requires, year, .. } => {
                        if flows.delivered(plan, requires, year) >= 1.0 - 1e-9 {
                            1.0
                        } else {
                            0.0
                        }
                    }
                    Role::Funding {
                        item,
                        source,
                        year,
                        sustainment,
                    } => paid
                        .get(&(item, source, year, sustainment))
                        .copied()
                        .unwrap_or(0.0),
                    Role::SourceCarryOut { source, year } => {
                        source_carry[source][plan.year_index(year)]
                    }
                    Role::Shortfall { goal, year } => {
                        let target = target(plan, goal, year);
                        if plan.is_history(year) {
                            0.0
                        } else {
                            (target - flows.attainment(plan, goal, year)).max(0.0)
                        }
                    }
                    Role::Churn { item, year } => {
                        let t = plan.year_index(year);
                        let approved = plan.baseline.as_ref().map_or(0.0, |b| b[item][t]);
                        (units[item][t] - approved).abs()
                    }
                    Role::Bought { item } => {
                        let fixed = plan.items[item].fixed_total();
                        let ordered: f64 = units[item].iter().sum();
                        if ordered > fixed + 1e-9 {
                            1.0
                        } else {
                            0.0
                        }
                    }
                };
                (var, value)
            })
            .collect();
        Some(values)
    }
}

/// T[g,m] of the milestone of `goal` in `year`.
fn target(plan: &Plan, goal: usize, year: i32) -> f64 {
    plan.goals[goal]
        .milestones
        .iter()
        .find(|m| m.year == year)
        .map_or(0.0, |m| m.target)
}

/// Deliveries and spend of a schedule, in model money.
struct Flows {
    /// `ordered_by[item][t]`: units ordered in the first t + 1 years.
    ordered_by: Vec<Vec<f64>>,
    /// `contributors[goal]`: (item, points per unit).
    contributors: Vec<Vec<(usize, f64)>>,
    /// Spend_y by year index.
    spend: Vec<f64>,
}

impl Flows {
    fn new(plan: &Plan, units: &[Vec<f64>], money_unit: f64) -> Flows {
        let ordered_by = units
            .iter()
            .map(|row| {
                let mut total = 0.0;
                row.iter()
                    .map(|q| {
                        total += q;
                        total
                    })
                    .collect()
            })
            .collect();
        let mut contributors = vec![Vec::new(); plan.goals.len()];
        for (i, item) in plan.items.iter().enumerate() {
            for &(goal, points) in &item.contributes {
                contributors[goal].push((i, points));
            }
        }
        let mut flows = Flows {
            ordered_by,
            contributors,
            spend: vec![0.0; plan.horizon_len()],
        };
        for (i, item) in plan.items.iter().enumerate() {
            let unit_cost = item.unit_cost.to_units() / money_unit;
            for (t, year) in plan.years().enumerate() {
                let mut spend = 0.0;
                for k in 0..item.payments.len() {
                    let order_year = year - k as i32;
                    if order_year >= plan.start {
                        spend += unit_cost
                            * item.payment_share_in(order_year, year)
                            * units[i][plan.year_index(order_year)];
                    }
                }
                if item.sustainment > 0.0 {
                    spend +=
                        item.running_share(year) * unit_cost * flows.delivered(plan, i, year - 1);
                }
                flows.spend[t] += spend;
            }
        }
        flows
    }

    /// D[i,y]: units ordered in or before year - lead_time.
    fn delivered(&self, plan: &Plan, item: usize, year: i32) -> f64 {
        let last_order = (year - plan.items[item].lead_time).min(plan.end);
        if last_order < plan.start {
            0.0
        } else {
            self.ordered_by[item][plan.year_index(last_order)]
        }
    }

    /// A[g,m]: points of `goal` delivered by `year`.
    fn attainment(&self, plan: &Plan, goal: usize, year: i32) -> f64 {
        self.contributors[goal]
            .iter()
            .map(|&(i, points)| points * self.delivered(plan, i, year))
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Model, Role, Stage};
    use crate::plan::{load_text, Plan};
    use good_lp::{IntoAffineExpression, Variable};
    use std::collections::HashMap;

    /// Carry-over, sustainment, a fixed order, a divisible prerequisite
    /// (so a binary), a lead time and two goals.
    const PLAN: &str = r#"
[plan]
name = "start"
start = 2025
end = 2028

[budget]
years = { 2025 = 100, 2026 = 100, 2027 = 100, 2028 = 100 }
carryover = 0.5

[[item]]
id = "depot"
unit_cost = 60
max_units = 2
divisible = true
payments = [0.5, 0.5]
fixed = { 2025 = 0.5 }

[[item]]
id = "truck"
unit_cost = 40
max_units = 6
max_per_year = 2
lead_time = 1
sustainment = 0.1
requires = ["depot"]
contributes = { mobility = 10, logistics = 5 }

[[goal]]
id = "mobility"
targets = { 2027 = 20, 2028 = 40 }

[[goal]]
id = "logistics"
targets = { 2028 = 15 }
"#;

    fn plan() -> Plan {
        match load_text("start.toml", PLAN) {
            Ok((plan, _)) => plan,
            Err(e) => panic!("test plan invalid: {e}"),
        }
    }

    /// The largest violation of any row or bound by `values`.
    fn worst_violation(model: &Model, values: &[(Variable, f64)]) -> f64 {
        let value: HashMap<Variable, f64> = values.iter().copied().collect();
        let mut worst = 0.0f64;
        for c in &model.constraints {
            let e = c.expression();
            let lhs: f64 = e
                .linear_coefficients()
                .map(|(v, k)| k * value[&v])
                .sum::<f64>()
                + e.constant();
            worst = worst.max(if c.is_equality() { lhs.abs() } else { lhs });
        }
        for (var, def) in model.vars.iter_variables_with_def() {
            let x = value[&var];
            worst = worst.max(def.get_min() - x).max(x - def.get_max());
        }
        worst
    }

    #[test]
    fn a_feasible_schedule_gives_values_that_meet_every_row() {
        let p = plan();
        // depot: the fixed half unit, then another half in 2026; trucks
        // once a whole depot is delivered: 2 in 2026, 2 in 2027.
        let units = vec![vec![0.5, 0.5, 0.0, 0.0], vec![0.0, 2.0, 2.0, 0.0]];
        for stage in [
            Stage::MaxScore,
            Stage::MinCost {
                score_floor: Some(1.0),
            },
        ] {
            let model = Model::build(&p, stage);
            let values = model.start_from(&p, &units).expect("feasible schedule");
            assert_eq!(values.len(), model.variable_count());
            assert!(model
                .roles
                .iter()
                .any(|r| matches!(r, Role::PrerequisiteMet { .. })));
            let worst = worst_violation(&model, &values);
            assert!(worst <= 1e-9, "{stage:?}: a row is broken by {worst}");
        }
    }

    #[test]
    fn credited_points_are_capped_and_carry_over_follows_the_money() {
        let p = plan();
        let units = vec![vec![0.5, 0.5, 0.0, 0.0], vec![0.0, 2.0, 2.0, 0.0]];
        let model = Model::build(&p, Stage::MaxScore);
        let values = model.start_from(&p, &units).expect("feasible schedule");
        let of = |wanted: Role| {
            model
                .roles
                .iter()
                .zip(&values)
                .find(|(role, _)| **role == wanted)
                .map(|(_, (_, v))| *v)
        };
        // Four trucks delivered by 2028: 40 mobility points, and 20
        // logistics points of which 15 are credited.
        let credited = |goal, year| of(Role::Credited { goal, year });
        assert_eq!(credited(0, 2028), Some(40.0));
        assert_eq!(credited(1, 2028), Some(15.0));
        // 2025: 100 - 15 (half the fixed depot) = 85 left, 50 carried.
        assert_eq!(of(Role::CarryOut { year: 2025 }), Some(50.0));
        // 2026: 150 - 15 - 15 - 80 = 40 left and carried.
        assert_eq!(of(Role::CarryOut { year: 2026 }), Some(40.0));
    }

    #[test]
    fn an_overspending_schedule_has_no_start_unless_money_is_relaxed() {
        let p = plan();
        // 2027: 45 for the depot and 80 for trucks, with 110 to spend.
        let units = vec![vec![0.5, 1.5, 0.0, 0.0], vec![0.0, 2.0, 2.0, 2.0]];
        assert!(Model::build(&p, Stage::MaxScore)
            .start_from(&p, &units)
            .is_none());
        let relaxed = Model::build(&p, Stage::MinExtraBudget);
        let values = relaxed.start_from(&p, &units).expect("extra money");
        assert!(worst_violation(&relaxed, &values) <= 1e-9);
    }
}
