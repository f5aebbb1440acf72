package sqlcore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/billing"
)

var _ billing.PaymentStore = (*Core)(nil)

const paymentCols = `id, user_id, stripe_payment_intent_id, stripe_checkout_session_id, stripe_customer_id, credit_package,
	amount_cents, currency, credits_purchased, status, refunded_cents, disputed_cents, credits_reversed, credits_debt, created_at, updated_at`

func scanPayment(row interface{ Scan(...any) error }) (*billing.Payment, error) {
	var p billing.Payment
	err := row.Scan(&p.ID, &p.UserID, &p.StripePaymentIntentID, textCol{&p.StripeCheckoutSessionID}, textCol{&p.StripeCustomerID}, &p.Package,
		&p.AmountCents, &p.Currency, &p.Credits, &p.Status, &p.RefundedCents, &p.DisputedCents, &p.CreditsReversed, &p.CreditsDebt,
		timeCol{&p.CreatedAt}, timeCol{&p.UpdatedAt})
	if err != nil {
		return nil, err
	}
	return &p, nil
}

const subscriptionCols = `id, user_id, stripe_subscription_id, stripe_customer_id, stripe_price_id, tier, status,
	current_period_start, current_period_end, cancel_at_period_end, stripe_event_at, created_at, updated_at`

func scanSubscription(row interface{ Scan(...any) error }) (*billing.Subscription, error) {
	var s billing.Subscription
	err := row.Scan(&s.ID, &s.UserID, &s.StripeSubscriptionID, &s.StripeCustomerID, &s.StripePriceID, &s.Tier, &s.Status,
		timeCol{&s.CurrentPeriodStart}, timeCol{&s.CurrentPeriodEnd}, &s.CancelAtPeriodEnd, &s.EventAt, timeCol{&s.CreatedAt}, timeCol{&s.UpdatedAt})
	if err != nil {
		return nil, err
	}
	return &s, nil
}

// CreatePayment stores a new payment, pending unless its status says otherwise.
func (c *Core) CreatePayment(ctx context.Context, p *billing.Payment) error {
	const op = "storage.CreatePayment"
	uid, ok := normID(p.UserID)
	if !ok {
		return mockroom.Wrap(op, mockroom.NotFound("user"))
	}
	if foreign(ctx, uid) {
		return mockroom.Wrap(op, forbidden())
	}
	if p.StripePaymentIntentID == "" || p.Credits <= 0 || p.AmountCents < 0 {
		return mockroom.Wrap(op, mockroom.Errorf(mockroom.KindInvalid, "invalid_payment", "a payment needs a Stripe reference, credits and an amount"))
	}
	if p.ID == "" {
		p.ID = mockroom.NewID()
	}
	if p.Status == "" {
		p.Status = billing.PaymentPending
	}
	if p.Currency == "" {
		p.Currency = "usd"
	}
	p.UserID = uid
	p.CreatedAt, p.UpdatedAt = c.now(), c.now()
	// The insert runs on the service path: on PostgreSQL the app role may
	// only read payments, and the owner check is above.
	err := c.Write(mockroom.AsService(ctx), func(tx *Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO payments (id, user_id, stripe_payment_intent_id, stripe_checkout_session_id, stripe_customer_id,
				credit_package, amount_cents, currency, credits_purchased, status, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			p.ID, uid, p.StripePaymentIntentID, nullText(p.StripeCheckoutSessionID), nullText(p.StripeCustomerID), p.Package,
			p.AmountCents, p.Currency, p.Credits, p.Status, c.D.Time(p.CreatedAt), c.D.Time(p.UpdatedAt))
		return err
	})
	return c.fail(op, err)
}

// Payments lists newest first; limit defaults to 50 and is capped at 500.
func (c *Core) Payments(ctx context.Context, userID string, limit int) ([]billing.Payment, error) {
	const op = "storage.Payments"
	out := []billing.Payment{}
	uid, ok := normID(userID)
	if !ok || foreign(ctx, uid) {
		return out, nil
	}
	limit = clampLimit(limit, 50, 500)
	err := c.Read(ctx, func(tx *Tx) (err error) {
		out, err = queryAll(ctx, tx, scanPayment, `SELECT `+paymentCols+` FROM payments WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?`, uid, limit)
		return err
	})
	if err != nil {
		return nil, c.fail(op, err)
	}
	return out, nil
}

