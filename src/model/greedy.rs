//! A greedy schedule to start the best-score stage from: orders by goal
//! points per euro, a few units at a time, while every year's money holds.
//!
//! It is only a first incumbent: the solver prunes against it from its
//! first node and, when the time limit runs out before it finds better,
//! still has a schedule to show. Points per euro are what a unit would add
//! to the score (capped by what each milestone still needs) over what it
//! costs within the horizon (payments and running costs), each year's
//! euros priced by how full that year already is: running costs pile up in
//! the late years, and an order that adds to a nearly spent year rates
//! low while years with room stay cheap. A candidate is taken while its
//! order bounds, `max_units`, its prerequisites and the budget with
//! carry-over allow; the best one is kept in a heap and re-rated lazily,
//! since a candidate's rate only falls as milestones and years fill. One
//! waiting for a prerequisite is tried again once more has been ordered.
//!
//! The greedy runs in rounds: each starts from prices nearer those the
//! round before ended with, so that years which fill up late cost more
//! from the first order on, and the best round's schedule is kept.

use super::{Model, Units};
use crate::plan::Plan;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// The most units added one candidate at a time, so that a plan of
/// millions of tiny contributions still gets its start quickly.
const MAX_STEPS: usize = 100_000;

/// Greedy rounds at most, each from the prices the one before ended
/// with, and how many in a row may bring no better score before the
/// rounds stop.
const PRICE_ROUNDS: usize = 30;
const ROUNDS_WITHOUT_GAIN: usize = 8;

/// How far a round moves a year's starting price towards the price the
/// round before ended with (as a power of their ratio): small steps, since
/// a year priced too high from the start lapses money instead.
const PRICE_STEP: f64 = 0.2;

impl Model {
    /// `units[item][year index]`, fixed orders included: a schedule within
    /// this model's order bounds that keeps every year's spend within its
    /// money, chosen by goal points per euro.
    pub fn greedy_schedule(&self, plan: &Plan) -> Vec<Vec<f64>> {
        let mut base = vec![1.0; plan.horizon_len()];
        let mut best: Option<(f64, Vec<Vec<f64>>)> = None;
        let mut since_better = 0;
        for _ in 0..PRICE_ROUNDS {
            let mut greedy = Greedy::new(plan, &self.orders, base.clone());
            greedy.run();
            let score = crate::schedule::score(plan, &greedy.units);
            // The next round starts from prices nearer the ones this round
            // ended with: years that filled up cost more from the start.
            for (b, end) in base.iter_mut().zip(&greedy.price) {
                *b *= (end / *b).max(1.0).powf(PRICE_STEP);
            }
            if best.as_ref().is_none_or(|(most, _)| score > *most) {
                best = Some((score, greedy.units));
                since_better = 0;
            } else {
                since_better += 1;
                if since_better == ROUNDS_WITHOUT_GAIN {
                    break;
                }
            }
        }
        best.map(|(_, units)| units).unwrap_or_default()
    }
}

struct Greedy<'p> {
    plan: &'p Plan,
    /// Order bound per item and year index; 0 where no order can be placed.
    upper: Vec<Vec<f64>>,
    units: Vec<Vec<f64>>,
    /// New units per item, against `max_units` less the fixed orders.
    room: Vec<f64>,
    /// Spend per year index, in currency units.
    spend: Vec<f64>,
    /// What a currency unit spent in each year index is worth against the
    /// money that year has left: 1 in an untouched year, rising as the
    /// year fills (see `reprice`).
    price: Vec<f64>,
    /// The prices this round starts from (1 in the first round).
    base: Vec<f64>,
    /// Points each milestone can still credit, by goal and milestone.
    need: Vec<Vec<f64>>,
    /// Payments due after `end` so far, in currency units (kept within
    /// `[budget] max_after_end` when the plan has it).
    after_end: f64,
}

