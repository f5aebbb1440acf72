package billing

import (
	"context"
	"fmt"
	"time"

	"github.com/mockroom/mockroom"
)

// Event is a Stripe event reduced to what billing acts on. Which fields are
// set depends on Type.
type Event struct {
	ID      string
	Type    string
	Created int64 // Unix seconds, Stripe's event time: orders subscription states

	// Payment objects: payment_intent.*, checkout.session.*, charge.*,
	// charge.dispute.*.
	PaymentIntentID   string
	CheckoutSessionID string
	SubscriptionID    string // checkout.session in subscription mode: the subscription it created
	CustomerID        string
	Metadata          map[string]string
	AmountCents       int    // what was paid (intent amount_received, session amount_total)
	Currency          string // lower case
	Paid              bool   // checkout.session: payment_status == "paid"
	RefundedCents     int    // charge.refunded: cumulative amount_refunded
	DisputedCents     int    // charge.dispute.created: amount disputed
	SubscriptionMode  bool   // checkout.session in subscription mode (nothing to grant there)

	Subscription *SubscriptionState // customer.subscription.*
	Invoice      *InvoiceState      // invoice.paid
}

// SubscriptionState is a subscription as an event carries it.
type SubscriptionState struct {
	ID                string
	CustomerID        string
	Status            string // Stripe's status
	PriceID           string
	Metadata          map[string]string
	PeriodStart       time.Time
	PeriodEnd         time.Time
	CancelAtPeriodEnd bool
}

// InvoiceState is a paid invoice: enough to grant its credits and set the
// tier even before the subscription's own events arrive.
type InvoiceState struct {
	ID             string
	CustomerID     string
	SubscriptionID string
	Metadata       map[string]string // the subscription's metadata snapshot
	PriceID        string
	AmountPaid     int
	BillingReason  string // subscription_create, subscription_cycle, subscription_update (proration), ...
	PeriodStart    time.Time
	PeriodEnd      time.Time
}

// Stripe event types billing handles.
const (
	EvCheckoutCompleted     = "checkout.session.completed"
	EvCheckoutAsyncSucceded = "checkout.session.async_payment_succeeded"
	EvIntentSucceeded       = "payment_intent.succeeded"
	EvIntentFailed          = "payment_intent.payment_failed"
	EvInvoicePaid           = "invoice.paid"
	EvSubCreated            = "customer.subscription.created"
	EvSubUpdated            = "customer.subscription.updated"
	EvSubDeleted            = "customer.subscription.deleted"
	EvChargeRefunded        = "charge.refunded"
	EvDisputeCreated        = "charge.dispute.created"
)

// SubscriptionStatus maps Stripe's subscription statuses onto ours: only
// active and past_due keep a tier.
func SubscriptionStatus(stripeStatus string) string {
	switch stripeStatus {
	case "active", "trialing":
		return SubActive
	case "past_due", "unpaid":
		return SubPastDue
	case "canceled", "incomplete_expired":
		return SubCanceled
	}
	return SubPaused // paused, incomplete: no tier until paid
}

// Apply processes one event exactly once: the event id is recorded in the
// same transaction as every ledger row and state change it causes. applied
// is false for an event already processed.
func (s *Service) Apply(ctx context.Context, ev Event) (applied bool, err error) {
	ctx = mockroom.AsService(ctx)
	applied, err = s.store.ApplyStripeEvent(ctx, ev.ID, ev.Type, func(tx PaymentTx) (string, error) {
		return s.apply(tx, ev)
	})
	if err != nil {
		return false, mockroom.Wrap("billing.Apply", err)
	}
	return applied, nil
}

