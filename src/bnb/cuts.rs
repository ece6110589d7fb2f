//! Mixed-integer rounding cuts on single rows, for the root of the search.
//!
//! A row `sum a_k x_k <= b` is brought to the form `sum a_j y_j <= beta + s`
//! with `y_j >= 0` whole (each whole variable measured from its nearer
//! bound) and `s >= 0` continuous (the continuous terms that can only
//! loosen the row; the others dropped, which relaxes it). For a divisor
//! `d`, with `f` the fraction of `beta / d` and `f_j` that of `a_j / d`,
//!
//! `sum (floor(a_j / d) + max(0, f_j - f) / (1 - f)) y_j <= floor(beta / d) + s / (d (1 - f))`
//!
//! holds for every whole `y` (Marchand and Wolsey's MIR inequality). The
//! cut is kept when the LP point breaks it.

use super::lp::{Relaxation, Row};

/// The most cuts added at the root.
pub(super) const MAX_AT_ROOT: usize = 50;
/// How far the root's LP point must break a cut (scaled by the cut's
/// norm) for it to be added.
pub(super) const MIN_VIOLATION: f64 = 1e-4;

/// A variable measured from one of its bounds: `y = x - lo`, or `y = hi - x`
/// when `from_upper` (its coefficient in the row then flips sign).
struct Term {
    k: usize,
    /// The coefficient of `y` in the row (for a term of `s`, its weight:
    /// the coefficient negated).
    a: f64,
    from_upper: bool,
    bound: f64,
    /// The value of `y` at the LP point.
    y: f64,
}

/// The most violated MIR cut of each row (and of each equality's two
/// sides) at `x`, those broken by more than `min_violation` after scaling
/// by the cut's norm, most violated first.
pub(super) fn mir_cuts(relax: &Relaxation, x: &[f64], min_violation: f64) -> Vec<(f64, Row)> {
    let mut cuts = Vec::new();
    for row in &relax.rows {
        let sides: &[f64] = if row.equality { &[1.0, -1.0] } else { &[1.0] };
        for &sign in sides {
            if let Some(cut) = row_cut(relax, row, sign, x) {
                if cut.0 > min_violation {
                    cuts.push(cut);
                }
            }
        }
    }
    cuts.sort_by(|a, b| b.0.total_cmp(&a.0));
    cuts
}

fn row_cut(relax: &Relaxation, row: &Row, sign: f64, x: &[f64]) -> Option<(f64, Row)> {
    let mut beta = sign * row.rhs;
    let mut wholes = Vec::new();
    let mut slacks = Vec::new();
    for &(k, a) in &row.terms {
        let a = sign * a;
        let (lo, hi) = (relax.lower[k], relax.upper[k]);
        let use_upper = match (lo.is_finite(), hi.is_finite()) {
            (false, false) => return None,
            (true, false) => false,
            (false, true) => true,
            (true, true) => hi - x[k] < x[k] - lo,
        };
        let bound = if use_upper { hi } else { lo };
        beta -= a * bound;
        // Measured from the upper bound, the variable's coefficient flips.
        let (c, distance) = if use_upper {
            (-a, hi - x[k])
        } else {
            (a, x[k] - lo)
        };
        let term = |a| Term {
            k,
            a,
            from_upper: use_upper,
            bound,
            y: distance,
        };
        if relax.integer[k] {
            wholes.push(term(c));
        } else if c < 0.0 {
            // A continuous term that can only loosen the row joins s; the
            // others are dropped.
            slacks.push(term(-c));
        }
    }
    if wholes.is_empty() || !beta.is_finite() {
        return None;
    }
    let s_value: f64 = slacks.iter().map(|s| s.a * s.y).sum();
    let s_norm: f64 = slacks.iter().map(|s| s.a * s.a).sum();
    let mut best: Option<(f64, f64)> = None;
    let try_divisor = |d: f64, best: &mut Option<(f64, f64)>| {
        if let Some(violation) = violation(&wholes, beta, s_value, s_norm, d) {
            if best.is_none_or(|(v, _)| violation > v) {
                *best = Some((violation, d));
            }
        }
    };
    for w in &wholes {
        if w.y > 1e-6 && w.a.abs() > 1e-9 {
            try_divisor(w.a.abs(), &mut best);
        }
    }
    let (_, d) = best?;
    for factor in [2.0, 4.0, 8.0] {
        try_divisor(d / factor, &mut best);
    }
    let (violation, d) = best?;
    cut_row(&wholes, &slacks, beta, d).map(|row| (violation, row))
}

/// The coefficients of the cut in y and its right-hand side, for divisor
/// `d`; `None` when the fraction of `beta / d` is too near a whole number
/// for the cut to be safe.
fn rounded(wholes: &[Term], beta: f64, d: f64) -> Option<(Vec<f64>, f64, f64)> {
    let scaled = beta / d;
    let f = scaled - scaled.floor();
    if !(0.01..=0.99).contains(&f) {
        return None;
    }
    let g = wholes
        .iter()
        .map(|w| {
            let a = w.a / d;
            let fj = a - a.floor();
            a.floor() + (fj - f).max(0.0) / (1.0 - f)
        })
        .collect();
    Some((g, scaled.floor(), f))
}

