//! The `tomtat` command: summaries and keywords of Vietnamese files, JSON
//! Lines batches, and word segmentation, over the `tomtat` library.

mod cli;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

use cli::args::{Args, Command};

/// The pipeline allocates many small, short-lived buffers per document on
/// every thread; mimalloc serves them faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Started as the pdf reader's worker process (see `tomtat::read::WorkerProcess`):
    // read one file and stop, before any argument parsing.
    if let Some(code) = tomtat::read::main_if_worker() {
        return code;
    }
    let args = Args::parse();
    match run(&args) {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(io::stderr(), "tomtat: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(n) = args.threads {
        pool = pool.num_threads(n);
    }
    let pool = pool.build()?;
    pool.install(|| match &args.command {
        Some(Command::Batch) => cli::batch::run(&args.options()?),
        Some(Command::Segment) => cli::segment::run(),
        Some(Command::Tag { words }) => cli::tag::run(*words),
        Some(Command::Text { files, all, output }) => {
            cli::text::run(args, files, *all, output.as_deref())
        }
        Some(Command::DfTable { files, min_df }) => cli::dftable::run(files, *min_df),
        None => cli::files::run(args),
    })
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        let kind = e
            .downcast_ref::<io::Error>()
            .map(io::Error::kind)
            .or_else(|| {
                // JSON output writes through serde_json, which wraps the io::Error.
                e.downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            });
        kind == Some(io::ErrorKind::BrokenPipe)
    })
}
