-- Accounts that prove their e-mail (issue 7): the verified mark, single-use
-- e-mail tokens (verify, reset, invite) and the instance's first-admin seat.
-- Mirrors storage/postgres/migrations/00004_accounts_email.sql.

-- +goose Up
ALTER TABLE users ADD COLUMN email_verified_at TEXT;

-- A token is "<id>.<secret>"; only the SHA-256 of the secret is kept.
CREATE TABLE email_tokens (
  id TEXT PRIMARY KEY CHECK (id <> ''),
  verifier_hash TEXT NOT NULL CHECK (verifier_hash <> ''),
  purpose TEXT NOT NULL CHECK (purpose IN ('verify', 'reset', 'invite')),
  user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
  email TEXT NOT NULL CHECK (email <> '' AND email = lower(email)),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  CHECK ((purpose = 'invite') = (user_id IS NULL))
);
CREATE INDEX idx_email_tokens_user ON email_tokens(user_id);
CREATE INDEX idx_email_tokens_email ON email_tokens(email);

-- One row at most: the first account created takes it (INSERT ... ON
-- CONFLICT DO NOTHING in the account's transaction) and becomes admin.
CREATE TABLE first_admin (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  user_id TEXT NOT NULL,
  created_at TEXT NOT NULL
);
-- An install that already has accounts: its oldest account is the first
-- one, and it becomes admin unless someone already is.
INSERT INTO first_admin (id, user_id, created_at)
  SELECT 1, id, created_at FROM users ORDER BY created_at, id LIMIT 1;
UPDATE users SET is_admin = 1
  WHERE id IN (SELECT user_id FROM first_admin) AND NOT EXISTS (SELECT 1 FROM users WHERE is_admin = 1);

-- The signup bonus is found by its reference, so that verifying an address
-- grants it at most once.
UPDATE credit_transactions SET reference_id = 'signup'
  WHERE transaction_type = 'bonus' AND description = 'signup bonus' AND reference_id IS NULL;

-- +goose Down
UPDATE credit_transactions SET reference_id = NULL WHERE transaction_type = 'bonus' AND reference_id = 'signup';
DROP TABLE first_admin;
DROP TABLE email_tokens;
ALTER TABLE users DROP COLUMN email_verified_at;
