-- Federation with the federal portal (docs/federation.md).

-- Inbox messages taken in, by the federal message id: a re-delivered message is recognised here
-- and stored once.
CREATE TABLE federal_inbox (
    message_id     TEXT    PRIMARY KEY,
    federal_id     TEXT    NOT NULL,
    application_id TEXT    NOT NULL,
    received_at    BIGINT  NOT NULL
);

-- What an application filed on the federal portal said, as its questions and answers (JSON).
ALTER TABLE applications ADD COLUMN federal_form TEXT;

-- The delivery worker's claim: ready rows of a topic, oldest first.
CREATE INDEX outbox_pending ON outbox (topic, id) WHERE state = 'pending';

-- A row may go out when no earlier row of its key and topic is undelivered: that check reads
-- this index (the key alone still uses its prefix).
DROP INDEX outbox_order;
CREATE INDEX outbox_order ON outbox (ordering_key, topic, id);