impl<'p> Greedy<'p> {
    fn new(plan: &'p Plan, orders: &[Vec<Units>], base: Vec<f64>) -> Greedy<'p> {
        let upper = orders
            .iter()
            .map(|row| {
                row.iter()
                    .map(|u| match *u {
                        Units::Var { upper, .. } => upper,
                        Units::Fixed(_) | Units::None => 0.0,
                    })
                    .collect()
            })
            .collect();
        let room = plan
            .items
            .iter()
            .map(|item| item.max_units - item.fixed_total())
            .collect();
        let need = plan
            .goals
            .iter()
            .map(|g| g.milestones.iter().map(|m| m.target).collect())
            .collect();
        let mut greedy = Greedy {
            plan,
            upper,
            units: vec![vec![0.0; plan.horizon_len()]; plan.items.len()],
            room,
            spend: vec![0.0; plan.horizon_len()],
            price: base.clone(),
            base,
            need,
            after_end: 0.0,
        };
        for (i, item) in plan.items.iter().enumerate() {
            for fixed in &item.fixed {
                greedy.add(i, plan.year_index(fixed.year), fixed.units);
            }
        }
        greedy
    }

    fn run(&mut self) {
        self.place_minimums();
        let mut heap = BinaryHeap::new();
        for (i, row) in self.upper.iter().enumerate() {
            for (t, &upper) in row.iter().enumerate() {
                if upper > 0.0 {
                    heap.push(Candidate {
                        rate: self.rate(i, t),
                        item: i,
                        year: t,
                    });
                }
            }
        }
        // Candidates whose prerequisites are not yet delivered wait, and
        // go back on the heap once something more has been ordered.
        let mut waiting: Vec<Candidate> = Vec::new();
        let mut steps = 0;
        let mut taken_since_wait = false;
        loop {
            let Some(c) = heap.pop().filter(|c| c.rate > 0.0 && steps < MAX_STEPS) else {
                if !taken_since_wait || waiting.is_empty() || steps >= MAX_STEPS {
                    break;
                }
                taken_since_wait = false;
                for c in waiting.drain(..) {
                    heap.push(Candidate {
                        rate: self.rate(c.item, c.year),
                        ..c
                    });
                }
                continue;
            };
            let rate = self.rate(c.item, c.year);
            if rate < c.rate {
                heap.push(Candidate { rate, ..c });
                continue;
            }
            if !self.prerequisites_met(c.item, c.year) {
                waiting.push(c);
                continue;
            }
            if self.take(c.item, c.year) {
                steps += 1;
                taken_since_wait = true;
                heap.push(Candidate {
                    rate: self.rate(c.item, c.year),
                    ..c
                });
            }
        }
    }

    /// Units an item must have (`min_units`) beyond its fixed orders, in
    /// its earliest open years, where the money allows.
    fn place_minimums(&mut self) {
        for i in 0..self.plan.items.len() {
            let item = &self.plan.items[i];
            let mut missing = item.min_units - item.fixed_total();
            for t in 0..self.plan.horizon_len() {
                let step = missing.min(self.upper[i][t]).min(self.room[i]);
                if step > 1e-9 && self.prerequisites_met(i, t) && self.affordable(i, t, step) {
                    self.add(i, t, step);
                    missing -= step;
                }
            }
        }
    }

    /// Score a unit of `item` ordered in year index `t` would add, per unit
    /// of currency it would cost within the horizon.
    fn rate(&self, item: usize, t: usize) -> f64 {
        let plan = self.plan;
        let it = &plan.items[item];
        let delivered = plan.start + t as i32 + it.lead_time;
        let mut value = 0.0;
        for &(g, points) in &it.contributes {
            let goal = &plan.goals[g];
            for (m, milestone) in goal.milestones.iter().enumerate() {
                if milestone.year >= delivered {
                    value += goal.weight / milestone.target * points.min(self.need[g][m]);
                }
            }
        }
        let cost = self
            .unit_spend(item, t)
            .iter()
            .zip(&self.price)
            .map(|(spend, price)| spend * price)
            .sum::<f64>();
        if value <= 0.0 {
            0.0
        } else if cost <= 0.0 {
            f64::MAX
        } else {
            value / cost
        }
    }

    /// Tries a step of `item` in year index `t`: as many units as fill the
    /// smallest need it serves (at least one, or the fraction left), else
    /// one unit. Returns whether any was taken.
    fn take(&mut self, item: usize, t: usize) -> bool {
        let it = &self.plan.items[item];
        let left = (self.upper[item][t] - self.units[item][t]).min(self.room[item]);
        if !self.prerequisites_met(item, t) {
            return false;
        }
        let fill = self.units_to_fill(item, t);
        let mut steps = vec![fill.min(left)];
        if !it.divisible {
            steps = steps.into_iter().map(|s| (s + 1e-9).floor()).collect();
            steps.push(1.0f64.min(left));
        }
        for step in steps {
            if step > 1e-9 && self.affordable(item, t, step) {
                self.add(item, t, step);
                return true;
            }
        }
        false
    }

    /// Units that fill the smallest positive need `item` serves from year
    /// index `t`.
    fn units_to_fill(&self, item: usize, t: usize) -> f64 {
        let plan = self.plan;
        let it = &plan.items[item];
        let delivered = plan.start + t as i32 + it.lead_time;
        let mut fewest = f64::INFINITY;
        for &(g, points) in &it.contributes {
            for (m, milestone) in plan.goals[g].milestones.iter().enumerate() {
                let need = self.need[g][m];
                if milestone.year >= delivered && need > 0.0 && points > 0.0 {
                    fewest = fewest.min(need / points);
                }
            }
        }
        if fewest.is_finite() {
            fewest.max(1.0)
        } else {
            1.0
        }
    }

    fn prerequisites_met(&self, item: usize, t: usize) -> bool {
        let plan = self.plan;
        let year = plan.start + t as i32;
        plan.items[item].requires.iter().all(|&j| {
            let last_order = year - plan.items[j].lead_time;
            let delivered: f64 = plan
                .years()
                .take_while(|&y| y <= last_order)
                .map(|y| self.units[j][plan.year_index(y)])
                .sum();
            delivered >= 1.0 - 1e-9
        })
    }

    /// Spend one unit of `item` ordered in year index `t` brings to each
    /// year, in currency units.
    fn unit_spend(&self, item: usize, t: usize) -> Vec<f64> {
        let plan = self.plan;
        let it = &plan.items[item];
        let cost = it.unit_cost.to_units();
        let order_year = plan.start + t as i32;
        plan.years()
            .map(|year| it.cost_share_in(order_year, year) * cost)
            .collect()
    }

    /// Payments one unit of `item` ordered in year index `t` leaves after
    /// `end`, in currency units (the rule of `model::after_end`).
    fn unit_after_end(&self, item: usize, t: usize) -> f64 {
        let plan = self.plan;
        let it = &plan.items[item];
        let order_year = plan.start + t as i32;
        (0..it.payments.len())
            .map(|k| order_year + k as i32)
            .filter(|year| *year > plan.end)
            .map(|year| it.payment_share_in(order_year, year))
            .sum::<f64>()
            * it.unit_cost.to_units()
    }

    /// Whether every year's spend stays within its money, carry-over
    /// included, and the payments after `end` within their cap, with `step`
    /// more units of `item` in year index `t`.
    fn affordable(&self, item: usize, t: usize, step: f64) -> bool {
        let budget = &self.plan.budget;
        if let Some(cap) = &budget.max_after_end {
            let cap = cap.amount.to_units();
            let after = self.after_end + step * self.unit_after_end(item, t);
            if after > cap + 1e-9 * cap.abs().max(1.0) {
                return false;
            }
        }
        let extra = self.unit_spend(item, t);
        let spend = |y: usize| self.spend[y] + step * extra[y];
        // Exact fits are common (round figures): allowed, up to the float
        // noise of adding up the payments.
        self.available(spend)
            .iter()
            .enumerate()
            .all(|(y, available)| spend(y) <= available + 1e-9 * available.abs().max(1.0))
    }

    /// The money each year has when each year spends `spend(y)`: its own
    /// budget plus what the year before carries in, up to the cap.
    fn available(&self, spend: impl Fn(usize) -> f64) -> Vec<f64> {
        let budget = &self.plan.budget;
        let mut carry = 0.0;
        budget
            .years
            .iter()
            .enumerate()
            .map(|(y, year)| {
                let available = year.budget.to_units() + carry;
                carry = (available - spend(y)).min(budget.carry_cap(y).to_units());
                available
            })
            .collect()
    }

    /// Prices each year by how full it is: its budget over the money it
    /// has left (carry-over included), so that an order whose payments or
    /// running costs fall in a nearly spent year rates low while years with
    /// room stay cheap. Prices only rise as orders are added, so a rate
    /// only falls and the heap's lazy re-rating stays right.
    fn reprice(&mut self) {
        let available = self.available(|y| self.spend[y]);
        for (y, year) in self.plan.budget.years.iter().enumerate() {
            let own = year.budget.to_units().abs().max(1.0);
            let left = available[y] - self.spend[y];
            self.price[y] = self.base[y] * own / left.max(1e-6 * own);
        }
    }

    fn add(&mut self, item: usize, t: usize, step: f64) {
        let plan = self.plan;
        let extra = self.unit_spend(item, t);
        for (s, e) in self.spend.iter_mut().zip(&extra) {
            *s += step * e;
        }
        if plan.budget.max_after_end.is_some() {
            self.after_end += step * self.unit_after_end(item, t);
        }
        if self.upper[item][t] > 0.0 {
            self.room[item] -= step;
        }
        self.units[item][t] += step;
        self.reprice();
        let it = &plan.items[item];
        let delivered = plan.start + t as i32 + it.lead_time;
        for &(g, points) in &it.contributes {
            for (m, milestone) in plan.goals[g].milestones.iter().enumerate() {
                if milestone.year >= delivered {
                    let need = &mut self.need[g][m];
                    *need = (*need - step * points).max(0.0);
                }
            }
        }
    }
}

/// A candidate order and its last known rate; the heap pops the highest
/// rate first, then the earliest item and year, so the schedule does not
/// depend on anything but the plan.
#[derive(Clone, Copy)]
struct Candidate {
    rate: f64,
    item: usize,
    year: usize,
}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.rate
            .total_cmp(&other.rate)
            .then(other.item.cmp(&self.item))
            .then(other.year.cmp(&self.year))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Candidate {}

#[cfg(test)]
mod tests {
    use crate::model::{Model, Stage};
    use crate::plan::load_text;

