//! Goals and the objective of each stage.
//!
//! Spec: A[g,m] = sum_i contributes_i[g] * D[i,m]; credited
//! a[g,m] = min(A[g,m], T[g,m]); Score = sum weight_g * a[g,m] / T[g,m].
//! Because the score is maximised (or bounded below), `a <= A` and
//! `a <= T` are enough to make a[g,m] the credited attainment.

use super::budget::total_cost;
use super::funding::national_cost;
use super::orders::delivered_by;
use super::{Builder, Role, Sense, Stage};
use good_lp::{variable, Expression, Variable};

/// Adds what the stage needs of goals and returns its objective, its sense
/// and the shortfall variables (shortfall stage only).
pub(super) fn add_objective(b: &mut Builder<'_>) -> (Expression, Sense, Vec<Vec<Variable>>) {
    let hard_targets = b.stage.targets_are_hard(b.plan);
    if hard_targets {
        let targets = |_: f64, target: f64| target;
        add_attainment_floors(b, targets);
    }
    match b.stage {
        Stage::MaxScore => (score(b), Sense::Maximise, Vec::new()),
        Stage::MinCost { score_floor } => {
            add_score_floor(b, score_floor);
            (total_cost(b), Sense::Minimise, Vec::new())
        }
        Stage::MinNationalCost { score_floor } => {
            add_score_floor(b, score_floor);
            (national_cost(b), Sense::Minimise, Vec::new())
        }
        Stage::MinTotalCost {
            score_floor,
            national_ceiling,
        } => {
            add_score_floor(b, score_floor);
            let national = national_cost(b);
            b.constraints.push(national.leq(national_ceiling));
            let objective = total_cost(b) + super::funding::later_use(b);
            (objective, Sense::Minimise, Vec::new())
        }
        Stage::MinChurn {
            score_floor,
            national_ceiling,
            cost_ceiling,
        } => {
            add_score_floor(b, score_floor);
            if let Some(ceiling) = national_ceiling {
                let national = national_cost(b);
                b.constraints.push(national.leq(ceiling));
            }
            let cost = total_cost(b);
            b.constraints.push(cost.leq(cost_ceiling));
            (super::churn::churn(b), Sense::Minimise, Vec::new())
        }
        Stage::MinExtraBudget => {
            // Sum of x_y; a tie-break weight of 1e-7 per year before the end
            // puts extra money in the latest year it can come, when
            // carry-over would let it come in any of several years.
            let mut total = Expression::default();
            for (t, x) in b.extra_budget.iter().enumerate() {
                let years_before_end = (b.plan.horizon_len() - 1 - t) as f64;
                total.add_mul(1.0 + 1e-7 * years_before_end, *x);
            }
            (total, Sense::Minimise, Vec::new())
        }
        Stage::MinShortfall => {
            let (objective, shortfall) = relative_shortfall(b);
            (objective, Sense::Minimise, shortfall)
        }
    }
}

/// The score floor of a later `max-goals` stage, if any.
fn add_score_floor(b: &mut Builder<'_>, score_floor: Option<f64>) {
    if let Some(floor) = score_floor {
        let score = score(b);
        b.constraints.push(score.geq(floor));
        // Each milestone may fall short of its target by at most the
        // score the others cannot make up for.
        let slack = b.plan.max_score() - floor;
        add_attainment_floors(b, |weight, target| target - target * slack / weight);
    }
}

/// A[g,m]: points of goal `g` delivered by `year`.
fn attainment(b: &mut Builder<'_>, g: usize, year: i32) -> Expression {
    let mut e = Expression::default();
    let plan = b.plan;
    for (i, item) in plan.items.iter().enumerate() {
        for &(goal, points) in &item.contributes {
            if goal == g && points > 0.0 {
                e += points * delivered_by(b, i, year);
            }
        }
    }
    e
}

