//! The review pack's "Budget risk" section: readiness bands, the spend fan
//! chart, milestone probabilities, and the no-regret buys and the bets.

use super::svg::escape;
use super::{chart, charts};
use crate::render::{number, units};
use crate::whatif::risk::RiskReport;
use std::fmt::Write;

/// The section as markup.
pub(super) fn section(risk: &RiskReport) -> String {
    let mut s = String::from("<section>\n<h2>Budget risk</h2>\n");
    let _ = writeln!(
        s,
        "<p>{} budget futures (seed {}) drawn from the plan's uncertainty from {} on; each solved as the plan with those budgets.</p>",
        risk.futures, risk.options.seed, risk.first_open
    );
    s.push_str("<ul class=\"findings\">\n");
    if let Some(b) = risk.readiness.bands {
        let _ = writeln!(
            s,
            "<li>Readiness: P10 {}%, median {}%, P90 {}% (over the {} futures with a schedule).</li>",
            number(b.p10, 1),
            number(b.p50, 1),
            number(b.p90, 1),
            risk.scheduled
        );
    }
    let _ = write!(
        s,
        "<li>Infeasible in {} of {} futures",
        risk.infeasible, risk.futures
    );
    if let Some((cause, n)) = &risk.common_cause {
        let _ = write!(s, "; most often {} ({n})", escape(cause));
    }
    s.push_str(".</li>\n");
    if !risk.all_proven() {
        let (count, verb) = if risk.not_proven == 1 {
            ("1 future".to_string(), "was")
        } else {
            (format!("{} futures", risk.not_proven), "were")
        };
        let _ = writeln!(
            s,
            "<li class=\"warning\">{count} {verb} not solved to proven optimality; the figures include them.</li>"
        );
    }
    s.push_str("</ul>\n");
    chart(
        &mut s,
        "Spend across the futures",
        &charts::risk::fan(risk),
        &format!(
            "Band: spend of each year from the 10th to the 90th percentile of the futures with a schedule; solid line: the median; dashed line: the plan's own national budget (B_y; funding sources pay beyond it). Amounts in {}.",
            escape(&risk.currency)
        ),
    );
    chart(
        &mut s,
        "How likely each milestone is",
        &charts::risk::milestones(risk),
        "Share of all futures in which the milestone is met (an infeasible future meets none). Blue: at least 90%.",
    );
    s.push_str("<table>\n<caption>Items across the futures</caption>\n<thead><tr><th>Item</th><th class=\"num\">Bought in %</th><th class=\"num\">Median units</th><th class=\"num\">Median year</th><th>Verdict</th><th class=\"num\">In the plan</th></tr></thead>\n<tbody>\n");
    for i in &risk.items {
        let verdict = i.verdict.name();
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{verdict}</td><td class=\"num\">{}</td></tr>",
            escape(&i.name),
            number(100.0 * i.share_bought, 1),
            i.median_units.map_or("-".into(), units),
            i.median_year.map_or("-".into(), |y| y.to_string()),
            if i.units_in_plan > 0.0 { units(i.units_in_plan) } else { "-".into() }
        );
    }
    s.push_str("</tbody>\n</table>\n</section>\n");
    s
}
