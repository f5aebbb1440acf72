-- The SQLite schema mirrors the PostgreSQL one (storage/postgres/migrations):
-- uuid -> TEXT, TEXT[] -> TEXT holding a JSON array, JSONB -> TEXT holding
-- JSON (checked with json_valid), timestamptz -> TEXT in RFC 3339 UTC with a
-- fixed nine-digit fraction (written by the Go code), boolean -> INTEGER 0/1.
-- Row-level security has no SQLite equivalent; the Go-level owner filters
-- are the only wall here.

-- +goose Up
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE CHECK (email <> '' AND email = lower(email)),
  password_hash TEXT,
  is_admin INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE profiles (
  id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  email TEXT UNIQUE NOT NULL,
  full_name TEXT,
  experience_level TEXT CHECK (experience_level IN ('junior', 'mid', 'senior', 'staff')),
  target_companies TEXT CHECK (target_companies IS NULL OR (json_valid(target_companies) AND json_type(target_companies) = 'array')),
  credits INTEGER NOT NULL DEFAULT 3 CHECK (credits >= 0),
  subscription_tier TEXT NOT NULL DEFAULT 'free' CHECK (subscription_tier IN ('free', 'pro', 'enterprise')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE auth_sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  user_agent TEXT,
  ip TEXT
);
CREATE INDEX idx_auth_sessions_user ON auth_sessions(user_id);
CREATE INDEX idx_auth_sessions_expires ON auth_sessions(expires_at);

CREATE TABLE oauth_identities (
  provider TEXT NOT NULL CHECK (provider <> ''),
  subject TEXT NOT NULL CHECK (subject <> ''),
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  email TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (provider, subject)
);
CREATE INDEX idx_oauth_identities_user ON oauth_identities(user_id);

CREATE TABLE problems (
  id TEXT PRIMARY KEY,
  slug TEXT UNIQUE NOT NULL CHECK (slug <> ''),
  title TEXT NOT NULL CHECK (title <> ''),
  description TEXT NOT NULL,
  difficulty TEXT NOT NULL CHECK (difficulty IN ('easy', 'medium', 'hard')),
  category TEXT CHECK (category IS NULL OR (json_valid(category) AND json_type(category) = 'array')),
  companies TEXT CHECK (companies IS NULL OR (json_valid(companies) AND json_type(companies) = 'array')),
  hints TEXT CHECK (hints IS NULL OR (json_valid(hints) AND json_type(hints) = 'array')),
  starter_code TEXT CHECK (starter_code IS NULL OR json_valid(starter_code)),
  has_solution INTEGER NOT NULL DEFAULT 1 CHECK (has_solution IN (0, 1)),
  time_complexity TEXT,
  space_complexity TEXT,
  acceptance_rate REAL CHECK (acceptance_rate IS NULL OR (acceptance_rate >= 0 AND acceptance_rate <= 100)),
  spec TEXT CHECK (spec IS NULL OR json_valid(spec)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX idx_problems_difficulty ON problems(difficulty);

CREATE TABLE test_cases (
  id TEXT PRIMARY KEY,
  problem_id TEXT NOT NULL REFERENCES problems(id) ON DELETE CASCADE,
  input TEXT NOT NULL CHECK (json_valid(input)),
  expected_output TEXT NOT NULL CHECK (json_valid(expected_output)),
  is_example INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
  is_hidden INTEGER NOT NULL DEFAULT 1 CHECK (is_hidden IN (0, 1)),
  explanation TEXT,
  order_index INTEGER,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX idx_test_cases_problem ON test_cases(problem_id);

CREATE TABLE problem_solutions (
  id TEXT PRIMARY KEY,
  problem_id TEXT NOT NULL UNIQUE REFERENCES problems(id) ON DELETE CASCADE,
  solution_code TEXT NOT NULL CHECK (json_valid(solution_code)),
  explanation TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX idx_problem_solutions_problem ON problem_solutions(problem_id);

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  problem_id TEXT NOT NULL REFERENCES problems(id),
  status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'active', 'completed', 'abandoned')),
  difficulty_override TEXT CHECK (difficulty_override IN ('easy', 'medium', 'hard')),
  language TEXT NOT NULL DEFAULT 'python' CHECK (language IN ('python', 'javascript', 'typescript', 'java', 'go', 'cpp')),
  duration_minutes INTEGER NOT NULL DEFAULT 45 CHECK (duration_minutes IN (30, 45, 60)),
  started_at TEXT,
  ended_at TEXT,
  duration_seconds INTEGER NOT NULL DEFAULT 0 CHECK (duration_seconds >= 0),
  hints_used INTEGER NOT NULL DEFAULT 0 CHECK (hints_used >= 0),
  test_cases_passed INTEGER NOT NULL DEFAULT 0 CHECK (test_cases_passed >= 0),
  test_cases_total INTEGER NOT NULL DEFAULT 0 CHECK (test_cases_total >= 0),
  credits_consumed INTEGER NOT NULL DEFAULT 1 CHECK (credits_consumed >= 0),
  metadata TEXT CHECK (metadata IS NULL OR json_valid(metadata)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX idx_sessions_user ON sessions(user_id, created_at);
CREATE INDEX idx_sessions_status ON sessions(status);
CREATE INDEX idx_sessions_started_at ON sessions(started_at);

CREATE TABLE transcripts (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  speaker TEXT NOT NULL CHECK (speaker IN ('interviewer', 'candidate', 'system')),
  content TEXT NOT NULL,
  timestamp_ms INTEGER NOT NULL,
  metadata TEXT CHECK (metadata IS NULL OR json_valid(metadata)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX idx_transcripts_session ON transcripts(session_id);
CREATE INDEX idx_transcripts_timestamp ON transcripts(session_id, timestamp_ms);

CREATE TABLE code_snapshots (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  code TEXT NOT NULL,
  language TEXT NOT NULL,
  timestamp_ms INTEGER NOT NULL,
  snapshot_type TEXT NOT NULL DEFAULT 'auto' CHECK (snapshot_type IN ('auto', 'manual', 'execution', 'final')),
  observer_analysis TEXT CHECK (observer_analysis IS NULL OR json_valid(observer_analysis)),
  execution_result TEXT CHECK (execution_result IS NULL OR json_valid(execution_result)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX idx_code_snapshots_session ON code_snapshots(session_id);
CREATE INDEX idx_code_snapshots_timestamp ON code_snapshots(session_id, timestamp_ms);

CREATE TABLE evaluations (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL UNIQUE REFERENCES sessions(id) ON DELETE CASCADE,
  overall_score REAL CHECK (overall_score >= 0 AND overall_score <= 100),
  problem_solving_score REAL CHECK (problem_solving_score >= 0 AND problem_solving_score <= 100),
  problem_solving_feedback TEXT,
  code_quality_score REAL CHECK (code_quality_score >= 0 AND code_quality_score <= 100),
  code_quality_feedback TEXT,
  communication_score REAL CHECK (communication_score >= 0 AND communication_score <= 100),
  communication_feedback TEXT,
  efficiency_score REAL CHECK (efficiency_score >= 0 AND efficiency_score <= 100),
  efficiency_feedback TEXT,
  strengths TEXT CHECK (strengths IS NULL OR (json_valid(strengths) AND json_type(strengths) = 'array')),
  improvements TEXT CHECK (improvements IS NULL OR (json_valid(improvements) AND json_type(improvements) = 'array')),
  hiring_recommendation TEXT CHECK (hiring_recommendation IN ('strong-yes', 'yes', 'maybe', 'no')),
  detailed_report TEXT,
  evaluator_model TEXT DEFAULT 'claude-sonnet-4.6',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX idx_evaluations_session ON evaluations(session_id);

-- seq numbers each user's ledger rows; UNIQUE(user_id, seq) stops two
-- writers that read the same balance from both committing.
CREATE TABLE credit_transactions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL CHECK (seq > 0),
  amount INTEGER NOT NULL,
  transaction_type TEXT NOT NULL CHECK (transaction_type IN ('purchase', 'usage', 'refund', 'bonus')),
  reference_id TEXT,
  description TEXT,
  balance_after INTEGER NOT NULL CHECK (balance_after >= 0),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (user_id, seq)
);
CREATE INDEX idx_credit_transactions_created ON credit_transactions(created_at);

CREATE TABLE payments (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  stripe_payment_intent_id TEXT UNIQUE NOT NULL,
  stripe_customer_id TEXT,
  amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
  currency TEXT NOT NULL DEFAULT 'usd',
  credits_purchased INTEGER NOT NULL CHECK (credits_purchased >= 0),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed', 'refunded')),
  metadata TEXT CHECK (metadata IS NULL OR json_valid(metadata)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX idx_payments_user ON payments(user_id);

CREATE TABLE subscriptions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  stripe_subscription_id TEXT UNIQUE NOT NULL,
  stripe_customer_id TEXT NOT NULL,
  tier TEXT NOT NULL CHECK (tier IN ('pro', 'enterprise')),
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'canceled', 'past_due', 'paused')),
  current_period_start TEXT NOT NULL,
  current_period_end TEXT NOT NULL,
  cancel_at_period_end INTEGER NOT NULL DEFAULT 0 CHECK (cancel_at_period_end IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX idx_subscriptions_user ON subscriptions(user_id);

-- No foreign key on the actor: the log outlives deleted users.
CREATE TABLE audit_log (
  id TEXT PRIMARY KEY,
  actor_user_id TEXT,
  action TEXT NOT NULL CHECK (action <> ''),
  target_type TEXT,
  target_id TEXT,
  metadata TEXT CHECK (metadata IS NULL OR json_valid(metadata)),
  ip TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX idx_audit_log_created ON audit_log(created_at);
CREATE INDEX idx_audit_log_actor ON audit_log(actor_user_id);

-- Reserved for idempotent API requests and webhooks.
CREATE TABLE idempotency_keys (
  key TEXT PRIMARY KEY,
  scope TEXT NOT NULL,
  response TEXT CHECK (response IS NULL OR json_valid(response)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX idx_idempotency_keys_created ON idempotency_keys(created_at);

-- Reserved for the durable event bus (events/sqlqueue): the integer id gives
-- consumers a total order.
CREATE TABLE events_outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  topic TEXT NOT NULL,
  key TEXT NOT NULL UNIQUE,
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  published_at TEXT
);
CREATE INDEX idx_events_outbox_unpublished ON events_outbox(id) WHERE published_at IS NULL;

-- +goose Down
DROP TABLE events_outbox;
DROP TABLE idempotency_keys;
DROP TABLE audit_log;
DROP TABLE subscriptions;
DROP TABLE payments;
DROP TABLE credit_transactions;
DROP TABLE evaluations;
DROP TABLE code_snapshots;
DROP TABLE transcripts;
DROP TABLE sessions;
DROP TABLE problem_solutions;
DROP TABLE test_cases;
DROP TABLE problems;
DROP TABLE oauth_identities;
DROP TABLE auth_sessions;
DROP TABLE profiles;
DROP TABLE users;
