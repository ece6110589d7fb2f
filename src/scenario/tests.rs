//! Scenario and `--set` tests on whole plans: merge, validate, and check
//! where each diagnostic points.

use super::*;
use crate::diagnostic::{Location, Problem};
use crate::plan::tree;

const BASE: &str = r#"[plan]
name = "Base"
start = 2025
end = 2027

[budget]
carryover = 0.1

[budget.years]
2025 = "100M"
2026 = "100M"
2027 = "100M"

[[phase]]
id = "p1"
start = 2025
end = 2026

[[phase]]
id = "p2"
start = 2027
end = 2027

[[item]]
id = "radar"
unit_cost = "10M"
max_units = 4
contributes = { isr = 10, c2 = 5 }
fixed = { 2025 = 1 }

[[item]]
id = "launcher"
unit_cost = "20M"
max_units = 2
phases = ["p1", "p2"]
requires = ["radar"]
contributes = { fires = 50 }

[[goal]]
id = "isr"
targets = { 2027 = 30 }

[[goal]]
id = "fires"
targets = { 2027 = 100 }

[[goal]]
id = "c2"
targets = { 2026 = 5, 2027 = 10 }
"#;

/// Merges scenario texts and `--set` arguments into `BASE` and validates.
fn run(scenarios: &[&str], sets: &[&str]) -> Result<(Plan, SourceMap), InvalidInput> {
    let mut sources = SourceMap::new();
    let base = sources.add("base.toml", BASE);
    let root = tree::parse(BASE, base).unwrap();
    let nodes: Vec<Node> = scenarios
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let name = if scenarios.len() == 1 {
                "scenario.toml".to_string()
            } else {
                format!("scenario{}.toml", i + 1)
            };
            let file = sources.add(name, *text);
            tree::parse(text, file).unwrap()
        })
        .collect();
    let sets: Vec<String> = sets.iter().map(|s| s.to_string()).collect();
    apply(root, &nodes, &sets, None, sources)
}

fn plan(scenarios: &[&str], sets: &[&str]) -> Plan {
    match run(scenarios, sets) {
        Ok((plan, _)) => plan,
        Err(invalid) => panic!("{}", invalid.render(false)),
    }
}

fn errors(scenarios: &[&str], sets: &[&str]) -> InvalidInput {
    match run(scenarios, sets) {
        Ok(_) => panic!("expected the overlays to be rejected"),
        Err(invalid) => invalid,
    }
}

/// The only diagnostic, and where it points.
fn single(invalid: &InvalidInput) -> (&Diagnostic, Location) {
    assert_eq!(invalid.diagnostics.len(), 1, "{}", invalid.render(false));
    let d = &invalid.diagnostics[0];
    let span = d.span.expect("the diagnostic has a place");
    (d, invalid.sources.locate(span))
}

fn at(file: &str, line: usize, column: usize) -> Location {
    Location {
        file: file.into(),
        line,
        column,
    }
}

fn item<'p>(plan: &'p Plan, id: &str) -> &'p crate::plan::Item {
    plan.items.iter().find(|i| i.id == id).unwrap()
}

fn envelopes(plan: &Plan) -> Vec<f64> {
    plan.budget
        .years
        .iter()
        .map(|y| y.envelope.to_units())
        .collect()
}

#[test]
fn no_overlays_give_the_base_plan() {
    let p = plan(&[], &[]);
    assert_eq!(p.items.len(), 2);
    assert_eq!(envelopes(&p), [100e6, 100e6, 100e6]);
}

#[test]
fn budget_years_replace_only_the_years_named() {
    let p = plan(&["[budget.years]\n2026 = \"150M\"\n"], &[]);
    assert_eq!(envelopes(&p), [100e6, 150e6, 100e6]);
    assert_eq!(p.budget.carryover, 0.1);
    // The changed envelope points into the scenario.
    assert_eq!(p.budget.years[1].at, at("scenario.toml", 2, 1));
    assert_eq!(p.budget.years[0].at.file, "base.toml");
}

#[test]
fn plan_keys_override_one_by_one() {
    let p = plan(&["[plan]\nobjective = \"min-cost\"\n"], &[]);
    assert_eq!(p.objective, crate::plan::Objective::MinCost);
    assert_eq!(p.name, "Base");
    assert_eq!((p.start, p.end), (2025, 2027));
}

