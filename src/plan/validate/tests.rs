//! Validation rules, one small plan at a time: the problem found (as data)
//! and its exact line and column, and the defaults a valid plan gets.
//! The rendered messages are covered by the catalogue in `tests/errors/`.

use crate::diagnostic::{InvalidInput, Problem};
use crate::plan::{load_text, Objective, Plan};

/// A valid plan; the tests below change one thing at a time.
///
/// Lines: 1 `[plan]`, 7 `years`, 9 `[[phase]]`, 14 `[[item]]`,
/// 18 `contributes`, 20 `[[goal]]`, 22 `targets`.
const BASE: &str = r#"[plan]
name = "Test plan"
start = 2025
end = 2027

[budget]
years = { 2025 = "40M", 2026 = "40M", 2027 = "40M" }

[[phase]]
id = "p1"
start = 2025
end = 2026

[[item]]
id = "radar"
unit_cost = "10M"
max_units = 4
contributes = { air = 25 }

[[goal]]
id = "air"
targets = { 2027 = 50 }
"#;

/// BASE with the first `old` replaced by `new`.
fn edit(old: &str, new: &str) -> String {
    edit_text(BASE, old, new)
}

fn edit_text(text: &str, old: &str, new: &str) -> String {
    assert!(text.contains(old), "`{old}` is not in the plan");
    text.replacen(old, new, 1)
}

/// BASE with `extra` inserted right after the first `after`.
fn insert_after(after: &str, extra: &str) -> String {
    edit(after, &format!("{after}{extra}"))
}

fn valid(text: &str) -> Plan {
    match load_text("t.toml", text) {
        Ok((plan, _)) => plan,
        Err(invalid) => panic!("expected a valid plan, got:\n{invalid}"),
    }
}

fn invalid(text: &str) -> InvalidInput {
    match load_text("t.toml", text) {
        Ok(_) => panic!("expected problems, the plan is valid:\n{text}"),
        Err(invalid) => invalid,
    }
}

/// The only problem in `text`, with its line and column.
fn only_problem(text: &str) -> (Problem, (usize, usize)) {
    let invalid = invalid(text);
    assert_eq!(invalid.diagnostics.len(), 1, "\n{invalid}");
    (invalid.diagnostics[0].problem.clone(), at(&invalid, 0))
}

/// Line and column of diagnostic `i`.
fn at(invalid: &InvalidInput, i: usize) -> (usize, usize) {
    let span = invalid.diagnostics[i].span.expect("diagnostic has a place");
    let loc = invalid.sources.locate(span);
    (loc.line, loc.column)
}

fn help(invalid: &InvalidInput, i: usize) -> &str {
    invalid.diagnostics[i].help.as_deref().unwrap_or("")
}

fn out_of_range(key: &str, rule: &str) -> Problem {
    Problem::OutOfRange {
        key: key.into(),
        rule: rule.into(),
    }
}

// ---- defaults -------------------------------------------------------------

#[test]
fn a_minimal_plan_gets_the_documented_defaults() {
    let plan = valid(BASE);
    assert_eq!(plan.name, "Test plan");
    assert_eq!(plan.currency, "EUR");
    assert_eq!(plan.objective, Objective::MaxGoals);
    assert_eq!((plan.start, plan.end), (2025, 2027));
    assert_eq!(plan.budget.carryover, 0.0);
    assert_eq!(plan.budget.capital_share, 1.0);
    assert_eq!(plan.budget.scale, 1.0);

    let phase = &plan.phases[0];
    assert_eq!((phase.id.as_str(), phase.name.as_str()), ("p1", "p1"));

    let item = &plan.items[0];
    assert_eq!(item.name, "radar");
    assert_eq!(item.category, "general");
    assert_eq!(item.unit_cost.to_units(), 10e6);
    assert_eq!(item.min_units, 0.0);
    assert_eq!(item.max_units, 4.0);
    assert_eq!(item.max_per_year, None);
    assert!(!item.divisible);
    assert_eq!(item.payments, vec![1.0]);
    assert_eq!(item.lead_time, 0);
    assert_eq!(item.sustainment, 0.0);
    assert!(item.requires.is_empty());
    assert!(item.fixed.is_empty());
    assert_eq!(item.fixed_total().to_string(), "0");
    assert_eq!(item.order_years, vec![2025, 2026, 2027]);
    assert_eq!(item.contributes, vec![(0, 25.0)]);
    assert_eq!((item.at.line, item.at.column), (15, 6));

    let goal = &plan.goals[0];
    assert_eq!(goal.name, "air");
    assert_eq!(goal.weight, 1.0);
    assert_eq!(goal.milestones.len(), 1);
    assert_eq!(
        (goal.milestones[0].year, goal.milestones[0].target),
        (2027, 50.0)
    );
}

