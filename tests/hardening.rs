//! Regression tests for the hardening issue: unbounded reads, honest exit
//! codes, exact money at every size, quadratic validation, atomic exports,
//! output safety, silent acceptance, messages and the time limit. Each
//! test reproduces one break and checks the expected behaviour; the
//! diagnostics themselves are also in the error catalogue (`tests/errors/`).
//! Expected figures are computed by hand in the comments.

mod common;

use common::capplan;

use capplan::audit::{self, Violation};
use capplan::ledger::Ledger;
use capplan::money::Money;
use capplan::plan::{load_text, Plan};
use capplan::schedule::Schedule;
use capplan::solve::{Outcome, SolveOptions};
use std::time::Duration;

fn loaded(name: &str, text: &str) -> Plan {
    match load_text(name, text) {
        Ok((plan, _)) => plan,
        Err(invalid) => panic!("{name} should load: {:?}", invalid.diagnostics),
    }
}

fn options() -> SolveOptions {
    SolveOptions {
        time_limit: Duration::from_secs(20),
        ..SolveOptions::default()
    }
}

// ---------------------------------------------------------------------------
// 3. Exact money at every size
// ---------------------------------------------------------------------------

/// One year of `budget`, one whole-unit item whose three units cost 2 EUR
/// more than the budget: 3 * `unit_cost` = `budget` + 2.
fn two_euros_short(budget: &str, unit_cost: &str) -> String {
    format!(
        r#"
[plan]
name = "two euros short"
start = 2025
end = 2025

[budget]
years = {{ 2025 = {budget} }}

[[item]]
id = "a"
unit_cost = {unit_cost}
max_units = 3
contributes = {{ g = 1 }}

[[goal]]
id = "g"
targets = {{ 2025 = 3 }}
"#
    )
}

/// The solver's tolerance lets three units through at 100bn (2 EUR over)
/// and at 100,000bn; the schedule shown must keep the budget to the cent,
/// so only two units fit.
#[test]
fn a_schedule_two_euros_over_a_huge_budget_is_never_shown() {
    for (budget, unit_cost) in [
        ("100000000000", "33333333334"),
        ("100000000000000", "33333333333334"),
    ] {
        let plan = loaded("short.toml", &two_euros_short(budget, unit_cost));
        let Outcome::Solved { schedule, .. } = capplan::solve::solve(&plan, &options()) else {
            panic!("{budget}: a schedule exists (two units)");
        };
        assert_eq!(schedule.units[0], vec![2.0], "{budget}");
        let ledger = Ledger::price(&plan, &schedule);
        assert!(ledger.years[0].spend <= ledger.years[0].available);
        assert!(audit::check(&plan, &schedule, &ledger).is_empty());
    }
}

/// The check itself has no tolerance on money: one cent over 100,000bn is
/// a violation.
#[test]
fn the_budget_check_is_exact_to_the_cent_at_1e14() {
    // unit_cost 10^14 / 3 rounded up to the cent: 3 units cost 10^14 + 0.02.
    let plan = loaded(
        "cent.toml",
        &two_euros_short("100000000000000", "33333333333333.34"),
    );
    let schedule = Schedule {
        units: vec![vec![3.0]],
        funding: Vec::new(),
    };
    let ledger = Ledger::price(&plan, &schedule);
    assert_eq!(
        ledger.years[0].spend - ledger.years[0].available,
        Money::from_cents(2)
    );
    let found = audit::check(&plan, &schedule, &ledger);
    assert!(
        found
            .iter()
            .any(|v| matches!(v, Violation::OverBudget { year: 2025, .. })),
        "{found:?}"
    );
}

// ---------------------------------------------------------------------------
// 1. Unbounded reads
// ---------------------------------------------------------------------------

/// Asserts a run was refused as bad input, quickly, with `reason` in stderr.
fn assert_refused(run: &(i32, String, String), reason: &str) {
    let (code, stdout, stderr) = run;
    assert_eq!(*code, 2, "stderr:\n{stderr}");
    assert!(stdout.is_empty(), "stdout:\n{stdout}");
    assert!(stderr.contains(reason), "expected `{reason}` in:\n{stderr}");
}

const KSF: &str = "plans/ksf-2019-2028.toml";

#[cfg(unix)]
#[test]
fn endless_devices_are_refused_not_read() {
    for device in ["/dev/zero", "/dev/urandom"] {
        if !std::path::Path::new(device).exists() {
            continue;
        }
        assert_refused(
            &capplan(&["check", device]),
            &format!("cannot read `{device}`: it is a character device, not a regular file"),
        );
        assert_refused(
            &capplan(&["check", KSF, "--scenario", device]),
            &format!("cannot read `{device}`: it is a character device"),
        );
    }
}

