//! Spend and the budget rule with carry-over.
//!
//! Spec: Spend_y = sum_i (P[i,y] + S[i,y]) with S[i,y] = sustainment_i *
//! unit_cost_i * D[i,y-1]; c_{start-1} = 0; Spend_y <= B_y + c_{y-1};
//! 0 <= c_y <= B_y + c_{y-1} - Spend_y; c_y <= carryover * B_y. In the
//! relaxation stages an extra x_y >= 0 is added to each year's money.

use super::orders::{delivered_by, payments_in};
use super::{Builder, Role};
use good_lp::{variable, Expression, Variable};

/// Adds carry-over variables and one budget constraint per year (and, when
/// the stage relaxes the budget, the extra-money variables x_y).
pub(super) fn add_budget_years(b: &mut Builder<'_>) {
    let plan = b.plan;
    let mut carry_in: Option<Variable> = None;
    for (t, year) in plan.years().enumerate() {
        let cap = b.money(plan.budget.carry_cap(t));
        let carry_out = b.add_var(variable().min(0.0).max(cap), Role::CarryOut { year });
        // Spend_y + c_y - c_{y-1} - x_y <= B_y covers both
        // Spend_y <= B_y + c_{y-1} + x_y and c_y <= B_y + c_{y-1} + x_y - Spend_y.
        let mut lhs = spend_in(b, year);
        lhs.add_mul(1.0, carry_out);
        if let Some(c) = carry_in {
            lhs.add_mul(-1.0, c);
        }
        if b.stage.relaxes_budget() {
            let x = b.add_var(variable().min(0.0), Role::ExtraBudget { year });
            lhs.add_mul(-1.0, x);
            b.extra_budget.push(x);
        }
        let budget = b.money(plan.budget.years[t].budget);
        b.constraints.push(lhs.leq(budget));
        carry_in = Some(carry_out);
    }
}

/// Spend_y in model money: payments plus sustainment of every item.
pub(super) fn spend_in(b: &Builder<'_>, year: i32) -> Expression {
    let mut e = Expression::default();
    for (i, item) in b.plan.items.iter().enumerate() {
        e += payments_in(b, i, year);
        if item.sustainment > 0.0 {
            let yearly = item.sustainment * b.money(item.unit_cost);
            e += yearly * delivered_by(b, i, year - 1);
        }
    }
    e
}

/// Total cost in model money: the sum of Spend_y over the horizon.
pub(super) fn total_cost(b: &Builder<'_>) -> Expression {
    let mut e = Expression::default();
    for year in b.plan.years() {
        e += spend_in(b, year);
    }
    e
}
