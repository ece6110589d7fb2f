//! The bill left after the horizon: `[budget] max_after_end`.
//!
//! Spec (section 2): payments that fall after `end` are charged to no
//! budget; they are commitments after the horizon. With `max_after_end`,
//! their sum over every item and every later year, in the plan currency at
//! current prices (section 8: the order year's price level, the rate of
//! `end`), may not exceed the cap, whichever source would pay them:
//!
//!   sum_i sum_{o in Y} sum_{k : o + k > end} unit_cost_i * payments_i[k]
//!       * E_i(o) * X_{c_i}(end) * q[i,o] <= max_after_end.
//!
//! Running costs after the horizon are not payments and stay out. The
//! exact-cents ledger re-derives the same sum ([`crate::after_horizon`])
//! and the audit checks it to the cent.

use super::orders::add_units;
use super::Builder;
use good_lp::Expression;

/// Adds the cap on commitments after the horizon, when the plan has one.
/// Kept in every stage, relaxations included: extra money inside the
/// horizon does not pay a bill after it.
pub(super) fn add_after_end_cap(b: &mut Builder<'_>) {
    let plan = b.plan;
    let Some(cap) = &plan.budget.max_after_end else {
        return;
    };
    let cap = b.money(cap.amount);
    let lhs = after_end_payments(b);
    b.constraints.push(lhs.leq(cap));
}

/// The payments of every order that fall after `end`, in model money.
pub(super) fn after_end_payments(b: &Builder<'_>) -> Expression {
    let plan = b.plan;
    let mut e = Expression::default();
    for (i, item) in plan.items.iter().enumerate() {
        let unit_cost = b.money(item.unit_cost);
        for (t, order_year) in plan.years().enumerate() {
            let share: f64 = (0..item.payments.len())
                .map(|k| order_year + k as i32)
                .filter(|year| *year > plan.end)
                .map(|year| item.payment_share_in(order_year, year))
                .sum();
            if share > 0.0 {
                add_units(&mut e, unit_cost * share, b.orders[i][t]);
            }
        }
    }
    e
}

#[cfg(test)]
mod tests {
    use super::super::{Model, Stage, Units};
    use crate::plan::load_text;
    use good_lp::IntoAffineExpression;

    fn plan(cap: &str) -> crate::plan::Plan {
        let text = format!(
            r#"
[plan]
name = "t"
start = 2025
end = 2027

[budget]
years = {{ 2025 = 100, 2026 = 100, 2027 = 100 }}
{cap}

[[item]]
id = "jet"
unit_cost = 100
max_units = 3
payments = [0.2, 0.8]
fixed = {{ 2025 = 1 }}
contributes = {{ g = 1 }}

[[goal]]
id = "g"
targets = {{ 2027 = 2 }}
"#
        );
        match load_text("t.toml", &text) {
            Ok((plan, _)) => plan,
            Err(e) => panic!("test plan invalid: {e}"),
        }
    }

    #[test]
    fn without_the_key_the_model_has_no_cap_row() {
        let without = Model::build(&plan(""), Stage::MaxScore);
        let with = Model::build(&plan("max_after_end = 50"), Stage::MaxScore);
        assert_eq!(with.constraints.len(), without.constraints.len() + 1);
    }

    #[test]
    fn only_the_last_order_year_pays_after_the_end() {
        // Budgets of 100 are model money 1:1. A 2027 order pays 0.8 x 100
        // in 2028; 2025 (fixed) and 2026 orders pay everything by 2027.
        let m = Model::build(&plan("max_after_end = 50"), Stage::MaxScore);
        let Units::Var { var: q2027, .. } = m.orders[0][2] else {
            panic!("a 2027 order variable");
        };
        // The one row whose right-hand side is the cap: lhs - 50 <= 0.
        let cap = m
            .constraints
            .iter()
            .find(|c| (c.expression().constant() + 50.0).abs() < 1e-12)
            .expect("the cap row");
        let e = cap.expression();
        let terms: Vec<_> = e.linear_coefficients().collect();
        assert_eq!(terms.len(), 1);
        assert_eq!(terms[0].0, q2027);
        assert!((terms[0].1 - 80.0).abs() < 1e-12);
        assert!(!cap.is_equality());
    }

    #[test]
    fn the_greedy_start_keeps_within_the_cap() {
        // Without a cap the greedy start orders the missing jet in 2027,
        // where only a fifth of its price falls inside the horizon (the
        // most points per euro it sees); with a cap of 50 it cannot.
        let free = plan("");
        let m = Model::build(&free, Stage::MaxScore);
        assert!(m.greedy_schedule(&free)[0][2] > 0.0);
        let capped = plan("max_after_end = 50");
        let m = Model::build(&capped, Stage::MaxScore);
        assert_eq!(m.greedy_schedule(&capped)[0][2], 0.0);
    }
}
