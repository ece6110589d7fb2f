//! The model as a file, in CPLEX LP or free MPS format, for planners who
//! want to read the programme or solve it with another solver (HiGHS, CBC,
//! Gurobi, CPLEX all read both).
//!
//! Variables are named after their role ([`Role`]): `q_<item>_<year>`
//! (units ordered), `o_<item>_<year>` (units ordered in or before a year),
//! `carry_<year>`, `extra_<year>`, `credit_<goal>_<year>`,
//! `short_<goal>_<year>` and `z_<item>_<prerequisite>_<year>`, with ids
//! reduced to letters, digits, `_` and `.` (a name that would clash gets
//! the variable's number appended). Constraints are numbered `r1`, `r2`, ...
//! in the order the model builder makes them. Money is in
//! [`Model::money_unit`]s of the plan's currency, as the solver sees it;
//! the objective's constant (payments of fixed orders under a cost
//! objective) is written too (LP: a constant term; MPS: the negated
//! right-hand side of the objective row, as HiGHS and CPLEX read it).
//! This module only formats; it never builds or solves.

use super::{Model, Role, Sense};
use crate::plan::Plan;
use good_lp::IntoAffineExpression;
use std::collections::HashSet;
use std::fmt::Write;

/// The file formats a model can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModelFormat {
    /// CPLEX LP (`.lp`).
    Lp,
    /// Free MPS (`.mps`).
    Mps,
}

impl ModelFormat {
    /// The format a file name asks for, by its extension.
    pub fn from_path(path: &std::path::Path) -> Option<ModelFormat> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "lp" => Some(ModelFormat::Lp),
            "mps" => Some(ModelFormat::Mps),
            _ => None,
        }
    }
}

/// Characters after which an LP line is wrapped (readers accept 255 and
/// more).
const LINE_WIDTH: usize = 200;

impl ModelFormat {
    /// Where the second stage's model goes beside the first stage's:
    /// `model.mps` -> `model.stage2.mps`.
    pub fn second_stage_path(path: &std::path::Path) -> std::path::PathBuf {
        let stem = path.file_stem().unwrap_or_default().to_string_lossy();
        let ext = path.extension().unwrap_or_default().to_string_lossy();
        path.with_file_name(format!("{stem}.stage2.{ext}"))
    }
}

impl Model {
    /// The model of one `stage` of `plan`, as the text of a file in
    /// `format` whose header names the plan and the stage.
    pub fn stage_file_text(plan: &Plan, stage: super::Stage, format: ModelFormat) -> String {
        let title = format!("capplan model of `{}`, stage {}", plan.name, stage.name());
        Model::build(plan, stage).to_file_text(plan, format, &title)
    }

    /// The model as the text of a file in `format`; `title` goes into the
    /// file's header comment.
    pub fn to_file_text(&self, plan: &Plan, format: ModelFormat, title: &str) -> String {
        let rows = Rows::new(self);
        let names = variable_names(self, plan);
        match format {
            ModelFormat::Lp => lp(self, &rows, &names, title),
            ModelFormat::Mps => mps(self, &rows, &names, title),
        }
    }
}

