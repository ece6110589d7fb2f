//! Both backends give the same optimum on every test plan (built only
//! with `--features highs`): the same status, score and total cost, within
//! the tolerances the solvers work to.
#![cfg(feature = "highs")]

use capplan::report::{Report, Status};
use capplan::solve::{Backend, SolveOptions};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn solve(path: &Path, backend: Backend) -> Report {
    let (plan, _) = match capplan::plan::load(path) {
        Ok(loaded) => loaded,
        Err(e) => panic!("{}: {e}", path.display()),
    };
    let options = SolveOptions {
        backend,
        ..SolveOptions::default()
    };
    capplan::solve_report(&plan, &options)
}

fn plans() -> Vec<PathBuf> {
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

fn close(a: f64, b: f64, relative: f64, absolute: f64) -> bool {
    (a - b).abs() <= absolute.max(relative * a.abs().max(b.abs()))
}

#[test]
fn microlp_and_highs_agree_on_every_test_plan() {
    for path in plans() {
        let name = path.display();
        let microlp = solve(&path, Backend::Microlp);
        let highs = solve(&path, Backend::Highs);
        assert_eq!(microlp.status, highs.status, "{name}: status");
        assert_eq!(highs.solver.backend, "highs");
        assert!(
            highs.violations.is_empty(),
            "{name}: {:?}",
            highs.violations
        );
        if microlp.status != Status::Optimal {
            continue;
        }
        // Each stage is proven to a relative gap of 1e-6, and the second
        // accepts any score within 1e-6 of the first's: the scores agree
        // to a few millionths and the costs to the gap.
        let (a, b) = (microlp.score, highs.score);
        assert!(close(a, b, 3e-6, 1e-9), "{name}: score {a} vs {b}");
        let (a, b) = (microlp.total_cost.to_units(), highs.total_cost.to_units());
        assert!(close(a, b, 1e-5, 0.01), "{name}: total cost {a} vs {b}");
    }
}
