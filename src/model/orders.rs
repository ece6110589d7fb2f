//! Order quantities q[i,y], their bounds, and the expressions built on them:
//! units ordered and delivered by a year (through running totals) and
//! payments falling in a year.
//!
//! Spec rules: "Totals" (min_units..=max_units over the horizon),
//! `max_per_year` on non-fixed years, fixed orders pinned, and the
//! definitions of P[i,y] and D[i,y].

use super::budget::{headroom, Headroom};
use super::{Builder, Role, Units};
use good_lp::{variable, Expression, IntoAffineExpression};

/// Creates q[i,y] for every order year and pins fixed years.
///
/// Each variable's upper bound is the tightest the rules allow: the
/// per-year cap, the units left under `max_units` after fixed orders, and
/// (when the budget is not relaxed) what the whole horizon's money could
/// pay for at that year's in-horizon payment share, and what each year's
/// money left after fixed orders ([`Headroom`]) could pay for of the
/// payments and running costs falling in it. Rounded down for
/// whole units, these bounds fix many orders of a tight plan at zero
/// before the solver branches.
pub(super) fn add_order_variables(b: &mut Builder<'_>) {
    let plan = b.plan;
    let mut total_money: f64 = plan.budget.years.iter().map(|y| b.money(y.budget)).sum();
    if plan.has_sources() {
        total_money += plan
            .sources
            .iter()
            .flat_map(|s| &s.grant)
            .map(|g| b.money(*g))
            .sum::<f64>();
    }
    let headroom = headroom(b);
    for (i, item) in plan.items.iter().enumerate() {
        let room = (item.max_units - item.fixed_total()).max(0.0);
        let mut row = vec![Units::None; plan.horizon_len()];
        // A fixed year is pinned below, so it gets no variable.
        let open_years = item
            .order_years
            .iter()
            .filter(|&&year| item.fixed_in(year).is_none());
        for &year in open_years {
            let mut upper = item.max_per_year.map_or(room, |cap| cap.min(room));
            let paid_share: f64 = (0..item.payments.len())
                .take((plan.end - year + 1) as usize)
                .map(|k| item.payment_share_in(year, year + k as i32))
                .sum();
            let cost = b.money(item.unit_cost) * paid_share;
            if !b.stage.relaxes_budget() && cost > 0.0 {
                upper = upper.min(total_money / cost * (1.0 + 1e-9));
                upper = upper.min(affordable(b, i, year, &headroom));
            }
            if !item.divisible {
                upper = (upper + 1e-9).floor();
            }
            let upper = upper.max(0.0);
            let mut def = variable().min(0.0).max(upper);
            if !item.divisible {
                def = def.integer();
            }
            let var = b.add_var(def, Role::Order { item: i, year });
            row[plan.year_index(year)] = Units::Var { var, upper };
        }
        for fixed in &item.fixed {
            row[plan.year_index(fixed.year)] = Units::Fixed(fixed.units);
        }
        b.orders.push(row);
    }
}

/// The most units of item `i` ordered in `year` whose payment and running
/// cost in each later year of the horizon fit that year's [`Headroom`].
fn affordable(b: &Builder<'_>, i: usize, year: i32, headroom: &Headroom) -> f64 {
    let plan = b.plan;
    let item = &plan.items[i];
    let unit_cost = b.money(item.unit_cost);
    let mut most = f64::INFINITY;
    for (t, year_t) in plan.years().enumerate().skip(plan.year_index(year)) {
        let cost = item.cost_share_in(year, year_t) * unit_cost;
        if cost > 0.0 {
            let money = (headroom.carry_in[t] + headroom.left[t]).max(0.0);
            most = most.min(money / cost * (1.0 + 1e-9) + 1e-9);
        }
    }
    most
}

/// Totals: min_units <= sum_y q[i,y] <= max_units (fixed orders included).
pub(super) fn add_unit_totals(b: &mut Builder<'_>) {
    for (i, item) in b.plan.items.iter().enumerate() {
        let total = sum_units(&b.orders[i]);
        if item.min_units > 0.0 {
            b.constraints.push(total.clone().geq(item.min_units));
        }
        b.constraints.push(total.leq(item.max_units));
    }
}

fn sum_units(row: &[Units]) -> Expression {
    let mut e = Expression::with_capacity(row.len());
    for units in row {
        add_units(&mut e, 1.0, *units);
    }
    e
}

/// Adds `coefficient * q` to an expression.
pub(super) fn add_units(e: &mut Expression, coefficient: f64, units: Units) {
    match units {
        Units::None => {}
        Units::Fixed(n) => *e += coefficient * n,
        Units::Var { var, .. } => e.add_mul(coefficient, var),
    }
}

/// D[i,y]: units of item `i` delivered by `year`, those ordered in or
/// before year - lead_time. Years before the horizon deliver nothing.
pub(super) fn delivered_by(b: &mut Builder<'_>, i: usize, year: i32) -> Expression {
    let last_order = (year - b.plan.items[i].lead_time).min(b.plan.end);
    ordered_by(b, i, last_order)
}

/// Units of item `i` ordered in or before `year`.
///
/// Once two or more order years feed it, the sum is a running-total
/// variable o[i,y] = o[i,y-1] + q[i,y], made once and shared: every budget
/// year's running costs, every milestone and every prerequisite then read
/// one variable per item instead of a sum over all earlier years, which
/// keeps the rows short (a 1000-item, 20-year plan has a quarter fewer
/// nonzeros). For a whole-unit item the total is an integer variable, so
/// the solver can branch on "how many by this year" rather than shift a
/// fractional unit between order years.
pub(super) fn ordered_by(b: &mut Builder<'_>, i: usize, year: i32) -> Expression {
    let plan = b.plan;
    let mut total = Expression::default();
    for order_year in plan.start..=year {
        if let Some(var) = b.ordered_by.get(&(i, order_year)) {
            total = Expression::from(*var);
            continue;
        }
        add_units(&mut total, 1.0, b.orders[i][plan.year_index(order_year)]);
        if (&total).linear_coefficients().count() >= 2 {
            let mut def = variable().min(0.0);
            if !plan.items[i].divisible {
                def = def.integer();
            }
            let running = b.add_var(
                def,
                Role::OrderedBy {
                    item: i,
                    year: order_year,
                },
            );
            b.constraints.push(Expression::from(running).eq(total));
            b.ordered_by.insert((i, order_year), running);
            total = Expression::from(running);
        }
    }
    total
}

/// P[i,y] in model money: unit_cost * sum_k payments[k] * E(y-k) * X(y) *
/// q[i, y-k] (see [`crate::plan::Item::payment_share_in`]).
pub(super) fn payments_in(b: &Builder<'_>, i: usize, year: i32) -> Expression {
    let plan = b.plan;
    let item = &plan.items[i];
    let unit_cost = b.money(item.unit_cost);
    let mut e = Expression::with_capacity(item.payments.len());
    for (k, share) in item.payments.iter().enumerate() {
        let order_year = year - k as i32;
        if *share > 0.0 && order_year >= plan.start && order_year <= plan.end {
            add_units(
                &mut e,
                unit_cost * item.payment_share_in(order_year, year),
                b.orders[i][plan.year_index(order_year)],
            );
        }
    }
    e
}
