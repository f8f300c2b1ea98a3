//! The command line front end: flags, and one module per command.

pub mod args;
pub mod batch;
pub mod dftable;
pub mod files;
pub mod segment;
pub mod tag;
pub mod text;
pub mod view;
