//! Exact money.
//!
//! Every amount that capplan reads, checks or reports is a whole number of
//! cents. Floating point appears only inside the solver; schedules coming back
//! from it are priced again here, so the budget rules are checked on the
//! numbers the planner reads. This module knows nothing about plans.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

/// An amount of money in cents of the plan's currency.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(i64);

/// The largest amount a plan may hold: 10^15 currency units (a quadrillion),
/// far beyond any defence budget but safely inside `i64` cents with room for
/// sums over many years.
pub const MAX_UNITS: f64 = 1e15;

impl Money {
    /// No money.
    pub const ZERO: Money = Money(0);

    /// An amount from whole cents.
    pub const fn from_cents(cents: i64) -> Money {
        Money(cents)
    }

    /// The amount in cents.
    pub const fn cents(self) -> i64 {
        self.0
    }

    /// An amount from currency units, rounded to the nearest cent.
    /// Callers guarantee `units` is finite and within [`MAX_UNITS`].
    pub fn from_units(units: f64) -> Money {
        Money((units * 100.0).round() as i64)
    }

    /// The amount in currency units (for JSON, spreadsheets and the solver).
    pub fn to_units(self) -> f64 {
        self.0 as f64 / 100.0
    }

    /// This amount times a factor, rounded to the nearest cent.
    pub fn times(self, factor: f64) -> Money {
        Money((self.0 as f64 * factor).round() as i64)
    }

    /// The larger of zero and this amount.
    pub fn max_zero(self) -> Money {
        Money(self.0.max(0))
    }

    /// A compact human form: `12.5M`, `1.25bn`, `250k`, `900`.
    pub fn short(self) -> String {
        short_amount(self.to_units())
    }
}

/// A compact human form of an amount in currency units: three significant
/// digits at most after the scale suffix, trailing zeros dropped.
pub fn short_amount(units: f64) -> String {
    let abs = units.abs();
    let (value, suffix) = if abs >= 1e9 {
        (units / 1e9, "bn")
    } else if abs >= 1e6 {
        (units / 1e6, "M")
    } else if abs >= 1e3 {
        (units / 1e3, "k")
    } else {
        (units, "")
    };
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    let text = if text == "-0" { "0" } else { text };
    format!("{text}{suffix}")
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.short())
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        self.0 += rhs.0;
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, rhs: Money) {
        self.0 -= rhs.0;
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

/// Splits `total` over shares that sum to one, in whole cents, so that the
/// parts add up to `total` exactly: part k is the rounded cumulative share up
/// to k minus the rounded cumulative share before it.
pub fn split_by_shares(total: Money, shares: &[f64]) -> Vec<Money> {
    let mut parts = Vec::with_capacity(shares.len());
    let mut cumulative = 0.0;
    let mut paid = Money::ZERO;
    for (k, share) in shares.iter().enumerate() {
        cumulative += share;
        let upto = if k + 1 == shares.len() {
            total
        } else {
            total.times(cumulative)
        };
        parts.push(upto - paid);
        paid = upto;
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_round_trip_to_the_cent() {
        assert_eq!(Money::from_units(67_000_000.0).cents(), 6_700_000_000);
        assert_eq!(Money::from_units(0.015).cents(), 2);
        assert_eq!(Money::from_cents(1234).to_units(), 12.34);
    }

    #[test]
    fn short_form_picks_the_scale() {
        assert_eq!(short_amount(12_500_000.0), "12.5M");
        assert_eq!(short_amount(1_250_000_000.0), "1.25bn");
        assert_eq!(short_amount(250_000.0), "250k");
        assert_eq!(short_amount(900.0), "900");
        assert_eq!(short_amount(0.0), "0");
        assert_eq!(short_amount(-3_000_000.0), "-3M");
    }

    #[test]
    fn split_keeps_every_cent() {
        let total = Money::from_cents(1001);
        let parts = split_by_shares(total, &[0.2, 0.3, 0.3, 0.2]);
        assert_eq!(parts.iter().copied().sum::<Money>(), total);
        assert_eq!(parts[0].cents(), 200);
    }
}