#[test]
fn an_entry_changes_only_the_keys_given() {
    let p = plan(&["[[item]]\nid = \"radar\"\nmax_units = 8\n"], &[]);
    let radar = item(&p, "radar");
    assert_eq!(radar.max_units, 8.0);
    assert_eq!(radar.unit_cost.to_units(), 10e6);
    assert_eq!(radar.contributes.len(), 2);
    assert_eq!(radar.fixed.len(), 1);
    assert_eq!(radar.at.file, "base.toml");
}

#[test]
fn a_table_value_replaces_the_whole_table() {
    let p = plan(
        &[
            "[[item]]\nid = \"radar\"\ncontributes = { c2 = 7 }\nfixed = { 2026 = 2 }\n\n\
           [[goal]]\nid = \"c2\"\ntargets = { 2027 = 12 }\n",
        ],
        &[],
    );
    let radar = item(&p, "radar");
    let c2 = p.goals.iter().position(|g| g.id == "c2").unwrap();
    assert_eq!(radar.contributes, [(c2, 7.0)]);
    assert_eq!(radar.fixed.len(), 1);
    assert_eq!((radar.fixed[0].year, radar.fixed[0].units), (2026, 2.0));
    let milestones: Vec<(i32, f64)> = p.goals[c2]
        .milestones
        .iter()
        .map(|m| (m.year, m.target))
        .collect();
    assert_eq!(milestones, [(2027, 12.0)]);
}

#[test]
fn a_new_entry_is_appended() {
    let p = plan(
        &["[[item]]\nid = \"drone\"\nunit_cost = \"1M\"\nmax_units = 10\ncontributes = { isr = 3 }\n"],
        &[],
    );
    let ids: Vec<&str> = p.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["radar", "launcher", "drone"]);
    assert_eq!(item(&p, "drone").at, at("scenario.toml", 2, 6));
}

#[test]
fn an_incomplete_new_entry_is_reported_in_the_scenario() {
    let invalid = errors(&["\n[[item]]\nid = \"drone\"\nmax_units = 10\n"], &[]);
    let (d, location) = single(&invalid);
    assert_eq!(
        d.problem,
        Problem::MissingKey {
            key: "unit_cost".into(),
            section: "[[item]]".into()
        }
    );
    assert_eq!(location.file, "scenario.toml");
    assert_eq!(location.line, 2);
}

#[test]
fn an_unknown_key_in_a_scenario_entry_points_into_the_scenario() {
    let invalid = errors(&["[[item]]\nid = \"radar\"\nmax_unit = 8\n"], &[]);
    let (d, location) = single(&invalid);
    assert!(matches!(&d.problem, Problem::UnknownKey { key, .. } if key == "max_unit"));
    assert_eq!(d.help.as_deref(), Some("did you mean `max_units`?"));
    assert_eq!(location, at("scenario.toml", 3, 1));
}

#[test]
fn a_bad_value_in_a_scenario_points_into_the_scenario() {
    let invalid = errors(&["[budget]\nscale = -1\n"], &[]);
    let (d, location) = single(&invalid);
    assert!(matches!(&d.problem, Problem::OutOfRange { key, .. } if key == "scale"));
    assert_eq!(location, at("scenario.toml", 2, 9));
    let text = invalid.render(false);
    assert!(text.contains("scenario.toml:2:9"), "{text}");
}

#[test]
fn an_unknown_top_level_key_suggests_the_right_one() {
    let invalid = errors(&["\nremove_item = [\"radar\"]\n"], &[]);
    let (d, location) = single(&invalid);
    assert_eq!(
        d.problem,
        Problem::UnknownKey {
            key: "remove_item".into(),
            section: "the scenario file".into()
        }
    );
    assert_eq!(d.help.as_deref(), Some("did you mean `remove_items`?"));
    assert_eq!(location, at("scenario.toml", 2, 1));
}

#[test]
fn an_entry_without_id_is_an_error() {
    let invalid = errors(&["[[goal]]\ntargets = { 2027 = 1 }\n"], &[]);
    let (d, location) = single(&invalid);
    assert!(matches!(&d.problem, Problem::MissingKey { key, .. } if key == "id"));
    assert_eq!(location.file, "scenario.toml");
}

