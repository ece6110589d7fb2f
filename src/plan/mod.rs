//! The validated plan: plain types, references resolved to indices.
//!
//! A [`Plan`] is what the rest of capplan works from. It holds no spans and
//! no raw TOML; where a later stage must point back at the file (an
//! infeasible fixed order, say), it carries a [`Location`]. It can only be
//! built by [`load`] or [`validate::validate`], so every `Plan` obeys the
//! rules of the plan format.

mod amount;
mod bounded;
pub mod funding;
pub mod history;
pub mod lint;
pub mod load;
mod magnitude;
mod printable;
mod reader;
pub mod tree;
pub mod uncertainty;
pub mod validate;

pub use amount::parse_amount_text;
pub use load::{load, load_text};

use crate::diagnostic::Location;
use crate::money::Money;

/// What the optimisation aims for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Objective {
    /// Best goal score first; then least total cost at that score.
    MaxGoals,
    /// Meet every milestone at least cost.
    MinCost,
}

impl Objective {
    /// The name used in plan files and results.
    pub fn name(self) -> &'static str {
        match self {
            Objective::MaxGoals => "max-goals",
            Objective::MinCost => "min-cost",
        }
    }
}

/// A whole plan.
#[derive(Clone, Debug)]
pub struct Plan {
    pub name: String,
    pub currency: String,
    /// First year of the horizon.
    pub start: i32,
    /// Last year of the horizon (inclusive).
    pub end: i32,
    pub objective: Objective,
    pub budget: Budget,
    pub phases: Vec<Phase>,
    pub items: Vec<Item>,
    pub goals: Vec<Goal>,
    /// How uncertain the money is (`[uncertainty]`), for `capplan risk`.
    pub uncertainty: uncertainty::Uncertainty,
    /// The first year still open to decisions (`start` unless `as_of` is
    /// given); the years before it are history ([`history`]).
    pub as_of: i32,
    /// `[plan] baseline` as written, with where it is written; resolved
    /// against the plan file's folder when the plan is loaded.
    pub baseline_key: Option<(String, Location)>,
    /// The approved programme's units, `[item][year index]`, once read
    /// (see [`history`]); the stability stage keeps close to it.
    pub baseline: Option<Vec<Vec<f64>>>,
    /// Unit costs are at this year's prices (`[plan] price_year`).
    pub price_year: i32,
    /// `[fx]`: exchange rates, in file order.
    pub fx: Vec<funding::FxRate>,
    /// `[[source]]`: funding besides the national budget, in file order.
    pub sources: Vec<funding::Source>,
}

impl Plan {
    /// Max score: the sum of goal weights over all milestones that are not
    /// history.
    pub fn max_score(&self) -> f64 {
        self.goals
            .iter()
            .map(|g| {
                let open = g.milestones.iter().filter(|m| !self.is_history(m.year));
                g.weight * open.count() as f64
            })
            .sum()
    }

    /// Whether a year lies before `as_of`: its orders and milestones are
    /// history, no longer open to decisions.
    pub fn is_history(&self, year: i32) -> bool {
        year < self.as_of
    }

    /// The items that serve goal `g`, with their points per delivered unit
    /// (above zero), in file order.
    pub fn contributors(&self, g: usize) -> Vec<(usize, f64)> {
        self.items
            .iter()
            .enumerate()
            .flat_map(|(i, item)| {
                item.contributes
                    .iter()
                    .filter(move |(goal, p)| *goal == g && *p > 0.0)
                    .map(move |(_, p)| (i, *p))
            })
            .collect()
    }

    /// The horizon's years in order.
    pub fn years(&self) -> impl Iterator<Item = i32> + Clone {
        self.start..=self.end
    }

    /// Number of years in the horizon.
    pub fn horizon_len(&self) -> usize {
        (self.end - self.start + 1) as usize
    }

    /// Index of a horizon year (0 for `start`).
    pub fn year_index(&self, year: i32) -> usize {
        (year - self.start) as usize
    }

    /// The phase a year lies in, if any.
    pub fn phase_of(&self, year: i32) -> Option<usize> {
        self.phases
            .iter()
            .position(|p| p.start <= year && year <= p.end)
    }
}

/// The defence envelopes and the rules for spending them.
#[derive(Clone, Debug)]
pub struct Budget {
    /// One entry per horizon year, in order.
    pub years: Vec<BudgetYear>,
    /// Share of a year's budget that may roll into the next year if unspent.
    pub carryover: f64,
    /// Share of each envelope open to the plan's items.
    pub capital_share: f64,
    /// Multiplier on every envelope.
    pub scale: f64,
    /// `max_after_end`: the most the payments falling after `end` may add
    /// up to (none when the key is absent); see [`AfterEndCap`].
    pub max_after_end: Option<AfterEndCap>,
}

/// `[budget] max_after_end`: a cap on the order payments due in the years
/// after `end`, from every source, in the plan currency at current prices
/// (the bill a plan leaves to the years after it). Running costs after the
/// horizon are not payments and do not count.
#[derive(Clone, Debug)]
pub struct AfterEndCap {
    pub amount: Money,
    /// Where the key is written.
    pub at: Location,
}

