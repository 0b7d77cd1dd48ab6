//! Copying a whole database from the embedded SQLite into PostgreSQL, table by table, and
//! telling whether two copies hold the same rows. Generic over the schema: the tables, their
//! columns and the order foreign keys impose come from PostgreSQL's catalog after migrating,
//! so a new migration needs no change here.

use std::collections::{BTreeMap, BTreeSet};

use futures_util::TryStreamExt;
use sha2::{Digest, Sha256};
use sqlx::postgres::PgPool;
use sqlx::sqlite::SqlitePool;
use sqlx::{PgConnection, QueryBuilder, Row};

use super::{Db, Pool};
use crate::{Error, Result};

/// Tables the copy leaves alone: the migrations' own bookkeeping and the copy's.
const NOT_COPIED: &[&str] = &["_sqlx_migrations", "data_migrations"];

/// Tables the migrations fill (with their row count right after migrating): a fresh target holds
/// these rows, and the copy replaces them.
pub(crate) const SEEDED: &[(&str, i64)] = &[("catalog_version", 1)];

/// Rows inserted per statement (PostgreSQL takes at most 65,535 parameters per statement).
const BATCH_PARAMETERS: usize = 30_000;

/// How a column's values are read and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Int,
    Bool,
    Text,
}

/// A table as PostgreSQL describes it.
#[derive(Debug, Clone)]
pub struct Table {
    /// Its name.
    pub name: String,
    columns: Vec<(String, Kind)>,
    /// Columns whose values come from a sequence (identity), to be moved past the copied values.
    identity: Vec<String>,
}

/// What a table holds, independent of row order: how many rows, and a sum of their digests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Fingerprint {
    /// Rows.
    pub rows: u64,
    /// Sum (mod 2^128) of each row's SHA-256, truncated; equal multisets of rows give equal sums.
    pub sum: u128,
}

impl Fingerprint {
    fn add(&mut self, row: &[Value]) {
        let mut hash = Sha256::new();
        for value in row {
            match value {
                Value::Null => hash.update([0]),
                Value::Int(i) => {
                    hash.update([1]);
                    hash.update(i.to_le_bytes());
                }
                Value::Text(t) => {
                    hash.update([2]);
                    hash.update((t.len() as u64).to_le_bytes());
                    hash.update(t.as_bytes());
                }
            }
        }
        let digest = hash.finalize();
        let mut first = [0u8; 16];
        first.copy_from_slice(&digest[..16]);
        self.rows += 1;
        self.sum = self.sum.wrapping_add(u128::from_le_bytes(first));
    }
}

/// A value on its way; booleans travel as 0 and 1, as SQLite keeps them.
#[derive(Debug, Clone)]
enum Value {
    Null,
    Int(i64),
    Text(String),
}

fn postgres(db: &Db) -> Result<&PgPool> {
    match &db.pool {
        Pool::Postgres(pool) => Ok(pool),
        Pool::Sqlite { .. } => Err(Error::DataMigration("the target must be a PostgreSQL database".into())),
    }
}

fn sqlite(db: &Db) -> Result<&SqlitePool> {
    match &db.pool {
        Pool::Sqlite { read, .. } => Ok(read),
        Pool::Postgres(_) => Err(Error::DataMigration("the source must be the embedded SQLite database".into())),
    }
}

