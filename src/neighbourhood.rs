//! Improving a schedule of a plan too large to search whole, by searching
//! sub-plans: most items keep the orders they have, a few are open again.
//!
//! A round picks the goals that lose the most score and opens the items
//! that serve them, their prerequisites and the items that require an open
//! one; every other item is pinned to its current orders as fixed orders.
//! That sub-plan is small enough for the branch and bound, which starts
//! from the current schedule (a schedule of the sub-plan too) and so can
//! only keep or raise the score. A better schedule is kept and the goals
//! are ranked again; otherwise the next goals on the list get their turn.
//! The rounds stop at the deadline, at the plan's most score, or when every
//! goal short of its target has had a round without gain.
//!
//! Nothing here is proven: the result is a starting schedule for the full
//! search, or what is shown (as not optimal) when the full search finds
//! nothing better in time.

use crate::model::Model;
use crate::plan::{FixedOrder, Plan};
use crate::schedule::{score, score_losses, Schedule, SourcePayment};
use std::time::Instant;

/// Variables of a best-score model from which its greedy start is first
/// improved by searching sub-plans: a model of this size can take microlp
/// minutes for its first LP alone (a generated 1000-item, 20-year plan
/// has 26,602 and its root LP takes about three minutes).
const LARGE_MODEL: usize = 10_000;

/// Items serving the goals of one round, at least (whole goals are
/// taken): measured on generated 1000-item plans, rounds of 15 items gain
/// more in a minute than rounds of 25 or 60, whose searches find nothing
/// better within their time.
const OPEN_ITEMS: usize = 15;

/// Seconds a round's search may take.
const ROUND_SECONDS: f64 = 2.0;

/// The improved schedule (rounded, with the funding split of the search
/// that found it) and what the rounds did, for the solver's note.
pub struct Improved {
    pub schedule: Schedule,
    pub rounds: usize,
    pub gains: usize,
    /// Branch-and-bound nodes of all the rounds' searches.
    pub nodes: u64,
    /// Seconds the greedy start and the rounds took.
    pub seconds: f64,
}

impl Improved {
    /// Why the schedule `values` of a large plan is not proven, and how
    /// far it can be from the best: at most the plan's most score less its
    /// score. `cost` is (sub-plans searched, cheaper schedules found) of
    /// the cost stages' rounds.
    pub fn note(&self, plan: &Plan, values: &[Vec<f64>], cost: (usize, usize)) -> String {
        let most = plan.max_score();
        let short = if most > 0.0 {
            100.0 * (most - score(plan, values)) / most
        } else {
            0.0
        };
        let mut note = format!(
            "the plan is too large to search whole in the time: the best-score stage started \
             from the greedy schedule, then searched {} ({} found a better schedule); the score \
             found is within {short:.2}% of the plan's most score, {most}, which bounds the \
             optimum",
            sub_plans(self.rounds),
            self.gains
        );
        if cost.0 > 0 {
            note += &format!(
                "; the cost stages searched {} ({} found a cheaper schedule)",
                sub_plans(cost.0),
                cost.1
            );
        }
        note
    }
}

/// "1 sub-plan", "3 sub-plans".
fn sub_plans(count: usize) -> String {
    match count {
        1 => "1 sub-plan".into(),
        n => format!("{n} sub-plans"),
    }
}

/// What a sub-plan's search found: the solver's orders and funding split,
/// unrounded, and the nodes it took.
pub struct SubResult {
    pub values: Vec<Vec<f64>>,
    pub funding: Vec<SourcePayment>,
    pub nodes: u64,
}

/// A sub-plan's search from a schedule, for some seconds.
pub type SubSearch<'a> = &'a dyn Fn(&Plan, &Schedule, f64) -> Option<SubResult>;

