//! Axes for the review pack's charts: round tick values and the money unit
//! an axis is labelled in.
//!
//! These map report values to pixels; they never change a value.

/// A linear axis from a round minimum (zero unless zoomed) to a round
/// maximum, with round ticks.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    /// The smallest value the axis shows (a tick; zero unless zoomed).
    pub min: f64,
    /// The largest value the axis shows (a tick).
    pub max: f64,
    /// Tick values from `min` to `max`.
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
            min: 0.0,
            max: steps as f64 * step,
            ticks,
        }
    }

    /// An axis zoomed to the values from `lowest` to `highest`, with about
    /// `count` round ticks and room on both sides, kept inside
    /// `floor..=ceiling` (e.g. 0..=100 for percentages). Small differences
    /// (91.5 against 93.4) then take a visible share of the axis; the axis
    /// spans at least one unit.
    pub fn zoomed(lowest: f64, highest: f64, count: usize, floor: f64, ceiling: f64) -> Axis {
        if !(lowest.is_finite() && highest.is_finite() && floor < ceiling) {
            return Axis::up_to(ceiling, count);
        }
        let (lo, hi) = (lowest.min(highest), lowest.max(highest));
        let span = (hi - lo).max(1.0);
        let step = nice_step(span * 1.6 / count.max(1) as f64);
        let min = (((lo - span * 0.5) / step).floor() * step).max(floor);
        let max = (((hi + span * 0.15) / step).ceil() * step).min(ceiling);
        let steps = ((max - min) / step - 1e-9).ceil().max(1.0) as usize;
        let ticks = (0..=steps)
            .map(|k| min + k as f64 * step)
            .filter(|t| *t <= max + 1e-9)
            .collect();
        Axis { min, max, ticks }
    }

    /// Whether the axis starts above zero (its bars are not to scale from
    /// zero, and the chart must say so).
    pub fn is_zoomed(&self) -> bool {
        self.min > 0.0
    }

    /// The share of the axis length at `value`, clamped to 0..=1.
    pub fn share(&self, value: f64) -> f64 {
        let length = self.max - self.min;
        if value.is_finite() && length > 0.0 {
            ((value - self.min) / length).clamp(0.0, 1.0)
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
        let (divisor, prefix) = crate::render::format::scale_for(largest);
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
    fn a_zoomed_axis_spreads_close_values() {
        // 91.5 and 95.7: span 4.2, step nice(4.2 * 1.6 / 5 = 1.344) = 2;
        // min floor((91.5 - 2.1) / 2) * 2 = 88; max ceil((95.7 + 0.63) / 2) * 2 = 98.
        let a = Axis::zoomed(91.5, 95.7, 5, 0.0, 100.0);
        assert_eq!((a.min, a.max), (88.0, 98.0));
        assert_eq!(a.ticks, vec![88.0, 90.0, 92.0, 94.0, 96.0, 98.0]);
        assert!(a.is_zoomed());
        // 93.4 - 91.5 is 19% of the axis, not 1.9% as on 0-100.
        let gap = a.share(93.4) - a.share(91.5);
        assert!((gap - 0.19).abs() < 1e-9, "{gap}");
        // Kept within the ceiling: 99 and 100 give an axis ending at 100.
        let top = Axis::zoomed(99.0, 100.0, 5, 0.0, 100.0);
        assert_eq!(top.max, 100.0);
        assert!(top.min >= 98.0 - 1e-9 && top.min < 99.0, "{top:?}");
        // One value: an axis of at least one unit around it.
        let one = Axis::zoomed(50.0, 50.0, 5, 0.0, 100.0);
        assert!(one.min < 50.0 && one.max > 50.0, "{one:?}");
        // Low values stop at the floor: the axis is then not zoomed.
        assert!(!Axis::zoomed(0.0, 3.0, 5, 0.0, 100.0).is_zoomed());
        assert_eq!(Axis::up_to(86.83, 5).min, 0.0);
    }

    #[test]
    fn money_unit_follows_the_largest_amount() {
        assert_eq!(MoneyUnit::for_largest(86.8e6).label("EUR"), "M EUR");
        assert_eq!(MoneyUnit::for_largest(2e9).prefix, "bn");
        assert_eq!(MoneyUnit::for_largest(12.0).label("EUR"), "EUR");
    }
}
