//! The review pack's "Explanations" section (plan format, section 9): what
//! closing each milestone below target would cost, and why each item not
//! bought is not. Formats [`Explanations`]; computes nothing.

use super::svg::escape;
use crate::explain::item::Decision;
use crate::explain::Explanations;
use crate::render::number;
use std::fmt::Write;

/// The section, or nothing when there is nothing to explain.
pub fn section(explanations: &Explanations) -> String {
    if explanations.goals.is_empty()
        && explanations.items.is_empty()
        && explanations.alternatives.is_empty()
    {
        return String::new();
    }
    let mut s = String::from("<section class=\"tables\">\n<h2>Explanations</h2>\n");
    if !explanations.goals.is_empty() {
        s.push_str("<table>\n<caption>Goals below target: the least extra national money that closes each gap, every other milestone keeping its attainment</caption>\n");
        s.push_str("<thead><tr><th scope=\"col\">Goal</th><th scope=\"col\" class=\"num\">Milestone</th><th scope=\"col\" class=\"num\">Target</th><th scope=\"col\" class=\"num\">Credited</th><th scope=\"col\" class=\"num\">Extra money</th><th scope=\"col\">By year</th><th scope=\"col\">Orders added</th><th scope=\"col\">Status</th></tr></thead>\n<tbody>\n");
        for g in &explanations.goals {
            let by_year: Vec<String> = g
                .extra_budget
                .iter()
                .map(|(year, amount)| format!("{} in {year}", amount.short()))
                .collect();
            let added: Vec<String> = g
                .orders_added
                .iter()
                .map(|c| format!("{} {} in {}", number(c.delta_units, 3), c.item, c.year))
                .collect();
            let extra = if g.status == crate::report::Status::Infeasible {
                "no amount".to_string()
            } else {
                g.extra_budget_total.short()
            };
            let mut by_year = by_year.join(", ");
            if let Some(note) = &g.note {
                by_year = note.clone();
            }
            let _ = writeln!(
                s,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&g.name),
                g.year.map_or(String::new(), |y| y.to_string()),
                number(g.target, 3),
                number(g.credited, 3),
                escape(&extra),
                escape(&by_year),
                escape(&added.join(", ")),
                g.status.name()
            );
        }
        s.push_str("</tbody>\n</table>\n");
    }
    if !explanations.items.is_empty() {
        s.push_str("<table>\n<caption>Items not bought: the best schedule that buys at least one unit</caption>\n");
        s.push_str("<thead><tr><th scope=\"col\">Item</th><th scope=\"col\" class=\"num\">Score if bought</th><th scope=\"col\" class=\"num\">Change in score</th><th scope=\"col\" class=\"num\">Change in total cost</th><th scope=\"col\">Why not</th></tr></thead>\n<tbody>\n");
        for e in explanations
            .items
            .iter()
            .filter(|e| e.decision == Decision::Buy)
        {
            let mut why: Vec<String> = e.reasons.clone();
            if why.is_empty() {
                why.push(match e.delta_score() {
                    Some(d) if d < -1e-9 => "buying it displaces orders worth more score".into(),
                    Some(_) => "buying it adds cost and no score".into(),
                    None => e.alternative_status.name().to_string(),
                });
            }
            let _ = writeln!(
                s,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                escape(&e.name),
                e.alternative
                    .as_ref()
                    .map_or("-".into(), |a| number(a.score, 3)),
                e.delta_score().map_or("-".into(), |d| number(d, 3)),
                e.delta_total_cost().map_or("-".into(), |m| {
                    let text = crate::money::short_amount(m.to_units().abs());
                    if m.cents() < 0 { format!("-{text}") } else { format!("+{text}") }
                }),
                escape(&why.join("; "))
            );
        }
        s.push_str("</tbody>\n</table>\n");
    }
    if !explanations.alternatives.is_empty() {
        s.push_str(&alternatives_table(&explanations.alternatives));
    }
    if explanations.left_out > 0 {
        let _ = writeln!(
            s,
            "<p>{} further goals or items were left out (at most {} milestones and {} items are explained).</p>",
            explanations.left_out,
            crate::explain::MAX_REVIEW_GOALS,
            crate::explain::MAX_REVIEW_ITEMS
        );
    }
    s.push_str("</section>\n");
    s
}

/// The next-best schedules, each with a different set of items bought.
fn alternatives_table(alternatives: &[crate::explain::alternatives::Alternative]) -> String {
    let mut s = String::from("<table>\n<caption>Alternative schedules: the best ones with a different set of items bought, after the optimum</caption>\n");
    s.push_str("<thead><tr><th scope=\"col\" class=\"num\">Rank</th><th scope=\"col\">Status</th><th scope=\"col\" class=\"num\">Score</th><th scope=\"col\" class=\"num\">National cost</th><th scope=\"col\" class=\"num\">Total cost</th><th scope=\"col\">Adds</th><th scope=\"col\">Drops</th></tr></thead>\n<tbody>\n");
    let ids = |ids: &[String]| {
        if ids.is_empty() {
            "-".to_string()
        } else {
            escape(&ids.join(", "))
        }
    };
    for a in alternatives {
        let _ = writeln!(
            s,
            "<tr><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>",
            a.rank,
            a.status.name(),
            number(a.score, 3),
            escape(&a.national_cost.short()),
            escape(&a.total_cost.short()),
            ids(&a.adds),
            ids(&a.drops)
        );
    }
    s.push_str("</tbody>\n</table>\n");
    s
}
