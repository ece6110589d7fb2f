//! Churn against the approved programme (plan format section 7, stability).
//!
//! Spec: churn = sum over items i and open years y (as_of..=end) of
//! |q[i,y] - qb[i,y]|, qb the baseline's units (0 where it has none). The
//! absolute value is linearised: where qb > 0, a variable d[i,y] >= 0 with
//! d >= q - qb and d >= qb - q (minimised, d = |q - qb|); where qb = 0, q
//! itself (q >= 0). Cells without a variable add their constant |q - qb|.

use super::{Builder, Role, Units};
use crate::plan::Plan;
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

/// When churn can only take values a whole unit apart, the relative gap at
/// which the stability stage may stop from a start of churn `c0`, and the
/// most churn its answer may have for that stop to be a proof: `(0.5 /
/// max(c0, 1), c0 + 0.5)`. Churn is integral when every item that can still
/// be ordered in an open year comes in whole units and the baseline gives it
/// whole units in every open year (fixed cells add constants). Then a
/// schedule closer than one of churn C is at least a whole unit closer, so
/// C minus the solver's bound under 1 proves C least; with this gap and C
/// at most c0 + 0.5, C minus the bound is at most 0.5 * (c0 + 0.5) /
/// max(c0, 1) < 1. `None` without a baseline or when churn is not integral.
pub fn integral_churn_gap(plan: &Plan, start: &[Vec<f64>]) -> Option<(f64, f64)> {
    let baseline = plan.baseline.as_ref()?;
    let whole = |x: f64| (x - x.round()).abs() < 1e-9;
    let mut c0 = 0.0;
    for (i, item) in plan.items.iter().enumerate() {
        let approved = baseline.get(i);
        for year in plan.open_years() {
            let t = plan.year_index(year);
            let qb = approved.and_then(|row| row.get(t)).copied().unwrap_or(0.0);
            let open = item.order_years.contains(&year) && item.fixed_in(year).is_none();
            if open && (item.divisible || !whole(qb)) {
                return None;
            }
            let q = start
                .get(i)
                .and_then(|row| row.get(t))
                .copied()
                .unwrap_or(0.0);
            c0 += (q.round() - qb).abs();
        }
    }
    Some((0.5 / c0.max(1.0), c0 + 0.5))
}

#[cfg(test)]
mod tests {
    use crate::plan::load_text;
    use crate::solve::{solve, Outcome, SolveOptions};

    /// Two radios are needed by 2026 and cost the same in 2025 or 2026:
    /// every split is optimal, and the baseline decides.
    const PLAN: &str = r#"
[plan]
name = "t"
start = 2025
end = 2026

[budget]
years = { 2025 = 100, 2026 = 100 }

[[item]]
id = "radio"
unit_cost = 10
max_units = 2
contributes = { c4 = 1 }

[[goal]]
id = "c4"
targets = { 2026 = 2 }
"#;

    fn units_with_baseline(baseline: Vec<f64>) -> Vec<f64> {
        let (mut plan, _) = load_text("t.toml", PLAN).unwrap_or_else(|e| panic!("{e:?}"));
        plan.baseline = Some(vec![baseline]);
        match solve(&plan, &SolveOptions::default()) {
            Outcome::Solved {
                schedule, proven, ..
            } => {
                assert!(proven);
                schedule.units[0].clone()
            }
            other => panic!("not solved: {other:?}"),
        }
    }

    #[test]
    fn churn_is_integral_only_for_whole_items_and_a_whole_baseline() {
        let (mut plan, _) = load_text("t.toml", PLAN).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(super::integral_churn_gap(&plan, &[vec![2.0, 0.0]]), None);
        // Start [2, 0] against [0, 2]: churn 4, gap 0.5 / 4, ceiling 4.5.
        plan.baseline = Some(vec![vec![0.0, 2.0]]);
        assert_eq!(
            super::integral_churn_gap(&plan, &[vec![2.0, 0.0]]),
            Some((0.125, 4.5))
        );
        // Equal to the baseline: churn 0, gap 0.5, ceiling 0.5.
        assert_eq!(
            super::integral_churn_gap(&plan, &[vec![0.0, 2.0]]),
            Some((0.5, 0.5))
        );
        plan.baseline = Some(vec![vec![0.5, 1.5]]);
        assert_eq!(super::integral_churn_gap(&plan, &[vec![1.0, 1.0]]), None);
        plan.baseline = Some(vec![vec![1.0, 1.0]]);
        plan.items[0].divisible = true;
        assert_eq!(super::integral_churn_gap(&plan, &[vec![1.0, 1.0]]), None);
    }

    #[test]
    fn the_least_churn_split_is_the_baselines() {
        assert_eq!(units_with_baseline(vec![2.0, 0.0]), [2.0, 0.0]);
        assert_eq!(units_with_baseline(vec![0.0, 2.0]), [0.0, 2.0]);
        assert_eq!(units_with_baseline(vec![1.0, 1.0]), [1.0, 1.0]);
        // 3 approved in 2026 cannot be kept (max_units 2): the closest
        // optimal schedule orders both there (churn 1, not 3 or 5).
        assert_eq!(units_with_baseline(vec![0.0, 3.0]), [0.0, 2.0]);
    }
}
