-- The agents: the evaluator's full verdict (evidence, signals) beside the
-- seed's columns, and a record of every model call for the session's cost.

-- +goose Up
-- details holds the whole evaluation.Evaluation as JSON (dimensions with
-- their evidence, findings, measured signals); the seed's columns stay the
-- queryable summary. A NULL score means "insufficient evidence".
ALTER TABLE evaluations ADD COLUMN details TEXT CHECK (details IS NULL OR json_valid(details));

CREATE TABLE llm_calls (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  agent TEXT NOT NULL CHECK (agent IN ('interviewer', 'observer', 'evaluator')),
  provider TEXT NOT NULL,
  model TEXT NOT NULL,
  input_tokens INTEGER NOT NULL CHECK (input_tokens >= 0),
  output_tokens INTEGER NOT NULL CHECK (output_tokens >= 0),
  latency_ms INTEGER NOT NULL CHECK (latency_ms >= 0),
  cost_micro_usd INTEGER NOT NULL CHECK (cost_micro_usd >= 0),
  outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'error')),
  created_at TEXT NOT NULL
);
CREATE INDEX idx_llm_calls_session ON llm_calls(session_id);

-- +goose Down
DROP TABLE llm_calls;
ALTER TABLE evaluations DROP COLUMN details;
