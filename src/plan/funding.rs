//! Money from several sources, in several currencies, at current prices
//! (plan format section 8): exchange rates, price escalation and funding
//! sources, as the validated plan holds them.
//!
//! This is also the one floating-point statement of "what one unit of an
//! item ordered in year o costs in year y" ([`Item::payment_share_in`],
//! [`Item::running_share_in`], [`Item::cost_share_in`]): every f64 copy of
//! the rule (the model's coefficients, order bounds and headroom, the
//! greedy and warm starts) calls these. The exact-cents ledger
//! ([`crate::ledger`]) re-derives the same rule on its own, from
//! [`Plan::rate`] and [`Plan::price_level`], as an independent check. For
//! a plan without `[fx]` or `[escalation]` every factor is exactly 1.0, so
//! its numbers are bit for bit those of format v1.

use super::{Item, Plan};
use crate::money::Money;

/// The name of the national source (the `[budget]`); reserved as an id.
pub const NATIONAL: &str = "national";

/// Exchange rates of one currency: plan-currency units per unit of it.
#[derive(Clone, Debug, PartialEq)]
pub struct FxRate {
    pub currency: String,
    /// One rate for every year, or one per year.
    pub rates: FxRates,
}

/// One rate for all years, or a rate per year.
#[derive(Clone, Debug, PartialEq)]
pub enum FxRates {
    Flat(f64),
    /// (year, rate), ascending by year.
    ByYear(Vec<(i32, f64)>),
}

impl FxRates {
    /// The rate of a year, if one is given.
    pub fn in_year(&self, year: i32) -> Option<f64> {
        match self {
            FxRates::Flat(rate) => Some(*rate),
            FxRates::ByYear(rates) => rates.iter().find(|(y, _)| *y == year).map(|(_, r)| *r),
        }
    }
}

/// What a funding source may pay for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Covers {
    /// Payments for orders (P).
    Acquisition,
    /// Running costs of delivered units (S).
    Sustainment,
    Both,
}

impl Covers {
    /// The name used in plan files.
    pub fn name(self) -> &'static str {
        match self {
            Covers::Acquisition => "acquisition",
            Covers::Sustainment => "sustainment",
            Covers::Both => "both",
        }
    }

    /// Whether it pays order payments.
    pub fn acquisition(self) -> bool {
        matches!(self, Covers::Acquisition | Covers::Both)
    }

    /// Whether it pays running costs.
    pub fn sustainment(self) -> bool {
        matches!(self, Covers::Sustainment | Covers::Both)
    }
}

/// A `[[source]]`: money from outside the national budget (a grant, a
/// trust fund), with its own ledger.
#[derive(Clone, Debug)]
pub struct Source {
    pub id: String,
    pub name: String,
    /// The currency of `years`.
    pub currency: String,
    /// Money provided in each horizon year, in `currency`, as written
    /// (zero for years not named). One entry per horizon year.
    pub years: Vec<Money>,
    /// G_{s,y}: the same money in the plan currency, converted at the
    /// year's rate. One entry per horizon year.
    pub grant: Vec<Money>,
    /// Share of the unspent balance that stays available the next year.
    pub carryover: f64,
    pub covers: Covers,
    /// `may_pay[item]`: whether the source may pay for the item.
    pub may_pay: Vec<bool>,
    /// Where the source is declared (its `id`).
    pub at: crate::diagnostic::Location,
}

impl Source {
    /// Whether the source may pay the payments (`sustainment` false) or the
    /// running costs (`sustainment` true) of item `i`.
    pub fn pays(&self, i: usize, sustainment: bool) -> bool {
        let covered = if sustainment {
            self.covers.sustainment()
        } else {
            self.covers.acquisition()
        };
        covered && self.may_pay[i]
    }
}

/// The price factors of one item, one per horizon year: E_i(t) and the
/// rate X_{c_i}(t) of its currency.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemPricing {
    /// The first horizon year (index 0 of both vectors).
    pub start: i32,
    /// E_i(t) = (1 + r_i)^(t - price_year).
    pub levels: Vec<f64>,
    /// X_{c_i}(t); years after the horizon use the last.
    pub rates: Vec<f64>,
}

impl ItemPricing {
    /// Factors of 1.0 for every year (a v1 item).
    pub fn flat(start: i32, years: usize) -> ItemPricing {
        ItemPricing {
            start,
            levels: vec![1.0; years],
            rates: vec![1.0; years],
        }
    }

    fn index(&self, year: i32, len: usize) -> usize {
        usize::try_from(year - self.start)
            .unwrap_or(0)
            .min(len.saturating_sub(1))
    }

    /// E_i at `year` (clamped to the horizon).
    pub fn level(&self, year: i32) -> f64 {
        self.levels
            .get(self.index(year, self.levels.len()))
            .copied()
            .unwrap_or(1.0)
    }

