-- Voice: what each spoken interview used of a speech model, metered per
-- answer; the monthly voice allowance sums connected_ms per user.

-- +goose Up
CREATE TABLE voice_usage (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  provider TEXT NOT NULL,
  model TEXT NOT NULL,
  connected_ms INTEGER NOT NULL CHECK (connected_ms >= 0),
  audio_in_ms INTEGER NOT NULL CHECK (audio_in_ms >= 0),
  audio_out_ms INTEGER NOT NULL CHECK (audio_out_ms >= 0),
  input_tokens INTEGER NOT NULL CHECK (input_tokens >= 0),
  output_tokens INTEGER NOT NULL CHECK (output_tokens >= 0),
  cost_micro_usd INTEGER NOT NULL CHECK (cost_micro_usd >= 0),
  created_at TEXT NOT NULL
);
CREATE INDEX idx_voice_usage_session ON voice_usage(session_id);
CREATE INDEX idx_voice_usage_user ON voice_usage(user_id, created_at);

-- +goose Down
DROP TABLE voice_usage;
