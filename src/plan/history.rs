//! Planning from an as-of year: history turned into fixed orders.
//!
//! Plan format section 7: the years before `as_of` are history. Once a plan
//! is validated (and its baseline read), [`pin_history`] rewrites it so that
//! nothing downstream needs to know about history: every q[i,y] of a
//! history year becomes a fixed order (the plan's `fixed` entry, else the
//! baseline's units, else no order), no history year stays open to new
//! orders, and history envelopes are taken as written (B_y without
//! `scale`). The model, the ledger, the audit and the greedy start then see
//! ordinary fixed orders, which already ignore windows, phases,
//! `max_per_year` and prerequisites and count toward `min_units` and
//! `max_units`. Milestones in history are told apart by
//! [`Plan::is_history`]; they stay in the plan so that they are reported.
//! This module must not read files: the baseline's units arrive in
//! [`Plan::baseline`].

use super::{FixedOrder, Plan};
use crate::diagnostic::Location;

/// Pins every history year of `plan` (a no-op when `as_of == start`).
///
/// `baseline_at` is where the baseline's orders come from (the baseline
/// file), for pinned orders that a later diagnostic may point at.
pub fn pin_history(plan: &mut Plan, baseline_at: &Location) {
    if plan.as_of <= plan.start {
        return;
    }
    let as_of = plan.as_of;
    let start = plan.start;
    for (i, item) in plan.items.iter_mut().enumerate() {
        item.order_years.retain(|&y| y >= as_of);
        for year in start..as_of {
            if item.fixed_in(year).is_some() {
                continue;
            }
            let units = plan
                .baseline
                .as_ref()
                .and_then(|b| b.get(i))
                .and_then(|row| row.get((year - start) as usize))
                .copied()
                .unwrap_or(0.0);
            if units > 0.0 {
                item.fixed.push(FixedOrder {
                    year,
                    units,
                    at: baseline_at.clone(),
                });
            }
        }
        item.fixed.sort_by_key(|f| f.year);
    }
    plan.rescale_budget(plan.budget.scale);
}

impl Plan {
    /// Sets `budget.scale` and recomputes B_y of every open year; history
    /// envelopes are money already spent, so B_y = capital_share *
    /// envelope there whatever the scale (section 7).
    pub fn rescale_budget(&mut self, scale: f64) {
        self.budget.rescale(scale);
        let as_of = self.as_of;
        let share = self.budget.capital_share;
        for year in self.budget.years.iter_mut().filter(|y| y.year < as_of) {
            year.budget = year.envelope.times(share);
        }
    }

    /// The open years of the horizon (`as_of..=end`).
    pub fn open_years(&self) -> impl Iterator<Item = i32> + Clone {
        self.as_of..=self.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Money;
    use crate::plan::load_text;

    const PLAN: &str = r#"
[plan]
name = "t"
start = 2020
end = 2023
as_of = 2022

[budget]
years = { 2020 = 100, 2021 = 100, 2022 = 100, 2023 = 100 }
scale = 0.5

[[item]]
id = "radio"
unit_cost = 10
max_units = 9
max_per_year = 1
earliest = 2021
fixed = { 2020 = 2 }

[[goal]]
id = "c4"
targets = { 2021 = 2, 2023 = 4 }
"#;

    fn plan(baseline: Option<Vec<Vec<f64>>>) -> Plan {
        let (mut plan, _) = load_text("t.toml", PLAN).unwrap_or_else(|e| panic!("{e:?}"));
        plan.baseline = baseline;
        let at = Location {
            file: "approved.json".into(),
            line: 1,
            column: 1,
        };
        pin_history(&mut plan, &at);
        plan
    }

    #[test]
    fn history_takes_fixed_entries_then_the_baseline_then_nothing() {
        // The baseline's 2020 order is overruled by the fixed entry; its
        // 2021 order of 3 is pinned although max_per_year is 1; its 2022
        // order is open to decisions.
        let plan = plan(Some(vec![vec![5.0, 3.0, 1.0, 0.0]]));
        let radio = &plan.items[0];
        let fixed: Vec<(i32, f64)> = radio.fixed.iter().map(|f| (f.year, f.units)).collect();
        assert_eq!(fixed, [(2020, 2.0), (2021, 3.0)]);
        assert_eq!(radio.order_years, [2022, 2023]);
        let plan = plan_without_baseline();
        let fixed: Vec<(i32, f64)> = plan.items[0]
            .fixed
            .iter()
            .map(|f| (f.year, f.units))
            .collect();
        assert_eq!(fixed, [(2020, 2.0)]);
    }

    fn plan_without_baseline() -> Plan {
        plan(None)
    }

    #[test]
    fn scale_moves_only_open_years() {
        let plan = plan_without_baseline();
        let budgets: Vec<Money> = plan.budget.years.iter().map(|y| y.budget).collect();
        // History: 100 as written; open years: 100 * 0.5.
        assert_eq!(
            budgets,
            [10_000, 10_000, 5_000, 5_000].map(Money::from_cents)
        );
    }

    #[test]
    fn history_milestones_leave_max_score() {
        let plan = plan_without_baseline();
        assert!(plan.is_history(2021));
        assert!(!plan.is_history(2022));
        assert_eq!(plan.max_score(), 1.0);
    }
}
