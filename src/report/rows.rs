//! The rows of a [`super::Report`], each laid out once from the plan and
//! the priced schedule ([`Ledger`]): years, sources, orders, goals,
//! phases, spend by category, and the plan's inputs as read.

use super::{
    CategorySpend, GoalRow, ItemRow, OrderRow, PhaseRow, PlanInputs, SourceRow, SourceYearRow,
    YearRow,
};
use crate::ledger::Ledger;
use crate::money::Money;
use crate::plan::Plan;

fn phase_name(plan: &Plan, year: i32) -> Option<String> {
    plan.phase_of(year).map(|p| plan.phases[p].id.clone())
}

pub(super) fn year_rows(plan: &Plan, ledger: &Ledger) -> Vec<YearRow> {
    ledger
        .years
        .iter()
        .enumerate()
        .map(|(t, y)| YearRow {
            year: y.year,
            phase: phase_name(plan, y.year),
            envelope: plan.budget.years[t].envelope,
            budget: y.budget,
            carried_in: y.available - y.budget,
            available: y.available,
            payments: y.payments,
            sustainment: y.sustainment,
            spend: y.spend,
            carry_out: y.carry_out,
            lapsed: (y.available - y.national_spend - y.carry_out).max_zero(),
            utilisation: if y.available.cents() > 0 {
                100.0 * y.national_spend.cents() as f64 / y.available.cents() as f64
            } else {
                0.0
            },
            national_spend: y.national_spend,
            sources: std::iter::once(SourceYearRow {
                source: crate::plan::funding::NATIONAL.into(),
                budget: y.budget,
                available: y.available,
                spend: y.national_spend,
                carry_out: y.carry_out,
            })
            .chain(ledger.funding.sources.iter().map(|s| {
                let sy = &s.years[t];
                SourceYearRow {
                    source: plan.sources[s.source].id.clone(),
                    budget: sy.budget,
                    available: sy.available,
                    spend: sy.spend,
                    carry_out: sy.carry_out,
                }
            }))
            .collect(),
        })
        .collect()
}

/// What each source pays per year row, when there are sources besides
/// the national budget.
pub(super) fn source_spend(years: &[YearRow]) -> Vec<CategorySpend> {
    let payers = years.first().map_or(0, |y| y.sources.len());
    if payers <= 1 {
        return Vec::new();
    }
    (0..payers)
        .map(|k| CategorySpend {
            category: years[0].sources[k].source.clone(),
            spend: years.iter().map(|y| y.sources[k].spend).collect(),
        })
        .collect()
}

pub(super) fn source_rows(plan: &Plan, ledger: &Ledger) -> Vec<SourceRow> {
    ledger
        .funding
        .sources
        .iter()
        .map(|s| {
            let source = &plan.sources[s.source];
            SourceRow {
                id: source.id.clone(),
                name: source.name.clone(),
                currency: source.currency.clone(),
                covers: source.covers.name(),
                carryover: source.carryover,
                total: source.grant.iter().copied().sum(),
                spend: s.years.iter().map(|y| y.spend).sum(),
            }
        })
        .collect()
}

/// The id of a payer.
fn payer_id(plan: &Plan, payer: crate::source_ledger::Payer) -> String {
    match payer {
        crate::source_ledger::Payer::National => crate::plan::funding::NATIONAL.into(),
        crate::source_ledger::Payer::Source(s) => plan.sources[s].id.clone(),
    }
}

pub(super) fn order_rows(plan: &Plan, ledger: &Ledger) -> Vec<OrderRow> {
    ledger
        .orders
        .iter()
        .map(|o| {
            let item = &plan.items[o.item];
            OrderRow {
                item: item.id.clone(),
                name: item.name.clone(),
                category: item.category.clone(),
                year: o.year,
                units: o.units,
                delivered: o.delivered,
                cost: o.cost,
                fixed: o.fixed,
                phase: phase_name(plan, o.year),
                funding: ledger
                    .funding
                    .of_order(plan, o)
                    .into_iter()
                    .map(|(payer, amount)| (payer_id(plan, payer), amount))
                    .collect(),
            }
        })
        .collect()
}