    /// X at `year` (the rate of `end` after the horizon).
    pub fn rate(&self, year: i32) -> f64 {
        self.rates
            .get(self.index(year, self.rates.len()))
            .copied()
            .unwrap_or(1.0)
    }
}

impl Item {
    /// The share of one unit's cost (`unit_cost`, in plan currency per unit
    /// of its own) paid in `year` for a unit ordered in `order_year`:
    /// payments[year - order_year] * E_i(order_year) * X(year).
    pub fn payment_share_in(&self, order_year: i32, year: i32) -> f64 {
        let paid = usize::try_from(year - order_year)
            .ok()
            .and_then(|k| self.payments.get(k))
            .copied()
            .unwrap_or(0.0);
        paid * self.pricing.level(order_year) * self.pricing.rate(year)
    }

    /// The running cost in `year` of one delivered unit, as a share of
    /// `unit_cost`: sustainment * E_i(year) * X(year).
    pub fn running_share(&self, year: i32) -> f64 {
        self.sustainment * self.pricing.level(year) * self.pricing.rate(year)
    }

    /// The running cost in `year` of one unit ordered in `order_year`: the
    /// [`Item::running_share`] from the year after delivery on, else 0.
    pub fn running_share_in(&self, order_year: i32, year: i32) -> f64 {
        if year > order_year + self.lead_time {
            self.running_share(year)
        } else {
            0.0
        }
    }

    /// The share of one unit's cost that falls in `year` when the unit is
    /// ordered in `order_year`: its payment that year, plus its running
    /// cost from the year after delivery (the spec's P and S, escalated and
    /// converted).
    pub fn cost_share_in(&self, order_year: i32, year: i32) -> f64 {
        self.payment_share_in(order_year, year) + self.running_share_in(order_year, year)
    }
}

impl Plan {
    /// X_c(year): plan-currency units per unit of `currency` (1 for the
    /// plan currency), if a rate is known.
    pub fn rate(&self, currency: &str, year: i32) -> Option<f64> {
        if currency == self.currency {
            return Some(1.0);
        }
        self.fx
            .iter()
            .find(|f| f.currency == currency)
            .and_then(|f| f.rates.in_year(year))
    }

    /// E_i(year) = (1 + r_i)^(year - price_year) of item `i`.
    pub fn price_level(&self, i: usize, year: i32) -> f64 {
        (1.0 + self.items[i].escalation).powi(year - self.price_year)
    }

    /// Whether the plan has funding sources besides the national budget.
    pub fn has_sources(&self) -> bool {
        !self.sources.is_empty()
    }

    /// The currencies other than the plan's that the plan holds rates for.
    pub fn foreign_currencies(&self) -> Vec<String> {
        self.fx.iter().map(|f| f.currency.clone()).collect()
    }

    /// Moves the rate of `currency` by `factor` in `from` and every later
    /// horizon year, everywhere the plan holds it: the `[fx]` rates the
    /// exact ledger reads, the price factors of the items bought in it,
    /// and the money of the sources granted in it (re-converted at the
    /// moved rate). Earlier years keep their rate.
    pub fn move_rate(&mut self, currency: &str, from: i32, factor: f64) {
        let years: Vec<i32> = (self.start..=self.end).collect();
        let Some(fx) = self.fx.iter_mut().find(|f| f.currency == currency) else {
            return;
        };
        let moved: Vec<(i32, f64)> = years
            .iter()
            .filter_map(|&y| {
                let rate = fx.rates.in_year(y)?;
                Some((y, if y >= from { rate * factor } else { rate }))
            })
            .collect();
        fx.rates = FxRates::ByYear(moved);
        let start = self.start;
        for item in self.items.iter_mut().filter(|i| i.currency == currency) {
            for (t, rate) in item.pricing.rates.iter_mut().enumerate() {
                if start + t as i32 >= from {
                    *rate *= factor;
                }
            }
        }
        let rates: Vec<Option<f64>> = years.iter().map(|&y| self.rate(currency, y)).collect();
        for source in self.sources.iter_mut().filter(|s| s.currency == currency) {
            for (t, rate) in rates.iter().enumerate() {
                if let (Some(rate), true) = (rate, start + t as i32 >= from) {
                    source.grant[t] = source.years[t].times(*rate);
                }
            }
        }
    }

    /// Keeps `share` of source `s`'s money in horizon year index `t`.
    pub fn scale_grant(&mut self, s: usize, t: usize, share: f64) {
        if let Some(source) = self.sources.get_mut(s) {
            for money in [&mut source.years, &mut source.grant] {
                if let Some(m) = money.get_mut(t) {
                    *m = m.times(share);
                }
            }
        }
    }
}
