//! Funding sources in the model (plan format section 8): the split of each
//! item's payments and running costs over the sources allowed to pay them,
//! and each source's own ledger.
//!
//! Spec: P[i,y] splits into a[i,s,y] >= 0 over the sources that cover
//! acquisition and may pay for i, S[i,y] into r[i,s,y] >= 0 over those that
//! cover sustainment; the national source takes the rest (it covers both
//! and every item), so only the other sources get variables:
//! sum_s a[i,s,y] <= P[i,y], sum_s r[i,s,y] <= S[i,y]. Each source's ledger:
//! U_{s,y} = sum_i (a + r) <= G_{s,y} + c_{s,y-1};
//! 0 <= c_{s,y} <= carryover_s * (G_{s,y} + c_{s,y-1} - U_{s,y}).
//! The national ledger (`budget.rs`) pays Spend_y less what the sources pay.
//! Nothing here is built for a plan without sources, so a v1 plan's model is
//! exactly what it was.

use super::budget::spend_in;
use super::orders::{delivered_by, payments_in};
use super::{Builder, Role};
use good_lp::{variable, Expression, IntoAffineExpression, Variable};

/// One split variable: money of `source` paying `item`'s payments (or, when
/// `sustainment`, its running costs) in `year`.
#[derive(Clone, Copy, Debug)]
pub struct FundingPart {
    pub item: usize,
    /// Index into `Plan::sources`.
    pub source: usize,
    pub year: i32,
    pub sustainment: bool,
    pub var: Variable,
}

/// Whether an expression can be non-zero (it has a variable, or a
/// positive constant from a fixed order).
fn can_be_positive(e: &Expression) -> bool {
    e.linear_coefficients().next().is_some() || e.constant() > 0.0
}

/// Creates the split variables a[i,s,y] and r[i,s,y], their caps by P and
/// S, and every source's ledger. Does nothing for a plan without sources.
pub(super) fn add_funding_split(b: &mut Builder<'_>) {
    let plan = b.plan;
    if !plan.has_sources() {
        return;
    }
    for year in plan.years() {
        for (i, item) in plan.items.iter().enumerate() {
            for sustainment in [false, true] {
                let payers: Vec<usize> = plan
                    .sources
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.pays(i, sustainment))
                    .map(|(k, _)| k)
                    .collect();
                if payers.is_empty() {
                    continue;
                }
                let cost = if sustainment {
                    if item.sustainment <= 0.0 {
                        continue;
                    }
                    let yearly = item.running_share(year) * b.money(item.unit_cost);
                    yearly * delivered_by(b, i, year - 1)
                } else {
                    payments_in(b, i, year)
                };
                if !can_be_positive(&cost) {
                    continue;
                }
                let mut paid = Expression::default();
                for source in payers {
                    let role = Role::Funding {
                        item: i,
                        source,
                        year,
                        sustainment,
                    };
                    let var = b.add_var(variable().min(0.0), role);
                    paid.add_mul(1.0, var);
                    b.funding.push(FundingPart {
                        item: i,
                        source,
                        year,
                        sustainment,
                        var,
                    });
                }
                b.constraints.push(paid.leq(cost));
            }
        }
    }
    add_source_ledgers(b);
}

/// U_{s,y}: what source `s` pays in `year`, in model money.
fn used_by(b: &Builder<'_>, s: usize, year: i32) -> Expression {
    let mut e = Expression::default();
    for part in b.funding.iter().filter(|p| p.source == s && p.year == year) {
        e.add_mul(1.0, part.var);
    }
    e
}

/// What every source but the national one pays in `year`, in model money.
pub(super) fn paid_by_sources(b: &Builder<'_>, year: i32) -> Expression {
    let mut e = Expression::default();
    for part in b.funding.iter().filter(|p| p.year == year) {
        e.add_mul(1.0, part.var);
    }
    e
}

/// Each source's ledger, year by year.
fn add_source_ledgers(b: &mut Builder<'_>) {
    let plan = b.plan;
    for (s, source) in plan.sources.iter().enumerate() {
        let mut carry_in: Option<Variable> = None;
        for (t, year) in plan.years().enumerate() {
            let grant = b.money(source.grant[t]);
            let used = used_by(b, s, year);
            let carry_out = (source.carryover > 0.0 && year < plan.end).then(|| {
                b.add_var(
                    variable().min(0.0),
                    Role::SourceCarryOut { source: s, year },
                )
            });
            // U + c_out - c_in <= G: U <= G + c_in - c_out.
            let mut lhs = used.clone();
            if let Some(c) = carry_out {
                lhs.add_mul(1.0, c);
            }
            if let Some(c) = carry_in {
                lhs.add_mul(-1.0, c);
            }
            b.constraints.push(lhs.leq(grant));
            // c_out <= carryover * (G + c_in - U), needed below a share of 1.
            if let Some(c) = carry_out.filter(|_| source.carryover < 1.0) {
                let share = source.carryover;
                let mut lhs = Expression::from(c);
                lhs += share * used;
                if let Some(c_in) = carry_in {
                    lhs.add_mul(-share, c_in);
                }
                b.constraints.push(lhs.leq(share * grant));
            }
            carry_in = carry_out;
        }
    }
}

/// National cost in model money: total spend less what the sources pay.
pub(super) fn national_cost(b: &mut Builder<'_>) -> Expression {
    let mut e = Expression::default();
    for year in b.plan.years() {
        e += spend_in(b, year);
        e -= paid_by_sources(b, year);
    }
    e
}

/// Weight per horizon year of the tie-break that spends source money as
/// early as it can be spent, relative to a unit of cost.
const LATER_USE_WEIGHT: f64 = 1e-7;

/// A tie-break for the last cost stage: among splits of equal national
/// and total cost, the one that uses the sources' money earliest (a grant
/// kept until spent is spent first, before it could be withdrawn). At most
/// 1e-7 of the sources' spend, far inside the stages' 1e-6 tolerance.
pub(super) fn later_use(b: &Builder<'_>) -> Expression {
    let plan = b.plan;
    let mut e = Expression::default();
    for part in &b.funding {
        let t = plan.year_index(part.year) as f64 + 1.0;
        e.add_mul(LATER_USE_WEIGHT * t / plan.horizon_len() as f64, part.var);
    }
    e
}

/// Money the sources could add to each year, for the bounds on orders
/// (`orders.rs`): G_{s,y} plus, for a source that carries over, everything
/// it provided before. An upper bound, never tight.
pub(super) fn source_money(b: &Builder<'_>) -> Vec<f64> {
    let plan = b.plan;
    let mut money = vec![0.0; plan.horizon_len()];
    for source in &plan.sources {
        let mut banked = 0.0;
        for (t, m) in money.iter_mut().enumerate() {
            let grant = b.money(source.grant[t]);
            *m += grant + banked;
            if source.carryover > 0.0 {
                banked += grant;
            }
        }
    }
    money
}