/// The tables of the (migrated) PostgreSQL database `db`, each after the tables it refers to.
pub async fn tables(db: &Db) -> Result<Vec<Table>> {
    let pool = postgres(db)?;
    let columns = sqlx::query(
        "SELECT table_name::text, column_name::text, data_type::text, is_identity::text FROM information_schema.columns \
         WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position",
    )
    .fetch_all(pool)
    .await?;
    let mut tables: BTreeMap<String, Table> = BTreeMap::new();
    for row in columns {
        let (table, column, data_type, identity): (String, String, String, String) = (row.get(0), row.get(1), row.get(2), row.get(3));
        if NOT_COPIED.contains(&table.as_str()) {
            continue;
        }
        let kind = match data_type.as_str() {
            "bigint" | "integer" | "smallint" => Kind::Int,
            "boolean" => Kind::Bool,
            "text" | "character varying" => Kind::Text,
            other => return Err(Error::DataMigration(format!("{table}.{column}: type {other} is not copied; teach store/copy.rs"))),
        };
        let entry = tables.entry(table.clone()).or_insert_with(|| Table { name: table, columns: Vec::new(), identity: Vec::new() });
        if identity == "YES" {
            entry.identity.push(column.clone());
        }
        entry.columns.push((column, kind));
    }
    let references: Vec<(String, String)> = sqlx::query_as(
        "SELECT c.conrelid::regclass::text, c.confrelid::regclass::text FROM pg_constraint c \
         JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND n.nspname = current_schema()",
    )
    .fetch_all(pool)
    .await?;
    // Depth-first: a table comes after every table it refers to (self-references aside).
    let mut ordered = Vec::new();
    let mut placed = BTreeSet::new();
    fn place(name: &str, refs: &[(String, String)], placed: &mut BTreeSet<String>, ordered: &mut Vec<String>, path: &mut Vec<String>) {
        if placed.contains(name) || path.iter().any(|p| p == name) {
            return;
        }
        path.push(name.to_owned());
        for (_, parent) in refs.iter().filter(|(child, parent)| child == name && parent != name) {
            place(parent, refs, placed, ordered, path);
        }
        path.pop();
        placed.insert(name.to_owned());
        ordered.push(name.to_owned());
    }
    for name in tables.keys() {
        place(name, &references, &mut placed, &mut ordered, &mut Vec::new());
    }
    Ok(ordered.into_iter().filter_map(|name| tables.remove(&name)).collect())
}

fn select(table: &Table) -> String {
    let columns: Vec<String> = table.columns.iter().map(|(c, _)| format!("\"{c}\"")).collect();
    format!("SELECT {} FROM \"{}\"", columns.join(", "), table.name)
}

fn sqlite_row(table: &Table, row: &sqlx::sqlite::SqliteRow) -> Result<Vec<Value>> {
    let mut values = Vec::with_capacity(table.columns.len());
    for (i, (column, kind)) in table.columns.iter().enumerate() {
        let bad = |e: sqlx::Error| Error::DataMigration(format!("{}.{column} in SQLite: {e}", table.name));
        values.push(match kind {
            Kind::Int => row.try_get::<Option<i64>, _>(i).map_err(bad)?.map_or(Value::Null, Value::Int),
            Kind::Bool => row.try_get::<Option<bool>, _>(i).map_err(bad)?.map_or(Value::Null, |b| Value::Int(i64::from(b))),
            Kind::Text => row.try_get::<Option<String>, _>(i).map_err(bad)?.map_or(Value::Null, Value::Text),
        });
    }
    Ok(values)
}

fn postgres_row(table: &Table, row: &sqlx::postgres::PgRow) -> Result<Vec<Value>> {
    let mut values = Vec::with_capacity(table.columns.len());
    for (i, (_, kind)) in table.columns.iter().enumerate() {
        values.push(match kind {
            Kind::Int => {
                row.try_get::<Option<i64>, _>(i).or_else(|_| row.try_get::<Option<i32>, _>(i).map(|v| v.map(i64::from)))?.map_or(Value::Null, Value::Int)
            }
            Kind::Bool => row.try_get::<Option<bool>, _>(i)?.map_or(Value::Null, |b| Value::Int(i64::from(b))),
            Kind::Text => row.try_get::<Option<String>, _>(i)?.map_or(Value::Null, Value::Text),
        });
    }
    Ok(values)
}

/// The fingerprint of `table` in `db`, SQLite or PostgreSQL alike.
pub async fn fingerprint(db: &Db, table: &Table) -> Result<Fingerprint> {
    let mut print = Fingerprint::default();
    let sql = select(table);
    match &db.pool {
        Pool::Sqlite { read, .. } => {
            let mut rows = sqlx::query(&sql).fetch(read);
            while let Some(row) = rows.try_next().await? {
                print.add(&sqlite_row(table, &row)?);
            }
        }
        Pool::Postgres(pool) => {
            let mut rows = sqlx::query(&sql).fetch(pool);
            while let Some(row) = rows.try_next().await? {
                print.add(&postgres_row(table, &row)?);
            }
        }
    }
    Ok(print)
}