// Subscriptions lists the user's subscriptions, newest first.
func (c *Core) Subscriptions(ctx context.Context, userID string) ([]billing.Subscription, error) {
	const op = "storage.Subscriptions"
	out := []billing.Subscription{}
	uid, ok := normID(userID)
	if !ok || foreign(ctx, uid) {
		return out, nil
	}
	err := c.Read(ctx, func(tx *Tx) (err error) {
		out, err = queryAll(ctx, tx, scanSubscription, `SELECT `+subscriptionCols+` FROM subscriptions WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT 100`, uid)
		return err
	})
	if err != nil {
		return nil, c.fail(op, err)
	}
	return out, nil
}

// StripeCustomer is the user's Stripe customer id, "" when none.
func (c *Core) StripeCustomer(ctx context.Context, userID string) (string, error) {
	const op = "storage.StripeCustomer"
	uid, ok := normID(userID)
	if !ok || foreign(ctx, uid) {
		return "", nil
	}
	var id string
	err := c.Read(ctx, func(tx *Tx) error {
		err := tx.QueryRow(ctx, `SELECT stripe_customer_id FROM stripe_customers WHERE user_id = ?`, uid).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	if err != nil {
		return "", c.fail(op, err)
	}
	return id, nil
}

// LinkStripeCustomer keeps the first customer id a user gets: two requests
// racing to create a customer both end up using the same one.
func (c *Core) LinkStripeCustomer(ctx context.Context, userID, customerID string) (string, error) {
	const op = "storage.LinkStripeCustomer"
	uid, ok := normID(userID)
	if !ok || customerID == "" {
		return "", mockroom.Wrap(op, mockroom.Errorf(mockroom.KindInvalid, "invalid_customer", "a user and a customer id are needed"))
	}
	if foreign(ctx, uid) {
		return "", mockroom.Wrap(op, forbidden())
	}
	var id string
	err := c.Write(mockroom.AsService(ctx), func(tx *Tx) error {
		if err := linkCustomer(ctx, tx, c, uid, customerID); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `SELECT stripe_customer_id FROM stripe_customers WHERE user_id = ?`, uid).Scan(&id)
	})
	if err != nil {
		return "", c.fail(op, err)
	}
	return id, nil
}

func linkCustomer(ctx context.Context, tx *Tx, c *Core, uid, customerID string) error {
	_, err := tx.Exec(ctx, `INSERT INTO stripe_customers (user_id, stripe_customer_id, created_at) VALUES (?, ?, ?)
		ON CONFLICT DO NOTHING`, uid, customerID, c.D.Time(c.now()))
	return err
}

// RecordSubscriptionCheckout remembers a subscription Checkout Session.
func (c *Core) RecordSubscriptionCheckout(ctx context.Context, sessionID, userID, tier string) error {
	const op = "storage.RecordSubscriptionCheckout"
	uid, ok := normID(userID)
	if !ok || sessionID == "" {
		return mockroom.Wrap(op, mockroom.Errorf(mockroom.KindInvalid, "invalid_checkout", "a session and a user are needed"))
	}
	if foreign(ctx, uid) {
		return mockroom.Wrap(op, forbidden())
	}
	err := c.Write(mockroom.AsService(ctx), func(tx *Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO stripe_checkout_sessions (session_id, user_id, tier, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
			sessionID, uid, tier, c.D.Time(c.now()))
		return err
	})
	return c.fail(op, err)
}

// InPaymentTx runs fn in a write transaction on the service path.
func (c *Core) InPaymentTx(ctx context.Context, fn func(billing.PaymentTx) error) error {
	ctx = mockroom.AsService(ctx)
	err := c.Write(ctx, func(tx *Tx) error { return fn(&paymentTx{c: c, tx: tx, ctx: ctx}) })
	return c.fail("storage.InPaymentTx", err)
}

// ApplyStripeEvent records the event id and runs fn in one transaction. On
// PostgreSQL a concurrent delivery of the same id waits on the primary key
// until the first commits (then finds it) or rolls back (then applies it);
// SQLite has one writer.
func (c *Core) ApplyStripeEvent(ctx context.Context, eventID, eventType string, fn func(billing.PaymentTx) (string, error)) (bool, error) {
	const op = "storage.ApplyStripeEvent"
	if eventID == "" {
		return false, mockroom.Wrap(op, mockroom.Errorf(mockroom.KindInvalid, "invalid_event", "the event has no id"))
	}
	ctx = mockroom.AsService(ctx)
	applied := false
	err := c.Write(ctx, func(tx *Tx) error {
		applied = false
		res, err := tx.Exec(ctx, `INSERT INTO stripe_events (event_id, event_type, processed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
			eventID, eventType, c.D.Time(c.now()))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		outcome, err := fn(&paymentTx{c: c, tx: tx, ctx: ctx})
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE stripe_events SET outcome = ? WHERE event_id = ?`, outcome, eventID); err != nil {
			return err
		}
		applied = true
		return nil
	})
	if err != nil {
		return false, c.fail(op, err)
	}
	return applied, nil
}

// paymentTx is billing.PaymentTx on one of our transactions.
type paymentTx struct {
	c   *Core
	tx  *Tx
	ctx context.Context
}

func (p *paymentTx) paymentWhere(col, v string) (*billing.Payment, error) {
	if v == "" {
		return nil, nil
	}
	pay, err := scanPayment(p.tx.QueryRow(p.ctx, `SELECT `+paymentCols+` FROM payments WHERE `+col+` = ?`+p.c.D.LockRow(), v))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return pay, err
}

func (p *paymentTx) PaymentByID(id string) (*billing.Payment, error) {
	id, ok := normID(id)
	if !ok {
		return nil, nil
	}
	return p.paymentWhere("id", id)
}

func (p *paymentTx) PaymentByIntent(pi string) (*billing.Payment, error) {
	return p.paymentWhere("stripe_payment_intent_id", pi)
}

func (p *paymentTx) PaymentBySession(cs string) (*billing.Payment, error) {
	return p.paymentWhere("stripe_checkout_session_id", cs)
}

func (p *paymentTx) UpdatePayment(pay *billing.Payment) error {
	pay.UpdatedAt = p.c.now()
	_, err := p.tx.Exec(p.ctx, `UPDATE payments SET stripe_payment_intent_id = ?, stripe_checkout_session_id = ?, stripe_customer_id = ?, status = ?,
			refunded_cents = ?, disputed_cents = ?, credits_reversed = ?, credits_debt = ?, updated_at = ? WHERE id = ?`,
		pay.StripePaymentIntentID, nullText(pay.StripeCheckoutSessionID), nullText(pay.StripeCustomerID), pay.Status, pay.RefundedCents, pay.DisputedCents,
		pay.CreditsReversed, pay.CreditsDebt, p.c.D.Time(pay.UpdatedAt), pay.ID)
	return err
}

func (p *paymentTx) AddCredits(userID string, amount int, txType, referenceID, description string) (*billing.CreditTransaction, error) {
	id, ok := normID(userID)
	if !ok {
		return nil, mockroom.NotFound("user")
	}
	if amount == 0 {
		return nil, mockroom.Errorf(mockroom.KindInvalid, "invalid_amount", "the amount cannot be zero")
	}
	return p.c.addCredits(p.ctx, p.tx, id, amount, txType, referenceID, description, p.c.now())
}

func (p *paymentTx) Balance(userID string) (int, error) {
	id, ok := normID(userID)
	if !ok {
		return 0, nil
	}
	var balance int
	err := p.tx.QueryRow(p.ctx, `SELECT balance_after FROM credit_transactions WHERE user_id = ? ORDER BY seq DESC LIMIT 1`, id).Scan(&balance)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return balance, err
}

func (p *paymentTx) Subscription(stripeID string) (*billing.Subscription, error) {
	if stripeID == "" {
		return nil, nil
	}
	s, err := scanSubscription(p.tx.QueryRow(p.ctx, `SELECT `+subscriptionCols+` FROM subscriptions WHERE stripe_subscription_id = ?`+p.c.D.LockRow(), stripeID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return s, err
}

func (p *paymentTx) SaveSubscription(s *billing.Subscription) error {
	uid, ok := normID(s.UserID)
	if !ok {
		return mockroom.NotFound("user")
	}
	now := p.c.now()
	if s.ID == "" {
		s.ID = mockroom.NewID()
		s.CreatedAt = now
	}
	s.UpdatedAt = now
	ts := func(t time.Time) any {
		if t.IsZero() {
			t = now
		}
		return p.c.D.Time(t)
	}
	_, err := p.tx.Exec(p.ctx, `INSERT INTO subscriptions (id, user_id, stripe_subscription_id, stripe_customer_id, stripe_price_id, tier, status,
			current_period_start, current_period_end, cancel_at_period_end, stripe_event_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (stripe_subscription_id) DO UPDATE SET stripe_customer_id = excluded.stripe_customer_id,
			stripe_price_id = excluded.stripe_price_id, tier = excluded.tier, status = excluded.status,
			current_period_start = excluded.current_period_start, current_period_end = excluded.current_period_end,
			cancel_at_period_end = excluded.cancel_at_period_end, stripe_event_at = excluded.stripe_event_at, updated_at = excluded.updated_at
		WHERE subscriptions.stripe_event_at <= excluded.stripe_event_at AND subscriptions.status <> 'canceled'`,
		s.ID, uid, s.StripeSubscriptionID, s.StripeCustomerID, s.StripePriceID, s.Tier, s.Status,
		ts(s.CurrentPeriodStart), ts(s.CurrentPeriodEnd), s.CancelAtPeriodEnd, s.EventAt, p.c.D.Time(s.CreatedAt), p.c.D.Time(now))
	if err != nil {
		return err
	}
	// The profile's tier is the best tier among live subscriptions; past_due
	// keeps it while Stripe retries the payment.
	_, err = p.tx.Exec(p.ctx, `UPDATE profiles SET subscription_tier = COALESCE((SELECT tier FROM subscriptions
			WHERE user_id = ? AND status IN ('active', 'past_due') ORDER BY CASE tier WHEN 'enterprise' THEN 0 ELSE 1 END LIMIT 1), 'free'),
			updated_at = ? WHERE id = ?`, uid, p.c.D.Time(now), uid)
	return err
}

func (p *paymentTx) RecordInvoice(g billing.InvoiceGrant) (bool, error) {
	uid, ok := normID(g.UserID)
	if !ok || g.InvoiceID == "" {
		return false, mockroom.Errorf(mockroom.KindInvalid, "invalid_invoice", "an invoice grant needs an invoice and a user")
	}
	res, err := p.tx.Exec(p.ctx, `INSERT INTO stripe_invoices (invoice_id, user_id, stripe_subscription_id, tier, credits, amount_cents, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		g.InvoiceID, uid, g.StripeSubscriptionID, g.Tier, g.Credits, g.AmountCents, p.c.D.Time(p.c.now()))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

func (p *paymentTx) SubscriptionCheckout(sessionID string) (string, string, error) {
	if sessionID == "" {
		return "", "", nil
	}
	var uid, tier string
	err := p.tx.QueryRow(p.ctx, `SELECT user_id, tier FROM stripe_checkout_sessions WHERE session_id = ?`, sessionID).Scan(&uid, &tier)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", nil
	}
	return strings.ToLower(uid), tier, err
}

func (p *paymentTx) UserByCustomer(customerID string) (string, error) {
	if customerID == "" {
		return "", nil
	}
	var id string
	err := p.tx.QueryRow(p.ctx, `SELECT user_id FROM stripe_customers WHERE stripe_customer_id = ?`, customerID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return strings.ToLower(id), err
}

func (p *paymentTx) UserExists(id string) (bool, error) {
	id, ok := normID(id)
	if !ok {
		return false, nil
	}
	var n int
	err := p.tx.QueryRow(p.ctx, `SELECT COUNT(*) FROM profiles WHERE id = ?`, id).Scan(&n)
	return n > 0, err
}

func (p *paymentTx) LinkCustomer(userID, customerID string) error {
	uid, ok := normID(userID)
	if !ok || customerID == "" {
		return nil
	}
	return linkCustomer(p.ctx, p.tx, p.c, uid, customerID)
}
