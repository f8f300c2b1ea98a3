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
static ALLOCATOR: Allocator = Allocator;

/// mimalloc, asked as C asks it. The `mimalloc` crate's allocator calls
/// `mi_malloc_aligned` and `mi_realloc_aligned` for every layout, whose
/// alignment checks cost about 25 instructions a call; nearly every
/// layout of the pipeline asks for 8 bytes or less, which every mimalloc
/// block has (block sizes are multiples of 8), so those go to `mi_malloc`,
/// `mi_zalloc` and `mi_realloc` straight, the rest to the crate's (a few
/// lines of our own, since the crate has no such option).
struct Allocator;

/// The alignment every mimalloc block has: its word size.
const BLOCK_ALIGN: usize = std::mem::size_of::<usize>();

// SAFETY: every call goes to mimalloc, the plain functions only for an
// alignment every block has; `dealloc` frees either kind (`mi_free`).
unsafe impl std::alloc::GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        if layout.align() <= BLOCK_ALIGN {
            // SAFETY: mimalloc's C allocation, aligned enough (above).
            unsafe { libmimalloc_sys::mi_malloc(layout.size()).cast() }
        } else {
            // SAFETY: the caller's contract, passed on.
            unsafe { mimalloc::MiMalloc.alloc(layout) }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        if layout.align() <= BLOCK_ALIGN {
            // SAFETY: as in `alloc`.
            unsafe { libmimalloc_sys::mi_zalloc(layout.size()).cast() }
        } else {
            // SAFETY: the caller's contract, passed on.
            unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        // SAFETY: `ptr` came from this allocator (the caller's contract).
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= BLOCK_ALIGN {
            // SAFETY: `ptr` is mimalloc's (the caller's contract); the new
            // block is aligned as every block is.
            unsafe { libmimalloc_sys::mi_realloc(ptr.cast(), new_size).cast() }
        } else {
            // SAFETY: the caller's contract, passed on.
            unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) }
        }
    }
}

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
