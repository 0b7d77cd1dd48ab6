//! Command line: subcommands and what each does.
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use backend::clock::now_ms;
use backend::federation::Keyring;
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
    /// Add a new key to the signing key FILE every process reads: published at once, signing
    /// after --publish-for, with the keys it replaces published --grace longer. Processes pick
    /// the change up without a restart.
    RotateSigningKey {
        /// The key file in use (`federation.signing_key`).
        file: PathBuf,
        /// How long the new key is published before it signs: longer than the federal side
        /// caches our JWKS. E.g. 1d, 12h.
        #[arg(long, default_value = "1d", value_parser = humantime::parse_duration)]
        publish_for: std::time::Duration,
        /// How long the replaced keys stay published after the new one signs: longer than a
        /// signed message may wait in the outbox. E.g. 7d.
        #[arg(long, default_value = "7d", value_parser = humantime::parse_duration)]
        grace: std::time::Duration,
    },
    /// Apply database migrations, import the region pack when none is imported yet, and exit
    /// (the step before web replicas start together).
    Migrate,
    /// Copy this installation (the embedded SQLite database and local folder it is configured
    /// with) to PostgreSQL and an object store, every table and file, checked by counts and
    /// digests. Stop the portal first. Refuses a target that holds anything else; run again
    /// after an interruption and it resumes.
    MigrateData {
        /// The PostgreSQL database to fill, e.g. postgres://portal@db/portal.
        #[arg(long, value_name = "URL")]
        to_database: String,
        /// The file store to fill: s3://bucket/prefix (with the AWS_* variables) or a folder.
        #[arg(long, value_name = "URL")]
        to_files: String,
    },
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
            let kid = Keyring::create(&file).map_err(StartError::Federation)?;
            println!("signing key {kid} made in {}", file.display());
            Ok(())
        }
        Command::RotateSigningKey { file, publish_for, grace } => {
            let seconds = |d: std::time::Duration| i64::try_from(d.as_secs()).unwrap_or(i64::MAX / 4);
            let rotation = Keyring::rotate(&file, now_ms() / 1000, seconds(publish_for), seconds(grace)).map_err(StartError::Federation)?;
            let at = |secs: i64| humantime::format_rfc3339_seconds(std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs.max(0).unsigned_abs()));
            println!(
                "signing key {} added to {}: published now, signs from {}; the keys it replaces stay published until {}",
                rotation.kid,
                file.display(),
                at(rotation.signs_from),
                at(rotation.old_retired_from)
            );
            Ok(())
        }
        Command::Migrate => {
            let (db, files) = state::open_backend(&config).await?;
            let imported = crate::first_start::import_region(&config, &db, &files).await;
            db.close().await;
            imported?;
            println!("migrations applied");
            Ok(())
        }
        Command::MigrateData { to_database, to_files } => migrate_data(&config, &to_database, &to_files).await,
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

/// `migrate-data`: opens both installations and copies one into the other, saying each step.
async fn migrate_data(config: &Config, to_database: &str, to_files: &str) -> Result<(), StartError> {
    let (db, files) = state::open_backend(config).await?;
    if db.backend() != backend::store::Backend::Sqlite {
        return Err(StartError::Usage("migrate-data copies from the embedded SQLite database; this portal is configured with another".into()));
    }
    if backend::store::Backend::of_url(to_database) != Some(backend::store::Backend::Postgres) {
        return Err(StartError::Usage(format!("--to-database {}: a postgres:// URL", crate::config::redact(to_database))));
    }
    let target_db = backend::Db::connect(to_database).await.map_err(StartError::Database)?;
    target_db.migrate().await.map_err(StartError::Database)?;
    let target_files = backend::FileStore::at(to_files).map_err(|e| StartError::Files { location: to_files.to_owned(), reason: e.to_string() })?;
    let source = source_name(&config.database_url());
    let result = backend::migrate_data::migrate(
        backend::migrate_data::Installation { db: &db, files: &files },
        backend::migrate_data::Installation { db: &target_db, files: &target_files },
        &source,
        now_ms(),
        &Said,
    )
    .await;
    db.close().await;
    target_db.close().await;
    let report = result.map_err(|e| StartError::Usage(e.to_string()))?;
    println!(
        "installation copied{}: {} tables with {} rows and {} files with {} bytes, all checked;          now start the portal with database_url and files.url set to the target",
        if report.resumed { " (resumed)" } else { "" },
        report.tables,
        report.rows,
        report.files,
        report.bytes
    );
    Ok(())
}

/// The source's name as the target records it: the SQLite file's absolute path, so a rerun
/// from another folder still finds its own unfinished copy.
fn source_name(database_url: &str) -> String {
    let path = database_url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    let path = path.split('?').next().unwrap_or(path);
    std::fs::canonicalize(path).map_or_else(|_| crate::config::redact(database_url), |absolute| format!("sqlite://{}", absolute.display()))
}

/// Progress of `migrate-data`, a line each step.
struct Said;

impl backend::migrate_data::Progress for Said {
    fn said(&self, line: &str) {
        println!("{line}");
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
