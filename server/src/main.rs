//! `portal`: the regional services portal in one binary.
//!
//! `portal [--config FILE] [serve | worker | migrate | import-region DIR | …]`; see
//! docs/configuration.md.

use std::process::ExitCode;

use clap::Parser;
use portal::{cli, config, logging};

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let config = match config::Config::load(cli.config.as_deref()) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("portal: {e}");
            return ExitCode::from(2);
        }
    };
    logging::init(&config);
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("portal: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(cli::run(cli.command.unwrap_or_default(), config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "portal stopped");
            eprintln!("portal: {e}");
            ExitCode::FAILURE
        }
    }
}
