-- The PostgreSQL schema: seed section 4 with our own users table in place of
-- Supabase's auth.users, plus auth sessions, OAuth identities, the audit log,
-- idempotency keys and the event outbox. storage/sqlite/migrations holds the
-- same schema for SQLite. Timestamps are written by the Go code from the
-- injected clock; the defaults only cover hand-written rows.

-- +goose Up
CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL UNIQUE CHECK (email <> '' AND email = lower(email)),
  password_hash text,
  is_admin boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE profiles (
  id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  email text UNIQUE NOT NULL,
  full_name text,
  experience_level text CHECK (experience_level IN ('junior', 'mid', 'senior', 'staff')),
  target_companies text[],
  credits integer NOT NULL DEFAULT 3 CHECK (credits >= 0),
  subscription_tier text NOT NULL DEFAULT 'free' CHECK (subscription_tier IN ('free', 'pro', 'enterprise')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE auth_sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  user_agent text,
  ip text
);
CREATE INDEX idx_auth_sessions_user ON auth_sessions(user_id);
CREATE INDEX idx_auth_sessions_expires ON auth_sessions(expires_at);

CREATE TABLE oauth_identities (
  provider text NOT NULL CHECK (provider <> ''),
  subject text NOT NULL CHECK (subject <> ''),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  email text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider, subject)
);
CREATE INDEX idx_oauth_identities_user ON oauth_identities(user_id);

CREATE TABLE problems (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text UNIQUE NOT NULL CHECK (slug <> ''),
  title text NOT NULL CHECK (title <> ''),
  description text NOT NULL,
  difficulty text NOT NULL CHECK (difficulty IN ('easy', 'medium', 'hard')),
  category text[],
  companies text[],
  hints text[],
  starter_code jsonb,
  has_solution boolean NOT NULL DEFAULT true,
  time_complexity text,
  space_complexity text,
  acceptance_rate numeric(5,2) CHECK (acceptance_rate IS NULL OR (acceptance_rate >= 0 AND acceptance_rate <= 100)),
  spec jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_problems_difficulty ON problems(difficulty);
CREATE INDEX idx_problems_category ON problems USING GIN(category);
CREATE INDEX idx_problems_companies ON problems USING GIN(companies);

CREATE TABLE test_cases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  problem_id uuid NOT NULL REFERENCES problems(id) ON DELETE CASCADE,
  input jsonb NOT NULL,
  expected_output jsonb NOT NULL,
  is_example boolean NOT NULL DEFAULT false,
  is_hidden boolean NOT NULL DEFAULT true,
  explanation text,
  order_index integer,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_test_cases_problem ON test_cases(problem_id);

CREATE TABLE problem_solutions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  problem_id uuid NOT NULL UNIQUE REFERENCES problems(id) ON DELETE CASCADE,
  solution_code jsonb NOT NULL,
  explanation text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_problem_solutions_problem ON problem_solutions(problem_id);

CREATE TABLE sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  problem_id uuid NOT NULL REFERENCES problems(id),
  status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'active', 'completed', 'abandoned')),
  difficulty_override text CHECK (difficulty_override IN ('easy', 'medium', 'hard')),
  language text NOT NULL DEFAULT 'python' CHECK (language IN ('python', 'javascript', 'typescript', 'java', 'go', 'cpp')),
  duration_minutes integer NOT NULL DEFAULT 45 CHECK (duration_minutes IN (30, 45, 60)),
  started_at timestamptz,
  ended_at timestamptz,
  duration_seconds integer NOT NULL DEFAULT 0 CHECK (duration_seconds >= 0),
  hints_used integer NOT NULL DEFAULT 0 CHECK (hints_used >= 0),
  test_cases_passed integer NOT NULL DEFAULT 0 CHECK (test_cases_passed >= 0),
  test_cases_total integer NOT NULL DEFAULT 0 CHECK (test_cases_total >= 0),
  credits_consumed integer NOT NULL DEFAULT 1 CHECK (credits_consumed >= 0),
  metadata jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_sessions_user ON sessions(user_id, created_at);
CREATE INDEX idx_sessions_status ON sessions(status);
CREATE INDEX idx_sessions_started_at ON sessions(started_at);

