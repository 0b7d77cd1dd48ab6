-- The back office: who works on an application, what it is filed for (municipality), when the
-- applicant was asked for more (the clock may stop), when it was decided; a search key of the
-- applicant's name; indexes for the queues (keyset pages by deadline, then id).
ALTER TABLE applications ADD COLUMN assignee_id BIGINT REFERENCES persons (id);
ALTER TABLE applications ADD COLUMN municipality_code TEXT;
ALTER TABLE applications ADD COLUMN awaiting_since BIGINT;
ALTER TABLE applications ADD COLUMN decided_at BIGINT;
-- The applicant's name lower-cased with ё as е, for "starts with" search.
ALTER TABLE applications ADD COLUMN applicant_key TEXT NOT NULL DEFAULT '';

-- A queue page reads its rows in this order and checks the filters on the index alone.
CREATE INDEX applications_queue ON applications (department_code, status, deadline, id)
    INCLUDE (service_code, municipality_code, origin, submitted_at, applicant_key);
CREATE INDEX applications_assignee ON applications (assignee_id, status, deadline, id);

-- Result documents per service, from the region pack (documents/<service>.txt, a tera template).
CREATE TABLE document_templates (
    service_code   TEXT    PRIMARY KEY REFERENCES services (code),
    template       TEXT    NOT NULL
);

-- The head's figures: decisions of a department in a period.
CREATE INDEX applications_decided ON applications (department_code, decided_at);