/// Rows of `table` in `db`.
pub async fn count(db: &Db, table: &Table) -> Result<i64> {
    let sql = format!("SELECT COUNT(*) FROM \"{}\"", table.name);
    Ok(super::with_pool!(db, |pool| sqlx::query_scalar::<_, i64>(&sql).fetch_one(pool).await?))
}

/// Copies every row of `table` from SQLite `source` into PostgreSQL `target` in one transaction
/// (rows the target held are replaced), then moves its identity sequences past the copied ids.
/// Interrupted, it leaves the target table as it was. Returns the rows copied.
pub async fn copy_table(source: &Db, target: &Db, table: &Table) -> Result<u64> {
    let (source, target) = (sqlite(source)?, postgres(target)?);
    let mut tx = target.begin().await?;
    sqlx::query(&format!("DELETE FROM \"{}\"", table.name)).execute(&mut *tx).await?;
    let per_statement = (BATCH_PARAMETERS / table.columns.len().max(1)).max(1);
    let sql = select(table);
    let mut rows = sqlx::query(&sql).fetch(source);
    let mut batch = Vec::with_capacity(per_statement);
    let mut copied = 0u64;
    while let Some(row) = rows.try_next().await? {
        batch.push(sqlite_row(table, &row)?);
        if batch.len() == per_statement {
            copied += insert(&mut tx, table, std::mem::take(&mut batch)).await?;
        }
    }
    if !batch.is_empty() {
        copied += insert(&mut tx, table, batch).await?;
    }
    for column in &table.identity {
        let name = &table.name;
        sqlx::query(&format!(
            "SELECT setval(pg_get_serial_sequence('\"{name}\"', '{column}'), COALESCE((SELECT MAX(\"{column}\") FROM \"{name}\"), 0) + 1, false)"
        ))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(copied)
}

async fn insert(conn: &mut PgConnection, table: &Table, rows: Vec<Vec<Value>>) -> Result<u64> {
    let columns: Vec<String> = table.columns.iter().map(|(c, _)| format!("\"{c}\"")).collect();
    let mut query = QueryBuilder::new(format!("INSERT INTO \"{}\" ({}) ", table.name, columns.join(", ")));
    query.push_values(rows, |mut row, values| {
        for (value, (_, kind)) in values.into_iter().zip(&table.columns) {
            match (value, kind) {
                (Value::Null, Kind::Int) => row.push_bind(None::<i64>),
                (Value::Null, Kind::Bool) => row.push_bind(None::<bool>),
                (Value::Null, Kind::Text) => row.push_bind(None::<String>),
                (Value::Int(i), Kind::Bool) => row.push_bind(i != 0),
                (Value::Int(i), _) => row.push_bind(i),
                (Value::Text(t), _) => row.push_bind(t),
            };
        }
    });
    Ok(query.build().execute(conn).await?.rows_affected())
}

/// The copy of a whole installation into this database, by the source it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataMigration {
    /// None was started here.
    None,
    /// One from `source` was started and did not finish.
    Started { source: String },
    /// One from `source` finished.
    Finished { source: String },
}

/// What the target says about copies into it.
pub async fn data_migration(db: &Db) -> Result<DataMigration> {
    let row: Option<(String, Option<i64>)> =
        super::with_pool!(db, |pool| sqlx::query_as("SELECT source, finished_ms FROM data_migrations").fetch_optional(pool).await?);
    Ok(match row {
        None => DataMigration::None,
        Some((source, None)) => DataMigration::Started { source },
        Some((source, Some(_))) => DataMigration::Finished { source },
    })
}

/// Records that a copy from `source` started at `now`.
pub async fn start_data_migration(db: &Db, source: &str, now: i64) -> Result<()> {
    super::with_writer!(db, |pool| sqlx::query("INSERT INTO data_migrations (source, started_ms) VALUES ($1, $2)")
        .bind(source)
        .bind(now)
        .execute(pool)
        .await
        .map(drop)?);
    Ok(())
}

/// Records that the copy finished, checked, at `now`.
pub async fn finish_data_migration(db: &Db, now: i64) -> Result<()> {
    super::with_writer!(db, |pool| sqlx::query("UPDATE data_migrations SET finished_ms = $1").bind(now).execute(pool).await.map(drop)?);
    Ok(())
}
