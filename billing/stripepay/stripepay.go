// Package stripepay is billing's Gateway on Stripe, through the official
// SDK (stripe-go). The API base URL is configurable so tests and
// self-hosters can point it at stripe-mock.
package stripepay

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/stripe/stripe-go/v82"
	"github.com/stripe/stripe-go/v82/webhook"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/billing"
)

// Tolerance is how old a signed webhook may be (Stripe's default): an
// older signature is a replay.
const Tolerance = webhook.DefaultTolerance

// Client is a billing.Gateway on one Stripe account.
type Client struct {
	sc            *stripe.Client
	webhookSecret string
	tolerance     time.Duration
	now           func() time.Time
}

var _ billing.Gateway = (*Client)(nil)

// Config is the account's keys and where its API is.
type Config struct {
	SecretKey     string
	WebhookSecret string
	// APIURL replaces https://api.stripe.com (stripe-mock: http://localhost:12111).
	APIURL string
	// Tolerance for webhook timestamps; 0 is Tolerance.
	Tolerance  time.Duration
	HTTPClient *http.Client
}

// New builds a client.
func New(cfg Config) *Client {
	bc := &stripe.BackendConfig{
		HTTPClient:    cfg.HTTPClient,
		LeveledLogger: &stripe.LeveledLogger{Level: stripe.LevelNull},
	}
	if bc.HTTPClient == nil {
		bc.HTTPClient = &http.Client{Timeout: 30 * time.Second}
	}
	if cfg.APIURL != "" {
		bc.URL = stripe.String(strings.TrimRight(cfg.APIURL, "/"))
	}
	tol := cfg.Tolerance
	if tol <= 0 {
		tol = Tolerance
	}
	return &Client{
		sc:            stripe.NewClient(cfg.SecretKey, stripe.WithBackends(stripe.NewBackendsWithConfig(bc))),
		webhookSecret: cfg.WebhookSecret,
		tolerance:     tol,
	}
}

// CreateCustomer creates the user's Stripe customer, tagged with our id.
func (c *Client) CreateCustomer(ctx context.Context, userID, email string) (string, error) {
	p := &stripe.CustomerCreateParams{Email: stripe.String(email), Metadata: map[string]string{billing.MetaUserID: userID}}
	p.SetIdempotencyKey("customer-" + userID)
	cu, err := c.sc.V1Customers.Create(ctx, p)
	if err != nil {
		return "", err
	}
	return cu.ID, nil
}

// CreatePaymentIntent creates a PaymentIntent for automatic payment methods.
func (c *Client) CreatePaymentIntent(ctx context.Context, r billing.IntentRequest) (string, string, error) {
	p := &stripe.PaymentIntentCreateParams{
		Amount:                  stripe.Int64(int64(r.AmountCents)),
		Currency:                stripe.String(r.Currency),
		Customer:                optional(r.Customer),
		Metadata:                r.Metadata,
		AutomaticPaymentMethods: &stripe.PaymentIntentCreateAutomaticPaymentMethodsParams{Enabled: stripe.Bool(true)},
	}
	if r.IdempotencyKey != "" {
		p.SetIdempotencyKey(r.IdempotencyKey)
	}
	pi, err := c.sc.V1PaymentIntents.Create(ctx, p)
	if err != nil {
		return "", "", err
	}
	return pi.ID, pi.ClientSecret, nil
}

