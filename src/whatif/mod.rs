//! What-if analysis: loops over solve and report. Nothing here builds a
//! model or prices a schedule itself; each run is an ordinary solve of a
//! changed plan, and the runs are independent, so they run in parallel and
//! give the same answer whatever the number of threads.

pub mod compare;
pub mod risk;
pub mod sensitivity;
pub mod sweep;
pub mod variant;

use rayon::prelude::*;

/// Runs `job` on every input, in parallel on `threads` threads (all cores
/// when `None`), calling `tick` after each; results keep the input order.
pub fn run_parallel<I, O>(
    inputs: Vec<I>,
    threads: Option<usize>,
    job: impl Fn(I) -> O + Sync + Send,
    tick: impl Fn() + Sync + Send,
) -> Vec<O>
where
    I: Send,
    O: Send,
{
    let work = || {
        inputs
            .into_par_iter()
            .map(|input| {
                let out = job(input);
                tick();
                out
            })
            .collect()
    };
    match rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()
    {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    }
}
