-- Data governance (issue 12, docs/adr/0014-data-governance.md): the audit
-- log becomes a hash chain that triggers keep append-only, deleted accounts
-- leave anonymised payment records, and transcripts can be pruned by age.
-- Mirrors storage/sqlite/migrations/00011_governance.sql.

-- +goose Up
-- seq orders the chain; hash = SHA-256 over the entry's fields (personal
-- ones through their digests) and prev_hash. Rows from before the chain
-- keep NULLs and are reported as legacy by `mockroom audit verify`.
ALTER TABLE audit_log ADD COLUMN seq bigint UNIQUE;
ALTER TABLE audit_log ADD COLUMN actor_digest text;
ALTER TABLE audit_log ADD COLUMN target_digest text;
ALTER TABLE audit_log ADD COLUMN metadata_digest text;
ALTER TABLE audit_log ADD COLUMN ip_digest text;
ALTER TABLE audit_log ADD COLUMN prev_hash text;
ALTER TABLE audit_log ADD COLUMN hash text;
CREATE INDEX idx_audit_log_target ON audit_log(target_id);

-- No row leaves the log, not even by TRUNCATE. The one change allowed is an
-- erasure: a personal field (actor, target id, metadata, IP) set to NULL,
-- everything else as it was; the chain keeps the field's digest.
-- +goose StatementBegin
CREATE FUNCTION audit_log_guard() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.id IS DISTINCT FROM OLD.id OR NEW.seq IS DISTINCT FROM OLD.seq OR NEW.action IS DISTINCT FROM OLD.action
    OR NEW.target_type IS DISTINCT FROM OLD.target_type OR NEW.created_at IS DISTINCT FROM OLD.created_at
    OR NEW.actor_digest IS DISTINCT FROM OLD.actor_digest OR NEW.target_digest IS DISTINCT FROM OLD.target_digest
    OR NEW.metadata_digest IS DISTINCT FROM OLD.metadata_digest OR NEW.ip_digest IS DISTINCT FROM OLD.ip_digest
    OR NEW.prev_hash IS DISTINCT FROM OLD.prev_hash OR NEW.hash IS DISTINCT FROM OLD.hash
    OR (NEW.actor_user_id IS DISTINCT FROM OLD.actor_user_id AND NEW.actor_user_id IS NOT NULL)
    OR (NEW.target_id IS DISTINCT FROM OLD.target_id AND NEW.target_id IS NOT NULL)
    OR (NEW.metadata::text IS DISTINCT FROM OLD.metadata::text AND NEW.metadata IS NOT NULL)
    OR (NEW.ip IS DISTINCT FROM OLD.ip AND NEW.ip IS NOT NULL) THEN
    RAISE EXCEPTION 'audit_log is append-only: only personal fields may be erased' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_guard();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_guard();

-- What a deleted account's payments leave for the books: amounts and dates,
-- no link to a person (no user id, customer id or metadata). Nothing in it
-- is a user's, so the app role gets no access.
CREATE TABLE payments_anonymised (
  id uuid PRIMARY KEY,
  stripe_payment_intent_id text,
  amount_cents integer NOT NULL,
  currency text NOT NULL,
  credits_purchased integer NOT NULL,
  status text NOT NULL,
  paid_at timestamptz NOT NULL,
  anonymised_at timestamptz NOT NULL
);

-- The retention job deletes transcripts by age.
CREATE INDEX idx_transcripts_created ON transcripts(created_at);

-- +goose Down
DROP INDEX idx_transcripts_created;
DROP TABLE payments_anonymised;
DROP TRIGGER audit_log_no_truncate ON audit_log;
DROP TRIGGER audit_log_no_change ON audit_log;
DROP FUNCTION audit_log_guard();
DROP INDEX idx_audit_log_target;
ALTER TABLE audit_log DROP COLUMN hash, DROP COLUMN prev_hash, DROP COLUMN ip_digest, DROP COLUMN metadata_digest,
  DROP COLUMN target_digest, DROP COLUMN actor_digest, DROP COLUMN seq;
