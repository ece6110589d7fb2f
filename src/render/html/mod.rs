//! The review pack: one self-contained HTML file with the headline
//! figures, charts drawn as inline SVG, the report's tables, and where the
//! figures come from.
//!
//! The file loads nothing: no scripts, no fonts, no images from elsewhere;
//! styles are inline and the page prints on A4. Like every renderer it
//! formats the [`Report`] and never computes: a figure a chart needs is a
//! field of the report. Output is deterministic (no clock, no random ids),
//! and every text that comes from a plan is escaped.

pub mod charts;
pub mod explanations;
mod risk;
pub mod scale;
pub mod scenarios;
pub mod svg;
pub mod tables;
#[cfg(test)]
mod tests;

use super::{number, status_detail, status_label, status_word};
use crate::report::{Report, Status};
use std::fmt::Write;
use svg::escape;

const STYLE: &str = include_str!("style.css");

/// One run of a comparison as the review pack shows it.
#[derive(Clone, Copy, Debug)]
pub struct RunReport<'a> {
    /// `base` or the scenario file.
    pub label: &'a str,
    pub report: &'a Report,
}

/// The review pack of one report.
pub fn render(report: &Report) -> String {
    let mut body = header(report);
    body.push_str(&sections(report));
    page(report, &body)
}

/// The review pack of one report: the budget-risk section first when
/// there is one, then the report, then the "Explanations" section (goals
/// below target and items not bought).
pub fn render_pack(
    report: &Report,
    explanations: &crate::explain::Explanations,
    risk: Option<&crate::whatif::risk::RiskReport>,
) -> String {
    let mut body = header(report);
    if let Some(risk) = risk {
        body.push_str(&risk::section(risk));
    }
    body.push_str(&sections(report));
    body.push_str(&explanations::section(explanations));
    page(report, &body)
}

/// The review pack of a comparison: readiness and cost of every run side
/// by side, then the full report of the first run (the base).
pub fn render_runs(runs: &[RunReport]) -> String {
    runs_pack(runs, &[])
}

/// The scenario review pack: readiness and cost of the base and every
/// scenario side by side, then one section per scenario with what it
/// changes against the base, then the base run in full. `files[k]` is the
/// file of the scenario run `comparison.runs[k + 1]`.
pub fn render_scenario_pack(
    comparison: &crate::whatif::compare::Comparison,
    files: &[String],
) -> String {
    let runs: Vec<RunReport> = comparison
        .runs
        .iter()
        .map(|r| RunReport {
            label: &r.label,
            report: &r.report,
        })
        .collect();
    let scenarios: Vec<scenarios::ScenarioRun> = comparison
        .runs
        .iter()
        .skip(1)
        .enumerate()
        .map(|(k, run)| scenarios::ScenarioRun {
            run,
            file: files.get(k).map_or("", String::as_str),
            goal_sets: comparison.goal_sets.get(k),
        })
        .collect();
    runs_pack(&runs, &scenarios)
}

/// The runs side by side, the scenarios' sections, the base in full.
fn runs_pack(runs: &[RunReport], scenario_runs: &[scenarios::ScenarioRun]) -> String {
    let Some(base) = runs.first() else {
        return String::new();
    };
    let report = base.report;
    let mut body = header(report);
    body.push_str("<section class=\"chart\">\n<h2>Runs compared</h2>\n<figure>\n");
    body.push_str(&charts::runs::chart(runs, &report.currency));
    let _ = writeln!(
        body,
        "\n<figcaption>Each run is solved on its own: the base plan, then the base with each scenario. \
         Each bar is labelled with its value; a readiness axis that does not start at 0 says where it starts. {}</figcaption>\n</figure>",
        escape(scenarios::cost_note(report.objective))
    );
    body.push_str(&runs_table(runs));
    body.push_str("</section>\n");
    body.push_str(&scenarios::sections(report, scenario_runs));
    let _ = writeln!(
        body,
        "<h2 class=\"part\">The base run ({}) in full</h2>",
        escape(base.label)
    );
    body.push_str(&sections(report));
    page(report, &body)
}

/// The document around `body`, with the provenance footer.
fn page(report: &Report, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"capplan {}\">\n\
         <title>{} - capplan review pack</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n{body}</main>\n{}</body>\n</html>\n",
        escape(report.provenance.version),
        escape(&report.plan),
        footer(report)
    )
}

/// The plan's name and headline figures.
fn header(report: &Report) -> String {
    let mut s = String::from("<header>\n<p class=\"kicker\">capplan review pack</p>\n");
    let _ = writeln!(s, "<h1>{}</h1>", escape(&report.plan));
    s.push_str("<dl class=\"headline\">\n");
    let status_class = if report.status == Status::Optimal {
        "status-optimal"
    } else {
        "status-bad"
    };
    let detail =
        status_detail(report).map_or(String::new(), |d| format!("<small>{}</small>", escape(&d)));
    figure(
        &mut s,
        "Status",
        &format!(
            "<span class=\"{status_class}\">{}</span>{detail}",
            escape(status_word(report))
        ),
    );
    figure(&mut s, "Objective", &escape(report.objective.name()));
    figure(
        &mut s,
        "Horizon",
        &format!("{}-{}", report.horizon.0, report.horizon.1),
    );
    if report.has_schedule() {
        figure(
            &mut s,
            "Readiness",
            &format!(
                "{}%<small>score {} of {}</small>",
                number(report.readiness, 1),
                number(report.score, 3),
                number(report.max_score, 3)
            ),
        );
        figure(
            &mut s,
            "Total cost",
            &format!(
                "{} {}<small>spend over the horizon</small>",
                escape(&report.total_cost.short()),
                escape(&report.currency)
            ),
        );
        figure(
            &mut s,
            &format!("Commitments after {}", report.horizon.1),
            &format!(
                "{} {}<small>payments due after the horizon{}</small>",
                escape(&report.commitments_after_horizon.short()),
                escape(&report.currency),
                // `[budget] max_after_end`, only when the plan has it.
                report
                    .after_horizon
                    .cap
                    .map_or(String::new(), |cap| format!(
                        ", at most {}",
                        escape(&cap.short())
                    ))
            ),
        );
    }
    s.push_str("</dl>\n</header>\n");
    s
}

