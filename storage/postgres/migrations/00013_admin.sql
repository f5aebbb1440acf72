-- The admin console (docs/adr/0015-admin-console.md): suspended accounts,
-- the admin who granted a ledger row, and problems authored in the browser.

-- +goose Up
ALTER TABLE users ADD COLUMN suspended_at timestamptz;
ALTER TABLE credit_transactions ADD COLUMN actor_user_id uuid REFERENCES users(id) ON DELETE SET NULL;

-- A problem as an admin wrote it, kept as the files of the problems/ format
-- (path -> content) so that export and import are exact. Drafts live only
-- here; publishing validates the files and upserts them into problems,
-- and keeps what it published (restored over the library at start).
-- Nothing is granted to mockroom_app: only the service path (admin handlers
-- after their admin check) reads or writes it.
CREATE TABLE authored_problems (
  slug text PRIMARY KEY CHECK (slug <> ''),
  files jsonb NOT NULL CHECK (jsonb_typeof(files) = 'object'),
  content_hash text NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  published_hash text,
  published_files jsonb CHECK (published_files IS NULL OR jsonb_typeof(published_files) = 'object'),
  checks jsonb,
  updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  published_at timestamptz
);

-- +goose Down
DROP TABLE authored_problems;
ALTER TABLE credit_transactions DROP COLUMN actor_user_id;
ALTER TABLE users DROP COLUMN suspended_at;