    fn plan(items: &str) -> crate::plan::Plan {
        plan_with_target(items, 4)
    }

    fn plan_with_target(items: &str, target: u32) -> crate::plan::Plan {
        let text = format!(
            r#"
[plan]
name = "greedy"
start = 2025
end = 2027

[budget]
years = {{ 2025 = 100, 2026 = 100, 2027 = 100 }}
{items}
[[goal]]
id = "g"
targets = {{ 2027 = {target} }}
"#
        );
        match load_text("greedy.toml", &text) {
            Ok((plan, _)) => plan,
            Err(e) => panic!("test plan invalid: {e}"),
        }
    }

    #[test]
    fn the_best_rate_fills_the_need_and_nothing_more() {
        // `cheap` earns a point for 20, `dear` a point for 60: four cheap
        // units meet the target of 4; `dear` adds nothing after that.
        let p = plan(
            "[[item]]\nid = \"cheap\"\nunit_cost = 20\nmax_units = 10\ncontributes = { g = 1 }\n\
             [[item]]\nid = \"dear\"\nunit_cost = 60\nmax_units = 10\ncontributes = { g = 1 }\n",
        );
        let model = Model::build(&p, Stage::MaxScore);
        let units = model.greedy_schedule(&p);
        assert_eq!(units[0].iter().sum::<f64>(), 4.0, "{units:?}");
        assert_eq!(units[1].iter().sum::<f64>(), 0.0, "{units:?}");
        assert!(model.start_from(&p, &units).is_some());
    }