/// One headline figure; `value` is markup, already escaped.
fn figure(out: &mut String, label: &str, value: &str) {
    let _ = writeln!(out, "<div><dt>{}</dt><dd>{value}</dd></div>", escape(label));
}

/// Notes, findings or charts, then the tables.
fn sections(report: &Report) -> String {
    let mut s = String::new();
    if let Some(caveat) = report.caveat() {
        let _ = writeln!(s, "<p class=\"note\">{}</p>", escape(caveat));
    }
    if report.relaxation.is_some() {
        s.push_str("<section>\n<h2>Why the plan is infeasible</h2>\n<ul class=\"findings\">\n");
        for finding in report.infeasibility_findings() {
            let _ = writeln!(s, "<li>{}</li>", escape(&finding));
        }
        s.push_str("</ul>\n</section>\n");
    }
    if !report.violations.is_empty() {
        s.push_str("<section class=\"warning\">\n<h2>Post-solve check failed</h2>\n<p>The rounded schedule breaks these rules:</p>\n<ul>\n");
        for v in &report.violations {
            let _ = writeln!(s, "<li>{}</li>", escape(&v.to_string()));
        }
        s.push_str("</ul>\n</section>\n");
    }
    if !report.has_schedule() {
        return s;
    }
    chart(
        &mut s,
        "Spend per year by item category",
        &charts::spend::chart(report),
        &format!(
            "Stacked bars: payments and sustainment of each item category. Solid line: the budget open to the plan (B_y). Dashed line: the money available, with carry-over from the year before. Amounts in {}.",
            escape(&report.currency)
        ),
    );
    chart(
        &mut s,
        "Spend per year by funding source",
        &charts::spend::by_source(report),
        &format!(
            "Stacked bars: what each funding source pays each year, the national budget first. Solid line: the national budget open to the plan (B_y). Dashed line: the national money available, with carry-over. Amounts in {}.",
            escape(&report.currency)
        ),
    );
    chart(
        &mut s,
        "Goal attainment",
        &charts::goals::chart(report),
        "Bars: points achieved by each milestone year; black tick: the milestone's target.",
    );
    chart(
        &mut s,
        "Order timeline",
        &charts::timeline::chart(report),
        "Each order from its order year to its delivery year; bands mark the transition phases.",
    );
    s.push_str("<section class=\"tables\">\n<h2>Tables</h2>\n");
    s.push_str(&tables::years(report));
    s.push_str(&tables::orders(report));
    s.push_str(&tables::goals(report));
    if !report.phases.is_empty() {
        s.push_str(&tables::phases(report));
    }
    s.push_str("</section>\n");
    s
}

/// A chart section; `svg` and `caption` are markup.
fn chart(out: &mut String, title: &str, svg: &str, caption: &str) {
    if svg.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<section class=\"chart\">\n<h2>{}</h2>\n<figure>\n{svg}\n<figcaption>{caption}</figcaption>\n</figure>\n</section>\n",
        escape(title)
    );
}

/// The runs of a comparison with their status and inputs.
fn runs_table(runs: &[RunReport]) -> String {
    let mut s = String::from(
        "<table>\n<caption>Runs</caption>\n<thead><tr><th scope=\"col\">Run</th><th scope=\"col\">Status</th>\
         <th scope=\"col\" class=\"num\">Readiness %</th><th scope=\"col\" class=\"num\">Score</th>\
         <th scope=\"col\" class=\"num\">Total cost</th><th scope=\"col\">Input sha256</th></tr></thead>\n<tbody>\n",
    );
    for run in runs {
        let r = run.report;
        let (readiness, score, cost) = if r.has_schedule() {
            (
                number(r.readiness, 1),
                number(r.score, 3),
                format!("{} {}", r.total_cost.short(), r.currency),
            )
        } else {
            ("-".into(), "-".into(), "-".into())
        };
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td><code>{}</code></td></tr>",
            escape(run.label),
            escape(&status_label(r)),
            readiness,
            score,
            escape(&cost),
            escape(r.provenance.short_hash())
        );
    }
    s.push_str("</tbody>\n</table>\n");
    s
}

/// Where the figures come from.
fn footer(report: &Report) -> String {
    let p = &report.provenance;
    let mut s = String::from("<footer>\n<dl>\n");
    let mut row = |label: &str, value: String| {
        let _ = writeln!(s, "<dt>{}</dt><dd>{value}</dd>", escape(label));
    };
    let list = |items: &[String]| {
        if items.is_empty() {
            "none".to_string()
        } else {
            items
                .iter()
                .map(|i| format!("<code>{}</code>", escape(i)))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    row(
        "Plan file",
        format!("<code>{}</code>", escape(&p.plan_file)),
    );
    row("Scenarios", list(&p.scenarios));
    row("Overrides (--set)", list(&p.overrides));
    row(
        "Input sha256",
        format!("<code>{}</code>", escape(&p.input_hash)),
    );
    row("capplan", escape(p.version));
    // The gaps are the status's: each unproven stage's, not the last one's.
    row(
        "Solver",
        format!(
            "{}, {} nodes",
            escape(report.solver.backend),
            report.solver.nodes()
        ),
    );
    row("Status", escape(&status_label(report)));
    s.push_str("</dl>\n</footer>\n");
    s
}