CREATE TABLE transcripts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id uuid NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  speaker text NOT NULL CHECK (speaker IN ('interviewer', 'candidate', 'system')),
  content text NOT NULL,
  timestamp_ms bigint NOT NULL,
  metadata jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_transcripts_session ON transcripts(session_id);
CREATE INDEX idx_transcripts_timestamp ON transcripts(session_id, timestamp_ms);

CREATE TABLE code_snapshots (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id uuid NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  code text NOT NULL,
  language text NOT NULL,
  timestamp_ms bigint NOT NULL,
  snapshot_type text NOT NULL DEFAULT 'auto' CHECK (snapshot_type IN ('auto', 'manual', 'execution', 'final')),
  observer_analysis jsonb,
  execution_result jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_code_snapshots_session ON code_snapshots(session_id);
CREATE INDEX idx_code_snapshots_timestamp ON code_snapshots(session_id, timestamp_ms);

CREATE TABLE evaluations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id uuid NOT NULL UNIQUE REFERENCES sessions(id) ON DELETE CASCADE,
  overall_score numeric(5,2) CHECK (overall_score >= 0 AND overall_score <= 100),
  problem_solving_score numeric(5,2) CHECK (problem_solving_score >= 0 AND problem_solving_score <= 100),
  problem_solving_feedback text,
  code_quality_score numeric(5,2) CHECK (code_quality_score >= 0 AND code_quality_score <= 100),
  code_quality_feedback text,
  communication_score numeric(5,2) CHECK (communication_score >= 0 AND communication_score <= 100),
  communication_feedback text,
  efficiency_score numeric(5,2) CHECK (efficiency_score >= 0 AND efficiency_score <= 100),
  efficiency_feedback text,
  strengths text[],
  improvements text[],
  hiring_recommendation text CHECK (hiring_recommendation IN ('strong-yes', 'yes', 'maybe', 'no')),
  detailed_report text,
  evaluator_model text DEFAULT 'claude-sonnet-4.6',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_evaluations_session ON evaluations(session_id);

-- seq numbers each user's ledger rows; UNIQUE(user_id, seq) stops two
-- writers that read the same balance from both committing.
CREATE TABLE credit_transactions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  seq integer NOT NULL CHECK (seq > 0),
  amount integer NOT NULL,
  transaction_type text NOT NULL CHECK (transaction_type IN ('purchase', 'usage', 'refund', 'bonus')),
  reference_id text,
  description text,
  balance_after integer NOT NULL CHECK (balance_after >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, seq)
);
CREATE INDEX idx_credit_transactions_created ON credit_transactions(created_at);

CREATE TABLE payments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  stripe_payment_intent_id text UNIQUE NOT NULL,
  stripe_customer_id text,
  amount_cents integer NOT NULL CHECK (amount_cents >= 0),
  currency text NOT NULL DEFAULT 'usd',
  credits_purchased integer NOT NULL CHECK (credits_purchased >= 0),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed', 'refunded')),
  metadata jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_payments_user ON payments(user_id);

CREATE TABLE subscriptions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  stripe_subscription_id text UNIQUE NOT NULL,
  stripe_customer_id text NOT NULL,
  tier text NOT NULL CHECK (tier IN ('pro', 'enterprise')),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'canceled', 'past_due', 'paused')),
  current_period_start timestamptz NOT NULL,
  current_period_end timestamptz NOT NULL,
  cancel_at_period_end boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_subscriptions_user ON subscriptions(user_id);

-- No foreign key on the actor: the log outlives deleted users.
CREATE TABLE audit_log (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  actor_user_id uuid,
  action text NOT NULL CHECK (action <> ''),
  target_type text,
  target_id text,
  metadata jsonb,
  ip text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_audit_log_created ON audit_log(created_at);
CREATE INDEX idx_audit_log_actor ON audit_log(actor_user_id);

-- Reserved for idempotent API requests and webhooks.
CREATE TABLE idempotency_keys (
  key text PRIMARY KEY,
  scope text NOT NULL,
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_idempotency_keys_created ON idempotency_keys(created_at);

-- Reserved for the durable event bus (events/sqlqueue): the bigint id gives
-- consumers a total order.
CREATE TABLE events_outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  topic text NOT NULL,
  key text NOT NULL UNIQUE,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
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
