-- A copy of a whole installation into this database by `portal migrate-data`: one under way is
-- resumed, a finished one is only checked again, and a database holding anything else is refused.
CREATE TABLE data_migrations (
    source       TEXT    PRIMARY KEY,
    started_ms   BIGINT  NOT NULL,
    finished_ms  BIGINT
);
