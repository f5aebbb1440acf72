-- The live interview and the durable event bus.

-- +goose Up
-- The editor's current code and the last client sequence number applied, so
-- that a message re-sent after a reconnect is never applied twice.
CREATE TABLE session_live (
  session_id TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
  code TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL CHECK (language IN ('python', 'javascript', 'typescript', 'java', 'go', 'cpp')),
  seq INTEGER NOT NULL DEFAULT 0 CHECK (seq >= 0),
  updated_at TEXT NOT NULL
);

-- The Redis relay leases unpublished rows so that several instances do not
-- all push the same row.
ALTER TABLE events_outbox ADD COLUMN relay_leased_until TEXT;
CREATE INDEX idx_events_outbox_topic ON events_outbox(topic, id);

-- One row per (consumer group, event) once the group has seen the event
-- (events/sqlqueue). A claim is a lease: leased_until in the past means a
-- crashed consumer's claim may be taken over.
CREATE TABLE event_deliveries (
  group_name TEXT NOT NULL CHECK (group_name <> ''),
  event_id INTEGER NOT NULL REFERENCES events_outbox(id) ON DELETE CASCADE,
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at TEXT NOT NULL,
  leased_until TEXT,
  last_error TEXT,
  done_at TEXT,
  dead_at TEXT,
  PRIMARY KEY (group_name, event_id)
);
CREATE INDEX idx_event_deliveries_due ON event_deliveries(group_name, next_attempt_at) WHERE done_at IS NULL AND dead_at IS NULL;

CREATE TABLE event_dead_letters (
  id TEXT PRIMARY KEY,
  group_name TEXT NOT NULL,
  event_id INTEGER NOT NULL REFERENCES events_outbox(id) ON DELETE CASCADE,
  attempts INTEGER NOT NULL,
  last_error TEXT NOT NULL,
  failed_at TEXT NOT NULL,
  UNIQUE (group_name, event_id)
);
CREATE INDEX idx_event_dead_letters_failed ON event_dead_letters(failed_at);

-- +goose Down
DROP TABLE event_dead_letters;
DROP TABLE event_deliveries;
DROP INDEX idx_events_outbox_topic;
ALTER TABLE events_outbox DROP COLUMN relay_leased_until;
DROP TABLE session_live;
