//! Command line: subcommands and what each does.
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::config::Config;
use crate::error::StartError;
use crate::{serve, state};

/// The regional portal of state and municipal services.
#[derive(Debug, Parser)]
#[command(name = "portal", version)]
pub struct Cli {
    /// TOML configuration file; `PORTAL_*` environment variables override it.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// What to do; `serve` when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Debug, Default, Subcommand)]
pub enum Command {
    /// Serve the portal (migrates the database and imports the region pack on first start).
    #[default]
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Import (or re-import) a region pack folder; nothing is written if anything is wrong.
    ImportRegion {
        /// The region pack folder, e.g. regions/demo.
        dir: PathBuf,
    },
}

/// Runs `command`.
pub async fn run(command: Command, config: Config) -> Result<(), StartError> {
    match command {
        Command::Serve => serve::serve(config).await,
        Command::Migrate => {
            let backend = state::open_backend(&config).await?;
            backend.db.close().await;
            println!("migrations applied");
            Ok(())
        }
        Command::ImportRegion { dir } => {
            let backend = state::open_backend(&config).await?;
            let bar = ProgressBar(indicatif::ProgressBar::new(0));
            let result = backend::region_pack::import_with_progress(&backend.db, &backend.files, &dir, &bar).await;
            bar.0.finish_and_clear();
            backend.db.close().await;
            let (report, warnings) = result.map_err(|e| StartError::Import { dir, source: e })?;
            for warning in warnings {
                eprintln!("warning: {warning}");
            }
            println!(
                "region pack imported: {} added, {} updated, {} unchanged, {} unpublished",
                report.added, report.updated, report.unchanged, report.unpublished
            );
            Ok(())
        }
    }
}

/// A progress bar on the terminal (hidden when stderr is not one).
struct ProgressBar(indicatif::ProgressBar);

impl backend::region_pack::Progress for ProgressBar {
    fn stage(&self, name: &'static str, total: usize) {
        self.0.set_length(total as u64);
        self.0.set_position(0);
        self.0.set_message(name);
        self.0.set_style(
            indicatif::ProgressStyle::with_template("{msg:24} {wide_bar} {pos}/{len}").unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
    }

    fn step(&self) {
        self.0.inc(1);
    }
}
