//! Axes for the review pack's charts: round tick values and the money unit
//! an axis is labelled in.
//!
//! These map report values to pixels; they never change a value.

/// A linear axis from zero to a round maximum, with round ticks.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    /// The largest value the axis shows (a tick).
    pub max: f64,
    /// Tick values from zero to `max`.
    pub ticks: Vec<f64>,
}

impl Axis {
    /// An axis that shows values up to `largest` with about `count` ticks.
    /// A largest value of zero (or less, or not finite) gives the axis 0..1.
    pub fn up_to(largest: f64, count: usize) -> Axis {
        let largest = if largest.is_finite() && largest > 0.0 {
            largest
        } else {
            1.0
        };
        let step = nice_step(largest / count.max(1) as f64);
        let steps = (largest / step - 1e-9).ceil().max(1.0) as usize;
        let ticks = (0..=steps).map(|k| k as f64 * step).collect();
        Axis {
            max: steps as f64 * step,
            ticks,
        }
    }

    /// The share of the axis length at `value`, clamped to 0..=1.
    pub fn share(&self, value: f64) -> f64 {
        if value.is_finite() && self.max > 0.0 {
            (value / self.max).clamp(0.0, 1.0)
        } else {
            0.0
        }
    }
}

/// The smallest of 1, 2, 2.5, 5 x 10^k at or above `raw`.
fn nice_step(raw: f64) -> f64 {
    let magnitude = 10f64.powf(raw.log10().floor());
    let fraction = raw / magnitude;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 2.5 {
        2.5
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * magnitude
}

/// The unit money axes are labelled in: thousands, millions or billions of
/// the plan's currency, chosen from the largest amount shown.
#[derive(Clone, Debug, PartialEq)]
pub struct MoneyUnit {
    /// Currency units per axis unit.
    pub divisor: f64,
    /// `k`, `M`, `bn` or empty.
    pub prefix: &'static str,
}

impl MoneyUnit {
    /// The unit for amounts up to `largest` currency units.
    pub fn for_largest(largest: f64) -> MoneyUnit {
        let (divisor, prefix) = if largest >= 1e9 {
            (1e9, "bn")
        } else if largest >= 1e6 {
            (1e6, "M")
        } else if largest >= 1e3 {
            (1e3, "k")
        } else {
            (1.0, "")
        };
        MoneyUnit { divisor, prefix }
    }

    /// The axis label, e.g. `M EUR`.
    pub fn label(&self, currency: &str) -> String {
        if self.prefix.is_empty() {
            currency.to_string()
        } else {
            format!("{} {currency}", self.prefix)
        }
    }
}

/// A tick value without noise: `0`, `2.5`, `100`.
pub fn tick_label(x: f64) -> String {
    crate::render::number(x, 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_end_on_a_round_tick() {
        let a = Axis::up_to(86.83, 5);
        assert_eq!(a.max, 100.0);
        assert_eq!(a.ticks, vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        assert_eq!(Axis::up_to(100.0, 5).max, 100.0);
        assert_eq!(Axis::up_to(0.0, 5).max, 1.0);
        assert_eq!(Axis::up_to(f64::NAN, 5).max, 1.0);
        assert!(Axis::up_to(1.2e-7, 4).ticks.len() >= 2);
    }

    #[test]
    fn money_unit_follows_the_largest_amount() {
        assert_eq!(MoneyUnit::for_largest(86.8e6).label("EUR"), "M EUR");
        assert_eq!(MoneyUnit::for_largest(2e9).prefix, "bn");
        assert_eq!(MoneyUnit::for_largest(12.0).label("EUR"), "EUR");
    }
}
