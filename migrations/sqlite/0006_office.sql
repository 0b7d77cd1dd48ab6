-- The back office: who works on an application, what it is filed for (municipality), when the
-- applicant was asked for more (the clock may stop), when it was decided; a search key of the
-- applicant's name; indexes for the queues (keyset pages by deadline, then id).
ALTER TABLE applications ADD COLUMN assignee_id BIGINT REFERENCES persons (id);
ALTER TABLE applications ADD COLUMN municipality_code TEXT;
ALTER TABLE applications ADD COLUMN awaiting_since BIGINT;
ALTER TABLE applications ADD COLUMN decided_at BIGINT;
-- The applicant's name lower-cased with ё as е, for "starts with" search.
ALTER TABLE applications ADD COLUMN applicant_key TEXT NOT NULL DEFAULT '';

CREATE INDEX applications_queue ON applications (department_code, status, deadline, id);
CREATE INDEX applications_assignee ON applications (assignee_id, status, deadline, id);
CREATE INDEX applications_applicant_key ON applications (department_code, applicant_key);

-- Result documents per service, from the region pack (documents/<service>.txt, a tera template).
CREATE TABLE document_templates (
    service_code   TEXT    PRIMARY KEY REFERENCES services (code),
    template       TEXT    NOT NULL
);
