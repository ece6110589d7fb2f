//! The model of one stage as a linear relaxation for microlp: every
//! variable continuous, with the integer ones remembered beside it so
//! that the search can branch on them. Constraints and the objective are
//! read out of the good_lp [`Model`] the same way the LP export reads them
//! (`expression <= 0` or `= 0`, the right-hand side being the negated
//! constant); variables keep their order, so index `k` here is the `k`-th
//! variable of the model.

use crate::model::{Model, Sense};
use good_lp::{IntoAffineExpression, Variable};
use microlp::{ComparisonOp, OptimizationDirection, Problem};
use std::collections::HashMap;

/// One constraint row: `terms (<= or =) rhs`.
pub(super) struct Row {
    pub terms: Vec<(usize, f64)>,
    pub equality: bool,
    pub rhs: f64,
}

/// The relaxation and what the search needs to know beside it.
pub(super) struct Relaxation {
    /// The LP, every variable continuous.
    pub problem: Problem,
    /// The microlp variable of each model variable.
    pub lp_vars: Vec<microlp::Variable>,
    /// Whether each variable must take a whole value.
    pub integer: Vec<bool>,
    pub lower: Vec<f64>,
    pub upper: Vec<f64>,
    /// Objective coefficients in minimise form (negated when maximising).
    pub cost: Vec<f64>,
    /// The objective's constant, in the model's own direction.
    pub constant: f64,
    /// -1 when the model maximises, 1 when it minimises: the model's
    /// objective is `sign * (cost . x) + constant`.
    pub sign: f64,
    pub rows: Vec<Row>,
    /// The model variable of each index, to read values back.
    pub index: HashMap<Variable, usize>,
}

impl Relaxation {
    /// The relaxation of a built model.
    pub fn new(model: &Model) -> Relaxation {
        let sign = match model.sense {
            Sense::Maximise => -1.0,
            Sense::Minimise => 1.0,
        };
        let index = model.variable_index();
        let n = index.len();
        let mut objective = vec![0.0; n];
        for (var, c) in (&model.objective).linear_coefficients() {
            objective[index[&var]] += c;
        }
        let mut integer = Vec::with_capacity(n);
        let mut lower = Vec::with_capacity(n);
        let mut upper = Vec::with_capacity(n);
        let mut cost = Vec::with_capacity(n);
        for (k, (_, def)) in model.vars.iter_variables_with_def().enumerate() {
            let whole = def.is_integer();
            let (mut lo, mut hi) = (def.get_min(), def.get_max());
            if whole {
                lo = if lo.is_finite() {
                    (lo - 1e-9).ceil()
                } else {
                    lo
                };
                hi = if hi.is_finite() {
                    (hi + 1e-9).floor()
                } else {
                    hi
                };
            }
            integer.push(whole);
            lower.push(lo);
            upper.push(hi);
            cost.push(sign * objective[k]);
        }
        let mut rows = Vec::with_capacity(model.constraints.len());
        for c in &model.constraints {
            let e = c.expression();
            let mut terms: Vec<(usize, f64)> = e
                .linear_coefficients()
                .filter(|(_, c)| *c != 0.0)
                .map(|(v, c)| (index[&v], c))
                .collect();
            terms.sort_by_key(|(k, _)| *k);
            rows.push(Row {
                terms,
                equality: c.is_equality(),
                rhs: -e.constant(),
            });
        }
        let (problem, lp_vars) = lp_problem(&cost, &lower, &upper, &rows);
        Relaxation {
            problem,
            lp_vars,
            integer,
            lower,
            upper,
            cost,
            constant: model.objective.constant(),
            sign,
            rows,
            index,
        }
    }

    /// The relaxation with the bounds of some variables replaced
    /// (`(variable, lower, upper)`), as a problem of its own: a node solved
    /// from scratch rather than from its parent's basis. Its variables are
    /// the relaxation's own (`lp_vars` index both).
    pub fn problem_with(&self, bounds: &[(usize, f64, f64)]) -> Problem {
        let mut lower = self.lower.clone();
        let mut upper = self.upper.clone();
        for &(k, lo, hi) in bounds {
            lower[k] = lo;
            upper[k] = hi;
        }
        lp_problem(&self.cost, &lower, &upper, &self.rows).0
    }

    /// The objective in minimise form (without the constant).
    pub fn internal_objective(&self, values: &[f64]) -> f64 {
        self.cost.iter().zip(values).map(|(c, x)| c * x).sum()
    }

    /// The model's objective of an internal (minimise-form) value.
    pub fn model_objective(&self, internal: f64) -> f64 {
        self.sign * internal + self.constant
    }

    /// Whether `values` keep every bound and row within `tolerance`
    /// (absolute, scaled by the row's largest coefficient), and whole
    /// values where they must be.
    pub fn is_feasible(&self, values: &[f64], tolerance: f64) -> bool {
        if values.len() != self.cost.len() {
            return false;
        }
        for (k, &x) in values.iter().enumerate() {
            if !x.is_finite() || x < self.lower[k] - tolerance || x > self.upper[k] + tolerance {
                return false;
            }
            if self.integer[k] && (x - x.round()).abs() > 1e-9 {
                return false;
            }
        }
        self.rows.iter().all(|row| {
            let scale = row.terms.iter().fold(1.0f64, |m, (_, a)| m.max(a.abs()));
            let lhs: f64 = row.terms.iter().map(|&(k, a)| a * values[k]).sum();
            let slack = tolerance * scale;
            if row.equality {
                (lhs - row.rhs).abs() <= slack
            } else {
                lhs <= row.rhs + slack
            }
        })
    }
}

/// The LP of a relaxation's parts: one microlp variable per column, in
/// order, then one row per constraint.
fn lp_problem(
    cost: &[f64],
    lower: &[f64],
    upper: &[f64],
    rows: &[Row],
) -> (Problem, Vec<microlp::Variable>) {
    let mut problem = Problem::new(OptimizationDirection::Minimize);
    let lp_vars: Vec<microlp::Variable> = (0..cost.len())
        .map(|k| problem.add_var(cost[k], (lower[k], upper[k].max(lower[k]))))
        .collect();
    for row in rows {
        let op = if row.equality {
            ComparisonOp::Eq
        } else {
            ComparisonOp::Le
        };
        problem.add_constraint(row.terms.iter().map(|&(k, a)| (lp_vars[k], a)), op, row.rhs);
    }
    (problem, lp_vars)
}
