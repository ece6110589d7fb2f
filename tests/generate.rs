//! `capplan generate`: every generated plan passes `capplan check`, and the
//! same options give the same bytes.

use assert_cmd::Command;
use capplan::generate::{generate, GenerateOptions};
use capplan::plan::load_text;

fn options(items: usize, years: u32, seed: u64, nations: usize) -> GenerateOptions {
    GenerateOptions {
        items,
        years,
        seed,
        nations,
        ..GenerateOptions::default()
    }
}

fn assert_valid(o: &GenerateOptions) -> capplan::plan::Plan {
    let text = generate(o);
    match load_text("generated.toml", &text) {
        Ok((plan, _)) => plan,
        Err(e) => panic!("generated plan {o:?} is invalid:\n{e}\n--- plan ---\n{text}"),
    }
}

#[test]
fn generated_plans_are_valid_for_many_seeds_and_sizes() {
    for &(items, years) in &[
        (1, 1),
        (2, 2),
        (3, 3),
        (10, 5),
        (50, 10),
        (200, 10),
        (120, 30),
    ] {
        for seed in 0..8 {
            let plan = assert_valid(&options(items, years, seed, 1));
            assert_eq!(plan.items.len(), items);
            assert_eq!(plan.horizon_len(), years as usize);
        }
    }
    for nations in [2, 3, 7] {
        for seed in 0..4 {
            let plan = assert_valid(&options(60, 12, seed, nations));
            assert!(plan.goals.iter().any(|g| g.id == "alliance-c4"));
        }
    }
    assert_valid(&options(5000, 20, 1, 1));
    assert_valid(&options(2000, 60, 3, 4));
}

#[test]
fn generated_plans_have_the_features_of_a_real_one() {
    let plan = assert_valid(&options(200, 10, 42, 1));
    assert_eq!(plan.phases.len(), 3);
    assert!(plan.goals.len() >= 10);
    assert!(plan.goals.iter().all(|g| g.milestones.len() == 2));
    assert!(plan.items.iter().any(|i| !i.fixed.is_empty()));
    assert!(plan.items.iter().any(|i| !i.requires.is_empty()));
    assert!(plan.items.iter().any(|i| i.min_units > 0.0));
    assert!(plan.items.iter().any(|i| i.lead_time >= 2));
    assert!(plan.items.iter().any(|i| i.payments.len() >= 3));
    assert!(plan.items.iter().any(|i| i.divisible));
    assert!(plan.items.iter().any(|i| i.sustainment > 0.0));
    // Tight: everything on the wish list costs about twice the budget.
    let wish: f64 = plan
        .items
        .iter()
        .map(|i| i.unit_cost.to_units() * i.max_units)
        .sum();
    let budget = plan.budget.total().to_units();
    assert!(
        budget < 0.7 * wish,
        "budget {budget} against wish list {wish}"
    );
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_does_not() {
    let a = generate(&options(100, 10, 7, 2));
    let b = generate(&options(100, 10, 7, 2));
    let c = generate(&options(100, 10, 8, 2));
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn a_small_generated_plan_solves_and_misses_some_goals() {
    let plan = assert_valid(&options(6, 4, 1, 1));
    let report = capplan::solve_report(&plan, &capplan::solve::SolveOptions::default());
    assert_eq!(report.status, capplan::report::Status::Optimal);
    assert!(report.violations.is_empty());
}

#[test]
fn the_command_writes_a_file_that_check_accepts() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("generated.toml");
    let run = |path: &std::path::Path| {
        Command::cargo_bin("capplan")
            .expect("capplan binary")
            .args(["generate", "--items", "40", "--years", "8", "--seed", "11"])
            .args(["--nations", "2", "-o"])
            .arg(path)
            .assert()
            .success();
        std::fs::read(path).expect("generated file")
    };
    let first = run(&path);
    let again = run(&dir.path().join("again.toml"));
    assert_eq!(first, again);
    Command::cargo_bin("capplan")
        .expect("capplan binary")
        .arg("check")
        .arg(&path)
        .assert()
        .success();
    let stdout = Command::cargo_bin("capplan")
        .expect("capplan binary")
        .args(["generate", "--items", "40", "--years", "8", "--seed", "11"])
        .args(["--nations", "2"])
        .output()
        .expect("run capplan");
    assert_eq!(stdout.stdout, first);
}

#[test]
fn more_nations_than_items_is_a_usage_error() {
    Command::cargo_bin("capplan")
        .expect("capplan binary")
        .args(["generate", "--items", "2", "--years", "3", "--seed", "1"])
        .args(["--nations", "3"])
        .assert()
        .code(2);
}

#[test]
fn generated_plans_with_sources_are_valid() {
    for sources in [1, 3, 4] {
        let o = GenerateOptions {
            sources,
            ..options(60, 10, 7, 1)
        };
        let plan = assert_valid(&o);
        assert_eq!(plan.sources.len(), sources);
        // Without sources the file is what it always was.
        assert!(!generate(&options(60, 10, 7, 1)).contains("[[source]]"));
    }
}