// CreateCheckout creates a hosted Checkout Session: a one-off payment with
// inline price data, or a subscription to PriceID. The metadata goes on the
// session and on what it creates (the PaymentIntent or the Subscription),
// so every later event finds our rows.
func (c *Client) CreateCheckout(ctx context.Context, r billing.CheckoutRequest) (string, string, error) {
	p := &stripe.CheckoutSessionCreateParams{
		Customer:   optional(r.Customer),
		SuccessURL: stripe.String(r.SuccessURL),
		CancelURL:  stripe.String(r.CancelURL),
		Metadata:   r.Metadata,
	}
	if uid := r.Metadata[billing.MetaUserID]; uid != "" {
		p.ClientReferenceID = stripe.String(uid)
	}
	if r.PriceID != "" {
		p.Mode = stripe.String(string(stripe.CheckoutSessionModeSubscription))
		p.LineItems = []*stripe.CheckoutSessionCreateLineItemParams{{Price: stripe.String(r.PriceID), Quantity: stripe.Int64(1)}}
		p.SubscriptionData = &stripe.CheckoutSessionCreateSubscriptionDataParams{Metadata: r.Metadata}
	} else {
		p.Mode = stripe.String(string(stripe.CheckoutSessionModePayment))
		p.LineItems = []*stripe.CheckoutSessionCreateLineItemParams{{
			Quantity: stripe.Int64(1),
			PriceData: &stripe.CheckoutSessionCreateLineItemPriceDataParams{
				Currency:    stripe.String(r.Currency),
				UnitAmount:  stripe.Int64(int64(r.AmountCents)),
				ProductData: &stripe.CheckoutSessionCreateLineItemPriceDataProductDataParams{Name: stripe.String(r.Name)},
			},
		}}
		p.PaymentIntentData = &stripe.CheckoutSessionCreatePaymentIntentDataParams{Metadata: r.Metadata}
	}
	if r.IdempotencyKey != "" {
		p.SetIdempotencyKey(r.IdempotencyKey)
	}
	s, err := c.sc.V1CheckoutSessions.Create(ctx, p)
	if err != nil {
		return "", "", err
	}
	return s.ID, s.URL, nil
}

// CancelAtPeriodEnd lets the subscription run to the end of the paid period.
func (c *Client) CancelAtPeriodEnd(ctx context.Context, subscriptionID string) error {
	_, err := c.sc.V1Subscriptions.Update(ctx, subscriptionID, &stripe.SubscriptionUpdateParams{CancelAtPeriodEnd: stripe.Bool(true)})
	return err
}

// CancelNow cancels a subscription immediately.
func (c *Client) CancelNow(ctx context.Context, subscriptionID string) error {
	_, err := c.sc.V1Subscriptions.Cancel(ctx, subscriptionID, &stripe.SubscriptionCancelParams{})
	return err
}

// PortalURL opens a Customer Portal session.
func (c *Client) PortalURL(ctx context.Context, customerID, returnURL string) (string, error) {
	s, err := c.sc.V1BillingPortalSessions.Create(ctx, &stripe.BillingPortalSessionCreateParams{
		Customer: stripe.String(customerID), ReturnURL: stripe.String(returnURL)})
	if err != nil {
		return "", err
	}
	return s.URL, nil
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return stripe.String(s)
}

// Verify checks a webhook's Stripe-Signature against the endpoint secret
// and the tolerance, and returns the event's id. The API version is not
// enforced: the fields billing reads are stable across versions, and a
// refused event would be retried by Stripe for days.
func (c *Client) Verify(payload []byte, header string) (string, error) {
	ev, err := webhook.ConstructEventWithOptions(payload, header, c.webhookSecret, webhook.ConstructEventOptions{
		Tolerance: c.tolerance, IgnoreAPIVersionMismatch: true})
	if err != nil {
		code, msg := "invalid_signature", "the Stripe signature does not verify"
		if errors.Is(err, webhook.ErrTooOld) {
			code, msg = "signature_expired", "the Stripe signature is too old"
		}
		e := mockroom.Errorf(mockroom.KindInvalid, code, "%s", msg)
		e.Err = err
		return "", e
	}
	if ev.ID == "" {
		return "", mockroom.Errorf(mockroom.KindInvalid, "invalid_event", "the event has no id")
	}
	return ev.ID, nil
}

// ParseEvent reads an event's JSON into billing's view of it.
func (c *Client) ParseEvent(raw []byte) (billing.Event, error) { return ParseEvent(raw) }

