//! Command line: subcommands and what each does.
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use backend::clock::now_ms;
use backend::staff::RoleActor;
use domain::identity::{Role, Snils, StaffRole};
use domain::staff::{StaffChange, StaffProblem};

use crate::config::Config;
use crate::error::StartError;
use crate::{serve, state, workers};

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
    /// Run only the background work (federal delivery, inbox, notifications, mail,
    /// housekeeping), no web server: beside web replicas started with `workers = false`.
    Worker,
    /// Make a new federation signing key in FILE (an existing file is refused), to give every
    /// process of the installation as `federation.signing_key`.
    CreateSigningKey {
        /// Where to write the key (mode 0600).
        file: PathBuf,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Import (or re-import) a region pack folder; nothing is written if anything is wrong.
    ImportRegion {
        /// The region pack folder, e.g. regions/demo.
        dir: PathBuf,
    },
    /// Write the region pack the portal holds (as edited in the browser) into an empty folder;
    /// `import-region` of that folder into an empty portal gives the same catalog.
    ExportRegion {
        /// The folder to write, empty or not yet existing.
        dir: PathBuf,
    },
    /// Grant a staff role to a federal identity, by SNILS (also before their first login).
    GrantRole(RoleArgs),
    /// Take a staff role away.
    RevokeRole(RoleArgs),
}

/// Whom and which role.
#[derive(Debug, clap::Args)]
pub struct RoleArgs {
    /// SNILS of the person, e.g. "123-456-789 64".
    #[arg(long)]
    pub snils: String,
    /// clerk, head or operator.
    #[arg(long)]
    pub role: String,
    /// Department code, for clerk and head.
    #[arg(long)]
    pub department: Option<String>,
}

/// Runs `command`.
pub async fn run(command: Command, config: Config) -> Result<(), StartError> {
    match command {
        Command::Serve => serve::serve(config).await,
        Command::Worker => workers::run_alone(config).await,
        Command::CreateSigningKey { file } => {
            let signer = backend::federation::Es256Signer::create(&file).map_err(StartError::Federation)?;
            println!("signing key {} made in {}", backend::federation::Signer::kid(&signer), file.display());
            Ok(())
        }
        Command::Migrate => {
            let (db, _) = state::open_backend(&config).await?;
            db.close().await;
            println!("migrations applied");
            Ok(())
        }
        Command::GrantRole(args) => change_role(&config, args, true).await,
        Command::RevokeRole(args) => change_role(&config, args, false).await,
        Command::ExportRegion { dir } => {
            let (db, files) = state::open_backend(&config).await?;
            let result = backend::region_pack::export(&db, &files, &dir).await;
            db.close().await;
            let written = result.map_err(|e| StartError::Usage(format!("export to {}: {e}", dir.display())))?;
            println!("region pack exported: {written} files in {}", dir.display());
            Ok(())
        }
        Command::ImportRegion { dir } => {
            let (db, files) = state::open_backend(&config).await?;
            let bar = ProgressBar(indicatif::ProgressBar::new(0));
            let result = backend::region_pack::import_with_progress(&db, &files, &dir, &bar).await;
            bar.0.finish_and_clear();
            db.close().await;
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

/// `grant-role` (`grant`) or `revoke-role`: checks the arguments, then changes and audits.
async fn change_role(config: &Config, args: RoleArgs, grant: bool) -> Result<(), StartError> {
    let snils = Snils::parse(&args.snils).map_err(|e| StartError::Usage(format!("--snils {:?}: {e}", args.snils)))?;
    let role = Role::parse(&args.role).ok_or_else(|| StartError::Usage(format!("--role {:?}: must be clerk, head or operator", args.role)))?;
    let role = StaffRole::new(role, args.department).map_err(|e| StartError::Usage(e.to_string()))?;
    let (db, _) = state::open_backend(config).await?;
    // The browser's implementation, with the installer as the actor: the same checks and audit.
    let outcome = if grant {
        backend::staff::grant_role(&db, RoleActor::CommandLine, &snils, &role, None, now_ms()).await
    } else {
        backend::staff::revoke_role(&db, RoleActor::CommandLine, &snils, &role, None, now_ms()).await
    };
    db.close().await;
    let what = match &role.department {
        Some(d) => format!("{} of {d}", role.role.as_str()),
        None => role.role.as_str().to_owned(),
    };
    match outcome.map_err(StartError::Database)? {
        Ok(StaffChange::Granted) => println!("granted: {snils} is now {what}"),
        Ok(StaffChange::AlreadyGranted) => println!("unchanged: {snils} was already {what}"),
        Ok(StaffChange::Revoked) => println!("revoked: {snils} is no longer {what}"),
        Ok(StaffChange::NotHeld) => println!("unchanged: {snils} was not {what}"),
        Err(StaffProblem::UnknownDepartment) => {
            return Err(StartError::Usage(format!("--department {:?}: no such department in the catalog", role.department.unwrap_or_default())));
        }
        Err(StaffProblem::LastOperator) => {
            return Err(StartError::Usage(format!("{snils} holds the region's last operator role; grant it to someone else first")));
        }
        Err(problem) => return Err(StartError::Usage(problem.to_string())),
    }
    Ok(())
}

/// A progress bar on the terminal (hidden when stderr is not one).
struct ProgressBar(indicatif::ProgressBar);

impl backend::region_pack::Progress for ProgressBar {
    fn stage(&self, name: &'static str, total: usize) {
        self.0.set_length(total as u64);
        self.0.set_position(0);
        self.0.set_message(name);
        self.0
            .set_style(indicatif::ProgressStyle::with_template("{msg:24} {wide_bar} {pos}/{len}").unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()));
    }

    fn step(&self) {
        self.0.inc(1);
    }
}
