-- Federal identities, staff roles, server-side sessions, pending logins and the audit trail.
-- Times are UTC milliseconds since 1970 (BIGINT), identical on both databases.

CREATE TABLE persons (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    -- The provider's subject identifier (`sub`): who the person is to the federal portal.
    subject        TEXT    NOT NULL UNIQUE,
    -- 11 digits without separators.
    snils          TEXT,
    family_name    TEXT    NOT NULL,
    given_name     TEXT    NOT NULL,
    middle_name    TEXT,
    birthdate      TEXT,
    email          TEXT,
    phone          TEXT,
    assurance      TEXT    NOT NULL CHECK (assurance IN ('simplified', 'standard', 'confirmed')),
    created_at     BIGINT  NOT NULL,
    updated_at     BIGINT  NOT NULL
);
CREATE INDEX persons_snils ON persons (snils);

-- Granted by SNILS, so a role can be given before the person first logs in.
CREATE TABLE staff_roles (
    snils           TEXT    NOT NULL,
    role            TEXT    NOT NULL CHECK (role IN ('clerk', 'head', 'operator')),
    -- '' for the region-wide operator role (a primary key column cannot be NULL).
    department_code TEXT    NOT NULL DEFAULT '',
    granted_at      BIGINT  NOT NULL,
    granted_by      TEXT    NOT NULL,
    PRIMARY KEY (snils, role, department_code)
);

CREATE TABLE sessions (
    -- SHA-256 of the cookie value: a copy of the database does not let anyone in.
    id_hash        TEXT    PRIMARY KEY,
    person_id      BIGINT  NOT NULL REFERENCES persons (id),
    created_at     BIGINT  NOT NULL,
    last_seen_at   BIGINT  NOT NULL,
    -- Absolute expiry; idle expiry is last_seen_at plus the configured idle time.
    expires_at     BIGINT  NOT NULL,
    -- For the provider's end-session endpoint (id_token_hint).
    id_token       TEXT
);
CREATE INDEX sessions_person ON sessions (person_id);

-- A login between the redirect to the provider and its answer; used once.
CREATE TABLE login_attempts (
    state          TEXT    PRIMARY KEY,
    -- SHA-256 of the cookie that ties the attempt to the browser that started it.
    browser_hash   TEXT    NOT NULL,
    nonce          TEXT    NOT NULL,
    pkce_verifier  TEXT    NOT NULL,
    return_to      TEXT    NOT NULL,
    created_at     BIGINT  NOT NULL
);

CREATE TABLE audit_log (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    at             BIGINT  NOT NULL,
    -- NULL when nobody was logged in (e.g. a refused login).
    actor_id       BIGINT  REFERENCES persons (id),
    action         TEXT    NOT NULL,
    -- What it concerned, e.g. an application id or a SNILS.
    subject        TEXT,
    -- JSON object with the rest.
    details        TEXT    NOT NULL,
    request_id     TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_action ON audit_log (action, at);