#[test]
fn removing_an_entry_with_no_references_is_fine() {
    let p = plan(
        &["remove_phases = [\"p2\"]\n[[item]]\nid = \"launcher\"\nphases = [\"p1\"]\n"],
        &[],
    );
    assert_eq!(p.phases.len(), 1);
    assert_eq!(item(&p, "launcher").order_years, [2025, 2026]);
}

#[test]
fn removing_a_referenced_item_is_a_dangling_reference_in_the_base() {
    let invalid = errors(&["remove_items = [\"radar\"]\n"], &[]);
    let (d, location) = single(&invalid);
    assert_eq!(
        d.problem,
        Problem::DanglingReference {
            kind: "item",
            id: "radar".into(),
            by: "the `requires` of item `launcher`".into()
        }
    );
    // base.toml line 36: requires = ["radar"]
    assert_eq!(location, at("base.toml", 36, 13));
    let help = d.help.as_deref().unwrap();
    assert!(help.contains("scenario.toml:1:17"), "{help}");
    let text = invalid.render(false);
    assert!(
        text.contains(
            "item `radar` is removed but the `requires` of item `launcher` still refers to it"
        ),
        "{text}"
    );
}

#[test]
fn removing_a_goal_or_phase_leaves_every_reference_dangling() {
    let invalid = errors(
        &["remove_goals = [\"isr\"]\nremove_phases = [\"p2\"]\n"],
        &[],
    );
    let found: Vec<(&Problem, Location)> = invalid
        .diagnostics
        .iter()
        .map(|d| (&d.problem, invalid.sources.locate(d.span.unwrap())))
        .collect();
    assert_eq!(found.len(), 2, "{}", invalid.render(false));
    assert!(
        matches!(found[0].0, Problem::DanglingReference { kind: "goal", id, .. } if id == "isr")
    );
    assert_eq!(found[0].1, at("base.toml", 28, 17));
    assert!(
        matches!(found[1].0, Problem::DanglingReference { kind: "phase", id, .. } if id == "p2")
    );
    assert_eq!(found[1].1, at("base.toml", 35, 17));
}

#[test]
fn removal_plus_a_change_of_the_referring_key_is_fine() {
    let p = plan(
        &[
            "remove_items = [\"radar\"]\nremove_goals = [\"isr\", \"c2\"]\n\n\
           [[item]]\nid = \"launcher\"\nrequires = []\n",
        ],
        &[],
    );
    let ids: Vec<&str> = p.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["launcher"]);
    assert!(item(&p, "launcher").requires.is_empty());
    assert_eq!(p.goals.len(), 1);
}

#[test]
fn a_later_scenario_may_add_a_removed_id_back() {
    let p = plan(
        &[
            "remove_items = [\"radar\"]\n",
            "[[item]]\nid = \"radar\"\nunit_cost = 5\nmax_units = 1\n",
        ],
        &[],
    );
    assert_eq!(item(&p, "radar").unit_cost.to_units(), 5.0);
    assert!(item(&p, "radar").contributes.is_empty());
}

#[test]
fn removing_an_unknown_id_suggests_a_known_one() {
    let invalid = errors(&["remove_items = [\"radr\"]\n"], &[]);
    let (d, location) = single(&invalid);
    assert_eq!(
        d.problem,
        Problem::UnknownId {
            kind: "item",
            id: "radr".into()
        }
    );
    assert_eq!(d.help.as_deref(), Some("did you mean `radar`?"));
    assert_eq!(location, at("scenario.toml", 1, 17));
}

#[test]
fn scenarios_apply_in_order() {
    let p = plan(&["[budget]\nscale = 0.5\n", "[budget]\nscale = 0.8\n"], &[]);
    assert_eq!(p.budget.scale, 0.8);
}

#[test]
fn set_takes_amounts_with_suffixes() {
    let p = plan(&[], &["budget.years.2026=150M"]);
    assert_eq!(envelopes(&p), [100e6, 150e6, 100e6]);
    assert_eq!(
        p.budget.years[1].at,
        at("--set budget.years.2026=150M", 1, 14)
    );
}

