//! One small model per rule family: the built model must have the
//! variables and constraints the rule calls for, no more.

use super::{Model, Stage, Units};
use crate::plan::load_text;

fn plan(items: &str, extra: &str) -> crate::plan::Plan {
    let text = format!(
        r#"
[plan]
name = "t"
start = 2025
end = 2027
{extra}
[budget]
years = {{ 2025 = 100, 2026 = 100, 2027 = 100 }}
{items}
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

fn var_count(row: &[Units]) -> usize {
    row.iter()
        .filter(|u| matches!(u, Units::Var { .. }))
        .count()
}

#[test]
fn order_variables_exist_only_in_order_years_and_fixed_years_are_pinned() {
    let p = plan(
        "[[item]]\nid = \"a\"\nunit_cost = 10\nmax_units = 5\nearliest = 2026\nfixed = { 2025 = 1 }\n",
        "",
    );
    let m = Model::build(&p, Stage::MaxScore);
    assert!(matches!(m.orders[0][0], Units::Fixed(n) if n == 1.0));
    assert_eq!(var_count(&m.orders[0]), 2);
}

#[test]
fn order_bounds_are_tightened_by_caps_and_remaining_units() {
    let p = plan(
        "[[item]]\nid = \"a\"\nunit_cost = 10\nmax_units = 5\nmax_per_year = 3\nfixed = { 2025 = 3 }\n",
        "",
    );
    let m = Model::build(&p, Stage::MaxScore);
    for units in &m.orders[0][1..] {
        match units {
            Units::Var { upper, .. } => assert_eq!(*upper, 2.0),
            other => panic!("expected a variable, got {other:?}"),
        }
    }
}

#[test]
fn order_bounds_respect_the_money_of_the_whole_horizon() {
    // 300 in total, 120 a unit paid over three years: at most 2 units in
    // any year.
    let p = plan(
        "[[item]]\nid = \"a\"\nunit_cost = 120\nmax_units = 50\npayments = [0.4, 0.3, 0.3]\n",
        "",
    );
    let m = Model::build(&p, Stage::MaxScore);
    assert!(matches!(m.orders[0][0], Units::Var { upper, .. } if upper == 2.0));
    // Relaxed budgets drop that bound.
    let relaxed = Model::build(&p, Stage::MinExtraBudget);
    assert!(matches!(relaxed.orders[0][0], Units::Var { upper, .. } if upper == 50.0));
    assert_eq!(relaxed.extra_budget.len(), 3);
}

#[test]
fn whole_prerequisites_need_no_binary_but_divisible_ones_do() {
    let items = |divisible: bool| {
        format!(
            "[[item]]\nid = \"base\"\nunit_cost = 10\nmax_units = 2\ndivisible = {divisible}\n\
             [[item]]\nid = \"b\"\nunit_cost = 10\nmax_units = 2\nrequires = [\"base\"]\n"
        )
    };
    let whole = Model::build(&plan(&items(false), ""), Stage::MaxScore);
    let divisible = Model::build(&plan(&items(true), ""), Stage::MaxScore);
    // Three order years of `b`: one binary each when `base` is divisible.
    assert_eq!(divisible.variable_count(), whole.variable_count() + 3);
}

#[test]
fn shortfall_stage_has_one_variable_per_milestone() {
    let p = plan(
        "[[item]]\nid = \"a\"\nunit_cost = 10\nmax_units = 1\ncontributes = { g = 1 }\n",
        "objective = \"min-cost\"",
    );
    let m = Model::build(&p, Stage::MinShortfall);
    assert_eq!(m.shortfall.len(), 1);
    assert_eq!(m.shortfall[0].len(), 1);
}

#[test]
fn money_unit_brings_the_largest_budget_below_a_thousand() {
    let p = plan("[[item]]\nid = \"a\"\nunit_cost = 10\nmax_units = 1\n", "");
    assert_eq!(super::money_unit(&p), 1.0);
}

#[test]
fn order_bounds_respect_each_years_money_after_fixed_orders() {
    // The fixed order pays 90 of 2025's 100 (no carry-over): a unit of `b`
    // costs 20, so none can be ordered in 2025, and up to 5 later.
    let p = plan(
        "[[item]]\nid = \"a\"\nunit_cost = 90\nmax_units = 1\nfixed = { 2025 = 1 }\n\
         [[item]]\nid = \"b\"\nunit_cost = 20\nmax_units = 50\n",
        "",
    );
    let m = Model::build(&p, Stage::MaxScore);
    let uppers: Vec<f64> = m.orders[1]
        .iter()
        .map(|u| match u {
            Units::Var { upper, .. } => *upper,
            other => panic!("expected a variable, got {other:?}"),
        })
        .collect();
    assert_eq!(uppers, vec![0.0, 5.0, 5.0]);
    // A fixed year has no variable.
    assert_eq!(var_count(&m.orders[0]), 2);
}

#[test]
fn credit_counts_a_whole_unit_for_at_most_the_target() {
    // One unit brings 5 points toward a target of 2: the credited points
    // are bounded by 2 * D, not 5 * D, so half a unit cannot earn them.
    let p = plan(
        "[[item]]\nid = \"a\"\nunit_cost = 10\nmax_units = 1\nlatest = 2025\n\
         contributes = { g = 5 }\n",
        "",
    );
    use good_lp::IntoAffineExpression;
    let m = Model::build(&p, Stage::MaxScore);
    let k = m
        .roles
        .iter()
        .position(|r| matches!(r, super::Role::Credited { .. }))
        .expect("a credited variable");
    let credited = m.vars.iter_variables_with_def().nth(k).map(|(v, _)| v);
    let bound = m
        .constraints
        .iter()
        .find(|c| {
            c.expression()
                .linear_coefficients()
                .any(|(v, _)| Some(v) == credited)
        })
        .map(|c| {
            let mut coefficients: Vec<f64> = c
                .expression()
                .linear_coefficients()
                .map(|(_, k)| k)
                .collect();
            coefficients.sort_by(f64::total_cmp);
            coefficients
        });
    assert_eq!(bound, Some(vec![-2.0, 1.0]));
}

#[test]
fn running_totals_are_made_once_per_item_and_year_and_shared() {
    // Three order years, running costs from 2026 and a milestone in 2027:
    // o[a,2026] = q2025 + q2026 and o[a,2027] = o[a,2026] + q2027, read by
    // the budget rows of 2027 and the milestone alike; 2025 alone needs none.
    let p = plan(
        "[[item]]\nid = \"a\"\nunit_cost = 10\nmax_units = 5\nsustainment = 0.1\ncontributes = { g = 1 }\n",
        "",
    );
    let m = Model::build(&p, Stage::MaxScore);
    let totals: Vec<_> = m
        .roles
        .iter()
        .filter_map(|r| match r {
            super::Role::OrderedBy { item, year } => Some((*item, *year)),
            _ => None,
        })
        .collect();
    assert_eq!(totals, vec![(0, 2026), (0, 2027)]);
    let longest_row = m
        .constraints
        .iter()
        .map(|c| {
            use good_lp::IntoAffineExpression;
            c.expression().linear_coefficients().count()
        })
        .max();
    // The 2027 budget row: q2027, o[a,2026], both carry-overs.
    assert_eq!(longest_row, Some(4));
}
