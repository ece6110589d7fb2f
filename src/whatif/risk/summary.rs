//! What a set of budget futures says: readiness bands, the probability of
//! each milestone, how often each item is bought, and the no-regret list.
//!
//! Percentiles are nearest-rank: P_q of n sorted values is the value at
//! rank ceil(q n). Shares of futures are exact counts over the futures
//! named in each field's documentation.

use super::{Outcome, RiskOptions};
use crate::money::Money;
use crate::plan::Plan;
use crate::provenance::Provenance;
use crate::report::{Report, Status};

/// Items bought in at least this share of futures are no-regret.
pub const NO_REGRET: f64 = 0.9;
/// Items bought in fewer than this share of futures are best deferred.
pub const DEFER: f64 = 0.1;

/// P10, P50 and P90 of some values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bands<T> {
    pub p10: T,
    pub p50: T,
    pub p90: T,
}

/// Readiness over the futures with a schedule.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadinessRisk {
    pub bands: Option<Bands<f64>>,
    pub mean: Option<f64>,
    /// Futures per 10-point bin: [0, 10), [10, 20), ..., [90, 100].
    pub histogram: Vec<usize>,
}

/// One milestone across the futures.
#[derive(Clone, Debug, PartialEq)]
pub struct MilestoneRisk {
    pub goal: String,
    pub name: String,
    pub year: i32,
    /// Share of all futures in which the milestone is met (a future with
    /// no schedule meets none).
    pub probability_met: f64,
    /// Mean credited share of the target, over futures with a schedule.
    pub mean_credited: Option<f64>,
    /// Met in the plan as it stands (its own budgets).
    pub met_in_plan: bool,
}

/// What the futures say about buying an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Bought in at least 90% of futures with a schedule.
    NoRegret,
    /// Bought in fewer than 10%.
    Defer,
    /// In between: right in some futures, wrong in others.
    Bet,
    /// Nothing to decide: the item can only have its fixed orders.
    Fixed,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::NoRegret => "no-regret",
            Verdict::Defer => "defer",
            Verdict::Bet => "bet",
            Verdict::Fixed => "fixed",
        }
    }

    fn of(share: f64) -> Verdict {
        if share >= NO_REGRET {
            Verdict::NoRegret
        } else if share < DEFER {
            Verdict::Defer
        } else {
            Verdict::Bet
        }
    }
}

/// One item across the futures.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemRisk {
    pub item: String,
    pub name: String,
    /// Share of futures with a schedule that order it beyond fixed orders.
    pub share_bought: f64,
    /// Median units and first order year over the futures that buy it.
    pub median_units: Option<f64>,
    pub median_year: Option<i32>,
    pub verdict: Verdict,
    /// Units the plan as it stands orders beyond fixed orders.
    pub units_in_plan: f64,
}

/// Money of one year across the futures with a schedule.
#[derive(Clone, Debug, PartialEq)]
pub struct YearRisk {
    pub year: i32,
    /// The plan's own B_y.
    pub budget: Money,
    /// The drawn B_y over all futures.
    pub drawn: Bands<Money>,
    /// Spend over the futures with a schedule.
    pub spend: Option<Bands<Money>>,
}

/// The whole risk analysis.
#[derive(Clone, Debug)]
pub struct RiskReport {
    pub plan: String,
    pub currency: String,
    pub backend: &'static str,
    pub options: RiskOptions,
    /// The first year that is drawn (earlier years are history).
    pub first_open: i32,
    pub futures: usize,
    /// Futures with a schedule.
    pub scheduled: usize,
    pub infeasible: usize,
    /// Futures whose solve was not proven (counted, and said).
    pub not_proven: usize,
    /// Futures whose schedule failed the exact-money check.
    pub failed_check: usize,
    /// The most common cause of infeasibility and how many futures had it.
    pub common_cause: Option<(String, usize)>,
    pub readiness: ReadinessRisk,
    /// The plan as it stands, solved on its own budgets.
    pub plan_readiness: Option<f64>,
    pub plan_status: Status,
    pub milestones: Vec<MilestoneRisk>,
    /// In file order.
    pub items: Vec<ItemRisk>,
    pub years: Vec<YearRisk>,
    /// Every future's draw and result, in index order.
    pub outcomes: Vec<Outcome>,
    pub provenance: Provenance,
}

impl RiskReport {
    /// Summarises the futures against the plan's own solve (`base`).
    pub fn new(
        plan: &Plan,
        base: &Report,
        options: RiskOptions,
        outcomes: Vec<Outcome>,
        provenance: Provenance,
    ) -> RiskReport {
        let scheduled: Vec<&Outcome> = outcomes.iter().filter(|o| o.readiness.is_some()).collect();
        let mut causes: Vec<(String, usize)> = Vec::new();
        for cause in outcomes.iter().filter_map(|o| o.cause.as_ref()) {
            match causes.iter_mut().find(|(c, _)| c == cause) {
                Some((_, n)) => *n += 1,
                None => causes.push((cause.clone(), 1)),
            }
        }
        // The most frequent; the first seen among equals.
        let common_cause = causes
            .iter()
            .fold(None::<&(String, usize)>, |best, c| match best {
                Some(b) if b.1 >= c.1 => Some(b),
                _ => Some(c),
            })
            .cloned();
        RiskReport {
            plan: plan.name.clone(),
            currency: plan.currency.clone(),
            backend: base.solver.backend,
            options,
            first_open: super::first_open_year(plan),
            futures: outcomes.len(),
            scheduled: scheduled.len(),
            infeasible: outcomes
                .iter()
                .filter(|o| o.status == Status::Infeasible)
                .count(),
            not_proven: outcomes.iter().filter(|o| !o.proven).count(),
            failed_check: outcomes
                .iter()
                .filter(|o| o.readiness.is_some() && !o.checked)
                .count(),
            common_cause,
            readiness: readiness(&scheduled),
            plan_readiness: base.has_schedule().then_some(base.readiness),
            plan_status: base.status,
            milestones: milestones(base, &outcomes, &scheduled),
            items: items(plan, base, &scheduled),
            years: years(plan, &outcomes, &scheduled),
            outcomes,
            provenance,
        }
    }