/// A named pipe with no writer would block a reader forever; one fed more
/// than the size limit would bypass it. Both are refused by type.
#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_without_blocking() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let fifo = dir.path().join("plan.toml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !matches!(made, Ok(status) if status.success()) {
        return; // no mkfifo on this system
    }
    let path = fifo.display().to_string();
    assert_refused(
        &capplan(&["check", &path]),
        "it is a named pipe (FIFO), not a regular file",
    );
    assert_refused(
        &capplan(&["solve", KSF, "--scenario", &path]),
        "it is a named pipe (FIFO), not a regular file",
    );
}

/// A file over the limit is refused by its size.
#[test]
fn a_file_over_16_mib_is_refused() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("huge.toml");
    let mut text = String::from("# padding\n");
    text.push_str(&"#".repeat(16 * 1024 * 1024));
    std::fs::write(&path, text).expect("write");
    assert_refused(
        &capplan(&["check", &path.display().to_string()]),
        "plan files are limited to 16777216 bytes",
    );
}

// ---------------------------------------------------------------------------
// 8. Messages: a Latin-1 byte
// ---------------------------------------------------------------------------

#[test]
fn a_latin1_byte_is_placed_by_line_and_column() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("latin1.toml");
    // "Kosovë" with ë as the Latin-1 byte 0xEB: line 3, column 14.
    std::fs::write(&path, b"# KSF\n[plan]\nname = \"Kosov\xeb\"\n").expect("write");
    assert_refused(
        &capplan(&["check", &path.display().to_string()]),
        "byte 0xEB at line 3, column 14",
    );
}

// ---------------------------------------------------------------------------
// 2. Exit codes of sensitivity and sweep
// ---------------------------------------------------------------------------

/// A cell whose solve was not proven optimal is marked in the table, and
/// the command would exit 1 (`all_optimal` is its exit policy).
#[test]
fn an_unproven_sensitivity_cell_is_marked() {
    use capplan::report::Status;
    use capplan::whatif::sensitivity::sensitivity;
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/whatif/base.toml"),
    )
    .expect("the what-if base plan");
    let plan = loaded("base.toml", &text);
    let mut result = sensitivity(&plan, Money::from_units(5e6), &options(), Some(1), || {});
    assert!(result.all_optimal());
    let table = capplan::render::sensitivity::table(&plan.name, "EUR", &result);
    assert!(!table.contains("(not optimal)"), "{table}");
    result.years[1].raised.status = Status::NotOptimal;
    assert!(!result.all_optimal());
    let table = capplan::render::sensitivity::table(&plan.name, "EUR", &result);
    let marked: Vec<&str> = table
        .lines()
        .filter(|l| l.starts_with('│') && l.contains("(not optimal)"))
        .collect();
    // One row: the second year's raised readiness and cost.
    assert_eq!(marked.len(), 1, "{table}");
    assert!(marked[0].contains(&result.years[1].year.to_string()));
    assert!(table.contains("figures marked (not optimal)"), "{table}");
}

