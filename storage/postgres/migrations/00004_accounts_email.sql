-- Accounts that prove their e-mail (issue 7): the verified mark, single-use
-- e-mail tokens (verify, reset, invite) and the instance's first-admin seat.
-- Mirrors storage/sqlite/migrations/00003_accounts_email.sql.

-- +goose Up
ALTER TABLE users ADD COLUMN email_verified_at timestamptz;

-- A token is "<id>.<secret>"; only the SHA-256 of the secret is kept.
CREATE TABLE email_tokens (
  id text PRIMARY KEY CHECK (id <> ''),
  verifier_hash text NOT NULL CHECK (verifier_hash <> ''),
  purpose text NOT NULL CHECK (purpose IN ('verify', 'reset', 'invite')),
  user_id uuid REFERENCES users(id) ON DELETE CASCADE,
  email text NOT NULL CHECK (email <> '' AND email = lower(email)),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  CHECK ((purpose = 'invite') = (user_id IS NULL))
);
CREATE INDEX idx_email_tokens_user ON email_tokens(user_id);
CREATE INDEX idx_email_tokens_email ON email_tokens(email);

-- One row at most: the first account created takes it (INSERT ... ON
-- CONFLICT DO NOTHING in the account's transaction; a concurrent second
-- insert waits for the first to commit, then does nothing) and becomes admin.
CREATE TABLE first_admin (
  id integer PRIMARY KEY CHECK (id = 1),
  user_id uuid NOT NULL,
  created_at timestamptz NOT NULL
);
INSERT INTO first_admin (id, user_id, created_at)
  SELECT 1, id, created_at FROM users ORDER BY created_at, id LIMIT 1;
UPDATE users SET is_admin = true
  WHERE id IN (SELECT user_id FROM first_admin) AND NOT EXISTS (SELECT 1 FROM users WHERE is_admin);

UPDATE credit_transactions SET reference_id = 'signup'
  WHERE transaction_type = 'bonus' AND description = 'signup bonus' AND reference_id IS NULL;

-- A user request never reads tokens; it may delete its own (a password
-- change does). It may take the admin seat only for itself.
GRANT SELECT, DELETE ON email_tokens TO mockroom_app;
ALTER TABLE email_tokens ENABLE ROW LEVEL SECURITY;
CREATE POLICY email_tokens_own_delete ON email_tokens FOR DELETE TO mockroom_app USING (user_id = mockroom_uid());
CREATE POLICY email_tokens_own_select ON email_tokens FOR SELECT TO mockroom_app USING (user_id = mockroom_uid());
GRANT SELECT, INSERT ON first_admin TO mockroom_app;
ALTER TABLE first_admin ENABLE ROW LEVEL SECURITY;
CREATE POLICY first_admin_self ON first_admin FOR ALL TO mockroom_app USING (user_id = mockroom_uid());

-- +goose Down
DROP POLICY first_admin_self ON first_admin;
DROP POLICY email_tokens_own_select ON email_tokens;
DROP POLICY email_tokens_own_delete ON email_tokens;
REVOKE ALL ON first_admin, email_tokens FROM mockroom_app;
UPDATE credit_transactions SET reference_id = NULL WHERE transaction_type = 'bonus' AND reference_id = 'signup';
DROP TABLE first_admin;
DROP TABLE email_tokens;
ALTER TABLE users DROP COLUMN email_verified_at;
