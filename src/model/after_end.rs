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
