package billing

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/events"
)

// Group is the event-bus consumer group that applies Stripe events.
const Group = "payments"

// Pack is a credit pack for sale (seed: starter, pro, unlimited).
type Pack struct {
	Name        string `json:"name"`
	AmountCents int    `json:"amount_cents"`
	Credits     int    `json:"credits"`
	Currency    string `json:"currency"`
}

// Plan is a subscription tier: a Stripe recurring price that grants
// MonthlyCredits at each paid invoice.
type Plan struct {
	Tier           string `json:"tier" enum:"pro,enterprise"`
	PriceID        string `json:"-"`
	MonthlyCredits int    `json:"monthly_credits"`
	AmountCents    int    `json:"amount_cents"`
	Currency       string `json:"currency"`
}

// Config is the catalogue and where Stripe's hosted pages send users back.
type Config struct {
	Packs []Pack
	Plans []Plan
	// PublicURL is the web app's base URL (success, cancel and portal
	// return pages).
	PublicURL string
}

// Pack finds a pack by name.
func (c Config) Pack(name string) (Pack, bool) {
	i := slices.IndexFunc(c.Packs, func(p Pack) bool { return p.Name == name })
	if i < 0 {
		return Pack{}, false
	}
	return c.Packs[i], true
}

// Plan finds a plan by tier.
func (c Config) Plan(tier string) (Plan, bool) {
	i := slices.IndexFunc(c.Plans, func(p Plan) bool { return p.Tier == tier })
	if i < 0 {
		return Plan{}, false
	}
	return c.Plans[i], true
}

func (c Config) planByPrice(priceID string) (Plan, bool) {
	i := slices.IndexFunc(c.Plans, func(p Plan) bool { return priceID != "" && p.PriceID == priceID })
	if i < 0 {
		return Plan{}, false
	}
	return c.Plans[i], true
}

// Metadata keys we put on Stripe objects to find our rows again.
const (
	MetaPaymentID = "mockroom_payment_id"
	MetaUserID    = "mockroom_user_id"
	MetaPackage   = "mockroom_package"
	MetaTier      = "mockroom_tier"
)

// Customer is who pays.
type Customer struct {
	UserID     string
	Email      string
	CustomerID string // the Stripe customer, once there is one
}

// IntentRequest asks Stripe for a PaymentIntent.
type IntentRequest struct {
	Customer       string
	AmountCents    int
	Currency       string
	Metadata       map[string]string
	IdempotencyKey string
}

// CheckoutRequest asks Stripe for a hosted Checkout page: a one-off payment
// (Amount set) or a subscription (PriceID set).
type CheckoutRequest struct {
	Customer       string
	Name           string // what the page shows for a one-off payment
	AmountCents    int
	Currency       string
	PriceID        string
	SuccessURL     string
	CancelURL      string
	Metadata       map[string]string
	IdempotencyKey string
}

// Gateway is Stripe as billing sees it (billing/stripepay implements it).
type Gateway interface {
	CreateCustomer(ctx context.Context, userID, email string) (string, error)
	CreatePaymentIntent(ctx context.Context, r IntentRequest) (id, clientSecret string, err error)
	CreateCheckout(ctx context.Context, r CheckoutRequest) (id, url string, err error)
	CancelAtPeriodEnd(ctx context.Context, subscriptionID string) error
	// CancelNow ends a subscription at once (account deletion).
	CancelNow(ctx context.Context, subscriptionID string) error
	PortalURL(ctx context.Context, customerID, returnURL string) (string, error)
	// Verify checks a webhook's signature header against the endpoint
	// secret and the timestamp tolerance, and returns the event id.
	Verify(payload []byte, signatureHeader string) (eventID string, err error)
	// ParseEvent reads a verified event's JSON into the fields billing uses.
	ParseEvent(raw []byte) (Event, error)
}

// Publisher is the bus side the webhook needs.
type Publisher interface {
	Publish(ctx context.Context, e events.Event) error
}

// Service sells credits and subscriptions through a Gateway and applies
// Stripe's events to the ledger exactly once. A nil *Service means payments
// are off.
type Service struct {
	cfg   Config
	gw    Gateway
	store PaymentStore
	bus   Publisher
	log   *slog.Logger
}