#[test]
fn given_values_replace_the_defaults() {
    let text = edit(
        "end = 2027\n",
        "end = 2027\ncurrency = \"USD\"\nobjective = \"min-cost\"\n",
    );
    let text = edit_text(
        &text,
        "\"40M\" }\n",
        "\"40M\" }\ncarryover = 0.1\ncapital_share = 0.5\nscale = 1.2\n",
    );
    let text = edit_text(
        &text,
        "max_units = 4\n",
        "max_units = 4\nname = \"Coastal radar\"\ncategory = \"air defence\"\n\
         min_units = 1\nmax_per_year = 2\ndivisible = true\nlead_time = 1\n\
         payments = [0.25, 0.75]\nsustainment = 0.05\n",
    );
    let plan = valid(&text);
    assert_eq!(plan.currency, "USD");
    assert_eq!(plan.objective, Objective::MinCost);
    assert_eq!(plan.budget.carryover, 0.1);
    assert_eq!(plan.budget.capital_share, 0.5);
    assert_eq!(plan.budget.scale, 1.2);
    let item = &plan.items[0];
    assert_eq!(item.name, "Coastal radar");
    assert_eq!(item.category, "air defence");
    assert_eq!(item.min_units, 1.0);
    assert_eq!(item.max_per_year, Some(2.0));
    assert!(item.divisible);
    assert_eq!(item.lead_time, 1);
    assert_eq!(item.payments, vec![0.25, 0.75]);
    assert_eq!(item.sustainment, 0.05);
}

#[test]
fn budget_is_scale_times_capital_share_times_envelope() {
    let text = edit(
        "years = { 2025 = \"40M\", 2026 = \"40M\", 2027 = \"40M\" }",
        "years = { 2025 = \"40M\", 2026 = 55_000_000, 2027 = 6.7e7 }\n\
         capital_share = 0.35\nscale = 1.1",
    );
    let plan = valid(&text);
    let envelopes: Vec<f64> = plan
        .budget
        .years
        .iter()
        .map(|y| y.envelope.to_units())
        .collect();
    assert_eq!(envelopes, vec![40e6, 55e6, 67e6]);
    for year in &plan.budget.years {
        let expected = 1.1 * 0.35 * year.envelope.to_units();
        assert!(
            (year.budget.to_units() - expected).abs() <= 0.005,
            "{}: {} != {expected}",
            year.year,
            year.budget.to_units()
        );
    }
    assert_eq!(plan.budget.years[0].budget.cents(), 1_540_000_000);
    assert_eq!(
        plan.budget.years.iter().map(|y| y.year).collect::<Vec<_>>(),
        vec![2025, 2026, 2027]
    );
    assert_eq!(plan.budget.years[1].at.line, 7);
}

#[test]
fn amounts_accept_suffixes_and_number_forms() {
    for (written, units) in [
        ("\"67M\"", 67e6),
        ("\"1.5bn\"", 1.5e9),
        ("\"250k\"", 250e3),
        ("\"67_000_000\"", 67e6),
        ("67_000_000", 67e6),
        ("6.7e7", 6.7e7),
        ("\"2.5m\"", 2.5e6),
    ] {
        let plan = valid(&edit(
            "unit_cost = \"10M\"",
            &format!("unit_cost = {written}"),
        ));
        assert_eq!(plan.items[0].unit_cost.to_units(), units, "{written}");
    }
}

#[test]
fn order_years_respect_window_and_phases() {
    let text = edit(
        "[[item]]",
        "[[phase]]\nid = \"p2\"\nstart = 2027\nend = 2027\n\n[[item]]",
    );
    let with = |extra: &str| {
        let plan = valid(&edit_text(
            &text,
            "max_units = 4\n",
            &format!("max_units = 4\n{extra}"),
        ));
        plan.items[0].order_years.clone()
    };
    assert_eq!(with(""), vec![2025, 2026, 2027]);
    assert_eq!(with("phases = [\"p1\"]\n"), vec![2025, 2026]);
    assert_eq!(with("phases = [\"p2\"]\n"), vec![2027]);
    assert_eq!(with("phases = [\"p2\", \"p1\"]\n"), vec![2025, 2026, 2027]);
    assert_eq!(with("earliest = 2026\n"), vec![2026, 2027]);
    assert_eq!(with("latest = 2025\n"), vec![2025]);
    assert_eq!(with("earliest = 2026\nphases = [\"p1\"]\n"), vec![2026]);
    assert_eq!(
        with("earliest = 2027\nphases = [\"p1\"]\n"),
        Vec::<i32>::new()
    );
}

