-- Payments through Stripe (docs/adr/0013-payments.md); see the PostgreSQL
-- migration 00011_payments.sql for what each column means.

-- +goose Up
ALTER TABLE payments ADD COLUMN stripe_checkout_session_id TEXT;
CREATE UNIQUE INDEX idx_payments_checkout_session ON payments(stripe_checkout_session_id);
ALTER TABLE payments ADD COLUMN credit_package TEXT NOT NULL DEFAULT '';
ALTER TABLE payments ADD COLUMN refunded_cents INTEGER NOT NULL DEFAULT 0 CHECK (refunded_cents >= 0);
ALTER TABLE payments ADD COLUMN disputed_cents INTEGER NOT NULL DEFAULT 0 CHECK (disputed_cents >= 0);
ALTER TABLE payments ADD COLUMN credits_reversed INTEGER NOT NULL DEFAULT 0 CHECK (credits_reversed >= 0);
ALTER TABLE payments ADD COLUMN credits_debt INTEGER NOT NULL DEFAULT 0 CHECK (credits_debt >= 0);
CREATE INDEX idx_payments_stripe_customer ON payments(stripe_customer_id);

ALTER TABLE subscriptions ADD COLUMN stripe_event_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE subscriptions ADD COLUMN stripe_price_id TEXT NOT NULL DEFAULT '';

CREATE TABLE stripe_customers (
  user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  stripe_customer_id TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE stripe_events (
  event_id TEXT PRIMARY KEY,
  event_type TEXT NOT NULL,
  outcome TEXT NOT NULL DEFAULT '',
  processed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE stripe_invoices (
  invoice_id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  stripe_subscription_id TEXT NOT NULL DEFAULT '',
  tier TEXT NOT NULL CHECK (tier IN ('pro', 'enterprise')),
  credits INTEGER NOT NULL CHECK (credits >= 0),
  amount_cents INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX idx_stripe_invoices_user ON stripe_invoices(user_id);

-- Subscription Checkout Sessions we created: whose and which tier, so
-- the session's completion links its subscription to the user whatever
-- metadata the later events carry.
CREATE TABLE stripe_checkout_sessions (
  session_id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  tier TEXT NOT NULL CHECK (tier IN ('pro', 'enterprise')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX idx_stripe_checkout_sessions_user ON stripe_checkout_sessions(user_id);

-- +goose Down
DROP TABLE stripe_checkout_sessions;
DROP TABLE stripe_invoices;
DROP TABLE stripe_events;
DROP TABLE stripe_customers;
ALTER TABLE subscriptions DROP COLUMN stripe_price_id;
ALTER TABLE subscriptions DROP COLUMN stripe_event_at;
DROP INDEX idx_payments_stripe_customer;
ALTER TABLE payments DROP COLUMN credits_debt;
ALTER TABLE payments DROP COLUMN credits_reversed;
ALTER TABLE payments DROP COLUMN disputed_cents;
ALTER TABLE payments DROP COLUMN refunded_cents;
ALTER TABLE payments DROP COLUMN credit_package;
DROP INDEX idx_payments_checkout_session;
ALTER TABLE payments DROP COLUMN stripe_checkout_session_id;