// NewService builds the payments service.
func NewService(cfg Config, gw Gateway, store PaymentStore, bus Publisher, log *slog.Logger) *Service {
	return &Service{cfg: cfg, gw: gw, store: store, bus: bus, log: log}
}

// Config is the catalogue.
func (s *Service) Config() Config { return s.cfg }

func (s *Service) customer(ctx context.Context, c Customer) (string, error) {
	id, err := s.store.StripeCustomer(ctx, c.UserID)
	if err != nil || id != "" {
		return id, err
	}
	created, err := s.gw.CreateCustomer(ctx, c.UserID, c.Email)
	if err != nil {
		return "", stripeFailed(err)
	}
	return s.store.LinkStripeCustomer(ctx, c.UserID, created)
}

func stripeFailed(err error) error {
	if mockroom.AsError(err) != nil {
		return err
	}
	e := mockroom.Errorf(mockroom.KindUnavailable, "payment_provider_error", "the payment provider did not answer; try again")
	e.Err = err
	return e
}

func invalidPack(name string) error {
	return mockroom.Errorf(mockroom.KindInvalid, "invalid_credit_package", "unknown credit package %q", name)
}

// Intent is what the client needs to confirm a PaymentIntent.
type Intent struct {
	PaymentID       string `json:"paymentId"`
	PaymentIntentID string `json:"paymentIntentId"`
	ClientSecret    string `json:"clientSecret"`
	Amount          int    `json:"amount"`
	Credits         int    `json:"credits"`
}

// CreateIntent starts a purchase of a pack as a PaymentIntent. The payment
// row exists before Stripe knows of it, so a webhook can never arrive for a
// payment we have not recorded.
func (s *Service) CreateIntent(ctx context.Context, c Customer, pack string) (*Intent, error) {
	const op = "billing.CreateIntent"
	pk, cust, p, err := s.startPayment(ctx, c, pack)
	if err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	id, secret, err := s.gw.CreatePaymentIntent(ctx, IntentRequest{Customer: cust, AmountCents: pk.AmountCents, Currency: pk.Currency,
		Metadata: s.meta(p), IdempotencyKey: "intent-" + p.ID})
	if err != nil {
		s.abandon(ctx, p.ID)
		return nil, mockroom.Wrap(op, stripeFailed(err))
	}
	if err := s.setRefs(ctx, p.ID, id, ""); err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	return &Intent{PaymentID: p.ID, PaymentIntentID: id, ClientSecret: secret, Amount: pk.AmountCents, Credits: pk.Credits}, nil
}

func (s *Service) meta(p *Payment) map[string]string {
	return map[string]string{MetaPaymentID: p.ID, MetaUserID: p.UserID, MetaPackage: p.Package}
}

// setRefs records the Stripe ids a payment got, locking the row so it
// cannot overwrite what a webhook already wrote.
func (s *Service) setRefs(ctx context.Context, paymentID, intentID, sessionID string) error {
	return s.store.InPaymentTx(ctx, func(tx PaymentTx) error {
		p, err := tx.PaymentByID(paymentID)
		if err != nil || p == nil {
			return err
		}
		if len(p.StripePaymentIntentID) > 8 && p.StripePaymentIntentID[:8] == "pending:" {
			if intentID != "" {
				p.StripePaymentIntentID = intentID
			} else if sessionID != "" {
				p.StripePaymentIntentID = sessionID
			}
		}
		if sessionID != "" {
			p.StripeCheckoutSessionID = sessionID
		}
		return tx.UpdatePayment(p)
	})
}

// abandon marks a payment Stripe never accepted as failed, so it does not
// sit pending forever. A late event for it could still grant it.
func (s *Service) abandon(ctx context.Context, paymentID string) {
	err := s.store.InPaymentTx(ctx, func(tx PaymentTx) error {
		p, err := tx.PaymentByID(paymentID)
		if err != nil || p == nil || p.Status != PaymentPending {
			return err
		}
		p.Status = PaymentFailed
		return tx.UpdatePayment(p)
	})
	if err != nil {
		s.log.Warn("payments: marking an abandoned payment failed", "payment", paymentID, "err", err)
	}
}

