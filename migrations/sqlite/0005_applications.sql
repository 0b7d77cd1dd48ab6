-- Online forms per service (versioned), applications with their attachments, history and
-- messages, registration numbers, and the outbox of work to do after a change.

-- Every version of a service's online form; applications keep the version they were filed with.
CREATE TABLE form_schemas (
    service_code   TEXT    NOT NULL REFERENCES services (code),
    version        INTEGER NOT NULL,
    schema         TEXT    NOT NULL,
    created_at     BIGINT  NOT NULL,
    PRIMARY KEY (service_code, version)
);
-- The current version, NULL when the service has no online form.
ALTER TABLE services ADD COLUMN form_version INTEGER;

-- The last registration number given in each year.
CREATE TABLE registration_counters (
    year           INTEGER PRIMARY KEY,
    last           BIGINT  NOT NULL
);

CREATE TABLE applications (
    -- Random; also the idempotency key of its submission.
    id             TEXT    PRIMARY KEY,
    -- Registration number, e.g. 99-2026-000123; NULL while a draft.
    number         TEXT    UNIQUE,
    service_code   TEXT    NOT NULL REFERENCES services (code),
    -- The department at filing time: a service may move later, its applications stay.
    department_code TEXT   NOT NULL,
    form_version   INTEGER NOT NULL,
    applicant_id   BIGINT  NOT NULL REFERENCES persons (id),
    -- For the back office: who applied, as written at submission.
    applicant_name TEXT    NOT NULL,
    status         TEXT    NOT NULL,
    origin         TEXT    NOT NULL DEFAULT 'regional',
    -- What the applicant entered (FormData as JSON).
    data           TEXT    NOT NULL,
    created_at     BIGINT  NOT NULL,
    updated_at     BIGINT  NOT NULL,
    submitted_at   BIGINT,
    -- Regulatory deadline, YYYY-MM-DD, counted in working days from registration.
    deadline       TEXT
);
CREATE INDEX applications_applicant ON applications (applicant_id, updated_at);
-- One open draft per person and service.
CREATE UNIQUE INDEX applications_one_draft ON applications (applicant_id, service_code) WHERE status = 'draft';

CREATE TABLE attachments (
    id             TEXT    PRIMARY KEY,
    application_id TEXT    NOT NULL REFERENCES applications (id),
    -- form: a field of the form (field_path); message: with a message; result: the result document.
    kind           TEXT    NOT NULL CHECK (kind IN ('form', 'message', 'result')),
    field_path     TEXT,
    message_id     BIGINT,
    file_name      TEXT    NOT NULL,
    content_type   TEXT    NOT NULL,
    size           BIGINT  NOT NULL,
    sha256         TEXT    NOT NULL,
    file_key       TEXT    NOT NULL,
    created_at     BIGINT  NOT NULL
);
CREATE INDEX attachments_application ON attachments (application_id);

-- The history of an application: every status change, with who and why.
CREATE TABLE application_events (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id TEXT    NOT NULL REFERENCES applications (id),
    at             BIGINT  NOT NULL,
    actor          TEXT    NOT NULL,
    actor_id       BIGINT,
    action         TEXT    NOT NULL,
    status         TEXT    NOT NULL,
    note           TEXT
);
CREATE INDEX application_events_application ON application_events (application_id, id);

-- Messages between the applicant and the clerk.
CREATE TABLE messages (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id TEXT    NOT NULL REFERENCES applications (id),
    at             BIGINT  NOT NULL,
    author         TEXT    NOT NULL CHECK (author IN ('applicant', 'clerk')),
    author_id      BIGINT,
    body           TEXT    NOT NULL,
    -- A clerk's request: the documents missing, as a JSON list of texts.
    missing        TEXT
);
CREATE INDEX messages_application ON messages (application_id, id);

-- Work to do after a change (federal registration, status events, notifications), written in
-- the same transaction as the change. Workers claim rows with a lease.
CREATE TABLE outbox (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    topic          TEXT    NOT NULL,
    -- Rows with the same key are delivered in order (e.g. one application's events).
    ordering_key   TEXT    NOT NULL,
    -- Receivers deduplicate by it.
    message_id     TEXT    NOT NULL UNIQUE,
    payload        TEXT    NOT NULL,
    created_at     BIGINT  NOT NULL,
    available_at   BIGINT  NOT NULL,
    attempts       INTEGER NOT NULL DEFAULT 0,
    lease_until    BIGINT,
    leased_by      TEXT,
    state          TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
    last_error     TEXT,
    done_at        BIGINT
);
CREATE INDEX outbox_ready ON outbox (topic, state, available_at);
CREATE INDEX outbox_order ON outbox (ordering_key, id);
