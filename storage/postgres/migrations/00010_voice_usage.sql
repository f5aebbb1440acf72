-- Voice: what each spoken interview used of a speech model, metered per
-- answer; the monthly voice allowance sums connected_ms per user.

-- +goose Up
CREATE TABLE voice_usage (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id uuid NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  provider text NOT NULL,
  model text NOT NULL,
  connected_ms bigint NOT NULL CHECK (connected_ms >= 0),
  audio_in_ms bigint NOT NULL CHECK (audio_in_ms >= 0),
  audio_out_ms bigint NOT NULL CHECK (audio_out_ms >= 0),
  input_tokens integer NOT NULL CHECK (input_tokens >= 0),
  output_tokens integer NOT NULL CHECK (output_tokens >= 0),
  cost_micro_usd bigint NOT NULL CHECK (cost_micro_usd >= 0),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_voice_usage_session ON voice_usage(session_id);
CREATE INDEX idx_voice_usage_user ON voice_usage(user_id, created_at);

-- A user reads their own usage; the relay writes it on the service path.
GRANT SELECT ON voice_usage TO mockroom_app;
ALTER TABLE voice_usage ENABLE ROW LEVEL SECURITY;
CREATE POLICY voice_usage_own ON voice_usage FOR SELECT TO mockroom_app USING (user_id = mockroom_uid());

-- +goose Down
DROP POLICY voice_usage_own ON voice_usage;
REVOKE ALL ON voice_usage FROM mockroom_app;
DROP TABLE voice_usage;