// startPayment records a pending payment of a pack before Stripe knows of
// it, so that a webhook can never arrive for a payment we have not
// recorded; it answers the pack and the user's Stripe customer too.
func (s *Service) startPayment(ctx context.Context, c Customer, pack string) (Pack, string, *Payment, error) {
	pk, ok := s.cfg.Pack(pack)
	if !ok {
		return Pack{}, "", nil, invalidPack(pack)
	}
	cust, err := s.customer(ctx, c)
	if err != nil {
		return Pack{}, "", nil, err
	}
	p := &Payment{ID: mockroom.NewID(), UserID: c.UserID, StripeCustomerID: cust, Package: pk.Name, AmountCents: pk.AmountCents,
		Currency: pk.Currency, Credits: pk.Credits}
	p.StripePaymentIntentID = "pending:" + p.ID
	if err := s.store.CreatePayment(ctx, p); err != nil {
		return Pack{}, "", nil, err
	}
	return pk, cust, p, nil
}

// Checkout is a hosted Stripe page to send the browser to.
type Checkout struct {
	PaymentID string `json:"paymentId,omitempty" description:"the payment a credit-pack checkout records"`
	SessionID string `json:"sessionId"`
	URL       string `json:"url"`
	Amount    int    `json:"amount"`
	Credits   int    `json:"credits"`
}

// CheckoutPack starts a purchase of a pack on Stripe's hosted page.
func (s *Service) CheckoutPack(ctx context.Context, c Customer, pack string) (*Checkout, error) {
	const op = "billing.CheckoutPack"
	pk, cust, p, err := s.startPayment(ctx, c, pack)
	if err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	id, url, err := s.gw.CreateCheckout(ctx, CheckoutRequest{Customer: cust, Name: fmt.Sprintf("%d mockroom credits (%s)", pk.Credits, pk.Name),
		AmountCents: pk.AmountCents, Currency: pk.Currency, Metadata: s.meta(p), IdempotencyKey: "checkout-" + p.ID,
		SuccessURL: s.cfg.PublicURL + "/pricing?checkout=success", CancelURL: s.cfg.PublicURL + "/pricing?checkout=cancel"})
	if err != nil {
		s.abandon(ctx, p.ID)
		return nil, mockroom.Wrap(op, stripeFailed(err))
	}
	if err := s.setRefs(ctx, p.ID, "", id); err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	return &Checkout{PaymentID: p.ID, SessionID: id, URL: url, Amount: pk.AmountCents, Credits: pk.Credits}, nil
}

// live is the user's subscription that still grants a tier, if any.
func live(subs []Subscription) *Subscription {
	for i := range subs {
		if subs[i].Status == SubActive || subs[i].Status == SubPastDue {
			return &subs[i]
		}
	}
	return nil
}

// Subscribe starts a subscription on Stripe's hosted Checkout page; the
// subscription and its tier arrive by webhook.
func (s *Service) Subscribe(ctx context.Context, c Customer, tier string) (*Checkout, error) {
	const op = "billing.Subscribe"
	pl, ok := s.cfg.Plan(tier)
	if !ok || pl.PriceID == "" {
		return nil, mockroom.Wrap(op, mockroom.Errorf(mockroom.KindInvalid, "invalid_tier", "unknown or unavailable subscription tier %q", tier))
	}
	subs, err := s.store.Subscriptions(ctx, c.UserID)
	if err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	if live(subs) != nil {
		return nil, mockroom.Wrap(op, mockroom.Errorf(mockroom.KindConflict, "already_subscribed",
			"you already have a subscription; change or cancel it from the billing portal"))
	}
	cust, err := s.customer(ctx, c)
	if err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	id, url, err := s.gw.CreateCheckout(ctx, CheckoutRequest{Customer: cust, PriceID: pl.PriceID,
		Metadata:   map[string]string{MetaUserID: c.UserID, MetaTier: pl.Tier},
		SuccessURL: s.cfg.PublicURL + "/pricing?subscription=success", CancelURL: s.cfg.PublicURL + "/pricing?subscription=cancel"})
	if err != nil {
		return nil, mockroom.Wrap(op, stripeFailed(err))
	}
	if err := s.store.RecordSubscriptionCheckout(ctx, id, c.UserID, pl.Tier); err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	return &Checkout{SessionID: id, URL: url, Credits: pl.MonthlyCredits, Amount: pl.AmountCents}, nil
}

