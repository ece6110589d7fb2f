//! Which variable to branch on: pseudo-costs, the average loss of bound
//! per unit of rounding seen so far on each variable in each direction.
//! Both children of every branching are solved at once, so each branching
//! teaches both directions. A variable not yet branched on is estimated by
//! the average over the variables that were; before any branching, every
//! estimate is one and the choice is the most fractional variable. Ties go
//! to the lowest variable index, so the choice is deterministic.

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

    /// The fractional variable whose rounding is expected to move the
    /// bound most in both directions (the product of the two estimated
    /// losses), or `None` when every whole variable is whole.
    pub fn select(&self, values: &[f64], integer: &[bool]) -> Option<usize> {
        let mut best: Option<(usize, f64)> = None;
        for (k, (&x, &whole)) in values.iter().zip(integer).enumerate() {
            if !whole {
                continue;
            }
            let f = x - x.floor();
            if f <= INTEGRALITY || f >= 1.0 - INTEGRALITY {
                continue;
            }
            let down = f * Self::estimate(self.down[k], self.down_total);
            let up = (1.0 - f) * Self::estimate(self.up[k], self.up_total);
            let score = down.max(1e-6) * up.max(1e-6);
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((k, score));
            }
        }
        best.map(|(k, _)| k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_history_the_most_fractional_variable_is_chosen() {
        let p = Pseudocosts::new(4);
        // 0.5 is the most fractional; the continuous 0.5 is skipped.
        let values = [0.9, 2.5, 0.5, 3.0];
        let integer = [true, true, false, true];
        assert_eq!(p.select(&values, &integer), Some(1));
        assert_eq!(p.select(&[1.0, 2.0], &[true, true]), None);
    }

    #[test]
    fn a_variable_whose_rounding_costs_more_is_chosen_first() {
        let mut p = Pseudocosts::new(2);
        // Variable 1 lost 10 per unit both ways, variable 0 one.
        p.record(0, false, 0.5, 0.5);
        p.record(0, true, 0.5, 0.5);
        p.record(1, false, 0.5, 5.0);
        p.record(1, true, 0.5, 5.0);
        assert_eq!(p.select(&[0.5, 0.4], &[true, true]), Some(1));
    }
}
