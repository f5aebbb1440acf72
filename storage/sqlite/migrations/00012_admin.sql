-- The admin console (docs/adr/0015-admin-console.md): suspended accounts,
-- the admin who granted a ledger row, and problems authored in the browser.

-- +goose Up
ALTER TABLE users ADD COLUMN suspended_at TEXT;
ALTER TABLE credit_transactions ADD COLUMN actor_user_id TEXT REFERENCES users(id) ON DELETE SET NULL;

-- A problem as an admin wrote it, kept as the files of the problems/ format
-- (path -> content) so that export and import are exact. Drafts live only
-- here; publishing validates the files and upserts them into problems,
-- and keeps what it published (restored over the library at start).
CREATE TABLE authored_problems (
  slug TEXT PRIMARY KEY CHECK (slug <> ''),
  files TEXT NOT NULL CHECK (json_valid(files) AND json_type(files) = 'object'),
  content_hash TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  published_hash TEXT,
  published_files TEXT CHECK (published_files IS NULL OR (json_valid(published_files) AND json_type(published_files) = 'object')),
  checks TEXT CHECK (checks IS NULL OR json_valid(checks)),
  updated_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  published_at TEXT
);

-- +goose Down
DROP TABLE authored_problems;
ALTER TABLE credit_transactions DROP COLUMN actor_user_id;
ALTER TABLE users DROP COLUMN suspended_at;
