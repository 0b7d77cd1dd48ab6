-- What an operator posted to the catalog editor that was not written (it broke a rule) or not
-- yet (an online form being prepared): the page shows it again with its problems.
CREATE TABLE editor_drafts (
    person_id  BIGINT NOT NULL REFERENCES persons (id),
    -- The page it belongs to, e.g. `service/kindergarten-enrolment` or `form/kindergarten-enrolment`.
    draft_key  TEXT   NOT NULL,
    payload    TEXT   NOT NULL,
    -- JSON list of the problems found, empty when none.
    problems   TEXT   NOT NULL,
    saved_at   BIGINT NOT NULL,
    PRIMARY KEY (person_id, draft_key)
);
