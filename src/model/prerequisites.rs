//! Prerequisites: if item i requires j, an order of i in a non-fixed year y
//! needs D[j,y] >= 1 (at least one unit of j delivered by that year).
//!
//! When j comes in whole units, D[j,y] is a whole number, so
//! q[i,y] <= U * D[j,y] (U the bound on q[i,y]) says exactly that with no
//! extra variable. Only a divisible prerequisite needs a binary z[i,y]:
//! q[i,y] <= U * z and D[j,y] >= z.

use super::orders::delivered_by;
use super::{Builder, Role, Units};
use good_lp::{variable, Expression, IntoAffineExpression, Variable};

pub(super) fn add_prerequisites(b: &mut Builder<'_>) {
    let plan = b.plan;
    for (i, item) in plan.items.iter().enumerate() {
        for &j in &item.requires {
            let whole = !plan.items[j].divisible;
            for (t, year) in plan.years().enumerate() {
                if let Units::Var { var, upper } = b.orders[i][t] {
                    let delivered = delivered_by(b, j, year);
                    let role = Role::PrerequisiteMet {
                        item: i,
                        requires: j,
                        year,
                    };
                    link(b, var, upper, delivered, whole, role);
                }
            }
        }
    }
}

fn link(
    b: &mut Builder<'_>,
    q: Variable,
    upper: f64,
    delivered: Expression,
    whole: bool,
    role: Role,
) {
    if upper <= 0.0 {
        return;
    }
    let is_constant = (&delivered).linear_coefficients().next().is_none();
    if is_constant {
        if delivered.constant() >= 1.0 - 1e-9 {
            return;
        }
        b.constraints.push(Expression::from(q).leq(0.0));
    } else if whole {
        b.constraints
            .push(Expression::from(q).leq(upper * delivered));
    } else {
        let z = b.add_var(variable().binary(), role);
        b.constraints.push(Expression::from(q).leq(upper * z));
        b.constraints.push(delivered.geq(z));
    }
}