/// A[g,m] with each whole-unit contributor's points capped at the target:
/// sum_i min(p_i, T) D[i,m]. As a bound on the credited points it is as
/// valid as A itself (one unit of an item worth T or more meets the target
/// alone) and tighter: a fraction of a unit can no longer earn the whole
/// target.
fn creditable(b: &mut Builder<'_>, g: usize, year: i32, target: f64) -> Expression {
    let mut e = Expression::default();
    let plan = b.plan;
    for (i, item) in plan.items.iter().enumerate() {
        for &(goal, points) in &item.contributes {
            if goal == g && points > 0.0 {
                let points = if item.divisible {
                    points
                } else {
                    points.min(target)
                };
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
        // History milestones are reported, not scored (section 7).
        for m in goal
            .milestones
            .iter()
            .filter(|m| !b.plan.is_history(m.year))
        {
            let role = Role::Credited {
                goal: g,
                year: m.year,
            };
            let credited = b.add_var(variable().min(0.0).max(m.target), role);
            let achieved = creditable(b, g, m.year, m.target);
            b.constraints.push(Expression::from(credited).leq(achieved));
            score.add_mul(goal.weight / m.target, credited);
        }
    }
    score
}

/// A[g,m] >= L[g,m] for the floor `floor(weight, target)` of each
/// milestone (the target itself under `min-cost`; what the score floor
/// implies under `max-goals`), with a rounding cut per contributing item j
/// when every contributor comes in whole units: dividing by j's points and
/// rounding up gives sum_i ceil(p_i / p_j) D[i,m] >= ceil(L / p_j), which
/// holds for whole D and cuts off fractional units the solver would
/// otherwise have to branch away (a goal only one item serves gets
/// D >= ceil(T / p) outright).
fn add_attainment_floors(b: &mut Builder<'_>, floor: impl Fn(f64, f64) -> f64) {
    let plan = b.plan;
    for (g, goal) in plan.goals.iter().enumerate() {
        let contributors: Vec<(usize, f64)> = plan.contributors(g);
        let whole = contributors.iter().all(|(i, _)| !plan.items[*i].divisible);
        let divisors = cut_divisors(&contributors);
        for m in goal.milestones.iter().filter(|m| !plan.is_history(m.year)) {
            let lower = floor(goal.weight, m.target);
            if lower <= 0.0 {
                continue;
            }
            let achieved = attainment(b, g, m.year);
            b.constraints.push(achieved.geq(lower));
            if !whole {
                continue;
            }
            for &pj in &divisors {
                if divides_all(pj, &contributors, lower) {
                    // The cut would be the floor divided by pj.
                    continue;
                }
                let mut cut = Expression::default();
                for &(i, pi) in &contributors {
                    cut += round_up(pi / pj) * delivered_by(b, i, m.year);
                }
                b.constraints.push(cut.geq(round_up(lower / pj)));
            }
        }
    }
}

/// The most rounding cuts per milestone.
const MAX_ROUNDING_CUTS: usize = 16;

/// The points p_j to divide by in the rounding cuts, in file order: each
/// value once (contributors with equal points give the same cut), and only
/// the [`MAX_ROUNDING_CUTS`] largest when there are more, so that a goal
/// served by thousands of items does not make the model quadratic in them.
pub(super) fn cut_divisors(contributors: &[(usize, f64)]) -> Vec<f64> {
    let mut largest: Vec<f64> = contributors.iter().map(|&(_, p)| p).collect();
    largest.sort_by(|a, b| b.total_cmp(a));
    largest.dedup();
    largest.truncate(MAX_ROUNDING_CUTS);
    let mut divisors = Vec::with_capacity(largest.len());
    for &(_, p) in contributors {
        if largest.contains(&p) && !divisors.contains(&p) {
            divisors.push(p);
        }
    }
    divisors
}

/// Whether `pj` divides every contributor's points and the floor, so that
/// rounding up after dividing by it changes nothing.
pub(super) fn divides_all(pj: f64, contributors: &[(usize, f64)], lower: f64) -> bool {
    let whole = |x: f64| round_up(x) == x;
    whole(lower / pj) && contributors.iter().all(|&(_, pi)| whole(pi / pj))
}

/// Rounds up, forgiving float noise just above a whole number.
pub(super) fn round_up(x: f64) -> f64 {
    (x - 1e-9).ceil()
}

/// Infeasibility step 2: A[g,m] + s[g,m] >= T[g,m], minimise sum s / T.
fn relative_shortfall(b: &mut Builder<'_>) -> (Expression, Vec<Vec<Variable>>) {
    let mut objective = Expression::default();
    let mut all = Vec::new();
    for (g, goal) in b.plan.goals.iter().enumerate() {
        let mut row = Vec::new();
        for m in &goal.milestones {
            let role = Role::Shortfall {
                goal: g,
                year: m.year,
            };
            if b.plan.is_history(m.year) {
                // History cannot fall short by less than it did: no shortfall
                // variable works on it (s = 0, no row).
                row.push(b.add_var(variable().min(0.0).max(0.0), role));
                continue;
            }
            let s = b.add_var(variable().min(0.0), role);
            let achieved = attainment(b, g, m.year);
            b.constraints.push((achieved + s).geq(m.target));
            objective.add_mul(1.0 / m.target, s);
            row.push(s);
        }
        all.push(row);
    }
    (objective, all)
}
