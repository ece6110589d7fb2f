//! The review pack drawn from small solved plans: the stacked bars, the
//! labels, escaping, determinism, and what an infeasible plan shows.

use super::{render, render_runs, RunReport};
use crate::plan::load_text;
use crate::report::Report;
use crate::solve::SolveOptions;

/// Two categories, two phases, and names full of markup.
const PLAN: &str = r#"
[plan]
name = "Plan <A> & \"B\""
currency = "EUR"
start = 2025
end = 2027

[budget]
years = { 2025 = "10M", 2026 = "10M", 2027 = "10M" }

[[phase]]
id = "p1"
name = "First <phase>"
start = 2025
end = 2026

[[phase]]
id = "p2"
name = "Second & last"
start = 2027
end = 2027

[[item]]
id = "radar"
name = "Radar <mk2> & 'spares'"
category = "R&D <sensors>"
unit_cost = "4M"
max_units = 1
lead_time = 1
payments = [0.5, 0.5]
earliest = 2025
latest = 2025
contributes = { g = 50 }

[[item]]
id = "trucks"
name = "Trucks"
category = "mobility"
unit_cost = "1M"
max_units = 3
max_per_year = 2
lead_time = 0
payments = [1.0]
contributes = { g = 10 }

[[goal]]
id = "g"
name = "Goal \"one\" <core>"
targets = { 2026 = 50, 2027 = 80 }
"#;

fn report(text: &str) -> Report {
    match load_text("plan.toml", text) {
        Ok((plan, _)) => crate::solve_report(&plan, &SolveOptions::default()),
        Err(e) => panic!("test plan invalid: {e}"),
    }
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn stacked_chart_has_one_segment_per_category_and_year_with_spend() {
    let r = report(PLAN);
    assert!(r.has_schedule(), "{:?}", r.note);
    let expected: usize = r
        .category_spend
        .iter()
        .map(|c| c.spend.iter().filter(|m| m.cents() > 0).count())
        .sum();
    assert!(expected >= 3, "the plan should spend in several cells");
    let spend = super::charts::spend::chart(&r);
    assert_eq!(count(&spend, "<rect class=\"seg\""), expected);
    for year in ["2025", "2026", "2027"] {
        assert!(spend.contains(&format!(">{year}</text>")), "year {year}");
    }
    assert!(spend.contains("Spend (M EUR)"));
    assert!(spend.contains("class=\"line-budget\""));
    assert!(spend.contains("class=\"line-available\""));
}

#[test]
fn goal_and_timeline_charts_show_every_milestone_and_order() {
    let r = report(PLAN);
    let goals = super::charts::goals::chart(&r);
    assert_eq!(count(&goals, "<rect class=\"goal-bar"), r.goals.len());
    let timeline = super::charts::timeline::chart(&r);
    assert_eq!(count(&timeline, "<rect class=\"order"), r.orders.len());
    assert_eq!(count(&timeline, "<rect class=\"band\""), 2);
}

#[test]
fn text_from_the_plan_is_escaped_everywhere() {
    let html = render(&report(PLAN));
    for raw in ["<A>", "<mk2>", "<sensors>", "<phase>", "<core>", "'spares'"] {
        assert!(!html.contains(raw), "unescaped {raw}");
    }
    assert!(html.contains("<h1>Plan &lt;A&gt; &amp; &quot;B&quot;</h1>"));
    assert!(html.contains("R&amp;D &lt;sensors&gt;"));
    assert!(html.contains("Radar &lt;mk2&gt; &amp; &#39;spares&#39;"));
    assert!(html.contains("Goal &quot;one&quot; &lt;core&gt;"));
}

#[test]
fn the_page_is_self_contained_and_deterministic() {
    let r = report(PLAN);
    let html = render(&r);
    assert_eq!(html, render(&r));
    assert!(html.starts_with("<!DOCTYPE html>"));
    for banned in ["<script", "http:", "https:", "src=", "@import", "<link"] {
        assert!(!html.contains(banned), "found {banned}");
    }
    assert!(html.contains("@media print"));
    assert!(html.contains("<table>"));
}

#[test]
fn an_infeasible_plan_shows_findings_instead_of_charts() {
    // The radar is contracted; its second payment (2M) does not fit 2026.
    let text = PLAN
        .replace("latest = 2025\n", "latest = 2025\nfixed = { 2025 = 1 }\n")
        .replace("2026 = \"10M\"", "2026 = \"1M\"");
    let r = report(&text);
    assert!(r.relaxation.is_some(), "expected an infeasible plan");
    let html = render(&r);
    assert!(!html.contains("<svg"));
    assert!(html.contains("Why the plan is infeasible"));
    assert!(html.contains("INFEASIBLE"));
    assert!(html.contains("in all,"));
}

#[test]
fn a_schedule_not_proven_shows_each_unproven_stage_under_its_status() {
    let mut r = report(PLAN);
    assert!(r.has_schedule());
    assert!(!render(&r).contains("gap 2.5%"));
    // As a solve stopped by the time limit in its second stage leaves it.
    r.status = crate::report::Status::NotOptimal;
    let last = r.solver.stages.len() - 1;
    r.solver.stages[last].proven = false;
    r.solver.stages[last].gap = Some(0.025);
    let html = render(&r);
    let what = r.solver.stages[last].stage.what();
    assert!(
        html.contains(&format!("NOT OPTIMAL</span><small>{what} gap 2.5%</small>")),
        "{html}"
    );
}

#[test]
fn a_comparison_shows_each_run_then_the_base_in_full() {
    let base = report(PLAN);
    let poorer = report(&PLAN.replace("2027 = \"10M\"", "2027 = \"100k\""));
    let runs = [
        RunReport {
            label: "base",
            report: &base,
        },
        RunReport {
            label: "cut <2027>.toml",
            report: &poorer,
        },
    ];
    let html = render_runs(&runs);
    assert!(html.contains("Runs compared"));
    assert_eq!(count(&html, "<rect class=\"run-bar\""), 4);
    assert!(html.contains("cut &lt;2027&gt;.toml"));
    assert!(html.contains("Spend per year by item category"));
    assert_eq!(render_runs(&[]), "");
}