    /// Share of all futures that are infeasible.
    pub fn infeasible_probability(&self) -> f64 {
        share(self.infeasible, self.futures)
    }

    /// Whether every future's solve was proven and every schedule checked.
    pub fn all_proven(&self) -> bool {
        self.not_proven == 0 && self.failed_check == 0
    }

    /// The items that are no-regret, in file order.
    pub fn no_regret(&self) -> impl Iterator<Item = &ItemRisk> {
        self.items.iter().filter(|i| i.verdict == Verdict::NoRegret)
    }
}

fn share(count: usize, of: usize) -> f64 {
    if of == 0 {
        0.0
    } else {
        count as f64 / of as f64
    }
}

/// Nearest-rank percentile of sorted values.
fn percentile<T: Copy>(sorted: &[T], q: f64) -> Option<T> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (q * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted.get(rank.min(sorted.len()) - 1).copied()
}

fn bands<T: Copy + PartialOrd>(mut values: Vec<T>) -> Option<Bands<T>> {
    values.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    Some(Bands {
        p10: percentile(&values, 0.1)?,
        p50: percentile(&values, 0.5)?,
        p90: percentile(&values, 0.9)?,
    })
}

fn readiness(scheduled: &[&Outcome]) -> ReadinessRisk {
    let values: Vec<f64> = scheduled.iter().filter_map(|o| o.readiness).collect();
    let mut histogram = vec![0; 10];
    for r in &values {
        let bin = ((r / 10.0).floor().max(0.0) as usize).min(9);
        histogram[bin] += 1;
    }
    let mean = (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64);
    ReadinessRisk {
        bands: bands(values),
        mean,
        histogram,
    }
}

/// A milestone counts as met when its credited share reaches the target
/// (the one rule, [`crate::report::meets_target`]).
fn met(credited_share: f64) -> bool {
    crate::report::meets_target(credited_share, 1.0)
}

fn milestones(base: &Report, all: &[Outcome], scheduled: &[&Outcome]) -> Vec<MilestoneRisk> {
    base.goals
        .iter()
        .enumerate()
        .map(|(m, goal)| {
            let shares: Vec<f64> = scheduled
                .iter()
                .filter_map(|o| o.credited.get(m).copied())
                .collect();
            let met_count = shares.iter().filter(|s| met(**s)).count();
            MilestoneRisk {
                goal: goal.goal.clone(),
                name: goal.name.clone(),
                year: goal.year,
                probability_met: share(met_count, all.len()),
                mean_credited: (!shares.is_empty())
                    .then(|| shares.iter().sum::<f64>() / shares.len() as f64),
                met_in_plan: base.has_schedule() && met(goal.credited / goal.target),
            }
        })
        .collect()
}

fn items(plan: &Plan, base: &Report, scheduled: &[&Outcome]) -> Vec<ItemRisk> {
    plan.items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let buying: Vec<&&Outcome> = scheduled.iter().filter(|o| o.units[i] > 0.0).collect();
            let share_bought = share(buying.len(), scheduled.len());
            let units_in_plan = base
                .orders
                .iter()
                .filter(|o| !o.fixed && o.item == item.id)
                .map(|o| o.units)
                .sum();
            ItemRisk {
                item: item.id.clone(),
                name: item.name.clone(),
                share_bought,
                median_units: bands(buying.iter().map(|o| o.units[i]).collect()).map(|b| b.p50),
                median_year: bands(buying.iter().filter_map(|o| o.first_year[i]).collect())
                    .map(|b| b.p50),
                verdict: if can_order_more(item) {
                    Verdict::of(share_bought)
                } else {
                    Verdict::Fixed
                },
                units_in_plan,
            }
        })
        .collect()
}

/// Whether any schedule could order the item beyond its fixed orders.
fn can_order_more(item: &crate::plan::Item) -> bool {
    item.max_units > item.fixed_total()
        && item
            .order_years
            .iter()
            .any(|year| item.fixed_in(*year).is_none())
}

fn years(plan: &Plan, all: &[Outcome], scheduled: &[&Outcome]) -> Vec<YearRisk> {
    plan.budget
        .years
        .iter()
        .enumerate()
        .filter_map(|(t, year)| {
            Some(YearRisk {
                year: year.year,
                budget: year.budget,
                drawn: bands(all.iter().map(|o| o.budgets[t]).collect())?,
                spend: bands(scheduled.iter().map(|o| o.spend[t]).collect()),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let values: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(percentile(&values, 0.1), Some(1.0));
        assert_eq!(percentile(&values, 0.5), Some(5.0));
        assert_eq!(percentile(&values, 0.9), Some(9.0));
        assert_eq!(percentile(&[3.0], 0.9), Some(3.0));
        assert_eq!(percentile::<f64>(&[], 0.5), None);
    }

    #[test]
    fn verdicts_follow_the_thresholds() {
        assert_eq!(Verdict::of(0.9), Verdict::NoRegret);
        assert_eq!(Verdict::of(0.89), Verdict::Bet);
        assert_eq!(Verdict::of(0.1), Verdict::Bet);
        assert_eq!(Verdict::of(0.09), Verdict::Defer);
    }
}
