//! The `capplan` binary: all logic lives in the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    // Before any thread starts: temporary exports are removed on Ctrl-C.
    capplan::export::cleanup::install();
    ExitCode::from(capplan::cli::run(std::env::args_os()))
}