func (s *Service) apply(tx PaymentTx, ev Event) (string, error) {
	switch ev.Type {
	case EvCheckoutCompleted, EvCheckoutAsyncSucceded:
		if ev.SubscriptionMode {
			return s.subscriptionCheckout(tx, ev)
		}
		p, err := s.findPayment(tx, ev)
		if p == nil || err != nil {
			return "unknown payment", err
		}
		if !ev.Paid {
			return "not paid yet", nil
		}
		return s.grant(tx, p, ev)
	case EvIntentSucceeded:
		p, err := s.findPayment(tx, ev)
		if p == nil || err != nil {
			return "unknown payment", err
		}
		return s.grant(tx, p, ev)
	case EvIntentFailed:
		p, err := s.findPayment(tx, ev)
		if p == nil || err != nil {
			return "unknown payment", err
		}
		if p.Status != PaymentPending {
			return "already " + p.Status, nil
		}
		p.Status = PaymentFailed
		return "failed", tx.UpdatePayment(p)
	case EvChargeRefunded, EvDisputeCreated:
		p, err := s.findPayment(tx, ev)
		if p == nil || err != nil {
			return "unknown payment", err
		}
		// A refund or dispute proves the charge was paid: a late
		// payment_intent.succeeded then finds the grant done.
		if p.Status == PaymentPending || p.Status == PaymentFailed {
			if out, err := s.grant(tx, p, Event{PaymentIntentID: ev.PaymentIntentID}); err != nil || out != "granted" {
				return out, err
			}
		}
		if ev.Type == EvChargeRefunded {
			p.RefundedCents = max(p.RefundedCents, ev.RefundedCents)
		} else {
			p.DisputedCents = max(p.DisputedCents, ev.DisputedCents)
		}
		return s.reverse(tx, p)
	case EvSubCreated, EvSubUpdated, EvSubDeleted:
		return s.applySubscription(tx, ev)
	case EvInvoicePaid:
		return s.applyInvoice(tx, ev)
	}
	return "ignored", nil
}

// findPayment: our id in the metadata first (set on every intent and
// session we create), then the Stripe ids.
func (s *Service) findPayment(tx PaymentTx, ev Event) (*Payment, error) {
	if id := ev.Metadata[MetaPaymentID]; id != "" {
		if p, err := tx.PaymentByID(id); p != nil || err != nil {
			return p, err
		}
	}
	if ev.CheckoutSessionID != "" {
		if p, err := tx.PaymentBySession(ev.CheckoutSessionID); p != nil || err != nil {
			return p, err
		}
	}
	return tx.PaymentByIntent(ev.PaymentIntentID)
}

// grant credits a payment once: only a pending or failed payment becomes
// succeeded, so the session and intent events of one checkout grant once.
func (s *Service) grant(tx PaymentTx, p *Payment, ev Event) (string, error) {
	if p.Status == PaymentSucceeded || p.Status == PaymentRefunded {
		return "already granted", nil
	}
	if ev.AmountCents > 0 && (ev.AmountCents < p.AmountCents || (ev.Currency != "" && ev.Currency != p.Currency)) {
		s.log.Error("payments: paid amount does not match the payment", "payment", p.ID, "paid", ev.AmountCents, "currency", ev.Currency,
			"want", p.AmountCents, "want_currency", p.Currency)
		return "amount mismatch", nil
	}
	if ev.PaymentIntentID != "" {
		p.StripePaymentIntentID = ev.PaymentIntentID
	}
	p.Status = PaymentSucceeded
	if _, err := tx.AddCredits(p.UserID, p.Credits, TxPurchase, p.ID,
		fmt.Sprintf("Bought the %s pack: %d credits", p.Package, p.Credits)); err != nil {
		return "", err
	}
	if err := tx.UpdatePayment(p); err != nil {
		return "", err
	}
	if p.RefundedCents > 0 || p.DisputedCents > 0 {
		return s.reverse(tx, p)
	}
	return "granted", nil
}

