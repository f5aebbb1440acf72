-- The interview room: the candidate's code in every language they tried, and
-- one server-given order for the conversation.

-- +goose Up
-- What the candidate last wrote in each language of a session. A language
-- switch stores the code being left here and takes the code of the language
-- chosen from here (or its starter code), in one transaction, so switching
-- back restores the candidate's code instead of the starter.
CREATE TABLE session_code (
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  language TEXT NOT NULL CHECK (language IN ('python', 'javascript', 'typescript', 'java', 'go', 'cpp')),
  code TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (session_id, language)
);

-- The conversation is ordered by a per-session sequence the server assigns
-- under the session's lock, never by timestamps (two lines in one
-- millisecond used to sort by their random ids). Existing lines are numbered
-- in the order they were shown before.
ALTER TABLE transcripts ADD COLUMN seq INTEGER NOT NULL DEFAULT 0 CHECK (seq >= 0);
UPDATE transcripts SET seq = (
  SELECT r.n FROM (
    SELECT id, ROW_NUMBER() OVER (PARTITION BY session_id ORDER BY timestamp_ms, created_at, id) AS n FROM transcripts
  ) r WHERE r.id = transcripts.id);
CREATE UNIQUE INDEX idx_transcripts_seq ON transcripts(session_id, seq);

-- +goose Down
DROP INDEX idx_transcripts_seq;
ALTER TABLE transcripts DROP COLUMN seq;
DROP TABLE session_code;