#[test]
fn references_resolve_to_indices_and_tables_sort_by_year() {
    let text = edit(
        "[[goal]]",
        "[[item]]\nid = \"launcher\"\nunit_cost = 1\nmax_units = 9\n\
         requires = [\"radar\"]\ncontributes = { sea = 1, air = 2 }\n\
         fixed = { 2027 = 1, 2025 = 2 }\n\n[[goal]]",
    );
    let text = format!("{text}\n[[goal]]\nid = \"sea\"\ntargets = {{ 2027 = 5, 2026 = 1 }}\n");
    let plan = valid(&text);
    let launcher = &plan.items[1];
    assert_eq!(launcher.requires, vec![0]);
    assert_eq!(launcher.contributes, vec![(1, 1.0), (0, 2.0)]);
    let fixed: Vec<(i32, f64)> = launcher.fixed.iter().map(|f| (f.year, f.units)).collect();
    assert_eq!(fixed, vec![(2025, 2.0), (2027, 1.0)]);
    assert_eq!(launcher.fixed_total(), 3.0);
    let years: Vec<i32> = plan.goals[1].milestones.iter().map(|m| m.year).collect();
    assert_eq!(years, vec![2026, 2027]);
}

// ---- problems, with their place -------------------------------------------

#[test]
fn unknown_keys_in_every_section_with_did_you_mean() {
    for (text, key, section, place, hint) in [
        (
            insert_after("end = 2027\n", "curency = \"USD\"\n"),
            "curency",
            "[plan]",
            (5, 1),
            "did you mean `currency`?",
        ),
        (
            insert_after("\"40M\" }\n", "scal = 2\n"),
            "scal",
            "[budget]",
            (8, 1),
            "did you mean `scale`?",
        ),
        (
            insert_after("id = \"p1\"\n", "nmae = \"x\"\n"),
            "nmae",
            "[[phase]]",
            (11, 1),
            "did you mean `name`?",
        ),
        (
            insert_after("max_units = 4\n", "lead_tme = 1\n"),
            "lead_tme",
            "[[item]]",
            (18, 1),
            "did you mean `lead_time`?",
        ),
        (
            insert_after("id = \"air\"\n", "wieght = 2\n"),
            "wieght",
            "[[goal]]",
            (22, 1),
            "did you mean `weight`?",
        ),
        (
            edit("[[phase]]", "[[phases]]"),
            "phases",
            "the plan file",
            (9, 3),
            "did you mean `phase`?",
        ),
    ] {
        let invalid = invalid(&text);
        assert_eq!(invalid.diagnostics.len(), 1, "\n{invalid}");
        assert_eq!(
            invalid.diagnostics[0].problem,
            Problem::UnknownKey {
                key: key.into(),
                section: section.into()
            }
        );
        assert_eq!(at(&invalid, 0), place, "{key}");
        assert_eq!(help(&invalid, 0), hint);
    }
}

#[test]
fn an_unknown_key_with_nothing_close_lists_the_known_keys() {
    let invalid = invalid(&insert_after("id = \"p1\"\n", "colour = 1\n"));
    assert_eq!(
        help(&invalid, 0),
        "known keys: `id`, `name`, `start`, `end`"
    );
}

#[test]
fn missing_keys_point_at_their_table() {
    for (old, key, section, place) in [
        ("name = \"Test plan\"\n", "name", "[plan]", (1, 1)),
        (
            "years = { 2025 = \"40M\", 2026 = \"40M\", 2027 = \"40M\" }\n",
            "years",
            "[budget]",
            (6, 1),
        ),
        ("end = 2026\n", "end", "[[phase]]", (9, 1)),
        ("unit_cost = \"10M\"\n", "unit_cost", "[[item]]", (14, 1)),
        ("max_units = 4\n", "max_units", "[[item]]", (14, 1)),
        ("targets = { 2027 = 50 }\n", "targets", "[[goal]]", (20, 1)),
    ] {
        let (problem, place_found) = only_problem(&edit(old, ""));
        assert_eq!(
            problem,
            Problem::MissingKey {
                key: key.into(),
                section: section.into()
            }
        );
        assert_eq!(place_found, place, "{key}");
    }
}

