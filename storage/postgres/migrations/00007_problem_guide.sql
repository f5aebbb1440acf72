-- The interviewer's knowledge of a problem (problem.Guide): answers to the
-- usual clarifying questions, pitfalls, edge cases, follow-ups. Like hints it
-- is never sent to a candidate.

-- +goose Up
ALTER TABLE problems ADD COLUMN guide jsonb;

-- +goose Down
ALTER TABLE problems DROP COLUMN guide;
