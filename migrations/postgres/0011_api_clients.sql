-- Departments' own case-management systems, registered by the operator to use /api/v1. A client
-- acts as a technical account (`person_id`, subject `api:<id>`) so that history, assignments and
-- the audit trail name it like a clerk. Only a hash of its key is kept; the key is shown once.
CREATE TABLE api_clients (
    id               TEXT    PRIMARY KEY,
    person_id        BIGINT  NOT NULL UNIQUE REFERENCES persons (id),
    department_code  TEXT    NOT NULL,
    name             TEXT    NOT NULL,
    -- Space-separated: read, work, decide.
    scopes           TEXT    NOT NULL,
    -- SHA-256 of the whole key, hex.
    key_hash         TEXT    NOT NULL,
    created_at       BIGINT  NOT NULL,
    created_by       BIGINT  REFERENCES persons (id),
    last_used_at     BIGINT,
    revoked_at       BIGINT
);
CREATE INDEX api_clients_department ON api_clients (department_code);