fn violation(wholes: &[Term], beta: f64, s_value: f64, s_norm: f64, d: f64) -> Option<f64> {
    let (g, rhs, f) = rounded(wholes, beta, d)?;
    let mu = 1.0 / (d * (1.0 - f));
    let lhs: f64 = g.iter().zip(wholes).map(|(g, w)| g * w.y).sum::<f64>() - mu * s_value;
    let norm = (g.iter().map(|g| g * g).sum::<f64>() + mu * mu * s_norm).sqrt();
    (norm > 0.0).then(|| (lhs - rhs) / norm)
}

/// The cut in the model's variables.
fn cut_row(wholes: &[Term], slacks: &[Term], beta: f64, d: f64) -> Option<Row> {
    let (g, mut rhs, f) = rounded(wholes, beta, d)?;
    let mu = 1.0 / (d * (1.0 - f));
    let mut terms: Vec<(usize, f64)> = Vec::new();
    for (g, w) in g.iter().zip(wholes) {
        // g y with y = x - lo, or y = hi - x.
        if w.from_upper {
            terms.push((w.k, -g));
            rhs -= g * w.bound;
        } else {
            terms.push((w.k, *g));
            rhs += g * w.bound;
        }
    }
    for s in slacks {
        // - mu c t with t = x - lo, or t = hi - x.
        let c = mu * s.a;
        if s.from_upper {
            terms.push((s.k, c));
            rhs += c * s.bound;
        } else {
            terms.push((s.k, -c));
            rhs -= c * s.bound;
        }
    }
    terms.retain(|(_, a)| *a != 0.0);
    let largest = terms.iter().fold(0.0f64, |m, (_, a)| m.max(a.abs()));
    let smallest = terms.iter().fold(f64::INFINITY, |m, (_, a)| m.min(a.abs()));
    if terms.is_empty() || !rhs.is_finite() || largest > 1e9 || largest / smallest > 1e8 {
        return None;
    }
    // A hair of slack against round-off in the cut's own arithmetic.
    rhs += 1e-9 * rhs.abs().max(1.0) * terms.len() as f64;
    Some(Row {
        terms,
        equality: false,
        rhs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::rngs::Xoshiro256PlusPlus;
    use rand::{RngExt, SeedableRng};
    use std::collections::HashMap;

    /// A relaxation of one row over three whole variables in [0, 4] and
    /// one continuous in [0, 3]; no LP is needed to cut it.
    fn relaxation(row: Row) -> Relaxation {
        Relaxation {
            problem: microlp::Problem::new(microlp::OptimizationDirection::Minimize),
            lp_vars: Vec::new(),
            integer: vec![true, true, true, false],
            lower: vec![0.0; 4],
            upper: vec![4.0, 4.0, 4.0, 3.0],
            cost: vec![0.0; 4],
            constant: 0.0,
            sign: 1.0,
            rows: vec![row],
            index: HashMap::new(),
        }
    }

    #[test]
    fn a_cut_keeps_every_whole_point_of_its_row_and_cuts_off_the_lp_point() {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(7);
        let mut cuts = 0;
        for _ in 0..400 {
            let terms: Vec<(usize, f64)> =
                (0..4).map(|k| (k, rng.random_range(-9.0..9.0))).collect();
            let rhs = rng.random_range(-10.0..20.0);
            let equality = rng.random_range(0..4) == 0;
            let relax = relaxation(Row {
                terms: terms.clone(),
                equality,
                rhs,
            });
            let x: Vec<f64> = vec![
                rng.random_range(0.0..4.0),
                rng.random_range(0.0..4.0),
                rng.random_range(0.0..4.0),
                rng.random_range(0.0..3.0),
            ];
            for (_, cut) in mir_cuts(&relax, &x, 1e-6) {
                cuts += 1;
                let value = |row: &Row, p: &[f64]| -> f64 {
                    row.terms.iter().map(|&(k, a)| a * p[k]).sum()
                };
                assert!(value(&cut, &x) > cut.rhs, "the LP point is not cut off");
                for point in 0..125 {
                    for step in 0..=30 {
                        let p = [
                            (point % 5) as f64,
                            (point / 5 % 5) as f64,
                            (point / 25) as f64,
                            step as f64 * 0.1,
                        ];
                        let lhs: f64 = terms.iter().map(|&(k, a)| a * p[k]).sum();
                        let keeps = if equality {
                            (lhs - rhs).abs() <= 1e-12
                        } else {
                            lhs <= rhs
                        };
                        if keeps {
                            assert!(
                                value(&cut, &p) <= cut.rhs + 1e-9,
                                "the cut removes {p:?} of {terms:?} <= {rhs}"
                            );
                        }
                    }
                }
            }
        }
        assert!(cuts > 50, "only {cuts} cuts made");
    }
}