#[test]
fn a_missing_section_is_reported_at_the_start_of_the_file() {
    let text = edit(
        "[budget]\nyears = { 2025 = \"40M\", 2026 = \"40M\", 2027 = \"40M\" }\n",
        "",
    );
    let (problem, place) = only_problem(&text);
    assert_eq!(
        problem,
        Problem::MissingKey {
            key: "budget".into(),
            section: "the plan file".into()
        }
    );
    assert_eq!(place, (1, 1));
}

#[test]
fn wrong_types_name_what_was_expected_and_found() {
    for (old, new, key, expected, found, place) in [
        (
            "name = \"Test plan\"",
            "name = 5",
            "name",
            "a string",
            "an integer",
            (2, 8),
        ),
        (
            "start = 2025",
            "start = \"2025\"",
            "start",
            "an integer",
            "a string",
            (3, 9),
        ),
        (
            "max_units = 4",
            "max_units = \"4\"",
            "max_units",
            "a number",
            "a string",
            (17, 13),
        ),
        (
            "max_units = 4",
            "max_units = 2026-01-01",
            "max_units",
            "a number",
            "a date",
            (17, 13),
        ),
        (
            "unit_cost = \"10M\"",
            "unit_cost = true",
            "unit_cost",
            "an amount such as 67000000 or \"67M\"",
            "a boolean",
            (16, 13),
        ),
        (
            "contributes = { air = 25 }",
            "contributes = [\"air\"]",
            "contributes",
            "a table",
            "an array",
            (18, 15),
        ),
        (
            "targets = { 2027 = 50 }",
            "targets = { 2027 = \"50\" }",
            "targets.2027",
            "a number",
            "a string",
            (22, 20),
        ),
        (
            "[[item]]",
            "[item]",
            "item",
            "an array of tables, written [[item]]",
            "a table",
            (14, 1),
        ),
    ] {
        let (problem, place_found) = only_problem(&edit(old, new));
        assert_eq!(
            problem,
            Problem::WrongType {
                key: key.into(),
                expected,
                found
            }
        );
        assert_eq!(place_found, place, "{new}");
    }
}

#[test]
fn bad_amounts_say_why() {
    for (amount, reason) in [
        (
            "\"67MM\"",
            "`67MM` is not a number with an optional k, M or bn suffix",
        ),
        ("\"-5M\"", "an amount cannot be negative"),
        ("-5", "an amount cannot be negative"),
        ("nan", "NaN is not an amount"),
        ("inf", "an amount must be finite"),
        ("\"1e400\"", "an amount must be finite"),
        ("2e15", "an amount cannot exceed 1e15"),
    ] {
        let (problem, place) = only_problem(&edit("2026 = \"40M\"", &format!("2026 = {amount}")));
        assert_eq!(
            problem,
            Problem::BadAmount {
                key: "years.2026".into(),
                reason: reason.into()
            },
            "{amount}"
        );
        assert_eq!(place, (7, 32), "{amount}");
    }
}

#[test]
fn a_year_with_a_bad_amount_is_not_also_reported_missing() {
    let invalid = invalid(&edit("2026 = \"40M\"", "2026 = \"lots\""));
    assert_eq!(invalid.diagnostics.len(), 1, "\n{invalid}");
    assert!(matches!(
        invalid.diagnostics[0].problem,
        Problem::BadAmount { .. }
    ));
}

#[test]
fn a_unit_cost_below_a_cent_names_the_smallest_amount() {
    let text = edit("unit_cost = \"10M\"", "unit_cost = 0.001");
    let invalid = invalid(&text);
    let found: Vec<String> = invalid
        .diagnostics
        .iter()
        .map(|d| d.problem.to_string())
        .collect();
    assert_eq!(
        found,
        vec![
            "invalid amount for `unit_cost`: 0.001 has a fraction of a cent; amounts are in \
              whole cents (0.00 or 0.01)"
                .to_string()
        ]
    );
}