#[test]
fn set_takes_numbers_strings_and_nested_paths() {
    let p = plan(
        &[],
        &[
            "budget.scale=0.9",
            "item.radar.max_units=8",
            "goal.c2.targets.2027=80",
            "plan.objective=min-cost",
            "plan.name=\"What if\"",
            "item.radar.fixed.2026=2",
            "item.launcher.contributes.isr = 4",
            "phase.p2.name=Consolidation",
            "budget.years.2025=1.5e8",
        ],
    );
    assert_eq!(p.budget.scale, 0.9);
    assert_eq!(item(&p, "radar").max_units, 8.0);
    let c2 = p.goals.iter().find(|g| g.id == "c2").unwrap();
    let targets: Vec<(i32, f64)> = c2.milestones.iter().map(|m| (m.year, m.target)).collect();
    assert_eq!(targets, [(2026, 5.0), (2027, 80.0)]);
    assert_eq!(p.objective, crate::plan::Objective::MinCost);
    assert_eq!(p.name, "What if");
    assert_eq!(item(&p, "radar").fixed.len(), 2);
    assert_eq!(item(&p, "launcher").contributes.len(), 2);
    assert_eq!(p.phases[1].name, "Consolidation");
    assert_eq!(envelopes(&p)[0], 150e6);
}

#[test]
fn set_applies_after_scenarios() {
    let p = plan(&["[budget]\nscale = 0.5\n"], &["budget.scale=2"]);
    assert_eq!(p.budget.scale, 2.0);
}

#[test]
fn set_reaches_entries_added_by_a_scenario() {
    let p = plan(
        &["[[item]]\nid = \"drone\"\nunit_cost = 1\nmax_units = 1\n"],
        &["item.drone.max_units=3"],
    );
    assert_eq!(item(&p, "drone").max_units, 3.0);
}

#[test]
fn set_may_add_a_key_the_entry_lacks() {
    let p = plan(
        &[],
        &["item.radar.max_per_year=2", "item.launcher.fixed.2025=1"],
    );
    assert_eq!(item(&p, "radar").max_per_year, Some(2.0));
    assert_eq!(item(&p, "launcher").fixed[0].year, 2025);
}

#[test]
fn set_value_of_the_wrong_type_is_shown_in_the_argument() {
    let invalid = errors(&[], &["item.radar.max_units=lots"]);
    let (d, location) = single(&invalid);
    assert!(matches!(&d.problem, Problem::WrongType { key, .. } if key == "max_units"));
    assert_eq!(location, at("--set item.radar.max_units=lots", 1, 22));
    let text = invalid.render(false);
    assert!(
        text.contains("--set item.radar.max_units=lots:1:22"),
        "{text}"
    );
    assert!(text.contains("^^^^"), "{text}");
}

#[test]
fn set_bad_amount_is_shown_in_the_argument() {
    let invalid = errors(&[], &["budget.years.2026=150X"]);
    let d = invalid
        .diagnostics
        .iter()
        .find(|d| matches!(d.problem, Problem::BadAmount { .. }))
        .expect("a bad amount is reported");
    let location = invalid.sources.locate(d.span.unwrap());
    assert_eq!(location, at("--set budget.years.2026=150X", 1, 19));
}

#[test]
fn set_year_outside_the_horizon_is_shown_at_the_year() {
    let invalid = errors(&[], &["budget.years.2031=1M"]);
    let (d, location) = single(&invalid);
    assert!(matches!(
        &d.problem,
        Problem::YearOutside { year: 2031, .. }
    ));
    assert_eq!(location.column, 14);
}

#[test]
fn set_malformed_toml_is_a_syntax_error_not_a_string() {
    let invalid = errors(&[], &["item.radar.payments=[0.5, 0.5"]);
    let (d, location) = single(&invalid);
    assert!(matches!(&d.problem, Problem::Syntax { .. }));
    assert_eq!(location.file, "--set item.radar.payments=[0.5, 0.5");
}

#[test]
fn set_without_equals_is_an_error() {
    let invalid = errors(&[], &["budget.scale"]);
    let (d, location) = single(&invalid);
    assert!(matches!(&d.problem, Problem::BadOverride { path, .. } if path == "budget.scale"));
    assert_eq!(location, at("--set budget.scale", 1, 1));
}

#[test]
fn set_without_value_is_an_error() {
    let invalid = errors(&[], &["budget.scale="]);
    let (d, _) = single(&invalid);
    assert!(matches!(&d.problem, Problem::BadOverride { .. }));
}

