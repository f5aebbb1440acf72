-- The efficiency probe's result (efficiency.Measurement) on an accepted submit's
-- execution snapshot: the measured growth class, the points (n, ms) and the
-- comparison with the optimum. Written after the verdict, by a consumer.

-- +goose Up
ALTER TABLE code_snapshots ADD COLUMN efficiency jsonb;

-- +goose Down
ALTER TABLE code_snapshots DROP COLUMN efficiency;