/// For a `model` of [`LARGE_MODEL`] variables or more (the best-score
/// stage of `plan`), its greedy schedule improved until `deadline`; `None`
/// for a smaller model, or a greedy schedule the model refuses. A
/// sub-plan's schedule is kept only if, rounded as a shown schedule is,
/// the model takes it and `keeps_rules` (the post-solve check) passes it.
pub fn improve_large(
    plan: &Plan,
    model: &Model,
    deadline: Instant,
    solve_sub: SubSearch<'_>,
    keeps_rules: impl Fn(&Schedule) -> bool,
) -> Option<Improved> {
    if model.variable_count() < LARGE_MODEL {
        return None;
    }
    let started = Instant::now();
    let greedy = Schedule::rounded(plan, &model.greedy_schedule(plan), Vec::new());
    model.start_from(plan, &greedy.units)?;
    let nodes = std::cell::Cell::new(0);
    let search = checked(plan, model, solve_sub, &keeps_rules, &nodes);
    let mut improved = improve(plan, greedy, deadline, &search);
    improved.nodes = nodes.get();
    improved.seconds = started.elapsed().as_secs_f64();
    Some(improved)
}

/// The cost stage's counterpart of [`improve_large`]: `start` (the
/// earlier stage's schedule) made cheaper by [`cheapen`] until
/// `deadline`, with the same checks on each sub-plan's schedule; `model`
/// is the cost stage's.
pub fn cheapen_large(
    plan: &Plan,
    model: &Model,
    start: Schedule,
    deadline: Instant,
    cost: &dyn Fn(&Schedule) -> f64,
    solve_sub: SubSearch<'_>,
    keeps_rules: impl Fn(&Schedule) -> bool,
) -> Improved {
    let started = Instant::now();
    let nodes = std::cell::Cell::new(0);
    let search = checked(plan, model, solve_sub, &keeps_rules, &nodes);
    let mut cheaper = cheapen(plan, start, deadline, cost, &search);
    cheaper.nodes = nodes.get();
    cheaper.seconds = started.elapsed().as_secs_f64();
    cheaper
}

/// A sub-plan's search as the rounds use it: its schedule rounded as a
/// shown schedule is, and kept only if `model` takes it and `keeps_rules`
/// passes it; its nodes added to `nodes`.
fn checked<'a>(
    plan: &'a Plan,
    model: &'a Model,
    solve_sub: SubSearch<'a>,
    keeps_rules: &'a dyn Fn(&Schedule) -> bool,
    nodes: &'a std::cell::Cell<u64>,
) -> impl Fn(&Plan, &Schedule, f64) -> Option<Schedule> + 'a {
    move |sub, start, seconds| {
        let found = solve_sub(sub, start, seconds)?;
        nodes.set(nodes.get() + found.nodes);
        let schedule = Schedule::rounded(plan, &found.values, found.funding);
        let takes = model
            .start_from_split(plan, &schedule.units, &schedule.funding)
            .is_some();
        (takes && keeps_rules(&schedule)).then_some(schedule)
    }
}

/// Improves the score of `start` (a schedule of `plan`) until
/// `deadline`. `solve_sub` searches a sub-plan from a schedule for some
/// seconds and returns its best schedule of the whole plan, or `None` if
/// it found none to keep.
fn improve(
    plan: &Plan,
    start: Schedule,
    deadline: Instant,
    solve_sub: &dyn Fn(&Plan, &Schedule, f64) -> Option<Schedule>,
) -> Improved {
    let most = plan.max_score();
    let rank = |s: &Schedule| {
        let reached = score(plan, &s.units) >= most * (1.0 - crate::solve::SCORE_TOLERANCE);
        if reached {
            Vec::new()
        } else {
            short_goals(plan, &s.units)
        }
    };
    let better = |new: &Schedule, old: &Schedule| {
        let old = score(plan, &old.units);
        score(plan, &new.units) > old * (1.0 + 1e-9) + 1e-9
    };
    rounds(plan, start, deadline, &rank, &better, solve_sub)
}

/// Lowers `cost` of `start` (a schedule of `plan` at a cost stage, whose
/// floors `solve_sub` keeps) until `deadline`: each round opens the items
/// of the goals with the most money on them, in turn.
fn cheapen(
    plan: &Plan,
    start: Schedule,
    deadline: Instant,
    cost: &dyn Fn(&Schedule) -> f64,
    solve_sub: &dyn Fn(&Plan, &Schedule, f64) -> Option<Schedule>,
) -> Improved {
    let rank = |s: &Schedule| goals_by_spend(plan, &s.units);
    let better = |new: &Schedule, old: &Schedule| {
        let old = cost(old);
        cost(new) < old - 1e-9 * old.abs().max(1.0)
    };
    rounds(plan, start, deadline, &rank, &better, solve_sub)
}