#[test]
fn fractions_and_numbers_out_of_range() {
    let budget = |extra: &str| insert_after("\"40M\" }\n", extra);
    let item = |extra: &str| insert_after("max_units = 4\n", extra);
    for (text, key, rule, place) in [
        (
            budget("carryover = 1.5\n"),
            "carryover",
            "a fraction from 0 to 1",
            (8, 13),
        ),
        (
            budget("carryover = -0.1\n"),
            "carryover",
            "a fraction from 0 to 1",
            (8, 13),
        ),
        (
            budget("capital_share = 0\n"),
            "capital_share",
            "a fraction above 0, at most 1",
            (8, 17),
        ),
        (
            budget("capital_share = 1.01\n"),
            "capital_share",
            "a fraction above 0, at most 1",
            (8, 17),
        ),
        (
            budget("scale = 0\n"),
            "scale",
            "a number above 0, at most 1000",
            (8, 9),
        ),
        (budget("scale = inf\n"), "scale", "a finite number", (8, 9)),
        (budget("scale = nan\n"), "scale", "a finite number", (8, 9)),
        (
            edit("unit_cost = \"10M\"", "unit_cost = 0"),
            "unit_cost",
            "above 0",
            (16, 13),
        ),
        (
            edit("max_units = 4", "max_units = -1"),
            "max_units",
            "a number of units from 0 to 1e9",
            (17, 13),
        ),
        (
            item("lead_time = -1\n"),
            "lead_time",
            "an integer from 0 to 100",
            (18, 13),
        ),
        (
            item("lead_time = 101\n"),
            "lead_time",
            "an integer from 0 to 100",
            (18, 13),
        ),
        (
            item("sustainment = -0.1\n"),
            "sustainment",
            "a share of unit_cost, 0 or more (at most 10)",
            (18, 15),
        ),
        (
            edit("air = 25", "air = -1"),
            "contributes.air",
            "a number of points, 0 or more",
            (18, 23),
        ),
        (
            insert_after("id = \"air\"\n", "weight = 0\n"),
            "weight",
            "a number above 0",
            (22, 10),
        ),
        (
            edit("2027 = 50", "2027 = 0"),
            "targets.2027",
            "a number of points above 0",
            (22, 20),
        ),
        (
            edit("id = \"p1\"", "id = \" \""),
            "id",
            "a non-empty string",
            (10, 6),
        ),
    ] {
        let invalid = invalid(&text);
        let found: Vec<_> = invalid.diagnostics.iter().map(|d| &d.problem).collect();
        assert!(
            found.contains(&&out_of_range(key, rule)),
            "{key}: {rule}\n{invalid}"
        );
        let i = found
            .iter()
            .position(|p| **p == out_of_range(key, rule))
            .unwrap_or(0);
        assert_eq!(at(&invalid, i), place, "{key}");
    }
}

#[test]
fn objective_must_be_one_of_two_with_did_you_mean() {
    let invalid = invalid(&insert_after("end = 2027\n", "objective = \"min-costs\"\n"));
    assert_eq!(
        invalid.diagnostics[0].problem,
        out_of_range("objective", "\"max-goals\" or \"min-cost\"")
    );
    assert_eq!(at(&invalid, 0), (5, 13));
    assert_eq!(help(&invalid, 0), "did you mean `min-cost`?");
}

#[test]
fn horizon_rules() {
    let (problem, place) = only_problem(&edit("end = 2027", "end = 2024"));
    assert_eq!(problem, out_of_range("end", "at or after start (2025)"));
    assert_eq!(place, (4, 7));

    let (problem, _) = only_problem(&edit("end = 2027", "end = 2085"));
    assert_eq!(
        problem,
        out_of_range("end", "at most 2084 (a horizon of at most 60 years)")
    );

    // A 100,000-year horizon: the end is not a calendar year at all.
    let (problem, _) = only_problem(&edit("end = 2027", "end = 102024"));
    assert_eq!(problem, out_of_range("end", "a year from 1 to 9999"));

    // 60 years is allowed.
    let years: Vec<String> = (2025..=2084).map(|y| format!("{y} = 1")).collect();
    let text = edit("end = 2027", "end = 2084").replace(
        "years = { 2025 = \"40M\", 2026 = \"40M\", 2027 = \"40M\" }",
        &format!("years = {{ {} }}", years.join(", ")),
    );
    assert_eq!(valid(&text).horizon_len(), 60);
}

#[test]
fn budget_years_missing_outside_duplicate_and_not_years() {
    let (problem, place) = only_problem(&edit("2026 = \"40M\", ", ""));
    assert_eq!(problem, Problem::MissingBudgetYear { year: 2026 });
    assert_eq!(place, (7, 1));

    let (problem, place) = only_problem(&edit("2027 = \"40M\" }", "2027 = \"40M\", 2028 = 1 }"));
    assert_eq!(
        problem,
        Problem::YearOutside {
            key: "years.2028".into(),
            year: 2028,
            start: 2025,
            end: 2027
        }
    );
    assert_eq!(place, (7, 53));

    let (problem, place) = only_problem(&edit("2027 = \"40M\" }", "2027 = \"40M\", 02026 = 1 }"));
    assert_eq!(
        problem,
        Problem::DuplicateYear {
            key: "years".into(),
            year: 2026
        }
    );
    assert_eq!(place, (7, 53));

    let (problem, place) = only_problem(&edit("2027 = \"40M\" }", "2027 = \"40M\", total = 1 }"));
    assert_eq!(
        problem,
        Problem::WrongType {
            key: "years.total".into(),
            expected: "a year such as 2024",
            found: "another key"
        }
    );
    assert_eq!(place, (7, 53));
}