/// One constraint as `terms (<=|=|>=) rhs`.
struct Row {
    terms: Vec<(usize, f64)>,
    relation: Relation,
    rhs: f64,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Relation {
    Le,
    Eq,
    Ge,
}

/// The constraints and the objective with variables as indices.
struct Rows {
    objective: Vec<(usize, f64)>,
    objective_constant: f64,
    rows: Vec<Row>,
}

impl Rows {
    fn new(model: &Model) -> Rows {
        let index = model.variable_index();
        let terms = |e: &good_lp::Expression| -> Vec<(usize, f64)> {
            let mut terms: Vec<(usize, f64)> = e
                .linear_coefficients()
                .filter(|(_, c)| *c != 0.0)
                .map(|(v, c)| (index[&v], c))
                .collect();
            terms.sort_by_key(|(k, _)| *k);
            terms
        };
        let rows = model
            .constraints
            .iter()
            .map(|c| {
                // good_lp keeps `expression <= 0` (or `= 0`).
                let mut terms = terms(c.expression());
                let mut rhs = -c.expression().constant();
                let mut relation = if c.is_equality() {
                    Relation::Eq
                } else {
                    Relation::Le
                };
                // A row of negative terms reads better as ">=" (it was
                // written that way: a floor).
                if relation == Relation::Le && terms.iter().all(|(_, c)| *c < 0.0) {
                    terms.iter_mut().for_each(|(_, c)| *c = -*c);
                    rhs = -rhs;
                    relation = Relation::Ge;
                }
                Row {
                    terms,
                    relation,
                    rhs: clean(rhs),
                }
            })
            .collect();
        Rows {
            objective: terms(&model.objective),
            objective_constant: model.objective.constant(),
            rows,
        }
    }
}

/// Turns -0 into 0.
fn clean(x: f64) -> f64 {
    if x == 0.0 {
        0.0
    } else {
        x
    }
}

/// The names of the variables, in variable order, unique.
fn variable_names(model: &Model, plan: &Plan) -> Vec<String> {
    let item = |i: usize| symbol(&plan.items[i].id);
    let goal = |g: usize| symbol(&plan.goals[g].id);
    let mut seen = HashSet::new();
    model
        .roles
        .iter()
        .enumerate()
        .map(|(k, role)| {
            let name = match *role {
                Role::Order { item: i, year } => format!("q_{}_{year}", item(i)),
                Role::OrderedBy { item: i, year } => format!("o_{}_{year}", item(i)),
                Role::CarryOut { year } => format!("carry_{year}"),
                Role::ExtraBudget { year } => format!("extra_{year}"),
                Role::Credited { goal: g, year } => format!("credit_{}_{year}", goal(g)),
                Role::Shortfall { goal: g, year } => format!("short_{}_{year}", goal(g)),
                Role::Churn { item: i, year } => format!("churn_{}_{year}", item(i)),
                Role::Bought { item: i } => format!("bought_{}", item(i)),
                Role::PrerequisiteMet {
                    item: i,
                    requires: j,
                    year,
                } => format!("z_{}_{}_{year}", item(i), item(j)),
                Role::Funding {
                    item: i,
                    source: s,
                    year,
                    sustainment,
                } => {
                    let kind = if sustainment { "r" } else { "a" };
                    let source = symbol(&plan.sources[s].id);
                    format!("{kind}_{}_{source}_{year}", item(i))
                }
                Role::SourceCarryOut { source: s, year } => {
                    format!("carry_{}_{year}", symbol(&plan.sources[s].id))
                }
            };
            if seen.insert(name.clone()) {
                name
            } else {
                let unique = format!("{name}_v{k}");
                seen.insert(unique.clone());
                unique
            }
        })
        .collect()
}

/// An id as part of a name: letters, digits, `_` and `.`; anything else
/// becomes `_`.
fn symbol(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn header(out: &mut String, comment: &str, model: &Model, title: &str) {
    let title: String = title.chars().filter(|c| !c.is_control()).collect();
    let _ = writeln!(out, "{comment} {title}");
    let _ = writeln!(
        out,
        "{comment} written by capplan {}; money in units of {} of the plan's currency",
        env!("CARGO_PKG_VERSION"),
        model.money_unit
    );
    let _ = writeln!(
        out,
        "{comment} {} variables, {} constraints",
        model.vars.len(),
        model.constraints.len()
    );
}

fn lp(model: &Model, rows: &Rows, names: &[String], title: &str) -> String {
    let mut out = String::with_capacity(64 * (rows.rows.len() + names.len()) + 1024);
    header(&mut out, "\\", model, title);
    out.push_str(match model.sense {
        Sense::Maximise => "Maximize\n",
        Sense::Minimise => "Minimize\n",
    });
    out.push_str(" obj:");
    write_terms(&mut out, &rows.objective, names);
    if rows.objective_constant != 0.0 {
        let _ = write!(out, " {}", signed(rows.objective_constant));
    } else if rows.objective.is_empty() {
        out.push_str(" 0");
    }
    out.push_str("\nSubject To\n");
    for (r, row) in rows.rows.iter().enumerate() {
        let _ = write!(out, " r{}:", r + 1);
        if row.terms.is_empty() {
            // A row of constants only: 0 times the first variable keeps it
            // a row (and keeps an impossible one impossible).
            let _ = write!(out, " 0 {}", names.first().map_or("x", String::as_str));
        }
        write_terms(&mut out, &row.terms, names);
        let relation = match row.relation {
            Relation::Le => "<=",
            Relation::Eq => "=",
            Relation::Ge => ">=",
        };
        let _ = writeln!(out, " {relation} {}", row.rhs);
    }
    out.push_str("Bounds\n");
    let mut integers = Vec::new();
    for (k, (_, def)) in model.vars.iter_variables_with_def().enumerate() {
        let (min, max) = (def.get_min(), def.get_max());
        let name = &names[k];
        if def.is_integer() {
            integers.push(name.as_str());
        }
        match (min.is_finite(), max.is_finite()) {
            _ if min == max => {
                let _ = writeln!(out, " {name} = {}", clean(min));
            }
            (true, true) => {
                let _ = writeln!(out, " {} <= {name} <= {}", clean(min), clean(max));
            }
            (true, false) if min == 0.0 => {}
            (true, false) => {
                let _ = writeln!(out, " {name} >= {min}");
            }
            (false, true) => {
                let _ = writeln!(out, " -inf <= {name} <= {}", clean(max));
            }
            (false, false) => {
                let _ = writeln!(out, " {name} free");
            }
        }
    }
    if !integers.is_empty() {
        out.push_str("General\n");
        let mut line = 0;
        for name in integers {
            if line > 0 && line + name.len() > LINE_WIDTH {
                out.push('\n');
                line = 0;
            }
            out.push(' ');
            out.push_str(name);
            line += name.len() + 1;
        }
        out.push('\n');
    }
    out.push_str("End\n");
    out
}

/// ` + 2 x - 3 y ...`, wrapped at about [`LINE_WIDTH`] characters.
fn write_terms(out: &mut String, terms: &[(usize, f64)], names: &[String]) {
    let mut line_start = out.rfind('\n').map_or(0, |p| p + 1);
    for (n, &(k, coefficient)) in terms.iter().enumerate() {
        if n > 0 && out.len() - line_start > LINE_WIDTH {
            out.push_str("\n   ");
            line_start = out.len() - 3;
        }
        let sign = if coefficient < 0.0 { '-' } else { '+' };
        let magnitude = coefficient.abs();
        if n == 0 && sign == '+' {
            out.push(' ');
        } else {
            let _ = write!(out, " {sign} ");
        }
        if magnitude != 1.0 {
            let _ = write!(out, "{magnitude} ");
        }
        out.push_str(&names[k]);
    }
}

/// `+ 3` or `- 3`.
fn signed(x: f64) -> String {
    if x < 0.0 {
        format!("- {}", -x)
    } else {
        format!("+ {x}")
    }
}

fn mps(model: &Model, rows: &Rows, names: &[String], title: &str) -> String {
    let mut out = String::with_capacity(48 * (rows.rows.len() + 3 * names.len()) + 1024);
    header(&mut out, "*", model, title);
    out.push_str("NAME capplan\n");
    out.push_str("OBJSENSE\n");
    out.push_str(match model.sense {
        Sense::Maximise => "    MAX\n",
        Sense::Minimise => "    MIN\n",
    });
    out.push_str("ROWS\n N  obj\n");
    for (r, row) in rows.rows.iter().enumerate() {
        let kind = match row.relation {
            Relation::Le => 'L',
            Relation::Eq => 'E',
            Relation::Ge => 'G',
        };
        let _ = writeln!(out, " {kind}  r{}", r + 1);
    }
    // Column-major: every variable's entries in the objective and the rows.
    let mut columns: Vec<Vec<(usize, f64)>> = vec![Vec::new(); names.len()];
    for &(k, c) in &rows.objective {
        columns[k].push((0, c));
    }
    for (r, row) in rows.rows.iter().enumerate() {
        for &(k, c) in &row.terms {
            columns[k].push((r + 1, c));
        }
    }
    out.push_str("COLUMNS\n");
    let definitions: Vec<_> = model.vars.iter_variables_with_def().collect();
    let mut in_integers = false;
    let mut markers = 0;
    for (k, column) in columns.iter().enumerate() {
        let integer = definitions[k].1.is_integer();
        if integer != in_integers {
            let kind = if integer { "INTORG" } else { "INTEND" };
            let _ = writeln!(out, "    M{markers} 'MARKER' '{kind}'");
            markers += 1;
            in_integers = integer;
        }
        if column.is_empty() {
            // A variable in no row still needs a line to exist.
            let _ = writeln!(out, "    {} obj 0", names[k]);
        }
        for &(r, c) in column {
            let row = if r == 0 {
                "obj".to_string()
            } else {
                format!("r{r}")
            };
            let _ = writeln!(out, "    {} {row} {c}", names[k]);
        }
    }
    if in_integers {
        let _ = writeln!(out, "    M{markers} 'MARKER' 'INTEND'");
    }
    out.push_str("RHS\n");
    if rows.objective_constant != 0.0 {
        let _ = writeln!(out, "    RHS obj {}", -rows.objective_constant);
    }
    for (r, row) in rows.rows.iter().enumerate() {
        if row.rhs != 0.0 {
            let _ = writeln!(out, "    RHS r{} {}", r + 1, row.rhs);
        }
    }
    out.push_str("BOUNDS\n");
    for (k, (_, def)) in definitions.iter().enumerate() {
        let (min, max) = (def.get_min(), def.get_max());
        let name = &names[k];
        if min == max {
            let _ = writeln!(out, " FX BND {name} {}", clean(min));
            continue;
        }
        if min.is_finite() {
            // Integer columns get their bounds written out, so no reader
            // takes them for binaries.
            if min != 0.0 || def.is_integer() {
                let _ = writeln!(out, " LO BND {name} {}", clean(min));
            }
        } else {
            let _ = writeln!(out, " MI BND {name}");
        }
        if max.is_finite() {
            let _ = writeln!(out, " UP BND {name} {}", clean(max));
        } else if def.is_integer() {
            let _ = writeln!(out, " PL BND {name}");
        }
    }
    out.push_str("ENDATA\n");
    out
}

#[cfg(test)]
mod tests {
    use super::super::{Model, Stage};
    use super::ModelFormat;
    use crate::plan::load_text;

    fn plan(objective: &str) -> crate::plan::Plan {
        let text = format!(
            r#"
[plan]
name = "lp"
start = 2025
end = 2026
objective = "{objective}"

[budget]
years = {{ 2025 = 100, 2026 = 100 }}

[[item]]
id = "command-post"
unit_cost = 100
max_units = 1

[[item]]
id = "launcher"
unit_cost = 50
max_units = 1
requires = ["command-post"]
contributes = {{ fires = 1 }}

[[item]]
id = "command_post"
unit_cost = 10
max_units = 1
fixed = {{ 2025 = 1 }}

[[goal]]
id = "fires"
targets = {{ 2026 = 2 }}
"#
        );
        match load_text("lp.toml", &text) {
            Ok((plan, _)) => plan,
            Err(e) => panic!("test plan invalid: {e}"),
        }
    }

    #[test]
    fn the_lp_file_has_the_objective_rows_bounds_and_integers() {
        let p = plan("max-goals");
        let model = Model::build(&p, Stage::MaxScore);
        let lp = model.to_file_text(&p, ModelFormat::Lp, "a test");
        assert!(lp.starts_with("\\ a test\n"));
        assert!(
            lp.contains("Maximize\n obj: 0.5 credit_fires_2026\n"),
            "{lp}"
        );
        // The budget of 2025: both order variables and the carry-over.
        assert!(
            lp.contains("100 q_command_post_2025 + 50 q_launcher_2025 + carry_2025 <= 90\n"),
            "{lp}"
        );
        // The prerequisite: a launcher only once a command post is there.
        assert!(
            lp.contains(": - q_command_post_2025 + q_launcher_2025 <= 0\n"),
            "{lp}"
        );
        // From 2026 on, the command posts ordered so far are a running total.
        assert!(
            lp.contains(
                ": - q_command_post_2025 - q_command_post_2026 + o_command_post_2026 = 0\n"
            ),
            "{lp}"
        );
        assert!(
            lp.contains(": q_launcher_2026 - o_command_post_2026 <= 0\n"),
            "{lp}"
        );
        assert!(lp.contains(" 0 <= credit_fires_2026 <= 2\n"), "{lp}");
        assert!(lp.contains("General\n q_command_post_2025 "), "{lp}");
        assert!(lp.ends_with("End\n"));
    }

    #[test]
    fn the_cost_objective_keeps_the_fixed_orders_as_a_constant() {
        let p = plan("min-cost");
        let model = Model::build(&p, Stage::MinCost { score_floor: None });
        let lp = model.to_file_text(&p, ModelFormat::Lp, "cost");
        assert!(
            lp.contains("Minimize\n obj: 100 q_command_post_2025"),
            "{lp}"
        );
        assert!(lp.contains(" + 10\nSubject To\n"), "{lp}");
        // A floor reads as ">=": two launchers by 2026.
        assert!(lp.contains(": o_launcher_2026 >= 2\n"), "{lp}");
        // Once: the rounding cut of a lone contributor worth 1 point would
        // repeat the floor.
        assert_eq!(lp.matches(">= 2\n").count(), 1, "{lp}");
        let mps = model.to_file_text(&p, ModelFormat::Mps, "cost");
        assert!(mps.contains("OBJSENSE\n    MIN\n"), "{mps}");
        assert!(mps.contains("    RHS obj -10\n"), "{mps}");
        assert!(mps.contains("'MARKER' 'INTORG'"), "{mps}");
        assert!(mps.contains(" UP BND q_launcher_2026 1\n"), "{mps}");
        assert!(mps.ends_with("ENDATA\n"));
    }

    #[test]
    fn names_are_unique_even_when_ids_reduce_to_the_same_symbol() {
        // `command-post` and `command_post` both become `command_post`.
        let p = plan("max-goals");
        let model = Model::build(&p, Stage::MaxScore);
        let names = super::variable_names(&model, &p);
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), names.len(), "{names:?}");
    }

    #[test]
    fn the_format_follows_the_extension() {
        let format = |name: &str| ModelFormat::from_path(std::path::Path::new(name));
        assert_eq!(format("model.lp"), Some(ModelFormat::Lp));
        assert_eq!(format("model.MPS"), Some(ModelFormat::Mps));
        assert_eq!(format("model.txt"), None);
        assert_eq!(format("model"), None);
    }
}
