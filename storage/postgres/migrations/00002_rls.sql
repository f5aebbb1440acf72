-- Row-level security: a second wall behind the Go code's owner filters.
--
-- The app connects as the owner of these tables, which bypasses RLS. For a
-- signed-in user's request the Go code runs each transaction with
--   SET LOCAL ROLE mockroom_app;
--   SELECT set_config('mockroom.user_id', '<uuid>', true);
-- so every statement is confined by the policies below. The service path
-- (judge, workers, sign-in lookups) stays on the owner role.

-- +goose Up
-- +goose StatementBegin
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mockroom_app') THEN
    CREATE ROLE mockroom_app NOLOGIN;
  END IF;
EXCEPTION
  -- The role is cluster-wide: another database or schema may create it at
  -- the same moment.
  WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;
-- +goose StatementEnd

-- +goose StatementBegin
DO $$
BEGIN
  -- SET ROLE needs membership; a superuser has it implicitly.
  IF NOT pg_has_role(current_user, 'mockroom_app', 'MEMBER') THEN
    EXECUTE format('GRANT mockroom_app TO %I', current_user);
  END IF;
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO mockroom_app', current_schema());
END
$$;
-- +goose StatementEnd

-- The user id of the request, NULL outside a user request.
CREATE FUNCTION mockroom_uid() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT NULLIF(current_setting('mockroom.user_id', true), '')::uuid $$;

-- Privileges decide which statements the role may run at all; the policies
-- decide which rows. Tables it must never read (solutions, hidden tests)
-- still get SELECT so that a query returns no rows instead of failing.
GRANT SELECT, INSERT, UPDATE, DELETE ON users, profiles, auth_sessions, oauth_identities, sessions, transcripts, code_snapshots TO mockroom_app;
GRANT SELECT, INSERT ON credit_transactions TO mockroom_app;
GRANT SELECT ON problems, test_cases, problem_solutions, evaluations, payments, subscriptions TO mockroom_app;
GRANT INSERT ON audit_log TO mockroom_app;

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE profiles ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth_sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE oauth_identities ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE transcripts ENABLE ROW LEVEL SECURITY;
ALTER TABLE code_snapshots ENABLE ROW LEVEL SECURITY;
ALTER TABLE evaluations ENABLE ROW LEVEL SECURITY;
ALTER TABLE credit_transactions ENABLE ROW LEVEL SECURITY;
ALTER TABLE payments ENABLE ROW LEVEL SECURITY;
ALTER TABLE subscriptions ENABLE ROW LEVEL SECURITY;
ALTER TABLE problems ENABLE ROW LEVEL SECURITY;
ALTER TABLE test_cases ENABLE ROW LEVEL SECURITY;
ALTER TABLE problem_solutions ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;

-- Own rows only. FOR ALL applies the same condition to new rows (WITH CHECK),
-- so a user can create their own account rows and nobody else's.
CREATE POLICY users_own ON users FOR ALL TO mockroom_app USING (id = mockroom_uid());
CREATE POLICY profiles_own ON profiles FOR ALL TO mockroom_app USING (id = mockroom_uid());
CREATE POLICY auth_sessions_own ON auth_sessions FOR ALL TO mockroom_app USING (user_id = mockroom_uid());
CREATE POLICY oauth_identities_own ON oauth_identities FOR ALL TO mockroom_app USING (user_id = mockroom_uid());
CREATE POLICY sessions_own ON sessions FOR ALL TO mockroom_app USING (user_id = mockroom_uid());

CREATE POLICY transcripts_own ON transcripts FOR ALL TO mockroom_app USING (
  EXISTS (SELECT 1 FROM sessions WHERE sessions.id = transcripts.session_id AND sessions.user_id = mockroom_uid()));
CREATE POLICY code_snapshots_own ON code_snapshots FOR ALL TO mockroom_app USING (
  EXISTS (SELECT 1 FROM sessions WHERE sessions.id = code_snapshots.session_id AND sessions.user_id = mockroom_uid()));
CREATE POLICY evaluations_own ON evaluations FOR SELECT TO mockroom_app USING (
  EXISTS (SELECT 1 FROM sessions WHERE sessions.id = evaluations.session_id AND sessions.user_id = mockroom_uid()));

-- The ledger is append-only for a user: read own rows, insert own rows.
CREATE POLICY credit_transactions_read ON credit_transactions FOR SELECT TO mockroom_app USING (user_id = mockroom_uid());
CREATE POLICY credit_transactions_insert ON credit_transactions FOR INSERT TO mockroom_app WITH CHECK (user_id = mockroom_uid());

CREATE POLICY payments_own ON payments FOR SELECT TO mockroom_app USING (user_id = mockroom_uid());
CREATE POLICY subscriptions_own ON subscriptions FOR SELECT TO mockroom_app USING (user_id = mockroom_uid());

-- The library is public; of the tests only visible examples are. Solutions
-- have no policy for mockroom_app, so no row is ever visible to it.
CREATE POLICY problems_read ON problems FOR SELECT TO mockroom_app USING (true);
CREATE POLICY test_cases_examples ON test_cases FOR SELECT TO mockroom_app USING (is_example AND NOT is_hidden);

-- A user request may record what it did, as itself, and read nothing back.
CREATE POLICY audit_log_append ON audit_log FOR INSERT TO mockroom_app
  WITH CHECK (actor_user_id IS NULL OR actor_user_id = mockroom_uid());

-- +goose Down
DROP POLICY audit_log_append ON audit_log;
DROP POLICY test_cases_examples ON test_cases;
DROP POLICY problems_read ON problems;
DROP POLICY subscriptions_own ON subscriptions;
DROP POLICY payments_own ON payments;
DROP POLICY credit_transactions_insert ON credit_transactions;
DROP POLICY credit_transactions_read ON credit_transactions;
DROP POLICY evaluations_own ON evaluations;
DROP POLICY code_snapshots_own ON code_snapshots;
DROP POLICY transcripts_own ON transcripts;
DROP POLICY sessions_own ON sessions;
DROP POLICY oauth_identities_own ON oauth_identities;
DROP POLICY auth_sessions_own ON auth_sessions;
DROP POLICY profiles_own ON profiles;
DROP POLICY users_own ON users;
ALTER TABLE users DISABLE ROW LEVEL SECURITY;
ALTER TABLE profiles DISABLE ROW LEVEL SECURITY;
ALTER TABLE auth_sessions DISABLE ROW LEVEL SECURITY;
ALTER TABLE oauth_identities DISABLE ROW LEVEL SECURITY;
ALTER TABLE sessions DISABLE ROW LEVEL SECURITY;
ALTER TABLE transcripts DISABLE ROW LEVEL SECURITY;
ALTER TABLE code_snapshots DISABLE ROW LEVEL SECURITY;
ALTER TABLE evaluations DISABLE ROW LEVEL SECURITY;
ALTER TABLE credit_transactions DISABLE ROW LEVEL SECURITY;
ALTER TABLE payments DISABLE ROW LEVEL SECURITY;
ALTER TABLE subscriptions DISABLE ROW LEVEL SECURITY;
ALTER TABLE problems DISABLE ROW LEVEL SECURITY;
ALTER TABLE test_cases DISABLE ROW LEVEL SECURITY;
ALTER TABLE problem_solutions DISABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log DISABLE ROW LEVEL SECURITY;
REVOKE ALL ON users, profiles, auth_sessions, oauth_identities, sessions, transcripts, code_snapshots, credit_transactions,
  problems, test_cases, problem_solutions, evaluations, payments, subscriptions, audit_log FROM mockroom_app;
DROP FUNCTION mockroom_uid();
