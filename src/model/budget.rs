//! Spend and the budget rule with carry-over.
//!
//! Spec: Spend_y = sum_i (P[i,y] + S[i,y]) with S[i,y] = sustainment_i *
//! unit_cost_i * D[i,y-1]; c_{start-1} = 0; Spend_y <= B_y + c_{y-1};
//! 0 <= c_y <= B_y + c_{y-1} - Spend_y; c_y <= carryover * B_y. In the
//! relaxation stages an extra x_y >= 0 is added to each year's money.
//! With funding sources (section 8), the national ledger pays Spend_y less
//! what the sources pay (`funding.rs`); the extra money is national.

use super::orders::{delivered_by, payments_in};
use super::{Builder, Role};
use good_lp::{variable, Expression, IntoAffineExpression, Variable};

/// Adds carry-over variables and one budget constraint per year (and, when
/// the stage relaxes the budget, the extra-money variables x_y).
pub(super) fn add_budget_years(b: &mut Builder<'_>) {
    let plan = b.plan;
    let mut carry_in: Option<Variable> = None;
    // Model money carried out of the last history year so far.
    let mut history_carry = 0.0;
    for (t, year) in plan.years().enumerate() {
        let cap = b.money(plan.budget.carry_cap(t));
        if plan.is_history(year) && !b.stage.relaxes_budget() && !plan.has_sources() {
            // History (section 7): every order is pinned, so the year's
            // spend is a constant and so is what it carries out. Fixing
            // c_y to it instead of writing the row keeps a history year
            // that spent its money to the cent from turning infeasible on
            // float noise; the exact-money audit checks history like any
            // year. With funding sources the national share of a history
            // year's spend still depends on the split, so the row stays.
            let spend = spend_in(b, year).constant();
            let money = b.money(plan.budget.years[t].budget) + history_carry;
            history_carry = (money - spend).max(0.0).min(cap);
            let fixed = variable().min(history_carry).max(history_carry);
            carry_in = Some(b.add_var(fixed, Role::CarryOut { year }));
            continue;
        }
        let carry_out = b.add_var(variable().min(0.0).max(cap), Role::CarryOut { year });
        // Spend_y + c_y - c_{y-1} - x_y <= B_y covers both
        // Spend_y <= B_y + c_{y-1} + x_y and c_y <= B_y + c_{y-1} + x_y - Spend_y.
        let mut lhs = spend_in(b, year);
        if plan.has_sources() {
            // The national ledger pays what the other sources do not.
            lhs -= super::funding::paid_by_sources(b, year);
        }
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

/// What each year could at most spend on new orders, in model money.
///
/// F_y is the spend of the fixed orders (payments and sustainment). A
/// year's carry-in K_y is at most its predecessor's cap, and at most what
/// that year could have left after paying for fixed orders:
/// K_y = min(cap_{y-1}, max(0, K_{y-1} + B_{y-1} - F_{y-1})), K_start = 0.
/// So new orders can spend at most K_y + B_y - F_y in year y.
pub(super) struct Headroom {
    /// B_y - F_y by year index (negative when fixed orders overspend it).
    pub(super) left: Vec<f64>,
    /// K_y by year index.
    pub(super) carry_in: Vec<f64>,
}

/// The [`Headroom`] of every year of the horizon.
pub(super) fn headroom(b: &Builder<'_>) -> Headroom {
    let plan = b.plan;
    let mut left = Vec::with_capacity(plan.horizon_len());
    let mut carry_in = Vec::with_capacity(plan.horizon_len());
    let mut k = 0.0;
    // With sources, fixed orders may be paid by a source while national
    // money rolls on: the carry-in is bounded by the national money alone,
    // and the sources' money (with all it could carry) is added to each
    // year (see `funding::source_money`).
    let sources = plan.has_sources().then(|| super::funding::source_money(b));
    for (t, year) in plan.years().enumerate() {
        let budget = b.money(plan.budget.years[t].budget);
        let l = budget - fixed_spend_in(b, year);
        carry_in.push(k);
        let cap = b.money(plan.budget.carry_cap(t));
        match &sources {
            None => {
                left.push(l);
                k = (k + l).max(0.0).min(cap);
            }
            Some(money) => {
                left.push(l + money[t]);
                k = (k + budget).min(cap);
            }
        }
    }
    Headroom { left, carry_in }
}

/// Spend of the fixed orders alone in `year`, in model money.
fn fixed_spend_in(b: &Builder<'_>, year: i32) -> f64 {
    let plan = b.plan;
    let mut spend = 0.0;
    for item in &plan.items {
        let unit_cost = b.money(item.unit_cost);
        for fixed in &item.fixed {
            spend += unit_cost * item.cost_share_in(fixed.year, year) * fixed.units;
        }
    }
    spend
}

/// Spend_y in model money: payments plus sustainment of every item.
pub(super) fn spend_in(b: &mut Builder<'_>, year: i32) -> Expression {
    let mut e = Expression::default();
    for (i, item) in b.plan.items.iter().enumerate() {
        e += payments_in(b, i, year);
        if item.sustainment > 0.0 {
            let yearly = item.running_share(year) * b.money(item.unit_cost);
            e += yearly * delivered_by(b, i, year - 1);
        }
    }
    e
}

/// Total cost in model money: the sum of Spend_y over the horizon.
pub(super) fn total_cost(b: &mut Builder<'_>) -> Expression {
    let mut e = Expression::default();
    for year in b.plan.years() {
        e += spend_in(b, year);
    }
    e
}