    #[test]
    fn money_and_prerequisites_hold() {
        // `launcher` (50 a unit) needs a `post` (90, worth nothing) delivered
        // first: the post takes most of 2025's money, launchers follow.
        let p = plan(
            "[[item]]\nid = \"post\"\nunit_cost = 90\nmax_units = 1\nmin_units = 1\n\
             [[item]]\nid = \"launcher\"\nunit_cost = 50\nmax_units = 10\nrequires = [\"post\"]\ncontributes = { g = 1 }\n",
        );
        let model = Model::build(&p, Stage::MaxScore);
        let units = model.greedy_schedule(&p);
        assert_eq!(units[0], vec![1.0, 0.0, 0.0], "{units:?}");
        assert_eq!(units[1][0], 0.0, "no launcher before the post: {units:?}");
        // 2026 and 2027 have 100 each (plus 10 carried from 2025): two
        // launchers a year.
        assert_eq!(units[1].iter().sum::<f64>(), 4.0, "{units:?}");
        assert!(model.start_from(&p, &units).is_some());
    }

    #[test]
    fn an_order_waiting_for_its_prerequisite_is_placed_once_the_prerequisite_is() {
        // `launcher` (a point for 20) rates above `post` (a point for 40),
        // but needs a post delivered first: it waits, and goes in after.
        let p = plan(
            "[[item]]\nid = \"post\"\nunit_cost = 40\nmax_units = 1\ncontributes = { g = 1 }\n\
             [[item]]\nid = \"launcher\"\nunit_cost = 20\nmax_units = 10\nrequires = [\"post\"]\ncontributes = { g = 1 }\n",
        );
        let model = Model::build(&p, Stage::MaxScore);
        let units = model.greedy_schedule(&p);
        assert_eq!(units[0], vec![1.0, 0.0, 0.0], "{units:?}");
        assert_eq!(units[1].iter().sum::<f64>(), 3.0, "{units:?}");
        assert_eq!(units[1][0], 0.0, "no launcher before the post: {units:?}");
    }

    #[test]
    fn running_costs_in_a_full_year_push_orders_earlier() {
        // A unit costs 50 in its order year and 10 a year after. Priced
        // only by its cost within the horizon, 2027 is the cheapest year to
        // order in; two units there fill 2027, and every earlier unit's
        // running cost would break it. Priced by how full each year is,
        // 2027 costs more as it fills, and the three units fit.
        let p = plan_with_target(
            "[[item]]\nid = \"unit\"\nunit_cost = 50\nmax_units = 3\nlead_time = 0\n\
             sustainment = 0.2\ncontributes = { g = 1 }\n",
            3,
        );
        let model = Model::build(&p, Stage::MaxScore);
        let units = model.greedy_schedule(&p);
        assert_eq!(units[0].iter().sum::<f64>(), 3.0, "{units:?}");
        assert!(
            units[0][2] < 2.0,
            "2027 not filled by orders alone: {units:?}"
        );
        assert!(model.start_from(&p, &units).is_some());
    }
}