// reverse takes back the credits a payment's refunds and disputes cover, in
// proportion to the money returned, never below zero: what the balance
// cannot cover (already spent) is recorded as debt on the payment and in
// the ledger row's description.
func (s *Service) reverse(tx PaymentTx, p *Payment) (string, error) {
	returned := min(p.RefundedCents+p.DisputedCents, p.AmountCents)
	target := p.Credits
	if p.AmountCents > 0 {
		target = p.Credits * returned / p.AmountCents
	}
	delta := target - p.CreditsReversed
	if delta <= 0 {
		return "nothing to reverse", tx.UpdatePayment(p)
	}
	bal, err := tx.Balance(p.UserID)
	if err != nil {
		return "", err
	}
	take := min(delta, bal)
	debt := delta - take
	if take > 0 {
		desc := fmt.Sprintf("Refund of the %s pack: %d credits taken back", p.Package, take)
		if debt > 0 {
			desc += fmt.Sprintf("; %d already spent, recorded as debt", debt)
		}
		if _, err := tx.AddCredits(p.UserID, -take, TxRefund, p.ID, desc); err != nil {
			return "", err
		}
	}
	p.CreditsReversed += delta
	p.CreditsDebt += debt
	if p.CreditsReversed >= p.Credits {
		p.Status = PaymentRefunded
	}
	if err := tx.UpdatePayment(p); err != nil {
		return "", err
	}
	return fmt.Sprintf("reversed %d (debt %d)", take, debt), nil
}

// user finds whose an object is: our id in its metadata, else its customer.
func (s *Service) user(tx PaymentTx, meta map[string]string, customerID string) (string, error) {
	if id := meta[MetaUserID]; id != "" {
		ok, err := tx.UserExists(id)
		if err != nil || ok {
			return id, err
		}
	}
	return tx.UserByCustomer(customerID)
}

// subscriptionCheckout links a completed subscription Checkout to its user
// (our record of the session, else its metadata, else its customer) and,
// when the subscription's own events have not arrived yet, records it as
// active with stripe_event_at 0 so that they override it.
func (s *Service) subscriptionCheckout(tx PaymentTx, ev Event) (string, error) {
	uid, tier, err := tx.SubscriptionCheckout(ev.CheckoutSessionID)
	if err != nil {
		return "", err
	}
	if uid == "" {
		if uid, err = s.user(tx, ev.Metadata, ev.CustomerID); err != nil || uid == "" {
			return "unknown customer", err
		}
		tier = ev.Metadata[MetaTier]
	}
	if ev.CustomerID != "" {
		if err := tx.LinkCustomer(uid, ev.CustomerID); err != nil {
			return "", err
		}
	}
	pl, ok := s.cfg.Plan(tier)
	if ev.SubscriptionID == "" || !ok || !ev.Paid {
		return "subscription checkout linked", nil
	}
	cur, err := tx.Subscription(ev.SubscriptionID)
	if err != nil || cur != nil {
		return "subscription checkout linked", err
	}
	sub := &Subscription{UserID: uid, StripeSubscriptionID: ev.SubscriptionID, StripeCustomerID: ev.CustomerID, StripePriceID: pl.PriceID,
		Tier: pl.Tier, Status: SubActive}
	return "subscription checkout: " + pl.Tier, tx.SaveSubscription(sub)
}

// subscriber is whose a subscription is: the row we already have, else the
// metadata, else the customer.
func (s *Service) subscriber(tx PaymentTx, cur *Subscription, meta map[string]string, customerID string) (string, error) {
	if cur != nil {
		return cur.UserID, nil
	}
	return s.user(tx, meta, customerID)
}

func (s *Service) tierOf(meta map[string]string, priceID string) (Plan, bool) {
	if pl, ok := s.cfg.planByPrice(priceID); ok {
		return pl, true
	}
	return s.cfg.Plan(meta[MetaTier])
}

