-- Region identity and branding, one row. Localized texts are JSON objects {"ru": "...", "en": "..."}.
CREATE TABLE region (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    code            TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    default_locale  TEXT    NOT NULL,
    locales         TEXT    NOT NULL,
    coat_of_arms    TEXT,
    coat_of_arms_type TEXT,
    colour_primary  TEXT    NOT NULL,
    colour_accent   TEXT    NOT NULL,
    phone           TEXT,
    email           TEXT,
    -- The pack entry as imported (canonical JSON): re-imports compare it to change only what changed.
    source          TEXT    NOT NULL
);

CREATE TABLE categories (
    code       TEXT    PRIMARY KEY,
    title      TEXT    NOT NULL,
    position   INTEGER NOT NULL,
    published  BOOLEAN NOT NULL DEFAULT TRUE,
    source     TEXT    NOT NULL
);

CREATE TABLE departments (
    code       TEXT    PRIMARY KEY,
    name       TEXT    NOT NULL,
    position   INTEGER NOT NULL,
    published  BOOLEAN NOT NULL DEFAULT TRUE,
    source     TEXT    NOT NULL
);

CREATE TABLE services (
    code            TEXT    PRIMARY KEY,
    title           TEXT    NOT NULL,
    summary         TEXT    NOT NULL,
    category_code   TEXT    NOT NULL REFERENCES categories (code),
    department_code TEXT    NOT NULL REFERENCES departments (code),
    stage           INTEGER NOT NULL CHECK (stage BETWEEN 1 AND 5),
    priority        BOOLEAN NOT NULL,
    position        INTEGER NOT NULL,
    published       BOOLEAN NOT NULL DEFAULT TRUE,
    source          TEXT    NOT NULL
);

CREATE INDEX services_category ON services (category_code, position);
