-- Data governance (issue 12, docs/adr/0014-data-governance.md): the audit
-- log becomes a hash chain that triggers keep append-only, deleted accounts
-- leave anonymised payment records, and transcripts can be pruned by age.
-- Mirrors storage/postgres/migrations/00012_governance.sql.

-- +goose Up
-- seq orders the chain; hash = SHA-256 over the entry's fields (personal
-- ones through their digests) and prev_hash. Rows from before the chain
-- keep NULLs and are reported as legacy by `mockroom audit verify`.
ALTER TABLE audit_log ADD COLUMN seq INTEGER;
ALTER TABLE audit_log ADD COLUMN actor_digest TEXT;
ALTER TABLE audit_log ADD COLUMN target_digest TEXT;
ALTER TABLE audit_log ADD COLUMN metadata_digest TEXT;
ALTER TABLE audit_log ADD COLUMN ip_digest TEXT;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;
CREATE UNIQUE INDEX idx_audit_log_seq ON audit_log(seq);
CREATE INDEX idx_audit_log_target ON audit_log(target_id);

-- No row leaves the log. The one change allowed is an erasure: a personal
-- field (actor, target id, metadata, IP) set to NULL, everything else as it
-- was; the chain keeps the field's digest.
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER audit_log_erase_only BEFORE UPDATE ON audit_log
WHEN NEW.id IS NOT OLD.id OR NEW.seq IS NOT OLD.seq OR NEW.action IS NOT OLD.action
  OR NEW.target_type IS NOT OLD.target_type OR NEW.created_at IS NOT OLD.created_at
  OR NEW.actor_digest IS NOT OLD.actor_digest OR NEW.target_digest IS NOT OLD.target_digest
  OR NEW.metadata_digest IS NOT OLD.metadata_digest OR NEW.ip_digest IS NOT OLD.ip_digest
  OR NEW.prev_hash IS NOT OLD.prev_hash OR NEW.hash IS NOT OLD.hash
  OR (NEW.actor_user_id IS NOT OLD.actor_user_id AND NEW.actor_user_id IS NOT NULL)
  OR (NEW.target_id IS NOT OLD.target_id AND NEW.target_id IS NOT NULL)
  OR (NEW.metadata IS NOT OLD.metadata AND NEW.metadata IS NOT NULL)
  OR (NEW.ip IS NOT OLD.ip AND NEW.ip IS NOT NULL)
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: only personal fields may be erased');
END;
-- +goose StatementEnd

-- What a deleted account's payments leave for the books: amounts and dates,
-- no link to a person (no user id, customer id or metadata).
CREATE TABLE payments_anonymised (
  id TEXT PRIMARY KEY,
  stripe_payment_intent_id TEXT,
  amount_cents INTEGER NOT NULL,
  currency TEXT NOT NULL,
  credits_purchased INTEGER NOT NULL,
  status TEXT NOT NULL,
  paid_at TEXT NOT NULL,
  anonymised_at TEXT NOT NULL
);

-- The retention job deletes transcripts by age.
CREATE INDEX idx_transcripts_created ON transcripts(created_at);

-- +goose Down
DROP INDEX idx_transcripts_created;
DROP TABLE payments_anonymised;
DROP TRIGGER audit_log_erase_only;
DROP TRIGGER audit_log_no_delete;
DROP INDEX idx_audit_log_target;
DROP INDEX idx_audit_log_seq;
ALTER TABLE audit_log DROP COLUMN hash;
ALTER TABLE audit_log DROP COLUMN prev_hash;
ALTER TABLE audit_log DROP COLUMN ip_digest;
ALTER TABLE audit_log DROP COLUMN metadata_digest;
ALTER TABLE audit_log DROP COLUMN target_digest;
ALTER TABLE audit_log DROP COLUMN actor_digest;
ALTER TABLE audit_log DROP COLUMN seq;