/// One year's money.
#[derive(Clone, Debug)]
pub struct BudgetYear {
    pub year: i32,
    /// The envelope as written in the plan.
    pub envelope: Money,
    /// B_y = scale * capital_share * envelope: what the plan's items may use.
    pub budget: Money,
    /// Where the envelope is written.
    pub at: Location,
}

impl Budget {
    /// Sets `scale` and recomputes every B_y, history years included: a
    /// plan with an as-of year uses [`Plan::rescale_budget`] instead.
    pub fn rescale(&mut self, scale: f64) {
        self.scale = scale;
        let factor = self.scale * self.capital_share;
        for year in &mut self.years {
            year.budget = year.envelope.times(factor);
        }
    }

    /// Multiplies one year's B_y by `factor` (a budget future of `capplan
    /// risk`, a sensitivity step); the envelope as written stays.
    pub fn scale_year(&mut self, index: usize, factor: f64) {
        if let Some(year) = self.years.get_mut(index) {
            year.budget = year.budget.times(factor);
        }
    }

    /// Sum of B_y over the horizon.
    pub fn total(&self) -> Money {
        self.years.iter().map(|y| y.budget).sum()
    }

    /// The carry-over cap of a year: carryover * B_y.
    pub fn carry_cap(&self, index: usize) -> Money {
        self.years[index].budget.times(self.carryover)
    }
}

/// A named span of years.
#[derive(Clone, Debug)]
pub struct Phase {
    pub id: String,
    pub name: String,
    pub start: i32,
    pub end: i32,
}

/// Something the plan can buy.
#[derive(Clone, Debug)]
pub struct Item {
    pub id: String,
    pub name: String,
    pub category: String,
    pub unit_cost: Money,
    pub min_units: f64,
    pub max_units: f64,
    pub max_per_year: Option<f64>,
    /// Fractional units allowed.
    pub divisible: bool,
    /// The years in which new orders may be placed (O_i), ascending.
    pub order_years: Vec<i32>,
    /// Years from order to delivery.
    pub lead_time: i32,
    /// Share of an order's cost paid in the order year, the next year, ...
    pub payments: Vec<f64>,
    /// Yearly running cost of one delivered unit, as a share of `unit_cost`.
    pub sustainment: f64,
    /// Indices of items that must be delivered before this one is ordered.
    pub requires: Vec<usize>,
    /// (goal index, points per delivered unit).
    pub contributes: Vec<(usize, f64)>,
    /// Orders already placed, by year, ascending.
    pub fixed: Vec<FixedOrder>,
    /// Where the item is declared (its `id`).
    pub at: Location,
    /// Where `min_units` is written, if it is.
    pub min_units_at: Option<Location>,
    /// The currency of `unit_cost`.
    pub currency: String,
    /// r_i: yearly price growth (the item's, its category's or the default).
    pub escalation: f64,
    /// E_i and X_{c_i} by horizon year (see [`funding`]).
    pub pricing: funding::ItemPricing,
}

impl Item {
    /// Units fixed in `year` (0 if none).
    pub fn fixed_in(&self, year: i32) -> Option<f64> {
        self.fixed.iter().find(|f| f.year == year).map(|f| f.units)
    }

    /// The most units that could be delivered by `year`: fixed orders
    /// delivered by then plus, in each order year early enough, the
    /// per-year cap, all within `max_units`. Money and prerequisites are
    /// left out, so this is an upper bound.
    pub fn most_delivered_by(&self, year: i32) -> f64 {
        let last_order = year - self.lead_time;
        let fixed = self
            .fixed
            .iter()
            .filter(|f| f.year <= last_order)
            .fold(0.0, |sum, f| sum + f.units);
        let open_years = self
            .order_years
            .iter()
            .filter(|y| **y <= last_order && self.fixed_in(**y).is_none())
            .count() as f64;
        let room = (self.max_units - self.fixed_total()).max(0.0);
        let orderable = match self.max_per_year {
            Some(cap) => (cap * open_years).min(room),
            None if open_years > 0.0 => room,
            None => 0.0,
        };
        fixed + orderable
    }

    /// Total fixed units.
    pub fn fixed_total(&self) -> f64 {
        // Folded from +0.0: an empty `f64` sum is -0.0, shown as "-0".
        self.fixed.iter().fold(0.0, |sum, f| sum + f.units)
    }
}

/// An order already placed.
#[derive(Clone, Debug)]
pub struct FixedOrder {
    pub year: i32,
    pub units: f64,
    pub at: Location,
}

/// An interoperability goal with milestones.
#[derive(Clone, Debug)]
pub struct Goal {
    pub id: String,
    pub name: String,
    pub weight: f64,
    /// Milestones by year, ascending.
    pub milestones: Vec<Milestone>,
    pub at: Location,
}

/// Points a goal must reach by a year.
#[derive(Clone, Debug)]
pub struct Milestone {
    pub year: i32,
    pub target: f64,
    pub at: Location,
}