/// The problem and help of a rejected `--set` path.
fn bad_path(arg: &str) -> (String, Option<String>, Location) {
    let invalid = errors(&[], &[arg]);
    let (d, location) = single(&invalid);
    let Problem::BadOverride { reason, .. } = &d.problem else {
        panic!("{}", invalid.render(false))
    };
    (reason.clone(), d.help.clone(), location)
}

#[test]
fn unknown_path_names_the_nearest_valid_one() {
    let cases = [
        ("budget.scael=0.9", "budget.scale", 8),
        ("budgt.scale=0.9", "budget.scale", 1),
        ("item.radr.max_units=8", "item.radar.max_units", 6),
        ("item.radar.max_unit=8", "item.radar.max_units", 12),
        ("item.radr.max_unit=8", "item.radar.max_units", 6),
        ("goal.fire.targets.2027=80", "goal.fires.targets.2027", 6),
        (
            "item.radar.contributes.isrr=2",
            "item.radar.contributes.isr",
            24,
        ),
        ("plan.objectiv=min-cost", "plan.objective", 6),
        ("budget.years.2026.x=1", "budget.years.2026", 19),
        ("plan.name.first=x", "plan.name", 11),
        ("goal.c3.targets.2027=80", "goal.c2.targets.2027", 6),
    ];
    for (arg, nearest, column) in cases {
        let (_, help, location) = bad_path(arg);
        assert_eq!(
            help.as_deref(),
            Some(format!("did you mean `{nearest}`?").as_str()),
            "{arg}"
        );
        assert_eq!(location, at(&format!("--set {arg}"), 1, column), "{arg}");
    }
}

#[test]
fn unknown_path_with_nothing_close_lists_the_valid_ones() {
    let (reason, help, _) = bad_path("budget.zzz=1");
    assert_eq!(reason, "[budget] has no key `zzz`");
    assert_eq!(
        help.as_deref(),
        Some(
            "keys of [budget]: `budget.years`, `budget.carryover`, `budget.capital_share`, \
             `budget.scale`, `budget.max_after_end`"
        )
    );
    let (reason, help, _) = bad_path("item.xyz.max_units=1");
    assert_eq!(reason, "there is no item `xyz`");
    assert_eq!(
        help.as_deref(),
        Some("known items: `item.radar`, `item.launcher`")
    );
}

#[test]
fn incomplete_path_lists_what_may_follow() {
    let (reason, help, _) = bad_path("budget=1");
    assert_eq!(reason, "`budget` names a table, not a value");
    assert!(help.unwrap().contains("`budget.scale`"));
    let (_, help, _) = bad_path("item.radar=1");
    assert!(help.unwrap().contains("`item.radar.max_units`"));
}

#[test]
fn an_id_cannot_be_set() {
    let (reason, _, _) = bad_path("item.radar.id=x");
    assert!(reason.contains("`id` cannot be set"), "{reason}");
}

#[test]
fn every_bad_set_and_scenario_problem_is_reported_together() {
    let invalid = errors(
        &["remove_itemz = []\n"],
        &["budget.scael=1", "nothing", "item.radar.max_units=x"],
    );
    assert_eq!(invalid.diagnostics.len(), 4, "{}", invalid.render(false));
}

#[test]
fn ids_with_dots_are_found() {
    let mut sources = SourceMap::new();
    let text = BASE.replace("\"launcher\"", "\"launcher.v2\"");
    let file = sources.add("base.toml", text.as_str());
    let root = tree::parse(&text, file).unwrap();
    let (p, _) = apply(
        root,
        &[],
        &["item.launcher.v2.max_units=5".into()],
        None,
        sources,
    )
    .unwrap();
    assert_eq!(item(&p, "launcher.v2").max_units, 5.0);
}

#[test]
fn hostile_arguments_never_panic() {
    for arg in [
        "",
        "=",
        "==",
        ".=1",
        "..=1",
        "item..max_units=1",
        "item.radar.=1",
        "budget.years.=1",
        "plan.start=\u{e9}\u{e9}",
        " = ",
        "item.radar.fixed.2026={a=}",
        "budget.years.2026=99999999999999999999999",
        "goal.isr.targets.2027='x",
    ] {
        assert!(run(&[], &[arg]).is_err(), "{arg:?} should be rejected");
    }
}

