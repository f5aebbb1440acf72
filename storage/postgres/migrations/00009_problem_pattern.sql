-- The interview pattern a problem trains (problem.Patterns): the library is
-- browsed by it and the dashboard counts what a candidate solved per pattern.

-- +goose Up
ALTER TABLE problems ADD COLUMN pattern TEXT NOT NULL DEFAULT '';
CREATE INDEX problems_pattern ON problems (pattern);

-- +goose Down
DROP INDEX problems_pattern;
ALTER TABLE problems DROP COLUMN pattern;
