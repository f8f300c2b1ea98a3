// Keep a console window away on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

fn main() -> ExitCode {
    // Started as the pdf reader's worker process (see `tomtat::read::WorkerProcess`):
    // read one file and stop, before any window is made.
    if let Some(code) = tomtat::read::main_if_worker() {
        return code;
    }
    tomtat_app::run();
    ExitCode::SUCCESS
}