#[test]
fn years_given_twice_in_targets_and_fixed() {
    // A year key with a space is not read as the year (it was, silently).
    let (problem, place) = only_problem(&edit("2027 = 50", "2027 = 50, \"2027 \" = 60"));
    assert_eq!(
        problem,
        Problem::WrongType {
            key: "targets.2027 ".into(),
            expected: "a year such as 2024",
            found: "another key"
        }
    );
    assert_eq!(place, (22, 24));

    let (problem, _) = only_problem(&insert_after(
        "max_units = 4\n",
        "fixed = { 2025 = 1, 02025 = 2 }\n",
    ));
    assert_eq!(
        problem,
        Problem::DuplicateYear {
            key: "fixed".into(),
            year: 2025
        }
    );
}

#[test]
fn duplicate_ids_point_at_the_second_and_name_the_first() {
    let phase = edit(
        "[[item]]",
        "[[phase]]\nid = \"p1\"\nstart = 2027\nend = 2027\n\n[[item]]",
    );
    let item = edit(
        "[[goal]]",
        "[[item]]\nid = \"radar\"\nunit_cost = 1\nmax_units = 1\n\n[[goal]]",
    );
    let goal = format!("{BASE}\n[[goal]]\nid = \"air\"\ntargets = {{ 2026 = 1 }}\n");
    for (text, kind, id, place, first_line) in [
        (phase, "phase", "p1", (15, 6), 10),
        (item, "item", "radar", (21, 6), 15),
        (goal, "goal", "air", (25, 6), 21),
    ] {
        let invalid = invalid(&text);
        assert_eq!(invalid.diagnostics.len(), 1, "\n{invalid}");
        assert_eq!(
            invalid.diagnostics[0].problem,
            Problem::DuplicateId {
                kind,
                id: id.into()
            }
        );
        assert_eq!(at(&invalid, 0), place);
        assert_eq!(
            help(&invalid, 0),
            format!("the first {kind} with this id is on line {first_line}")
        );
    }
}

#[test]
fn unknown_references_with_did_you_mean() {
    let two_items = edit(
        "[[goal]]",
        "[[item]]\nid = \"launcher\"\nunit_cost = 1\nmax_units = 1\nrequires = [\"radr\"]\n\n[[goal]]",
    );
    for (text, kind, id, place, hint) in [
        (
            insert_after("max_units = 4\n", "phases = [\"p2\"]\n"),
            "phase",
            "p2",
            (18, 11),
            "known phases: `p1`",
        ),
        (
            edit("air = 25", "airr = 25"),
            "goal",
            "airr",
            (18, 17),
            "did you mean `air`?",
        ),
        (two_items, "item", "radr", (24, 13), "did you mean `radar`?"),
    ] {
        let invalid = invalid(&text);
        assert_eq!(invalid.diagnostics.len(), 1, "\n{invalid}");
        assert_eq!(
            invalid.diagnostics[0].problem,
            Problem::UnknownId {
                kind,
                id: id.into()
            }
        );
        assert_eq!(at(&invalid, 0), place, "{id}");
        assert_eq!(help(&invalid, 0), hint, "{id}");
    }
}

#[test]
fn a_reference_to_an_entry_with_problems_of_its_own_still_resolves() {
    // The goal has a bad target; the item's `contributes = { air = 25 }`
    // must not be reported as an unknown goal on top of it.
    let (problem, _) = only_problem(&edit("2027 = 50", "2027 = -50"));
    assert_eq!(
        problem,
        out_of_range("targets.2027", "a number of points above 0")
    );
}

#[test]
fn phases_must_not_overlap_and_must_be_in_order() {
    let overlap = edit(
        "[[item]]",
        "[[phase]]\nid = \"p2\"\nstart = 2026\nend = 2027\n\n[[item]]",
    );
    let invalid = invalid(&overlap);
    assert_eq!(invalid.diagnostics.len(), 1, "\n{invalid}");
    assert_eq!(
        invalid.diagnostics[0].problem,
        Problem::PhasesOverlap {
            first: "p1".into(),
            second: "p2".into()
        }
    );
    assert_eq!(at(&invalid, 0), (15, 6));
    assert_eq!(
        help(&invalid, 0),
        "`p1` is 2025-2026 and `p2` is 2026-2027; a year lies in one phase at most"
    );

    let (problem, place) = only_problem(&edit(
        "start = 2025\nend = 2026",
        "start = 2026\nend = 2025",
    ));
    assert_eq!(
        problem,
        out_of_range("end", "at or after the phase's start (2026)")
    );
    assert_eq!(place, (12, 7));

    let (problem, place) = only_problem(&edit("end = 2026", "end = 2028"));
    assert_eq!(
        problem,
        Problem::YearOutside {
            key: "end".into(),
            year: 2028,
            start: 2025,
            end: 2027
        }
    );
    assert_eq!(place, (12, 7));
}