pub(super) fn goal_rows(plan: &Plan, ledger: &Ledger) -> Vec<GoalRow> {
    let mut rows = Vec::new();
    for (g, goal) in plan.goals.iter().enumerate() {
        for m in &goal.milestones {
            let achieved = ledger.attainment(plan, g, m.year);
            let credited = achieved.min(m.target);
            rows.push(GoalRow {
                goal: goal.id.clone(),
                name: goal.name.clone(),
                weight: goal.weight,
                year: m.year,
                target: m.target,
                achieved,
                credited,
                percent: 100.0 * credited / m.target,
                history: plan.is_history(m.year),
            });
        }
    }
    // Stable: milestones of one year keep the goals' file order.
    rows.sort_by_key(|r| r.year);
    rows
}

pub(super) fn phase_rows(plan: &Plan, years: &[YearRow], orders: &[OrderRow]) -> Vec<PhaseRow> {
    plan.phases
        .iter()
        .map(|p| {
            let in_phase = |year: i32| p.start <= year && year <= p.end;
            let phase_orders: Vec<&OrderRow> = orders.iter().filter(|o| in_phase(o.year)).collect();
            let phase_years: Vec<&YearRow> = years.iter().filter(|y| in_phase(y.year)).collect();
            PhaseRow {
                id: p.id.clone(),
                name: p.name.clone(),
                start: p.start,
                end: p.end,
                envelope: phase_years.iter().map(|y| y.envelope).sum(),
                budget: years
                    .iter()
                    .filter(|y| in_phase(y.year))
                    .map(|y| y.budget)
                    .sum(),
                carried_in: phase_years.first().map_or(Money::ZERO, |y| y.carried_in),
                spend: years
                    .iter()
                    .filter(|y| in_phase(y.year))
                    .map(|y| y.spend)
                    .sum(),
                carry_out: phase_years.last().map_or(Money::ZERO, |y| y.carry_out),
                lapsed: phase_years.iter().map(|y| y.lapsed).sum(),
                orders: phase_orders.len(),
                order_value: phase_orders.iter().map(|o| o.cost).sum(),
            }
        })
        .collect()
}

/// Categories in the order their first item appears; a category with no
/// spend over the horizon is left out.
pub(super) fn category_spend(plan: &Plan, ledger: &Ledger) -> Vec<CategorySpend> {
    let mut rows: Vec<CategorySpend> = Vec::new();
    for (item, spend) in plan.items.iter().zip(&ledger.item_spend) {
        let at = match rows.iter().position(|r| r.category == item.category) {
            Some(at) => at,
            None => {
                rows.push(CategorySpend {
                    category: item.category.clone(),
                    spend: vec![Money::ZERO; spend.len()],
                });
                rows.len() - 1
            }
        };
        for (total, amount) in rows[at].spend.iter_mut().zip(spend) {
            *total += *amount;
        }
    }
    rows.retain(|r| r.spend.iter().any(|m| *m != Money::ZERO));
    rows
}

pub(super) fn plan_inputs(plan: &Plan) -> PlanInputs {
    let goal_id = |g: usize| plan.goals[g].id.clone();
    PlanInputs {
        envelope_total: plan.budget.years.iter().map(|y| y.envelope).sum(),
        budget_total: plan.budget.total(),
        capital_share: plan.budget.capital_share,
        carryover: plan.budget.carryover,
        scale: plan.budget.scale,
        phases: plan.phases.len(),
        goals: plan.goals.len(),
        milestones: plan.goals.iter().map(|g| g.milestones.len()).sum(),
        items: plan
            .items
            .iter()
            .map(|item| ItemRow {
                id: item.id.clone(),
                name: item.name.clone(),
                category: item.category.clone(),
                unit_cost: item.unit_cost,
                min_units: item.min_units,
                max_units: item.max_units,
                max_per_year: item.max_per_year,
                divisible: item.divisible,
                order_years: item.order_years.clone(),
                lead_time: item.lead_time,
                payments: item.payments.clone(),
                sustainment: item.sustainment,
                requires: item
                    .requires
                    .iter()
                    .map(|&r| plan.items[r].id.clone())
                    .collect(),
                contributes: item
                    .contributes
                    .iter()
                    .map(|&(g, points)| (goal_id(g), points))
                    .collect(),
                fixed: item.fixed.iter().map(|f| (f.year, f.units)).collect(),
            })
            .collect(),
    }
}