// ParseEvent reads an event's JSON into billing's view of it.
func ParseEvent(raw []byte) (billing.Event, error) {
	var se stripe.Event
	if err := json.Unmarshal(raw, &se); err != nil {
		return billing.Event{}, fmt.Errorf("stripe event: %w", err)
	}
	ev := billing.Event{ID: se.ID, Type: string(se.Type), Created: se.Created}
	if se.Data == nil {
		return ev, nil
	}
	obj := se.Data.Raw
	var err error
	switch {
	case strings.HasPrefix(ev.Type, "checkout.session."):
		var s stripe.CheckoutSession
		if err = json.Unmarshal(obj, &s); err == nil {
			ev.CheckoutSessionID, ev.Metadata, ev.AmountCents, ev.Currency = s.ID, s.Metadata, int(s.AmountTotal), string(s.Currency)
			// Stripe always sends payment_status; an event without one is
			// taken as paid, as checkout.session.completed mostly is.
			ev.Paid = s.PaymentStatus == stripe.CheckoutSessionPaymentStatusPaid || s.PaymentStatus == stripe.CheckoutSessionPaymentStatusNoPaymentRequired ||
				s.PaymentStatus == ""
			ev.SubscriptionMode = s.Mode == stripe.CheckoutSessionModeSubscription
			ev.CustomerID = customerID(s.Customer)
			if s.PaymentIntent != nil {
				ev.PaymentIntentID = s.PaymentIntent.ID
			}
			if s.Subscription != nil {
				ev.SubscriptionID = s.Subscription.ID
			}
		}
	case strings.HasPrefix(ev.Type, "payment_intent."):
		var pi stripe.PaymentIntent
		if err = json.Unmarshal(obj, &pi); err == nil {
			ev.PaymentIntentID, ev.Metadata, ev.Currency, ev.CustomerID = pi.ID, pi.Metadata, string(pi.Currency), customerID(pi.Customer)
			ev.AmountCents = int(pi.AmountReceived)
		}
	case strings.HasPrefix(ev.Type, "charge.dispute."):
		var d stripe.Dispute
		if err = json.Unmarshal(obj, &d); err == nil {
			ev.DisputedCents, ev.Metadata, ev.Currency = int(d.Amount), d.Metadata, string(d.Currency)
			if d.PaymentIntent != nil {
				ev.PaymentIntentID = d.PaymentIntent.ID
			}
		}
	case strings.HasPrefix(ev.Type, "charge."):
		var ch stripe.Charge
		if err = json.Unmarshal(obj, &ch); err == nil {
			ev.RefundedCents, ev.Metadata, ev.Currency, ev.CustomerID = int(ch.AmountRefunded), ch.Metadata, string(ch.Currency), customerID(ch.Customer)
			if ch.PaymentIntent != nil {
				ev.PaymentIntentID = ch.PaymentIntent.ID
			}
		}
	case strings.HasPrefix(ev.Type, "customer.subscription."):
		var s stripe.Subscription
		if err = json.Unmarshal(obj, &s); err == nil {
			st := &billing.SubscriptionState{ID: s.ID, CustomerID: customerID(s.Customer), Status: string(s.Status), Metadata: s.Metadata,
				CancelAtPeriodEnd: s.CancelAtPeriodEnd}
			if s.Items != nil && len(s.Items.Data) > 0 {
				it := s.Items.Data[0]
				if it.Price != nil {
					st.PriceID = it.Price.ID
				}
				st.PeriodStart, st.PeriodEnd = unix(it.CurrentPeriodStart), unix(it.CurrentPeriodEnd)
			}
			ev.Subscription = st
		}
	case strings.HasPrefix(ev.Type, "invoice."):
		var in stripe.Invoice
		if err = json.Unmarshal(obj, &in); err == nil {
			is := &billing.InvoiceState{ID: in.ID, CustomerID: customerID(in.Customer), AmountPaid: int(in.AmountPaid), BillingReason: string(in.BillingReason),
				PeriodStart: unix(in.PeriodStart), PeriodEnd: unix(in.PeriodEnd)}
			if in.Parent != nil && in.Parent.SubscriptionDetails != nil {
				is.Metadata = in.Parent.SubscriptionDetails.Metadata
				if in.Parent.SubscriptionDetails.Subscription != nil {
					is.SubscriptionID = in.Parent.SubscriptionDetails.Subscription.ID
				}
			}
			if in.Lines != nil {
				for _, l := range in.Lines.Data {
					if l.Pricing != nil && l.Pricing.PriceDetails != nil && l.Pricing.PriceDetails.Price != "" {
						is.PriceID = l.Pricing.PriceDetails.Price
						if l.Period != nil {
							is.PeriodStart, is.PeriodEnd = unix(l.Period.Start), unix(l.Period.End)
						}
						break
					}
				}
			}
			ev.Invoice = is
		}
	}
	if err != nil {
		return ev, fmt.Errorf("stripe event %s (%s): %w", ev.ID, ev.Type, err)
	}
	ev.Currency = strings.ToLower(ev.Currency)
	return ev, nil
}

func customerID(c *stripe.Customer) string {
	if c == nil {
		return ""
	}
	return c.ID
}

func unix(s int64) time.Time {
	if s == 0 {
		return time.Time{}
	}
	return time.Unix(s, 0).UTC()
}
