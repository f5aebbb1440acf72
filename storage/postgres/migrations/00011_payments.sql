-- Payments through Stripe (docs/adr/0013-payments.md). The payments and
-- subscriptions tables exist since 00001; this adds what exactly-once
-- webhook processing, checkout, refunds and disputes need.

-- +goose Up
-- A payment is created either as a PaymentIntent (stripe_payment_intent_id
-- is its pi_...) or as a Checkout Session (the session id is kept here and,
-- until Stripe tells us the intent, also stands in stripe_payment_intent_id).
ALTER TABLE payments ADD COLUMN stripe_checkout_session_id text UNIQUE;
ALTER TABLE payments ADD COLUMN credit_package text NOT NULL DEFAULT '';
-- What Stripe says was refunded or disputed, in cents (cumulative), and the
-- credits taken back for it: reversed = taken from the balance + debt, the
-- part the balance could not cover because it was already spent.
ALTER TABLE payments ADD COLUMN refunded_cents integer NOT NULL DEFAULT 0 CHECK (refunded_cents >= 0);
ALTER TABLE payments ADD COLUMN disputed_cents integer NOT NULL DEFAULT 0 CHECK (disputed_cents >= 0);
ALTER TABLE payments ADD COLUMN credits_reversed integer NOT NULL DEFAULT 0 CHECK (credits_reversed >= 0);
ALTER TABLE payments ADD COLUMN credits_debt integer NOT NULL DEFAULT 0 CHECK (credits_debt >= 0);
CREATE INDEX idx_payments_stripe_customer ON payments(stripe_customer_id);

-- The Stripe event time of the state a row holds: an older event never
-- overwrites a newer one (Stripe does not deliver in order).
ALTER TABLE subscriptions ADD COLUMN stripe_event_at bigint NOT NULL DEFAULT 0;
ALTER TABLE subscriptions ADD COLUMN stripe_price_id text NOT NULL DEFAULT '';

-- One Stripe customer per user.
CREATE TABLE stripe_customers (
  user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  stripe_customer_id text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Exactly once: a Stripe event id is inserted in the same transaction as
-- everything the event changes, so a redelivery finds it and does nothing.
CREATE TABLE stripe_events (
  event_id text PRIMARY KEY,
  event_type text NOT NULL,
  outcome text NOT NULL DEFAULT '',
  processed_at timestamptz NOT NULL DEFAULT now()
);

-- Each paid subscription invoice grants its tier's credits once.
CREATE TABLE stripe_invoices (
  invoice_id text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  stripe_subscription_id text NOT NULL DEFAULT '',
  tier text NOT NULL CHECK (tier IN ('pro', 'enterprise')),
  credits integer NOT NULL CHECK (credits >= 0),
  amount_cents integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_stripe_invoices_user ON stripe_invoices(user_id);

-- Subscription Checkout Sessions we created: whose and which tier, so
-- the session's completion links its subscription to the user whatever
-- metadata the later events carry.
CREATE TABLE stripe_checkout_sessions (
  session_id text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  tier text NOT NULL CHECK (tier IN ('pro', 'enterprise')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_stripe_checkout_sessions_user ON stripe_checkout_sessions(user_id);

-- A user reads their own; the webhook worker writes on the service path.
-- stripe_events holds no user data and stays service-only.
GRANT SELECT ON stripe_customers, stripe_invoices, stripe_checkout_sessions TO mockroom_app;
ALTER TABLE stripe_customers ENABLE ROW LEVEL SECURITY;
ALTER TABLE stripe_invoices ENABLE ROW LEVEL SECURITY;
ALTER TABLE stripe_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE stripe_checkout_sessions ENABLE ROW LEVEL SECURITY;
CREATE POLICY stripe_customers_own ON stripe_customers FOR SELECT TO mockroom_app USING (user_id = mockroom_uid());
CREATE POLICY stripe_invoices_own ON stripe_invoices FOR SELECT TO mockroom_app USING (user_id = mockroom_uid());
CREATE POLICY stripe_checkout_sessions_own ON stripe_checkout_sessions FOR SELECT TO mockroom_app USING (user_id = mockroom_uid());

-- +goose Down
DROP POLICY stripe_checkout_sessions_own ON stripe_checkout_sessions;
DROP POLICY stripe_invoices_own ON stripe_invoices;
DROP POLICY stripe_customers_own ON stripe_customers;
REVOKE ALL ON stripe_customers, stripe_invoices, stripe_checkout_sessions FROM mockroom_app;
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
ALTER TABLE payments DROP COLUMN stripe_checkout_session_id;
