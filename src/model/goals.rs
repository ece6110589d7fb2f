//! Goals and the objective of each stage.
//!
//! Spec: A[g,m] = sum_i contributes_i[g] * D[i,m]; credited
//! a[g,m] = min(A[g,m], T[g,m]); Score = sum weight_g * a[g,m] / T[g,m].
//! Because the score is maximised (or bounded below), `a <= A` and
//! `a <= T` are enough to make a[g,m] the credited attainment.

use super::budget::total_cost;
use super::orders::delivered_by;
use super::{Builder, Sense, Stage};
use good_lp::{variable, Expression, Variable};

/// Adds what the stage needs of goals and returns its objective, its sense
/// and the shortfall variables (shortfall stage only).
pub(super) fn add_objective(b: &mut Builder<'_>) -> (Expression, Sense, Vec<Vec<Variable>>) {
    let hard_targets = b.stage.targets_are_hard(b.plan);
    if hard_targets {
        add_targets_met(b);
    }
    match b.stage {
        Stage::MaxScore => (score(b), Sense::Maximise, Vec::new()),
        Stage::MinCost { score_floor } => {
            if let Some(floor) = score_floor {
                let score = score(b);
                b.constraints.push(score.geq(floor));
            }
            (total_cost(b), Sense::Minimise, Vec::new())
        }
        Stage::MinExtraBudget => {
            let mut total = Expression::default();
            for x in &b.extra_budget {
                total.add_mul(1.0, *x);
            }
            (total, Sense::Minimise, Vec::new())
        }
        Stage::MinShortfall => {
            let (objective, shortfall) = relative_shortfall(b);
            (objective, Sense::Minimise, shortfall)
        }
    }
}

/// A[g,m]: points of goal `g` delivered by `year`.
fn attainment(b: &Builder<'_>, g: usize, year: i32) -> Expression {
    let mut e = Expression::default();
    for (i, item) in b.plan.items.iter().enumerate() {
        for &(goal, points) in &item.contributes {
            if goal == g && points > 0.0 {
                e += points * delivered_by(b, i, year);
            }
        }
    }
    e
}

/// The score, through credited-attainment variables a[g,m] in [0, T].
fn score(b: &mut Builder<'_>) -> Expression {
    let mut score = Expression::default();
    for (g, goal) in b.plan.goals.iter().enumerate() {
        for m in &goal.milestones {
            let credited = b.vars.add(variable().min(0.0).max(m.target));
            let achieved = attainment(b, g, m.year);
            b.constraints.push(Expression::from(credited).leq(achieved));
            score.add_mul(goal.weight / m.target, credited);
        }
    }
    score
}

/// `min-cost`: every milestone met, A[g,m] >= T[g,m].
fn add_targets_met(b: &mut Builder<'_>) {
    for (g, goal) in b.plan.goals.iter().enumerate() {
        for m in &goal.milestones {
            let achieved = attainment(b, g, m.year);
            b.constraints.push(achieved.geq(m.target));
        }
    }
}

/// Infeasibility step 2: A[g,m] + s[g,m] >= T[g,m], minimise sum s / T.
fn relative_shortfall(b: &mut Builder<'_>) -> (Expression, Vec<Vec<Variable>>) {
    let mut objective = Expression::default();
    let mut all = Vec::new();
    for (g, goal) in b.plan.goals.iter().enumerate() {
        let mut row = Vec::new();
        for m in &goal.milestones {
            let s = b.vars.add(variable().min(0.0));
            let achieved = attainment(b, g, m.year);
            b.constraints.push((achieved + s).geq(m.target));
            objective.add_mul(1.0 / m.target, s);
            row.push(s);
        }
        all.push(row);
    }
    (objective, all)
}