/// Infeasible points show their status and what money they lack; the
/// sweep exits 1 because not every point is optimal.
#[test]
fn a_sweep_shows_the_shortfall_of_infeasible_points() {
    // min_cost.toml needs 100 in 2025 and 60 in 2026 (a patrol boat, then
    // a RHIB): at scale 0.2 (20 a year) it is 80 + 40 = 120 short, at 0.6
    // (60 a year) 40 short in 2025; at 1 it costs 160.
    let plan = "tests/fixtures/semantics/min_cost.toml";
    let args = [
        "sweep", plan, "--from", "0.2", "--to", "1", "--steps", "3", "--format", "json",
    ];
    let (code, stdout, stderr) = capplan(&args);
    assert_eq!(code, 1, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let points = v["points"].as_array().expect("points");
    assert_eq!(points[0]["status"], "infeasible");
    assert_eq!(points[0]["relaxation"]["kind"], "budget");
    assert_eq!(points[0]["relaxation"]["extra_budget_total"], 120.0);
    assert_eq!(points[1]["relaxation"]["extra_budget_total"], 40.0);
    assert_eq!(points[2]["status"], "optimal");
    assert_eq!(points[2]["total_cost"], 160.0);
    assert!(points[2].get("relaxation").is_none());
    let (code, table, _) = capplan(&args[..8]);
    assert_eq!(code, 1);
    assert!(table.contains("infeasible (120 short)"), "{table}");
    assert!(
        table.contains("scale 0.6 is infeasible: 2025: 40 short"),
        "{table}"
    );
}

// ---------------------------------------------------------------------------
// 6. Output safety
// ---------------------------------------------------------------------------

/// A plan from elsewhere with formula-like names: exported CSV cells carry
/// a leading single quote, numbers stay numbers.
#[test]
fn formula_like_names_are_neutralised_in_csv_exports() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let plan = dir.path().join("formula.toml");
    std::fs::write(
        &plan,
        r#"
[plan]
name = "=HYPERLINK(\"http://example.com\")"
start = 2025
end = 2025

[budget]
years = { 2025 = 100 }

[[item]]
id = "-radar"
name = "@SUM(A1:A9)"
category = "+cmd"
unit_cost = 40
max_units = 2
contributes = { air = 1 }

[[goal]]
id = "air"
targets = { 2025 = 2 }
"#,
    )
    .expect("write");
    let csv = dir.path().join("orders.csv");
    let (code, _, stderr) = capplan(&[
        "solve",
        &plan.display().to_string(),
        "--export",
        &csv.display().to_string(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let text = std::fs::read_to_string(&csv).expect("the CSV export");
    // Two radars at 40 in 2025: cost 80.
    assert_eq!(
        text.lines().nth(1),
        Some("2025,,'-radar,'@SUM(A1:A9),'+cmd,2,2025,80,false"),
        "{text}"
    );
}

/// Control characters in names and ids are refused with their place
/// (the catalogue's `control-character.toml` shows the message).
#[test]
fn an_escape_sequence_in_a_name_is_refused() {
    let (code, stdout, stderr) = capplan(&["check", "tests/errors/control-character.toml"]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(!stderr.contains('\u{1b}'), "printed raw: {stderr:?}");
    assert!(stderr.contains("control-character.toml:7:8"), "{stderr}");
}

// ---------------------------------------------------------------------------
// 4. Validation stays near-linear
// ---------------------------------------------------------------------------

/// A plan of `n` items in one year, each requiring the one before (item 0
/// requires none), all serving one goal; optionally closed into a loop.
fn chain(n: usize, closed: bool) -> String {
    let mut text = String::from(
        "[plan]\nname = \"chain\"\nstart = 2025\nend = 2025\n\n[budget]\nyears = { 2025 = \"1bn\" }\n\n",
    );
    for i in 0..n {
        text.push_str(&format!(
            "[[item]]\nid = \"i{i}\"\nunit_cost = \"1M\"\nmax_units = 1\ncontributes = {{ g = 1 }}\n"
        ));
        if i > 0 {
            text.push_str(&format!("requires = [\"i{}\"]\n", i - 1));
        } else if closed {
            text.push_str(&format!("requires = [\"i{}\"]\n", n - 1));
        }
    }
    text.push_str("\n[[goal]]\nid = \"g\"\ntargets = { 2025 = 5 }\n");
    text
}

/// A 20,000-item chain of `requires` loads (it took minutes when every id
/// lookup and loop search was a linear scan); closed into a loop, the one
/// loop is reported once, from the first item, through every item.
#[test]
fn a_long_requires_chain_validates_and_its_loop_is_found_once() {
    let n = 20_000;
    let plan = loaded("chain.toml", &chain(n, false));
    assert_eq!(plan.items.len(), n);
    assert_eq!(plan.items[n - 1].requires, vec![n - 2]);
    let invalid = load_text("ring.toml", &chain(n, true)).expect_err("a loop");
    let loops: Vec<_> = invalid
        .diagnostics
        .iter()
        .filter_map(|d| match &d.problem {
            capplan::diagnostic::Problem::RequiresCycle { path } => Some(path),
            _ => None,
        })
        .collect();
    assert_eq!(loops.len(), 1);
    // i0 -> i19999 -> i19998 -> ... -> i1 -> i0: n + 1 ids.
    assert_eq!(loops[0].len(), n + 1);
    assert_eq!(loops[0][0], "i0");
    assert_eq!(loops[0][1], format!("i{}", n - 1));
}

// ---------------------------------------------------------------------------
// 7. Relative --set
// ---------------------------------------------------------------------------

/// B_y of each year after `--set` arguments on the what-if base plan
/// (envelopes 15M, 18M, 18M; capital share and scale 1).
fn budgets_after(sets: &[&str]) -> Result<Vec<f64>, String> {
    let mut args = vec![
        "solve",
        "tests/fixtures/whatif/base.toml",
        "--format",
        "json",
    ];
    for s in sets {
        args.push("--set");
        args.push(s);
    }
    let (code, stdout, stderr) = capplan(&args);
    if code == 2 {
        return Err(stderr);
    }
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    Ok(v["years"]
        .as_array()
        .expect("years")
        .iter()
        .map(|y| y["budget"].as_f64().expect("a budget"))
        .collect())
}

#[test]
fn relative_set_values_change_the_value_after_scenarios() {
    // 18M + 10M, 18M - 20%, 15M * 0.5.
    assert_eq!(
        budgets_after(&[
            "budget.years.2026=+10M",
            "budget.years.2027=-20%",
            "budget.years.2025=*0.5"
        ]),
        Ok(vec![7.5e6, 28e6, 14.4e6])
    );
    // The scale is absent (1 by default): * 0.8 gives 0.8.
    assert_eq!(
        budgets_after(&["budget.scale=*0.8"]),
        Ok(vec![12e6, 14.4e6, 14.4e6])
    );
    // +5% of 18M is 18.9M; then -1M applies to the new value.
    assert_eq!(
        budgets_after(&["budget.years.2026=+5%", "budget.years.2026=-1M"]),
        Ok(vec![15e6, 17.9e6, 18e6])
    );
    // Anything else starting with a sign is refused, at the argument.
    let err = budgets_after(&["budget.years.2026=+ten"]).expect_err("refused");
    assert!(err.contains("`+ten` is not a relative change"), "{err}");
    // 18M - 20M is negative: validation refuses it at the argument.
    let err = budgets_after(&["budget.years.2026=-20M"]).expect_err("refused");
    assert!(err.contains("--set budget.years.2026=-20M:1:19"), "{err}");
}

// ---------------------------------------------------------------------------
// 7. Silent acceptance: a scenario with one item twice
// ---------------------------------------------------------------------------

#[test]
fn a_scenario_changing_one_item_twice_is_refused() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let scenario = dir.path().join("twice.toml");
    std::fs::write(
        &scenario,
        "[[item]]\nid = \"radar\"\nmax_units = 2\n\n[[item]]\nid = \"radar\"\nmax_units = 5\n",
    )
    .expect("write");
    let path = scenario.display().to_string();
    let (code, stdout, stderr) = capplan(&[
        "check",
        "tests/fixtures/whatif/base.toml",
        "--scenario",
        &path,
    ]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains("duplicate item id `radar`"), "{stderr}");
    assert!(stderr.contains("twice.toml:6:6"), "{stderr}");
}

// ---------------------------------------------------------------------------
// 5. Exports
// ---------------------------------------------------------------------------

/// Names in a directory, sorted, hidden ones included.
fn names(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("a directory")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn a_directory_is_never_taken_for_a_file_target() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().join("out.json");
    std::fs::create_dir(&out).expect("mkdir");
    let (code, _, stderr) = capplan(&[
        "solve",
        "tests/fixtures/whatif/base.toml",
        "--export",
        &out.display().to_string(),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("it is a directory, but this output is one file"),
        "{stderr}"
    );
    assert!(names(&out).is_empty(), "no CSV files went into out.json");
    let target = format!("{}/", dir.path().display());
    let (code, _, stderr) = capplan(&["report", "tests/fixtures/whatif/base.toml", "-o", &target]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("it is a directory"), "{stderr}");
}

/// A new directory appears with all its files at once (renamed from a
/// hidden sibling); an existing one keeps the planner's own files; no
/// temporary is left behind.
#[test]
fn a_directory_export_is_written_as_one_unit() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let fresh = dir.path().join("tables");
    let (code, _, stderr) = capplan(&[
        "solve",
        "tests/fixtures/whatif/base.toml",
        "--export",
        &format!("{}/", fresh.display()),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let tables = [
        "cashflow.csv",
        "goals.csv",
        "orders.csv",
        "phases.csv",
        "provenance.csv",
        "years.csv",
    ];
    assert_eq!(names(&fresh), tables);
    assert_eq!(names(dir.path()), ["tables"], "no hidden temporary left");
    std::fs::write(fresh.join("notes.txt"), "mine").expect("write");
    let (code, _, _) = capplan(&[
        "solve",
        "tests/fixtures/whatif/base.toml",
        "--export",
        &format!("{}/", fresh.display()),
    ]);
    assert_eq!(code, 0);
    let mut expected: Vec<&str> = tables.to_vec();
    expected.push("notes.txt");
    expected.sort_unstable();
    assert_eq!(names(&fresh), expected);
    assert_eq!(names(dir.path()), ["tables"]);
}

/// SIGTERM ends capplan with 128 + 15 through the cleanup thread, leaving
/// no temporary behind.
#[cfg(unix)]
#[test]
fn sigterm_exits_143_and_leaves_no_temporary() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let target = format!("{}/", dir.path().join("tables").display());
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_capplan"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["sweep", KSF, "--steps", "200", "--export", &target])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn capplan");
    std::thread::sleep(Duration::from_millis(500));
    let _ = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let status = child.wait().expect("wait");
    assert_eq!(status.code(), Some(143), "{status:?}");
    assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
}

// ---------------------------------------------------------------------------
// 8. Messages: a mistyped id in a scenario
// ---------------------------------------------------------------------------

#[test]
fn a_mistyped_scenario_id_gets_a_did_you_mean() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let scenario = dir.path().join("typo.toml");
    std::fs::write(&scenario, "[[item]]\nid = \"radr\"\nmax_units = 2\n").expect("write");
    let path = scenario.display().to_string();
    let (code, _, stderr) = capplan(&[
        "check",
        "tests/fixtures/whatif/base.toml",
        "--scenario",
        &path,
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("unknown item `radr`"), "{stderr}");
    assert!(stderr.contains("did you mean `radar`?"), "{stderr}");
    assert!(!stderr.contains("missing required key"), "{stderr}");
    assert!(stderr.contains("typo.toml:2:6"), "{stderr}");
}

// ---------------------------------------------------------------------------
// 8. Messages: amounts a thousand times smaller than their peers
// ---------------------------------------------------------------------------

/// `2026 = 220` among envelopes of 15M and 18M: `check` warns (exit 0) and
/// `solve` prints the same warning on stderr before solving.
#[test]
fn an_envelope_a_thousand_times_smaller_is_warned_about() {
    let base = "tests/fixtures/whatif/base.toml";
    let set = "budget.years.2026=220";
    let warning = "the 2026 envelope of 220 is over a thousand times smaller than the others \
                   (median 15M): a missing M or k?";
    let (code, stdout, _) = capplan(&["check", base, "--set", set]);
    assert_eq!(code, 0);
    assert!(stdout.contains(warning), "{stdout}");
    let (_, _, stderr) = capplan(&["solve", base, "--set", set]);
    assert!(stderr.contains(&format!("warning: {warning}")), "{stderr}");
    // The plan as shipped has no such warning.
    let (_, stdout, _) = capplan(&["check", base]);
    assert!(!stdout.contains("thousand times"), "{stdout}");
}

/// What the fuzz target does with a scenario given as text: a bad one is
/// diagnostics, never a panic.
#[test]
fn scenarios_given_as_text_load_like_files() {
    let base = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/whatif/base.toml"),
    )
    .expect("the what-if base plan");
    let ok = vec![(
        "cut.toml".to_string(),
        "[budget.years]\n2026 = \"9M\"\n".to_string(),
    )];
    let (plan, _) = capplan::scenario::load_texts("base.toml", &base, &ok, &[]).expect("valid");
    assert_eq!(plan.budget.years[1].envelope, Money::from_units(9e6));
    for bad in [
        "[[item]]\nid = \"radr\"\n",
        "[budget]\nyears = 3\n",
        "\u{1b}",
        "=",
        "",
    ] {
        let scenario = vec![("bad.toml".to_string(), bad.to_string())];
        let sets = vec!["budget.years.2026=*x".to_string()];
        let invalid = capplan::scenario::load_texts("base.toml", &base, &scenario, &sets)
            .expect_err("refused");
        assert!(!invalid.diagnostics.is_empty());
        let _ = invalid.render(false);
    }
}

/// A loop of prerequisites made by a scenario is shown at the scenario's
/// `requires`, not at the base file's item.
#[test]
fn a_loop_made_by_a_scenario_points_at_the_scenario() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let scenario = dir.path().join("loop.toml");
    std::fs::write(
        &scenario,
        "[[item]]\nid = \"radar\"\nrequires = [\"uav\"]\n\n[[item]]\nid = \"uav\"\nrequires = [\"radar\"]\n",
    )
    .expect("write");
    let path = scenario.display().to_string();
    let (code, _, stderr) = capplan(&[
        "check",
        "tests/fixtures/whatif/base.toml",
        "--scenario",
        &path,
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("prerequisites form a loop"), "{stderr}");
    assert!(stderr.contains("loop.toml:"), "{stderr}");
}
