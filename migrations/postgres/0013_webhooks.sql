-- A department system's webhook: where the portal tells it of its applications, and the secret
-- the deliveries are signed with (HMAC-SHA256, so the portal must keep it; it is shown once).
-- Deliveries themselves are outbox rows of topic `webhook`, which are also the operator's log.
ALTER TABLE api_clients ADD COLUMN webhook_url TEXT;
ALTER TABLE api_clients ADD COLUMN webhook_secret TEXT;
