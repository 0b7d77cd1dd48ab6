-- Life situations, municipalities, which services belong to them, and blank forms.
-- Passport texts of services and contacts of departments live in each row's `source` (the pack entry).
CREATE TABLE life_situations (
    code       TEXT    PRIMARY KEY,
    title      TEXT    NOT NULL,
    position   INTEGER NOT NULL,
    published  BOOLEAN NOT NULL DEFAULT TRUE,
    source     TEXT    NOT NULL
);

CREATE TABLE municipalities (
    code       TEXT    PRIMARY KEY,
    name       TEXT    NOT NULL,
    position   INTEGER NOT NULL,
    published  BOOLEAN NOT NULL DEFAULT TRUE,
    source     TEXT    NOT NULL
);

CREATE TABLE service_life_situations (
    service_code        TEXT NOT NULL REFERENCES services (code),
    life_situation_code TEXT NOT NULL REFERENCES life_situations (code),
    PRIMARY KEY (service_code, life_situation_code)
);
CREATE INDEX service_life_situations_by_situation ON service_life_situations (life_situation_code);

-- No rows means the whole region.
CREATE TABLE service_municipalities (
    service_code      TEXT NOT NULL REFERENCES services (code),
    municipality_code TEXT NOT NULL REFERENCES municipalities (code),
    PRIMARY KEY (service_code, municipality_code)
);
CREATE INDEX service_municipalities_by_municipality ON service_municipalities (municipality_code);

CREATE TABLE blanks (
    service_code  TEXT    NOT NULL REFERENCES services (code),
    file_name     TEXT    NOT NULL,
    title         TEXT    NOT NULL,
    position      INTEGER NOT NULL,
    -- Content-addressed key in the file store (blanks/<sha256>): a replaced file gets a new key.
    file_key      TEXT    NOT NULL,
    content_type  TEXT    NOT NULL,
    size          BIGINT  NOT NULL,
    sha256        TEXT    NOT NULL,
    published     BOOLEAN NOT NULL DEFAULT TRUE,
    PRIMARY KEY (service_code, file_name)
);

CREATE INDEX services_department ON services (department_code);

-- Checksums of a service's blank files: a changed file changes the service on re-import.
ALTER TABLE services ADD COLUMN files_digest TEXT NOT NULL DEFAULT '';
-- Name of the service's online form when the pack provides it (forms/<name>.json).
ALTER TABLE services ADD COLUMN online_form TEXT;
