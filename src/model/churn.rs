//! Churn against the approved programme (plan format section 7, stability).
//!
//! Spec: churn = sum over items i and open years y (as_of..=end) of
//! |q[i,y] - qb[i,y]|, qb the baseline's units (0 where it has none). The
//! absolute value is linearised: where qb > 0, a variable d[i,y] >= 0 with
//! d >= q - qb and d >= qb - q (minimised, d = |q - qb|); where qb = 0, q
//! itself (q >= 0). Cells without a variable add their constant |q - qb|.

use super::{Builder, Role, Units};
use good_lp::{variable, Expression};

/// The churn of the model's orders against [`crate::plan::Plan::baseline`]
/// (0 without a baseline).
pub(super) fn churn(b: &mut Builder<'_>) -> Expression {
    let plan = b.plan;
    let mut churn = Expression::default();
    let Some(baseline) = &plan.baseline else {
        return churn;
    };
    for (i, row) in baseline.iter().enumerate().take(plan.items.len()) {
        for year in plan.open_years() {
            let t = plan.year_index(year);
            let approved = row.get(t).copied().unwrap_or(0.0);
            match b.orders[i][t] {
                Units::None => churn += approved,
                Units::Fixed(units) => churn += (units - approved).abs(),
                Units::Var { var, .. } if approved <= 0.0 => churn.add_mul(1.0, var),
                Units::Var { var, .. } => {
                    let d = b.add_var(variable().min(0.0), Role::Churn { item: i, year });
                    b.constraints
                        .push((Expression::from(d) - Expression::from(var)).geq(-approved));
                    b.constraints
                        .push((Expression::from(d) + Expression::from(var)).geq(approved));
                    churn.add_mul(1.0, d);
                }
            }
        }
    }
    churn
}