// CancelSubscription cancels the user's live subscription at the end of the
// period; the webhook then records it.
func (s *Service) CancelSubscription(ctx context.Context, userID string) (*Subscription, error) {
	const op = "billing.CancelSubscription"
	subs, err := s.store.Subscriptions(ctx, userID)
	if err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	sub := live(subs)
	if sub == nil {
		return nil, mockroom.Wrap(op, mockroom.Errorf(mockroom.KindNotFound, "no_subscription", "you have no active subscription"))
	}
	if err := s.gw.CancelAtPeriodEnd(ctx, sub.StripeSubscriptionID); err != nil {
		return nil, mockroom.Wrap(op, stripeFailed(err))
	}
	sub.CancelAtPeriodEnd = true
	return sub, nil
}

// CancelAllNow ends every live subscription of the user at once, for
// account deletion: nothing may bill a deleted account. The webhook then
// records the cancellations (for a user who still exists).
func (s *Service) CancelAllNow(ctx context.Context, userID string) error {
	const op = "billing.CancelAllNow"
	subs, err := s.store.Subscriptions(ctx, userID)
	if err != nil {
		return mockroom.Wrap(op, err)
	}
	for _, sub := range subs {
		if sub.Status == SubCanceled {
			continue
		}
		if err := s.gw.CancelNow(ctx, sub.StripeSubscriptionID); err != nil {
			return mockroom.Wrap(op, stripeFailed(err))
		}
	}
	return nil
}

// PortalURL is a Stripe Customer Portal link for the user.
func (s *Service) PortalURL(ctx context.Context, userID string) (string, error) {
	const op = "billing.PortalURL"
	cust, err := s.store.StripeCustomer(ctx, userID)
	if err != nil {
		return "", mockroom.Wrap(op, err)
	}
	if cust == "" {
		return "", mockroom.Wrap(op, mockroom.Errorf(mockroom.KindNotFound, "no_customer", "you have not paid for anything yet"))
	}
	url, err := s.gw.PortalURL(ctx, cust, s.cfg.PublicURL+"/settings")
	if err != nil {
		return "", mockroom.Wrap(op, stripeFailed(err))
	}
	return url, nil
}

// Payments and Subscriptions list the user's own.
func (s *Service) Payments(ctx context.Context, userID string) ([]Payment, error) {
	return s.store.Payments(ctx, userID, 50)
}

func (s *Service) Subscriptions(ctx context.Context, userID string) ([]Subscription, error) {
	return s.store.Subscriptions(ctx, userID)
}

// Topic carries verified Stripe events from the webhook to the worker.
const Topic = events.PaymentsStripeEvent

// Accept queues a verified event (its raw JSON) on the durable bus, keyed
// by the Stripe event id so a redelivery before processing is one outbox
// row. The webhook answers as soon as this returns.
func (s *Service) Accept(ctx context.Context, eventID string, raw []byte) error {
	if !json.Valid(raw) {
		return mockroom.Errorf(mockroom.KindInvalid, "invalid_event", "the event is not JSON")
	}
	return s.bus.Publish(ctx, events.Event{Topic: Topic, Key: "stripe:" + eventID, Payload: raw})
}

// Webhook verifies a Stripe webhook delivery and queues it; the work
// happens in HandleEvent.
func (s *Service) Webhook(ctx context.Context, payload []byte, signatureHeader string) error {
	id, err := s.gw.Verify(payload, signatureHeader)
	if err != nil {
		return mockroom.Wrap("billing.Webhook", err)
	}
	return mockroom.Wrap("billing.Webhook", s.Accept(ctx, id, payload))
}

// HandleEvent is the bus consumer: it parses the event and applies it.
func (s *Service) HandleEvent(ctx context.Context, d events.Delivery) error {
	ev, err := s.gw.ParseEvent(d.Payload)
	if err != nil {
		s.log.Error("payments: unreadable Stripe event", "err", err, "key", d.Key)
		return nil // a verified event we cannot read will not read better on retry
	}
	_, err = s.Apply(ctx, ev)
	return err
}
