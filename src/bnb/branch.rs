//! Which variable to branch on: pseudo-costs, the average loss of bound
//! per unit of rounding seen so far on each variable in each direction.
//! Both children of every branching are solved at once, so each branching
//! teaches both directions. A variable not yet branched on is estimated by
//! the average over the variables that were; before any branching, every
//! estimate is one, which ranks the most fractional variable first. The
//! search ([`super::search`]) tries a candidate whose estimates are not yet
//! [`Pseudocosts::reliable`] before trusting them (reliability branching).
//! Ties go to the lowest variable index, so the choice is deterministic.

/// A value within this of a whole number counts as whole.
pub(super) const INTEGRALITY: f64 = 1e-6;

/// Observed bound losses per variable and direction.
pub(super) struct Pseudocosts {
    down: Vec<(f64, u32)>,
    up: Vec<(f64, u32)>,
    down_total: (f64, u32),
    up_total: (f64, u32),
}

impl Pseudocosts {
    pub fn new(variables: usize) -> Pseudocosts {
        Pseudocosts {
            down: vec![(0.0, 0); variables],
            up: vec![(0.0, 0); variables],
            down_total: (0.0, 0),
            up_total: (0.0, 0),
        }
    }

    /// Records that rounding variable `k` down (`up == false`) or up by
    /// `distance` cost the bound `loss`.
    pub fn record(&mut self, k: usize, up: bool, distance: f64, loss: f64) {
        if distance < 1e-9 || !loss.is_finite() {
            return;
        }
        let per_unit = loss.max(0.0) / distance;
        let (entry, total) = if up {
            (&mut self.up[k], &mut self.up_total)
        } else {
            (&mut self.down[k], &mut self.down_total)
        };
        entry.0 += per_unit;
        entry.1 += 1;
        total.0 += per_unit;
        total.1 += 1;
    }

    fn estimate(entry: (f64, u32), total: (f64, u32)) -> f64 {
        if entry.1 > 0 {
            entry.0 / f64::from(entry.1)
        } else if total.1 > 0 {
            total.0 / f64::from(total.1)
        } else {
            1.0
        }
    }

    /// Whether variable `k` has been observed in both directions at least
    /// `times` times.
    pub fn reliable(&self, k: usize, times: u32) -> bool {
        self.down[k].1 >= times && self.up[k].1 >= times
    }

    /// The estimated score of branching on `k` at value `x`.
    pub fn score(&self, k: usize, x: f64) -> f64 {
        let f = x - x.floor();
        let down = f * Self::estimate(self.down[k], self.down_total);
        let up = (1.0 - f) * Self::estimate(self.up[k], self.up_total);
        down.max(1e-6) * up.max(1e-6)
    }

    /// Every fractional whole variable, best estimated score first (ties
    /// to the lower index).
    pub fn ranked(&self, values: &[f64], integer: &[bool]) -> Vec<usize> {
        let mut candidates: Vec<(usize, f64)> = values
            .iter()
            .zip(integer)
            .enumerate()
            .filter(|(_, (&x, &whole))| {
                let f = x - x.floor();
                whole && f > INTEGRALITY && f < 1.0 - INTEGRALITY
            })
            .map(|(k, (&x, _))| (k, self.score(k, x)))
            .collect();
        candidates.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        candidates.into_iter().map(|(k, _)| k).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_history_the_most_fractional_variable_ranks_first() {
        let p = Pseudocosts::new(4);
        // 0.5 is the most fractional; the continuous 0.5 and the whole
        // 3.0 are no candidates.
        let values = [0.9, 2.5, 0.5, 3.0];
        let integer = [true, true, false, true];
        assert_eq!(p.ranked(&values, &integer), vec![1, 0]);
        assert!(p.ranked(&[1.0, 2.0], &[true, true]).is_empty());
    }

    #[test]
    fn a_variable_whose_rounding_costs_more_ranks_first() {
        let mut p = Pseudocosts::new(2);
        // Variable 1 lost 10 per unit both ways, variable 0 one.
        p.record(0, false, 0.5, 0.5);
        p.record(0, true, 0.5, 0.5);
        p.record(1, false, 0.5, 5.0);
        p.record(1, true, 0.5, 5.0);
        assert_eq!(p.ranked(&[0.5, 0.4], &[true, true]), vec![1, 0]);
    }

    #[test]
    fn a_variable_is_reliable_once_seen_both_ways() {
        let mut p = Pseudocosts::new(1);
        assert!(!p.reliable(0, 1));
        p.record(0, false, 0.5, 1.0);
        assert!(!p.reliable(0, 1));
        p.record(0, true, 0.5, 1.0);
        assert!(p.reliable(0, 1));
        assert!(!p.reliable(0, 2));
    }
}
