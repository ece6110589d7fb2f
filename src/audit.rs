//! The post-solve check: every rule of the plan format, re-checked on the
//! rounded schedule in exact money.
//!
//! The solver works in floating point with tolerances; a planner reads
//! cents. Money is checked exactly: a schedule that spends one cent more
//! than a year has breaks the budget rule (the solver's tolerance is
//! handled before the check, by [`crate::exact_budget`]). Unit counts and
//! goal points are quantities, not money, and keep a small relative
//! tolerance. If the priced schedule breaks a rule, capplan says so and
//! refuses to call the plan optimal.

use crate::ledger::Ledger;
use crate::money::Money;
use crate::plan::{Objective, Plan};
use crate::schedule::Schedule;
use std::fmt;

/// Slack allowed on unit counts and goal points, relative.
const UNITS_TOLERANCE: f64 = 1e-6;

/// A rule the schedule breaks.
#[derive(Clone, Debug, PartialEq)]
pub enum Violation {
    OverBudget {
        year: i32,
        spend: Money,
        available: Money,
    },
    UnitTotal {
        item: String,
        units: f64,
        min: f64,
        max: f64,
    },
    PerYearCap {
        item: String,
        year: i32,
        units: f64,
        cap: f64,
    },
    OutsideOrderYears {
        item: String,
        year: i32,
    },
    FixedChanged {
        item: String,
        year: i32,
        units: f64,
        fixed: f64,
    },
    PrerequisiteMissing {
        item: String,
        year: i32,
        requires: String,
    },
    TargetMissed {
        goal: String,
        year: i32,
        achieved: f64,
        target: f64,
    },
    /// The payments due after `end` exceed `[budget] max_after_end`.
    AfterEndCap {
        end: i32,
        payments: Money,
        cap: Money,
    },
    /// A funding source pays more than it has in a year.
    SourceOverspent {
        source: String,
        year: i32,
        spend: Money,
        available: Money,
    },
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Violation::OverBudget {
                year,
                spend,
                available,
            } => write!(
                f,
                "{year}: spend {} exceeds the {} available by {}",
                spend.short(),
                available.short(),
                (*spend - *available).short()
            ),
            Violation::UnitTotal {
                item,
                units,
                min,
                max,
            } => {
                write!(f, "`{item}`: {units} units in total, outside {min}..={max}")
            }
            Violation::PerYearCap {
                item,
                year,
                units,
                cap,
            } => {
                write!(
                    f,
                    "`{item}`: {units} units ordered in {year}, above max_per_year {cap}"
                )
            }
            Violation::OutsideOrderYears { item, year } => {
                write!(f, "`{item}`: ordered in {year}, outside its order years")
            }
            Violation::FixedChanged {
                item,
                year,
                units,
                fixed,
            } => {
                write!(
                    f,
                    "`{item}`: {units} units in {year}, but {fixed} are fixed"
                )
            }
            Violation::PrerequisiteMissing {
                item,
                year,
                requires,
            } => write!(
                f,
                "`{item}`: ordered in {year} before `{requires}` is delivered"
            ),
            Violation::TargetMissed {
                goal,
                year,
                achieved,
                target,
            } => {
                write!(
                    f,
                    "`{goal}` {year}: {achieved} points, below the target {target}"
                )
            }
            Violation::AfterEndCap { end, payments, cap } => write!(
                f,
                "payments due after {end} add up to {}, above max_after_end {} by {}",
                payments.short(),
                cap.short(),
                (*payments - *cap).short()
            ),
            Violation::SourceOverspent {
                source,
                year,
                spend,
                available,
            } => write!(
                f,
                "source `{source}` {year}: pays {} of the {} it has, {} too much",
                spend.short(),
                available.short(),
                (*spend - *available).short()
            ),
        }
    }
}

/// Checks a priced schedule against every rule.
pub fn check(plan: &Plan, schedule: &Schedule, ledger: &Ledger) -> Vec<Violation> {
    let mut found = Vec::new();
    check_budget(plan, ledger, &mut found);
    check_sources(plan, ledger, &mut found);
    check_after_end(plan, ledger, &mut found);
    check_units(plan, schedule, &mut found);
    check_prerequisites(plan, schedule, ledger, &mut found);
    if plan.objective == Objective::MinCost {
        check_targets(plan, ledger, &mut found);
    }
    found
}