#[test]
fn payments_must_be_non_negative_and_sum_to_one() {
    let with =
        |payments: &str| insert_after("max_units = 4\n", &format!("payments = {payments}\n"));
    let (problem, place) = only_problem(&with("[0.5, 0.6]"));
    assert_eq!(problem, Problem::PaymentsSum { sum: 1.1 });
    assert_eq!(place, (18, 12));

    let (problem, place) = only_problem(&with("[1.2, -0.2]"));
    assert_eq!(problem, out_of_range("payments", "a fraction of 0 or more"));
    assert_eq!(place, (18, 18));

    // An empty list is said to be empty, not to add up to -0.
    let (problem, _) = only_problem(&with("[]"));
    assert_eq!(
        problem,
        Problem::NoEntries {
            section: "payment share"
        }
    );

    // Within 1e-6 of one is one.
    let plan = valid(&with("[0.3333333, 0.3333333, 0.3333334]"));
    assert_eq!(plan.items[0].payments.len(), 3);
}

#[test]
fn prerequisite_loops_and_self_reference() {
    let cycle = edit(
        "max_units = 4\n",
        "max_units = 4\nrequires = [\"launcher\"]\n",
    );
    let cycle = edit_text(
        &cycle,
        "[[goal]]",
        "[[item]]\nid = \"launcher\"\nunit_cost = 1\nmax_units = 1\nrequires = [\"radar\"]\n\n[[goal]]",
    );
    let invalid = invalid(&cycle);
    assert_eq!(invalid.diagnostics.len(), 1, "\n{invalid}");
    assert_eq!(
        invalid.diagnostics[0].problem,
        Problem::RequiresCycle {
            path: vec!["radar".into(), "launcher".into(), "radar".into()]
        }
    );
    assert_eq!(at(&invalid, 0), (15, 6));

    let invalid = self::invalid(&insert_after("max_units = 4\n", "requires = [\"radar\"]\n"));
    assert_eq!(invalid.diagnostics.len(), 1, "\n{invalid}");
    assert_eq!(
        invalid.diagnostics[0].problem,
        Problem::RequiresCycle {
            path: vec!["radar".into(), "radar".into()]
        }
    );
    assert_eq!(at(&invalid, 0), (18, 13));
    assert_eq!(help(&invalid, 0), "an item cannot require itself");
}

#[test]
fn fixed_orders_whole_units_inside_the_horizon() {
    let with = |fixed: &str| insert_after("max_units = 4\n", &format!("fixed = {fixed}\n"));
    let (problem, place) = only_problem(&with("{ 2025 = 1.5 }"));
    assert_eq!(
        problem,
        Problem::FractionalUnits {
            key: "fixed.2025".into(),
            units: 1.5
        }
    );
    assert_eq!(place, (18, 18));

    let (problem, place) = only_problem(&with("{ 2024 = 1 }"));
    assert_eq!(
        problem,
        Problem::YearOutside {
            key: "fixed".into(),
            year: 2024,
            start: 2025,
            end: 2027
        }
    );
    assert_eq!(place, (18, 11));

    let (problem, _) = only_problem(&with("{ 2025 = -1 }"));
    assert_eq!(
        problem,
        out_of_range("fixed.2025", "a number of units from 0 to 1e9")
    );

    let plan = valid(&insert_after(
        "max_units = 4\n",
        "divisible = true\nfixed = { 2025 = 1.5 }\n",
    ));
    assert_eq!(plan.items[0].fixed_total(), 1.5);
}

#[test]
fn order_window_rules() {
    let with = |extra: &str| insert_after("max_units = 4\n", extra);
    let (problem, place) = only_problem(&with("earliest = 2027\nlatest = 2026\n"));
    assert_eq!(
        problem,
        out_of_range("earliest", "at or before latest (2026)")
    );
    assert_eq!(place, (18, 12));

    let (problem, place) = only_problem(&with("latest = 2030\n"));
    assert_eq!(
        problem,
        Problem::YearOutside {
            key: "latest".into(),
            year: 2030,
            start: 2025,
            end: 2027
        }
    );
    assert_eq!(place, (18, 10));
}

