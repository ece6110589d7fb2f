//! Drawing budget futures from a plan's `[uncertainty]`.
//!
//! Each future is drawn from its own generator, seeded from the run's seed
//! and the future's index, so future k is the same whatever the number of
//! threads or runs. History years (before the plan's first open year) are
//! never drawn: their money was spent as it was.

use crate::plan::uncertainty::{Triangle, Uncertainty};
use crate::plan::Plan;
use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};

/// One budget future: the share of B_y each year actually brings.
#[derive(Clone, Debug, PartialEq)]
pub struct Future {
    /// 0-based index among the runs.
    pub index: usize,
    /// The executed share of each horizon year's budget (1 in history).
    pub shares: Vec<f64>,
    /// The year a lasting cut starts, if this future has one.
    pub cut_from: Option<i32>,
    /// The share of each source's money that arrives, per source (plan
    /// order) and horizon year (1 in history); empty without `grants`.
    pub grants: Vec<Vec<f64>>,
    /// The factor on each foreign currency's rate from the first open year
    /// on; empty without `fx`.
    pub fx: Vec<(String, f64)>,
}

/// The generator of future `index` under `seed`: a fixed mix of both, so
/// futures are independent of each other and of the order they are drawn.
fn generator(seed: u64, index: usize) -> Xoshiro256PlusPlus {
    let mix = seed ^ (index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    Xoshiro256PlusPlus::seed_from_u64(mix)
}

/// Draws future `index`. `first_open` is the first year decisions and
/// money are still open; earlier years keep a share of 1.
pub fn draw(
    plan: &Plan,
    uncertainty: &Uncertainty,
    first_open: i32,
    seed: u64,
    index: usize,
) -> Future {
    let mut rng = generator(seed, index);
    let open: Vec<i32> = plan.years().filter(|y| *y >= first_open).collect();
    // The cut is drawn first, from the same generator every time, so
    // adding `execution` to a plan does not move its cuts.
    let cut_from = uncertainty.cut.and_then(|cut| {
        let hit = rng.random::<f64>() < cut.probability;
        let at = rng.random_range(0..open.len().max(1));
        (hit && !open.is_empty()).then(|| open[at])
    });
    let shares = plan
        .years()
        .map(|year| {
            if year < first_open {
                return 1.0;
            }
            let executed = uncertainty
                .execution
                .map_or(1.0, |t| triangular(t, rng.random::<f64>()));
            let kept = match (uncertainty.cut, cut_from) {
                (Some(cut), Some(from)) if year >= from => 1.0 - cut.share,
                _ => 1.0,
            };
            executed * kept
        })
        .collect();
    // Grants and rates are drawn after the budgets, so adding them to a
    // plan does not move its budget futures.
    let grants = match uncertainty.grants {
        Some(t) => plan
            .sources
            .iter()
            .map(|_| {
                plan.years()
                    .map(|year| {
                        if year < first_open {
                            1.0
                        } else {
                            triangular(t, rng.random::<f64>())
                        }
                    })
                    .collect()
            })
            .collect(),
        None => Vec::new(),
    };
    let fx = match uncertainty.fx {
        Some(t) => plan
            .foreign_currencies()
            .into_iter()
            .map(|c| (c, triangular(t, rng.random::<f64>())))
            .collect(),
        None => Vec::new(),
    };
    Future {
        index,
        shares,
        cut_from,
        grants,
        fx,
    }
}

/// The triangular distribution's inverse CDF at `u` in [0, 1).
pub fn triangular(t: Triangle, u: f64) -> f64 {
    let width = t.high - t.low;
    if width <= 0.0 {
        return t.mode;
    }
    let left = (t.mode - t.low) / width;
    if u < left {
        t.low + (u * width * (t.mode - t.low)).sqrt()
    } else {
        t.high - ((1.0 - u) * width * (t.high - t.mode)).sqrt()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_triangle_inverse_hits_its_corners() {
        let t = Triangle {
            low: 0.8,
            mode: 0.9,
            high: 1.0,
        };
        assert!((triangular(t, 0.0) - 0.8).abs() < 1e-12);
        assert!((triangular(t, 0.5) - 0.9).abs() < 1e-12);
        assert!((triangular(t, 1.0) - 1.0).abs() < 1e-12);
        // Below the mode the CDF is (x - low)^2 / ((high - low)(mode - low)).
        let x = triangular(t, 0.125);
        assert!(((x - 0.8).powi(2) / (0.2 * 0.1) - 0.125).abs() < 1e-12);
    }

    fn plan() -> Plan {
        let text = r#"
[plan]
name = "p"
start = 2025
end = 2028
[budget]
years = { 2025 = "10M", 2026 = "10M", 2027 = "10M", 2028 = "10M" }
[[item]]
id = "a"
unit_cost = "1M"
max_units = 1
contributes = { g = 1 }
[[goal]]
id = "g"
targets = { 2028 = 1 }
[uncertainty]
execution = { low = 0.5, mode = 0.7, high = 0.9 }
cut = { probability = 1.0, share = 0.5 }
"#;
        crate::plan::load_text("p.toml", text)
            .map(|(plan, _)| plan)
            .unwrap_or_else(|e| panic!("{}", e.render(false)))
    }

    #[test]
    fn history_years_are_never_drawn() {
        let plan = plan();
        for index in 0..50 {
            let future = draw(&plan, &plan.uncertainty, 2027, 3, index);
            assert_eq!(&future.shares[..2], &[1.0, 1.0]);
            assert!(future.shares[2..].iter().all(|s| *s < 0.9));
            assert!(future.cut_from.is_some_and(|y| y >= 2027));
        }
    }

    #[test]
    fn a_future_depends_on_its_index_and_seed_only() {
        let plan = plan();
        let a = draw(&plan, &plan.uncertainty, 2025, 9, 4);
        let b = draw(&plan, &plan.uncertainty, 2025, 9, 4);
        let c = draw(&plan, &plan.uncertainty, 2025, 9, 5);
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn a_degenerate_triangle_is_its_mode() {
        let t = Triangle {
            low: 0.9,
            mode: 0.9,
            high: 0.9,
        };
        assert_eq!(triangular(t, 0.3), 0.9);
    }

    #[test]
    fn the_mean_of_many_draws_is_the_triangles_mean() {
        let t = Triangle {
            low: 0.85,
            mode: 0.9,
            high: 0.96,
        };
        let mut rng = generator(7, 0);
        let n = 20_000;
        let mean = (0..n)
            .map(|_| triangular(t, rng.random::<f64>()))
            .sum::<f64>()
            / n as f64;
        // The mean of a triangle is (low + mode + high) / 3; the standard
        // error of 20,000 draws is about 0.0002.
        assert!((mean - (0.85 + 0.9 + 0.96) / 3.0).abs() < 0.001, "{mean}");
    }
}