///
/// Exact to the cent, except for one allowance: a history year (before
/// `as_of`, section 7) pays for orders that are facts, and splitting each
/// of them into whole cents by its payment shares may put a cent more in
/// that year than the floating-point share did; one cent per order paying
/// in the year is allowed there, nothing in an open year.
fn check_budget(plan: &Plan, ledger: &Ledger, found: &mut Vec<Violation>) {
    for y in &ledger.years {
        let allowance = if plan.is_history(y.year) {
            let paying = ledger
                .orders
                .iter()
                .filter(|o| {
                    o.year <= y.year && y.year < o.year + plan.items[o.item].payments.len() as i32
                })
                .count();
            Money::from_cents(paying as i64)
        } else {
            Money::ZERO
        };
        if y.national_spend > y.available + allowance {
            found.push(Violation::OverBudget {
                year: y.year,
                spend: y.national_spend,
                available: y.available,
            });
        }
    }
}

/// Each funding source's ledger: U_{s,y} <= G_{s,y} + c_{s,y-1}.
fn check_sources(plan: &Plan, ledger: &Ledger, found: &mut Vec<Violation>) {
    for source in &ledger.funding.sources {
        for y in &source.years {
            if y.spend > y.available {
                found.push(Violation::SourceOverspent {
                    source: plan.sources[source.source].id.clone(),
                    year: y.year,
                    spend: y.spend,
                    available: y.available,
                });
            }
        }
    }
}

/// `[budget] max_after_end`: the payments after the horizon, to the cent.
fn check_after_end(plan: &Plan, ledger: &Ledger, found: &mut Vec<Violation>) {
    if let Some(cap) = &plan.budget.max_after_end {
        if crate::after_horizon::excess(plan, ledger) > Money::ZERO {
            found.push(Violation::AfterEndCap {
                end: plan.end,
                payments: ledger.commitments_after_horizon,
                cap: cap.amount,
            });
        }
    }
}

fn exceeds(value: f64, bound: f64) -> bool {
    value > bound + UNITS_TOLERANCE * bound.abs().max(1.0)
}

fn check_units(plan: &Plan, schedule: &Schedule, found: &mut Vec<Violation>) {
    for (i, item) in plan.items.iter().enumerate() {
        let total: f64 = schedule.units[i].iter().sum();
        if exceeds(item.min_units, total) || exceeds(total, item.max_units) {
            found.push(Violation::UnitTotal {
                item: item.id.clone(),
                units: total,
                min: item.min_units,
                max: item.max_units,
            });
        }
        for year in plan.years() {
            let units = schedule.units[i][plan.year_index(year)];
            if let Some(fixed) = item.fixed_in(year) {
                if (units - fixed).abs() > UNITS_TOLERANCE {
                    found.push(Violation::FixedChanged {
                        item: item.id.clone(),
                        year,
                        units,
                        fixed,
                    });
                }
                continue;
            }
            if units <= 0.0 {
                continue;
            }
            if !item.order_years.contains(&year) {
                found.push(Violation::OutsideOrderYears {
                    item: item.id.clone(),
                    year,
                });
            }
            if let Some(cap) = item.max_per_year.filter(|cap| exceeds(units, *cap)) {
                found.push(Violation::PerYearCap {
                    item: item.id.clone(),
                    year,
                    units,
                    cap,
                });
            }
        }
    }
}

fn check_prerequisites(
    plan: &Plan,
    schedule: &Schedule,
    ledger: &Ledger,
    found: &mut Vec<Violation>,
) {
    for (i, item) in plan.items.iter().enumerate() {
        for year in plan.years() {
            let t = plan.year_index(year);
            if schedule.units[i][t] <= 0.0 || item.fixed_in(year).is_some() {
                continue;
            }
            for &j in &item.requires {
                if ledger.delivered[j][t] < 1.0 - UNITS_TOLERANCE {
                    found.push(Violation::PrerequisiteMissing {
                        item: item.id.clone(),
                        year,
                        requires: plan.items[j].id.clone(),
                    });
                }
            }
        }
    }
}

fn check_targets(plan: &Plan, ledger: &Ledger, found: &mut Vec<Violation>) {
    for (g, goal) in plan.goals.iter().enumerate() {
        // History milestones are what history attained, not targets.
        for m in goal.milestones.iter().filter(|m| !plan.is_history(m.year)) {
            let achieved = ledger.attainment(plan, g, m.year);
            if exceeds(m.target, achieved) {
                found.push(Violation::TargetMissed {
                    goal: goal.id.clone(),
                    year: m.year,
                    achieved,
                    target: m.target,
                });
            }
        }
    }
}