#[test]
fn goals_need_milestones_inside_the_horizon() {
    let (problem, place) = only_problem(&edit("{ 2027 = 50 }", "{}"));
    assert_eq!(
        problem,
        Problem::NoEntries {
            section: "milestone in `targets`"
        }
    );
    assert_eq!(place, (22, 11));

    let (problem, place) = only_problem(&edit("2027 = 50", "2027 = 50, 2030 = 60"));
    assert_eq!(
        problem,
        Problem::YearOutside {
            key: "targets".into(),
            year: 2030,
            start: 2025,
            end: 2027
        }
    );
    assert_eq!(place, (22, 24));
}

#[test]
fn a_plan_needs_items_and_goals() {
    let no_items = edit(
        "[[item]]\nid = \"radar\"\nunit_cost = \"10M\"\nmax_units = 4\ncontributes = { air = 25 }\n\n",
        "",
    );
    let invalid = invalid(&no_items);
    assert_eq!(invalid.diagnostics.len(), 1, "\n{invalid}");
    assert_eq!(
        invalid.diagnostics[0].problem,
        Problem::NoEntries {
            section: "[[item]]"
        }
    );
    assert_eq!(at(&invalid, 0), (1, 1));
    assert_eq!(invalid.diagnostics[0].label, "this file has no [[item]]");

    let no_goals = edit("contributes = { air = 25 }\n", "");
    let no_goals = edit_text(
        &no_goals,
        "\n[[goal]]\nid = \"air\"\ntargets = { 2027 = 50 }\n",
        "",
    );
    let (problem, place) = only_problem(&no_goals);
    assert_eq!(
        problem,
        Problem::NoEntries {
            section: "[[goal]]"
        }
    );
    assert_eq!(place, (1, 1));

    // `[item]` instead of `[[item]]` is one problem, not also "no items".
    let (problem, _) = only_problem(&edit("[[item]]", "[item]"));
    assert!(matches!(problem, Problem::WrongType { .. }), "{problem:?}");
}

#[test]
fn empty_files_and_syntax_errors() {
    for text in ["", "  \n\n", "# nothing but a comment\n"] {
        let (problem, place) = only_problem(text);
        assert_eq!(problem, Problem::EmptyFile, "{text:?}");
        assert_eq!(place, (1, 1));
    }
    let invalid = invalid(&edit("name = \"Test plan\"", "name = \"Test plan"));
    assert!(matches!(
        invalid.diagnostics[0].problem,
        Problem::Syntax { .. }
    ));
    assert_eq!(at(&invalid, 0).0, 2);
}

#[test]
fn money_that_cannot_be_held_is_too_large() {
    let (problem, place) = only_problem(&edit(
        "years = { 2025 = \"40M\", 2026 = \"40M\", 2027 = \"40M\" }",
        "years = { 2025 = 1e15, 2026 = 1e15, 2027 = 1e15 }\nscale = 2",
    ));
    assert!(
        matches!(&problem, Problem::TooLarge { what, .. } if what.contains("budget")),
        "{problem:?}"
    );
    assert_eq!(place, (8, 9));

    let (problem, place) = only_problem(&edit("max_units = 4", "max_units = 1e9"));
    assert_eq!(
        problem,
        Problem::TooLarge {
            what: "item `radar` could cost up to 1e16".into(),
            limit: 1_000_000_000_000_000
        }
    );
    assert_eq!(place, (17, 13));
}

#[test]
fn every_problem_is_reported_in_file_order() {
    let text = edit("2026 = \"40M\"", "2026 = \"67MM\"");
    let text = edit_text(&text, "unit_cost = \"10M\"", "unit_cots = \"10M\"");
    let text = edit_text(&text, "air = 25", "airr = 25");
    let text = edit_text(&text, "end = 2027", "end = 2027\nnmae = \"x\"");
    let invalid = invalid(&text);
    let places: Vec<(usize, usize)> = (0..invalid.diagnostics.len())
        .map(|i| at(&invalid, i))
        .collect();
    assert_eq!(
        places,
        vec![(5, 1), (8, 32), (17, 1), (19, 17)],
        "\n{invalid}"
    );
    // The misspelt required key is one problem, not "missing" and "unknown".
    assert!(matches!(
        &invalid.diagnostics[2].problem,
        Problem::UnknownKey { key, .. } if key == "unit_cots"
    ));
}
