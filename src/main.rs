//! The `capplan` binary: all logic lives in the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(capplan::cli::run(std::env::args_os()))
}
