//! `capplan check`: a short summary of a valid plan's inputs.

use super::units;
use crate::money::Money;
use crate::plan::lint::Warning;
use crate::plan::Plan;

/// The summary as text.
pub fn render(plan: &Plan, path: &str, warnings: &[Warning]) -> String {
    let envelope: Money = plan.budget.years.iter().map(|y| y.envelope).sum();
    let budget: Money = plan.budget.years.iter().map(|y| y.budget).sum();
    let fixed: usize = plan.items.iter().map(|i| i.fixed.len()).sum();
    let milestones: usize = plan.goals.iter().map(|g| g.milestones.len()).sum();
    let mut s = format!("{path}: plan OK\n");
    s.push_str(&format!("  plan        {}\n", plan.name));
    s.push_str(&format!(
        "  horizon     {}-{} ({} years), objective {}\n",
        plan.start,
        plan.end,
        plan.horizon_len(),
        plan.objective.name()
    ));
    s.push_str(&format!(
        "  budget      {} {} in envelopes, {} open to the plan (capital share {}, scale {}, carry-over {})\n",
        envelope.short(),
        plan.currency,
        budget.short(),
        plan.budget.capital_share,
        plan.budget.scale,
        plan.budget.carryover
    ));
    // `[budget] max_after_end`, only when the plan has it.
    if let Some(cap) = &plan.budget.max_after_end {
        s.push_str(&format!(
            "  after end   at most {} {} of payments due after {}\n",
            cap.amount.short(),
            plan.currency,
            plan.end
        ));
    }
    let phases: Vec<String> = plan
        .phases
        .iter()
        .map(|p| format!("{} {}-{}", p.id, p.start, p.end))
        .collect();
    s.push_str(&format!(
        "  phases      {}{}\n",
        plan.phases.len(),
        if phases.is_empty() {
            String::new()
        } else {
            format!(": {}", phases.join(", "))
        }
    ));
    let fixed_units = plan.items.iter().fold(0.0, |sum, i| sum + i.fixed_total());
    s.push_str(&format!(
        "  items       {} ({} fixed orders, {} units)\n",
        plan.items.len(),
        fixed,
        units(fixed_units)
    ));
    s.push_str(&format!(
        "  goals       {} with {} milestones\n",
        plan.goals.len(),
        milestones
    ));
    // Section 8, only when the plan uses it (v1 plans print as before).
    for source in &plan.sources {
        let total: Money = source.grant.iter().copied().sum();
        s.push_str(&format!(
            "  source      {}: {} {} over the horizon ({}, carry-over {})\n",
            source.id,
            total.short(),
            plan.currency,
            source.covers.name(),
            source.carryover
        ));
    }
    if !plan.fx.is_empty() {
        let currencies: Vec<&str> = plan.fx.iter().map(|f| f.currency.as_str()).collect();
        s.push_str(&format!(
            "  fx          rates for {}\n",
            currencies.join(", ")
        ));
    }
    let growing = plan.items.iter().filter(|i| i.escalation != 0.0).count();
    if growing > 0 {
        s.push_str(&format!(
            "  prices      at {} prices; {} of {} items escalate\n",
            plan.price_year,
            growing,
            plan.items.len()
        ));
    }
    for w in warnings {
        s.push_str(&format!("warning: {} ({})\n", w.message, w.at));
    }
    s
}
