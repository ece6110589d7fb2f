//! How uncertain the plan's money is: the `[uncertainty]` table.
//!
//! Budgets are not what the plan says: a share of each year's money is
//! never executed, and a year may bring a cut that lasts. These are the
//! distributions `capplan risk` draws budget futures from; where the plan
//! has funding sources and other currencies, grants may fall short and
//! exchange rates move too. They describe
//! the plan; drawing from them is [`crate::whatif::risk`]'s job.

/// A triangular distribution on a share of the budget: the least, the
/// most likely and the most that is actually available.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Triangle {
    pub low: f64,
    pub mode: f64,
    pub high: f64,
}

/// A lasting cut: with `probability`, from a year drawn evenly among the
/// open years on, every budget falls by `share`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shock {
    pub probability: f64,
    pub share: f64,
}

/// The `[uncertainty]` table of a plan.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Uncertainty {
    /// The share of each open year's budget that is executed, drawn
    /// independently for each year; none: the whole budget.
    pub execution: Option<Triangle>,
    /// A lasting cut; none: budgets are never cut.
    pub cut: Option<Shock>,
    /// The share of each source's money that arrives, drawn independently
    /// for each source and open year; none: every grant in full.
    pub grants: Option<Triangle>,
    /// A factor on the exchange rate of each currency other than the
    /// plan's, drawn once per currency for all open years (a lasting
    /// move); none: the rates as written.
    pub fx: Option<Triangle>,
}

impl Uncertainty {
    /// Whether nothing is uncertain: every future would be the plan.
    pub fn is_certain(&self) -> bool {
        *self == Uncertainty::default()
    }
}
