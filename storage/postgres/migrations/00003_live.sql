-- The live interview and the durable event bus.

-- +goose Up
-- The editor's current code and the last client sequence number applied, so
-- that a message re-sent after a reconnect is never applied twice.
CREATE TABLE session_live (
  session_id uuid PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
  code text NOT NULL DEFAULT '',
  language text NOT NULL CHECK (language IN ('python', 'javascript', 'typescript', 'java', 'go', 'cpp')),
  seq bigint NOT NULL DEFAULT 0 CHECK (seq >= 0),
  updated_at timestamptz NOT NULL
);

-- The Redis relay leases unpublished rows so that several instances do not
-- all push the same row.
ALTER TABLE events_outbox ADD COLUMN relay_leased_until timestamptz;
CREATE INDEX idx_events_outbox_topic ON events_outbox(topic, id);

-- One row per (consumer group, event) once the group has seen the event
-- (events/sqlqueue). A claim is a lease: leased_until in the past means a
-- crashed consumer's claim may be taken over.
CREATE TABLE event_deliveries (
  group_name text NOT NULL CHECK (group_name <> ''),
  event_id bigint NOT NULL REFERENCES events_outbox(id) ON DELETE CASCADE,
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at timestamptz NOT NULL,
  leased_until timestamptz,
  last_error text,
  done_at timestamptz,
  dead_at timestamptz,
  PRIMARY KEY (group_name, event_id)
);
CREATE INDEX idx_event_deliveries_due ON event_deliveries(group_name, next_attempt_at) WHERE done_at IS NULL AND dead_at IS NULL;

CREATE TABLE event_dead_letters (
  id uuid PRIMARY KEY,
  group_name text NOT NULL,
  event_id bigint NOT NULL REFERENCES events_outbox(id) ON DELETE CASCADE,
  attempts integer NOT NULL,
  last_error text NOT NULL,
  failed_at timestamptz NOT NULL,
  UNIQUE (group_name, event_id)
);
CREATE INDEX idx_event_dead_letters_failed ON event_dead_letters(failed_at);

-- Row-level security. The live row is the session owner's; a user request
-- may append events about itself (StartSession, SaveCode... run as the user)
-- and read none back. The bus's own tables are never granted: the bus runs
-- on the service path.
GRANT SELECT, INSERT, UPDATE ON session_live TO mockroom_app;
ALTER TABLE session_live ENABLE ROW LEVEL SECURITY;
CREATE POLICY session_live_own ON session_live FOR ALL TO mockroom_app USING (
  EXISTS (SELECT 1 FROM sessions WHERE sessions.id = session_live.session_id AND sessions.user_id = mockroom_uid()));

GRANT INSERT ON events_outbox TO mockroom_app;
ALTER TABLE events_outbox ENABLE ROW LEVEL SECURITY;
CREATE POLICY events_outbox_append ON events_outbox FOR INSERT TO mockroom_app
  WITH CHECK (coalesce(payload->>'user_id', '') IN ('', mockroom_uid()::text));

-- +goose Down
DROP POLICY events_outbox_append ON events_outbox;
ALTER TABLE events_outbox DISABLE ROW LEVEL SECURITY;
REVOKE ALL ON events_outbox FROM mockroom_app;
DROP POLICY session_live_own ON session_live;
REVOKE ALL ON session_live FROM mockroom_app;
DROP TABLE event_dead_letters;
DROP TABLE event_deliveries;
DROP INDEX idx_events_outbox_topic;
ALTER TABLE events_outbox DROP COLUMN relay_leased_until;
DROP TABLE session_live;
