-- Notifications (docs/notifications.md): what each person is told in the portal, and their
-- choice of email per kind of event.

-- One row per person and event: a repeated event (a retried worker) adds nothing.
CREATE TABLE notifications (
    id             INTEGER PRIMARY KEY,
    person_id      INTEGER NOT NULL REFERENCES persons (id),
    event_key      TEXT    NOT NULL,
    kind           TEXT    NOT NULL,
    application_id TEXT,
    number         TEXT,
    created_at     INTEGER NOT NULL,
    read_at        INTEGER,
    UNIQUE (person_id, event_key)
);
CREATE INDEX notifications_person ON notifications (person_id, id);
CREATE INDEX notifications_unread ON notifications (person_id) WHERE read_at IS NULL;

-- Email off for a kind of event (on unless a row says off).
CREATE TABLE notification_settings (
    person_id      INTEGER NOT NULL REFERENCES persons (id),
    kind           TEXT    NOT NULL,
    email          BOOLEAN NOT NULL,
    PRIMARY KEY (person_id, kind)
);

-- The portal language the person chose last; emails are written in it.
ALTER TABLE persons ADD COLUMN lang TEXT;