// applySubscription stores the subscription's state unless a newer event
// already did; canceled is final (Stripe never revives a subscription).
func (s *Service) applySubscription(tx PaymentTx, ev Event) (string, error) {
	st := ev.Subscription
	if st == nil || st.ID == "" {
		return "no subscription", nil
	}
	cur, err := tx.Subscription(st.ID)
	if err != nil {
		return "", err
	}
	uid, err := s.subscriber(tx, cur, st.Metadata, st.CustomerID)
	if err != nil || uid == "" {
		return "unknown customer", err
	}
	pl, ok := s.tierOf(st.Metadata, st.PriceID)
	if !ok && cur != nil {
		pl, ok = s.cfg.Plan(cur.Tier)
	}
	if !ok {
		return "unknown plan", nil
	}
	if cur != nil && (cur.Status == SubCanceled || cur.EventAt > ev.Created) {
		return "stale", nil
	}
	status := SubscriptionStatus(st.Status)
	if ev.Type == EvSubDeleted {
		status = SubCanceled
	}
	sub := &Subscription{UserID: uid, StripeSubscriptionID: st.ID, StripeCustomerID: st.CustomerID, StripePriceID: st.PriceID,
		Tier: pl.Tier, Status: status, CurrentPeriodStart: st.PeriodStart, CurrentPeriodEnd: st.PeriodEnd,
		CancelAtPeriodEnd: st.CancelAtPeriodEnd, EventAt: ev.Created}
	if cur != nil {
		sub.ID, sub.CreatedAt = cur.ID, cur.CreatedAt
	}
	if err := tx.LinkCustomer(uid, st.CustomerID); err != nil {
		return "", err
	}
	return "subscription " + status, tx.SaveSubscription(sub)
}

// applyInvoice grants a paid subscription invoice's credits once per
// invoice. An invoice that arrives before its subscription's events carries
// the subscription's metadata and price, which is enough to grant and to
// record the subscription as active until its own events say more.
func (s *Service) applyInvoice(tx PaymentTx, ev Event) (string, error) {
	inv := ev.Invoice
	if inv == nil || inv.ID == "" || inv.SubscriptionID == "" {
		return "not a subscription invoice", nil
	}
	cur, err := tx.Subscription(inv.SubscriptionID)
	if err != nil {
		return "", err
	}
	uid, err := s.subscriber(tx, cur, inv.Metadata, inv.CustomerID)
	if err != nil || uid == "" {
		return "unknown customer", err
	}
	pl, ok := s.tierOf(inv.Metadata, inv.PriceID)
	if !ok && cur != nil {
		pl, ok = s.cfg.Plan(cur.Tier)
	}
	if !ok {
		return "unknown plan", nil
	}
	if cur == nil {
		// EventAt 0: any event of the subscription itself overrides this.
		sub := &Subscription{UserID: uid, StripeSubscriptionID: inv.SubscriptionID, StripeCustomerID: inv.CustomerID, StripePriceID: inv.PriceID,
			Tier: pl.Tier, Status: SubActive, CurrentPeriodStart: inv.PeriodStart, CurrentPeriodEnd: inv.PeriodEnd}
		if err := tx.SaveSubscription(sub); err != nil {
			return "", err
		}
	}
	if err := tx.LinkCustomer(uid, inv.CustomerID); err != nil {
		return "", err
	}
	// A proration invoice (a plan change mid-period) grants nothing: the
	// monthly credits come with the period's own invoices.
	credits := pl.MonthlyCredits
	if inv.BillingReason == "subscription_update" {
		credits = 0
	}
	fresh, err := tx.RecordInvoice(InvoiceGrant{InvoiceID: inv.ID, UserID: uid, StripeSubscriptionID: inv.SubscriptionID, Tier: pl.Tier,
		Credits: credits, AmountCents: inv.AmountPaid})
	if err != nil || !fresh {
		return "invoice already granted", err
	}
	if credits > 0 {
		if _, err := tx.AddCredits(uid, credits, TxPurchase, inv.ID,
			fmt.Sprintf("%s subscription: %d monthly credits", pl.Tier, credits)); err != nil {
			return "", err
		}
	}
	return "invoice granted", nil
}