/// The rounds of [`improve`] and [`cheapen`]: `rank` lists the goals
/// whose items to open, first first; a schedule `better` than the current
/// one is kept and the list starts again.
fn rounds(
    plan: &Plan,
    start: Schedule,
    deadline: Instant,
    rank: &dyn Fn(&Schedule) -> Vec<usize>,
    better: &dyn Fn(&Schedule, &Schedule) -> bool,
    solve_sub: &dyn Fn(&Plan, &Schedule, f64) -> Option<Schedule>,
) -> Improved {
    let mut best = Improved {
        schedule: start,
        rounds: 0,
        gains: 0,
        nodes: 0,
        seconds: 0.0,
    };
    let mut turn = 0;
    loop {
        let left = deadline
            .saturating_duration_since(Instant::now())
            .as_secs_f64();
        if left < 0.5 {
            break;
        }
        let ranked = rank(&best.schedule);
        if turn >= ranked.len() {
            break;
        }
        let open = open_items(plan, &ranked[turn..]);
        let sub = sub_plan(plan, &best.schedule.units, &open);
        best.rounds += 1;
        let found = solve_sub(&sub, &best.schedule, ROUND_SECONDS.min(left));
        match found.filter(|s| better(s, &best.schedule)) {
            Some(found) => {
                best.schedule = found;
                best.gains += 1;
                turn = 0;
            }
            None => {
                turn += ranked_step(plan, &ranked[turn..]);
            }
        }
    }
    best
}

/// Goals with money on the items serving them, the most first (an
/// item's orders at its unit cost, counted for each goal it serves).
fn goals_by_spend(plan: &Plan, units: &[Vec<f64>]) -> Vec<usize> {
    let mut spend = vec![0.0; plan.goals.len()];
    for (i, item) in plan.items.iter().enumerate() {
        let money = units[i].iter().sum::<f64>() * item.unit_cost.to_units();
        for &(g, _) in &item.contributes {
            spend[g] += money;
        }
    }
    let mut goals: Vec<usize> = (0..plan.goals.len()).filter(|&g| spend[g] > 0.0).collect();
    goals.sort_by(|&a, &b| spend[b].total_cmp(&spend[a]).then(a.cmp(&b)));
    goals
}

/// Goals short of a target, the most score lost first.
fn short_goals(plan: &Plan, units: &[Vec<f64>]) -> Vec<usize> {
    let losses = score_losses(plan, units);
    let mut short: Vec<usize> = (0..plan.goals.len())
        .filter(|&g| losses[g] > 1e-9)
        .collect();
    short.sort_by(|&a, &b| losses[b].total_cmp(&losses[a]).then(a.cmp(&b)));
    short
}

/// How many of `goals` (from the front) one round opens.
fn ranked_step(plan: &Plan, goals: &[usize]) -> usize {
    let mut open = 0;
    let mut taken = 0;
    for &g in goals {
        open += serving(plan, g).count();
        taken += 1;
        if open >= OPEN_ITEMS {
            break;
        }
    }
    taken.max(1)
}

fn serving(plan: &Plan, g: usize) -> impl Iterator<Item = usize> + '_ {
    plan.items
        .iter()
        .enumerate()
        .filter(move |(_, item)| item.contributes.iter().any(|&(goal, _)| goal == g))
        .map(|(i, _)| i)
}

