package billing

import (
	"context"
	"time"
)

// Payment statuses (seed: payments.status).
const (
	PaymentPending   = "pending"
	PaymentSucceeded = "succeeded"
	PaymentFailed    = "failed"
	PaymentRefunded  = "refunded"
)

// Subscription statuses (seed: subscriptions.status). Stripe's other
// statuses are mapped onto these (see SubscriptionStatus).
const (
	SubActive   = "active"
	SubCanceled = "canceled"
	SubPastDue  = "past_due"
	SubPaused   = "paused"
)

// Payment is one purchase of a credit pack. Credits is what it grants;
// CreditsReversed is what refunds and disputes took back, of which
// CreditsDebt is the part the balance could no longer cover.
type Payment struct {
	ID                      string    `json:"id"`
	UserID                  string    `json:"-"`
	StripePaymentIntentID   string    `json:"stripe_payment_intent_id" description:"the PaymentIntent (pi_...), or the Checkout Session until Stripe reports its intent"`
	StripeCheckoutSessionID string    `json:"stripe_checkout_session_id,omitempty"`
	StripeCustomerID        string    `json:"-"`
	Package                 string    `json:"credit_package"`
	AmountCents             int       `json:"amount_cents"`
	Currency                string    `json:"currency"`
	Credits                 int       `json:"credits_purchased"`
	Status                  string    `json:"status" enum:"pending,succeeded,failed,refunded"`
	RefundedCents           int       `json:"refunded_cents"`
	DisputedCents           int       `json:"disputed_cents"`
	CreditsReversed         int       `json:"credits_reversed"`
	CreditsDebt             int       `json:"credits_debt"`
	CreatedAt               time.Time `json:"created_at"`
	UpdatedAt               time.Time `json:"updated_at"`
}

// Subscription is a user's Stripe subscription as the last applied event
// described it. EventAt is that event's Stripe creation time (Unix seconds):
// an older event never overwrites the state of a newer one.
type Subscription struct {
	ID                   string    `json:"id"`
	UserID               string    `json:"-"`
	StripeSubscriptionID string    `json:"stripe_subscription_id"`
	StripeCustomerID     string    `json:"-"`
	StripePriceID        string    `json:"-"`
	Tier                 string    `json:"tier" enum:"pro,enterprise"`
	Status               string    `json:"status" enum:"active,canceled,past_due,paused"`
	CurrentPeriodStart   time.Time `json:"current_period_start"`
	CurrentPeriodEnd     time.Time `json:"current_period_end"`
	CancelAtPeriodEnd    bool      `json:"cancel_at_period_end"`
	EventAt              int64     `json:"-"`
	CreatedAt            time.Time `json:"created_at"`
	UpdatedAt            time.Time `json:"updated_at"`
}

// InvoiceGrant records the credits one paid subscription invoice granted.
type InvoiceGrant struct {
	InvoiceID            string
	UserID               string
	StripeSubscriptionID string
	Tier                 string
	Credits              int
	AmountCents          int
}

// PaymentStore is what payments need from storage.
type PaymentStore interface {
	// CreatePayment stores a new pending payment (ID assigned when empty).
	CreatePayment(ctx context.Context, p *Payment) error
	// Payments lists the user's payments, newest first.
	Payments(ctx context.Context, userID string, limit int) ([]Payment, error)
	// Subscriptions lists the user's subscriptions, newest first.
	Subscriptions(ctx context.Context, userID string) ([]Subscription, error)
	// StripeCustomer is the user's Stripe customer id, "" when none.
	StripeCustomer(ctx context.Context, userID string) (string, error)
	// LinkStripeCustomer records the user's Stripe customer id; a user who
	// already has one keeps it and gets it back.
	LinkStripeCustomer(ctx context.Context, userID, customerID string) (string, error)
	// RecordSubscriptionCheckout remembers a subscription Checkout Session
	// we created: whose it is and which tier.
	RecordSubscriptionCheckout(ctx context.Context, sessionID, userID, tier string) error
	// InPaymentTx runs fn in one transaction of the service path (the
	// payment's own steps that are not Stripe events).
	InPaymentTx(ctx context.Context, fn func(tx PaymentTx) error) error
	// ApplyStripeEvent runs fn in one transaction that first records
	// eventID. When the id was already recorded fn does not run and applied
	// is false. If fn fails nothing is recorded, so a redelivery retries.
	ApplyStripeEvent(ctx context.Context, eventID, eventType string, fn func(tx PaymentTx) (outcome string, err error)) (applied bool, err error)
}

// PaymentTx is the part of storage an event changes, all in the
// transaction that marks the event processed.
type PaymentTx interface {
	// PaymentByID, PaymentByIntent and PaymentBySession find a payment; nil
	// when there is none.
	PaymentByID(id string) (*Payment, error)
	PaymentByIntent(paymentIntentID string) (*Payment, error)
	PaymentBySession(checkoutSessionID string) (*Payment, error)
	// UpdatePayment writes the payment's mutable fields (status, intent id,
	// customer, refunded/disputed cents, reversed credits and debt).
	UpdatePayment(p *Payment) error
	// AddCredits is Ledger.AddCredits inside this transaction.
	AddCredits(userID string, amount int, txType, referenceID, description string) (*CreditTransaction, error)
	Balance(userID string) (int, error)
	// Subscription finds one by its Stripe id; nil when there is none.
	Subscription(stripeSubscriptionID string) (*Subscription, error)
	// SaveSubscription inserts or replaces the row with this Stripe id and
	// sets the profile's tier from the user's live subscriptions. A row
	// holding a newer event's state, or canceled, is left as it is (the
	// database enforces it, so two concurrent events cannot go backwards).
	SaveSubscription(s *Subscription) error
	// RecordInvoice stores a grant; false when the invoice was already
	// recorded (nothing written).
	RecordInvoice(g InvoiceGrant) (bool, error)
	// SubscriptionCheckout is the user and tier of a subscription Checkout
	// Session we created; "" when it is not ours.
	SubscriptionCheckout(sessionID string) (userID, tier string, err error)
	// UserByCustomer is the user linked to a Stripe customer, "" when none.
	UserByCustomer(customerID string) (string, error)
	// UserExists reports whether id is a user (events carry our ids in
	// metadata; a deleted user's payment is not an error).
	UserExists(id string) (bool, error)
	LinkCustomer(userID, customerID string) error
}
