//! capplan's own branch and bound (`microlp`, the default) against
//! microlp's own (`microlp-native`): on every test plan and on small
//! generated plans, both prove every stage and reach the same objective
//! per stage within the tolerances the stages work to (each stage is
//! proven to a relative gap of 1e-6, and a later stage keeps an earlier
//! one's objective within 1e-6 of what it reached).

use capplan::generate::{generate, GenerateOptions};
use capplan::plan::Plan;
use capplan::solve::{solve, Backend, Outcome, SolveOptions, SolverStats};
use std::path::PathBuf;
use std::time::Duration;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture_plans() -> Vec<PathBuf> {
    let mut plans: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures/semantics"))
        .expect("semantics fixtures")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    plans.sort();
    plans.push(root().join("tests/fixtures/whatif/base.toml"));
    plans.push(root().join("plans/ksf-2019-2028.toml"));
    plans
}

/// What a solve reached: "optimal", "infeasible" or "other", and the
/// stages' names and objectives.
fn run(plan: &Plan, backend: Backend) -> (&'static str, Vec<(&'static str, f64)>) {
    let options = SolveOptions {
        backend,
        time_limit: Duration::from_secs(120),
        ..SolveOptions::default()
    };
    let stages = |stats: &SolverStats| {
        stats
            .stages
            .iter()
            .map(|s| (s.stage.name(), s.objective.unwrap_or(f64::NAN)))
            .collect()
    };
    match solve(plan, &options) {
        Outcome::Solved {
            proven: true,
            stats,
            ..
        } => ("optimal", stages(&stats)),
        Outcome::Infeasible { stats } => ("infeasible", stages(&stats)),
        Outcome::Solved { stats, .. } | Outcome::NoSolution { stats } => ("other", stages(&stats)),
    }
}

fn close(a: f64, b: f64) -> bool {
    // 1e-6 from each stage's gap, 1e-6 from the floor an earlier stage
    // sets, with room for the two adding up.
    (a - b).abs() <= 1e-9_f64.max(5e-6 * a.abs().max(b.abs()))
}

fn assert_agree(name: &str, plan: &Plan) {
    let (status, own) = run(plan, Backend::Microlp);
    let (native_status, native) = run(plan, Backend::MicrolpNative);
    assert_eq!(status, native_status, "{name}: status");
    assert_ne!(status, "other", "{name}: not proven");
    if status != "optimal" {
        return;
    }
    // The re-solve within the exact budget may run the chain twice, the
    // same number of times for both when they agree.
    let own_names: Vec<&str> = own.iter().map(|(n, _)| *n).collect();
    let native_names: Vec<&str> = native.iter().map(|(n, _)| *n).collect();
    assert_eq!(own_names, native_names, "{name}: stages");
    for ((stage, a), (_, b)) in own.iter().zip(&native) {
        assert!(close(*a, *b), "{name}: stage {stage}: {a} vs {b}");
    }
}

#[test]
fn both_branch_and_bounds_agree_on_every_test_plan() {
    for path in fixture_plans() {
        let (plan, _) = match capplan::plan::load(&path) {
            Ok(loaded) => loaded,
            Err(e) => panic!("{}: {e}", path.display()),
        };
        assert_agree(&path.display().to_string(), &plan);
    }
}

#[test]
fn both_branch_and_bounds_agree_on_small_generated_plans() {
    // 10-16 items over 4-5 years. Seed 9 (16x5) is left out: microlp's
    // own search takes 66,000 nodes on it, too long for a test build.
    for seed in [1u64, 2, 3, 4, 5, 6, 7, 8, 10] {
        let items = 10 + (seed as usize * 3) % 7;
        let years = 4 + (seed % 2) as u32;
        let text = generate(&GenerateOptions {
            items,
            years,
            seed,
            ..GenerateOptions::default()
        });
        let name = format!("generated {items}x{years} seed {seed}");
        let (plan, _) = match capplan::plan::load_text("generated.toml", &text) {
            Ok(loaded) => loaded,
            Err(e) => panic!("{name}: {e}"),
        };
        assert_agree(&name, &plan);
    }
}
