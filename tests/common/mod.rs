//! What the integration tests share: running the built capplan.

use assert_cmd::Command;

/// Runs the built capplan with `args` from the crate's root; returns the
/// exit code (-1 when a signal ended it), stdout and stderr.
pub fn capplan(args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("capplan")
        .expect("the capplan binary is built")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("capplan runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