/// A unique temporary directory for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("capplan-scenario-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn load_plan_reads_files_and_never_writes_the_base() {
    let dir = temp_dir("files");
    let base = dir.join("base.toml");
    let scenario = dir.join("cuts.toml");
    std::fs::write(&base, BASE).unwrap();
    std::fs::write(&scenario, "[budget.years]\n2026 = \"50M\"\n").unwrap();
    let overlays = Overlays {
        scenarios: vec![scenario.clone()],
        sets: vec!["budget.scale=0.5".into()],
        as_of: None,
    };
    let (p, sources) = load_plan(&base, &overlays).unwrap();
    assert_eq!(envelopes(&p), [100e6, 50e6, 100e6]);
    assert_eq!(p.budget.scale, 0.5);
    assert_eq!(p.budget.years[1].at.file, scenario.display().to_string());
    let _ = sources;
    assert_eq!(std::fs::read_to_string(&base).unwrap(), BASE);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn load_plan_reports_every_unreadable_file() {
    let dir = temp_dir("missing");
    let base = dir.join("base.toml");
    std::fs::write(&base, BASE).unwrap();
    let empty = dir.join("empty.toml");
    std::fs::write(&empty, "\n").unwrap();
    let overlays = Overlays {
        scenarios: vec![dir.join("nope.toml"), empty],
        sets: Vec::new(),
        as_of: None,
    };
    let invalid = load_plan(&base, &overlays).unwrap_err();
    let found: Vec<&Problem> = invalid.diagnostics.iter().map(|d| &d.problem).collect();
    assert_eq!(found.len(), 2, "{}", invalid.render(false));
    assert!(found
        .iter()
        .any(|p| matches!(p, Problem::Unreadable { .. })));
    assert!(found.iter().any(|p| matches!(p, Problem::EmptyFile)));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn load_plan_uses_the_fixture_scenarios() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scenarios");
    let overlays = Overlays {
        scenarios: vec![fixtures.join("cut_and_drop.toml")],
        sets: vec!["item.launcher.max_units=1".into()],
        as_of: None,
    };
    let (p, _) = load_plan(&fixtures.join("base.toml"), &overlays).unwrap();
    let ids: Vec<&str> = p.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["launcher", "drone"]);
    assert_eq!(item(&p, "launcher").max_units, 1.0);
    assert_eq!(envelopes(&p), [100.0, 60.0, 100.0]);

    let overlays = Overlays {
        scenarios: vec![fixtures.join("dangling.toml")],
        sets: Vec::new(),
        as_of: None,
    };
    let invalid = load_plan(&fixtures.join("base.toml"), &overlays).unwrap_err();
    let (d, location) = single(&invalid);
    assert!(matches!(&d.problem, Problem::DanglingReference { id, .. } if id == "command_post"));
    assert!(location.file.ends_with("base.toml"), "{location}");
    assert_eq!((location.line, location.column), (20, 13));
}

#[test]
fn a_scenario_may_name_itself() {
    let p = plan(
        &["name = \"Radar cut\"\n[[item]]\nid = \"radar\"\nmax_units = 2\n"],
        &[],
    );
    assert_eq!(item(&p, "radar").max_units, 2.0);
    assert_eq!(p.name, "Base", "the scenario's name is not the plan's");
}

#[test]
fn a_scenario_name_that_is_not_a_string_is_an_error_at_its_value() {
    let invalid = errors(&["\nname = 42\n[budget]\nscale = 0.9\n"], &[]);
    let (d, location) = single(&invalid);
    assert_eq!(
        d.problem,
        Problem::WrongType {
            key: "name".into(),
            expected: "a string",
            found: "an integer",
        }
    );
    assert_eq!(location, at("scenario.toml", 2, 8));
    assert!(invalid.render(false).contains("scenario.toml:2:8"));
}

#[test]
fn a_blank_scenario_name_is_an_error() {
    let invalid = errors(&["name = \"  \"\n[budget]\nscale = 0.9\n"], &[]);
    let (d, location) = single(&invalid);
    assert!(matches!(&d.problem, Problem::OutOfRange { key, .. } if key == "name"));
    assert_eq!(location, at("scenario.toml", 1, 8));
}
