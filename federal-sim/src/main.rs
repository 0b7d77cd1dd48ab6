//! `federal-sim --config sim.toml`: the federal portal simulator as its own process.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use federal_sim::{router, SimConfig, Simulator};

/// A simulator of the federal portal for development and tests.
#[derive(Parser)]
#[command(name = "federal-sim", version)]
struct Cli {
    /// TOML configuration: issuer, listen address, clients, test persons (see docs/identity.md).
    #[arg(long, value_name = "FILE")]
    config: PathBuf,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Logs go to stderr; stdout carries only the line saying the simulator is up.
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("FEDERAL_SIM_LOG").unwrap_or_else(|_| "info".into()))
        .with_writer(std::io::stderr)
        .init();
    let config = match SimConfig::load(&cli.config) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("federal-sim: {e}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("federal-sim: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let listen = config.listen;
        let listener = match tokio::net::TcpListener::bind(listen).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("federal-sim: listen {listen}: {e}");
                return ExitCode::FAILURE;
            }
        };
        let issuer = config.issuer.clone();
        let app = router(Simulator::new(config));
        // Tests wait for this line to know the simulator is up.
        println!("federal-sim listening on http://{listen} as {issuer}");
        match axum::serve(listener, app).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("federal-sim: {e}");
                ExitCode::FAILURE
            }
        }
    })
}
