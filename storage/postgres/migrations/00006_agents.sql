-- The agents: the evaluator's full verdict (evidence, signals) beside the
-- seed's columns, and a record of every model call for the session's cost.

-- +goose Up
-- details holds the whole evaluation.Evaluation as JSON (dimensions with
-- their evidence, findings, measured signals); the seed's columns stay the
-- queryable summary. A NULL score means "insufficient evidence".
ALTER TABLE evaluations ADD COLUMN details jsonb;

CREATE TABLE llm_calls (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id uuid NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  agent text NOT NULL CHECK (agent IN ('interviewer', 'observer', 'evaluator')),
  provider text NOT NULL,
  model text NOT NULL,
  input_tokens integer NOT NULL CHECK (input_tokens >= 0),
  output_tokens integer NOT NULL CHECK (output_tokens >= 0),
  latency_ms bigint NOT NULL CHECK (latency_ms >= 0),
  cost_micro_usd bigint NOT NULL CHECK (cost_micro_usd >= 0),
  outcome text NOT NULL CHECK (outcome IN ('ok', 'error')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_llm_calls_session ON llm_calls(session_id);

-- A user reads the calls of their own sessions; the agents write them on
-- the service path.
GRANT SELECT ON llm_calls TO mockroom_app;
ALTER TABLE llm_calls ENABLE ROW LEVEL SECURITY;
CREATE POLICY llm_calls_own ON llm_calls FOR SELECT TO mockroom_app USING (
  EXISTS (SELECT 1 FROM sessions WHERE sessions.id = llm_calls.session_id AND sessions.user_id = mockroom_uid()));

-- +goose Down
DROP POLICY llm_calls_own ON llm_calls;
REVOKE ALL ON llm_calls FROM mockroom_app;
DROP TABLE llm_calls;
ALTER TABLE evaluations DROP COLUMN details;