/// The items a round opens: those serving the first goals of `goals` (at
/// least [`OPEN_ITEMS`], whole goals), their prerequisites, and every item
/// that requires an open one. A pinned order counts as fixed, and a fixed
/// order needs no prerequisite: an item requiring an open one must be open
/// too, or the search could drop the prerequisite under its orders.
fn open_items(plan: &Plan, goals: &[usize]) -> Vec<bool> {
    let mut open = vec![false; plan.items.len()];
    for &g in &goals[..ranked_step(plan, goals)] {
        for i in serving(plan, g) {
            open[i] = true;
        }
    }
    for i in 0..plan.items.len() {
        if open[i] {
            for &j in &plan.items[i].requires {
                open[j] = true;
            }
        }
    }
    // Opening a dependent adds only its own rows: its other prerequisites
    // stay as they are, pinned or open, so one pass is enough.
    let dependents: Vec<usize> = (0..plan.items.len())
        .filter(|&k| !open[k] && plan.items[k].requires.iter().any(|&j| open[j]))
        .collect();
    for k in dependents {
        open[k] = true;
    }
    open
}

/// `plan` with every item not `open` pinned to its orders in `units`.
fn sub_plan(plan: &Plan, units: &[Vec<f64>], open: &[bool]) -> Plan {
    let mut sub = plan.clone();
    for (i, item) in sub.items.iter_mut().enumerate() {
        if open[i] {
            continue;
        }
        let at = item.at.clone();
        let kept: Vec<FixedOrder> = plan
            .years()
            .zip(&units[i])
            .filter(|(_, &u)| u > 0.0)
            .map(
                |(year, &u)| match item.fixed.iter().find(|f| f.year == year) {
                    Some(f) => f.clone(),
                    None => FixedOrder {
                        year,
                        units: u,
                        at: at.clone(),
                    },
                },
            )
            .collect();
        item.fixed = kept;
        item.order_years.clear();
    }
    sub
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Stage;
    use crate::plan::load_text;
    use crate::report::Report;
    use crate::schedule::Schedule;
    use std::time::Duration;

    /// A plan from 2025 to `end` with 100 to spend each year, its items
    /// (see [`item`]) and goals (`id`, the targets' TOML table).
    fn plan(end: i32, items: &[String], goals: &[(&str, &str)]) -> Plan {
        let years: Vec<String> = (2025..=end).map(|y| format!("{y} = 100")).collect();
        let mut text = format!(
            "[plan]\nname = \"test\"\nstart = 2025\nend = {end}\n\n[budget]\nyears = {{ {} }}\n",
            years.join(", ")
        );
        for item in items {
            text += item;
        }
        for (id, targets) in goals {
            text += &format!("\n[[goal]]\nid = \"{id}\"\ntargets = {targets}\n");
        }
        match load_text("test.toml", &text) {
            Ok((plan, _)) => plan,
            Err(e) => panic!("test plan invalid: {e}"),
        }
    }

    /// An item delivered in its order year; `rest` adds its other keys.
    fn item(id: &str, unit_cost: u32, max_units: u32, rest: &str) -> String {
        format!(
            "\n[[item]]\nid = \"{id}\"\nunit_cost = {unit_cost}\nmax_units = {max_units}\n\
             lead_time = 0\n{rest}\n"
        )
    }

    /// One year, 100 to spend, a goal of 101.1 points: `a` (51 for 51.1
    /// points) rates best per euro, but `b` and `c` (50 for 50 each)
    /// together score more, and `a` leaves no room for either.
    fn knapsack() -> Plan {
        let items = [
            item("a", 51, 1, "contributes = { g = 51.1 }"),
            item("b", 50, 1, "contributes = { g = 50 }"),
            item("c", 50, 1, "contributes = { g = 50 }"),
        ];
        plan(2025, &items, &[("g", "{ 2025 = 101.1 }")])
    }

    fn greedy(plan: &Plan) -> Vec<Vec<f64>> {
        Model::build(plan, Stage::MaxScore).greedy_schedule(plan)
    }

    #[test]
    fn the_score_is_the_reports() {
        let plan = knapsack();
        let units = greedy(&plan);
        let schedule = Schedule {
            units: units.clone(),
            funding: Vec::new(),
        };
        let report = Report::solved(&plan, &schedule, false, Default::default());
        assert!((score(&plan, &units) - report.score).abs() < 1e-12);
        assert!(report.score < 0.6, "the greedy takes `a`: {units:?}");
    }

    #[test]
    fn a_sub_plan_pins_every_item_not_open() {
        let plan = knapsack();
        let units = vec![vec![1.0], vec![0.0], vec![0.0]];
        let sub = sub_plan(&plan, &units, &[false, true, false]);
        let model = Model::build(&sub, Stage::MaxScore);
        let opened: Vec<bool> = model
            .orders
            .iter()
            .map(|row| {
                row.iter()
                    .any(|u| matches!(u, crate::model::Units::Var { .. }))
            })
            .collect();
        assert_eq!(opened, vec![false, true, false]);
        assert_eq!(sub.items[0].fixed.len(), 1);
        assert_eq!(sub.items[0].fixed[0].units, 1.0);
        assert!(sub.items[2].fixed.is_empty());
    }

    #[test]
    fn a_round_keeps_the_better_schedule_its_search_finds() {
        let plan = knapsack();
        let start = Schedule::rounded(&plan, &greedy(&plan), Vec::new());
        let deadline = Instant::now() + Duration::from_secs(20);
        let improved = improve(&plan, start, deadline, &|sub, start, seconds| {
            crate::solve::solve_sub_plan(sub, Stage::MaxScore, start, seconds, 1e-6)
                .map(|found| Schedule::rounded(&plan, &found.values, found.funding))
        });
        assert!(improved.gains >= 1);
        let units: Vec<f64> = improved.schedule.units.iter().map(|row| row[0]).collect();
        assert_eq!(units, vec![0.0, 1.0, 1.0]);
        assert!((score(&plan, &improved.schedule.units) - 100.0 / 101.1).abs() < 1e-9);
    }

    #[test]
    fn a_worse_schedule_from_a_round_is_not_kept() {
        let plan = knapsack();
        let start = Schedule::rounded(&plan, &greedy(&plan), Vec::new());
        let deadline = Instant::now() + Duration::from_secs(20);
        let improved = improve(&plan, start.clone(), deadline, &|_, _, _| {
            Some(Schedule {
                units: vec![vec![0.0]; 3],
                funding: Vec::new(),
            })
        });
        assert_eq!(improved.gains, 0);
        assert!(improved.rounds >= 1, "every short goal had its round");
        assert_eq!(improved.schedule, start);
    }

    #[test]
    fn an_item_requiring_an_open_one_is_opened_too() {
        // `post` serves `g`; `launcher` requires a post and serves `h`.
        // Pinned, the launcher's orders would count as fixed and need no
        // post, and a search of `g` could drop the post under them.
        let items = [
            item("post", 40, 1, "contributes = { g = 1 }"),
            item(
                "launcher",
                10,
                4,
                "requires = [\"post\"]\ncontributes = { h = 1 }",
            ),
            item("other", 10, 4, "contributes = { h = 1 }"),
        ];
        let plan = plan(
            2026,
            &items,
            &[("g", "{ 2026 = 1 }"), ("h", "{ 2026 = 4 }")],
        );
        assert_eq!(open_items(&plan, &[0]), vec![true, true, false]);
    }

    #[test]
    fn a_cost_round_keeps_a_cheaper_schedule_at_the_same_score() {
        // `dear` (60) and `cheap` (30) each meet the goal alone.
        let items = [
            item("dear", 60, 1, "contributes = { g = 1 }"),
            item("cheap", 30, 1, "contributes = { g = 1 }"),
        ];
        let plan = plan(2025, &items, &[("g", "{ 2025 = 1 }")]);
        let start = Schedule {
            units: vec![vec![1.0], vec![0.0]],
            funding: Vec::new(),
        };
        let stage = crate::solve::second_stage(score(&plan, &start.units));
        let cost = |s: &Schedule| {
            crate::ledger::Ledger::price(&plan, s)
                .total_cost()
                .to_units()
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        let cheaper = cheapen(&plan, start, deadline, &cost, &|sub, start, seconds| {
            crate::solve::solve_sub_plan(sub, stage, start, seconds, 1e-6)
                .map(|found| Schedule::rounded(&plan, &found.values, found.funding))
        });
        assert_eq!(cheaper.gains, 1);
        assert_eq!(cheaper.schedule.units, vec![vec![0.0], vec![1.0]]);
        assert_eq!(score(&plan, &cheaper.schedule.units), 1.0);
    }
}
