package stripepay_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stripe/stripe-go/v82"
	"github.com/stripe/stripe-go/v82/webhook"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/account"
	"github.com/mockroom/mockroom/billing"
	"github.com/mockroom/mockroom/billing/stripepay"
	"github.com/mockroom/mockroom/events"
	"github.com/mockroom/mockroom/events/sqlqueue"
	"github.com/mockroom/mockroom/internal/stripemock"
	"github.com/mockroom/mockroom/storage"
	"github.com/mockroom/mockroom/storage/storagetest"
)

const secret = "whsec_test_secret"

var catalogue = billing.Config{
	Packs: []billing.Pack{
		{Name: "starter", AmountCents: 500, Credits: 5, Currency: "usd"},
		{Name: "pro", AmountCents: 1500, Credits: 20, Currency: "usd"},
	},
	Plans: []billing.Plan{
		{Tier: "pro", PriceID: "price_pro", MonthlyCredits: 20},
		{Tier: "enterprise", PriceID: "price_ent", MonthlyCredits: 100},
	},
	PublicURL: "http://localhost:8080",
}

// h is one fresh store with one candidate (3 signup credits), the service
// on stripe-mock, and a clock for event times.
type h struct {
	t     *testing.T
	db    storage.DB
	svc   *billing.Service
	user  string
	clock atomic.Int64
	seq   atomic.Int64
}

func TestMain(m *testing.M) {
	code := m.Run()
	stripemock.StopShared()
	os.Exit(code)
}

func engines(t *testing.T, run func(t *testing.T, x *h)) {
	api := stripemock.Shared(t)
	open := map[string]func(t *testing.T) storage.DB{
		"sqlite": func(t *testing.T) storage.DB {
			db, err := storage.Open(context.Background(), "", t.TempDir(), mockroom.SystemClock{})
			if err != nil {
				t.Fatal(err)
			}
			return db
		},
		"postgres": func(t *testing.T) storage.DB {
			db, err := storage.Open(context.Background(), storagetest.FreshPostgres(t), "", mockroom.SystemClock{})
			if err != nil {
				t.Fatal(err)
			}
			return db
		},
	}
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			db := open[engine](t)
			t.Cleanup(func() { db.Close() })
			gw := stripepay.New(stripepay.Config{SecretKey: "sk_test_123", WebhookSecret: secret, APIURL: api})
			bus := sqlqueue.New(db, sqlqueue.Options{})
			x := &h{t: t, db: db, svc: billing.NewService(catalogue, gw, db, bus, slog.New(slog.DiscardHandler))}
			x.clock.Store(time.Now().Unix() - 3600)
			u := &account.User{Email: "buyer@example.com", PasswordHash: "x"}
			if err := db.CreateUser(mockroom.AsService(context.Background()), u, &account.Profile{}, billing.SignupCredits); err != nil {
				t.Fatal(err)
			}
			x.user = u.ID
			run(t, x)
		})
	}
}

func (x *h) ctx() context.Context {
	return mockroom.WithActor(context.Background(), mockroom.Actor{Role: mockroom.RoleUser, UserID: x.user})
}

func (x *h) customer() billing.Customer {
	return billing.Customer{UserID: x.user, Email: "buyer@example.com"}
}

// event builds a Stripe event as Stripe sends it; created orders it.
func (x *h) event(typ string, created int64, obj map[string]any) []byte {
	b, err := json.Marshal(map[string]any{
		"id": fmt.Sprintf("evt_%d_%d", time.Now().UnixNano(), x.seq.Add(1)), "object": "event", "api_version": stripe.APIVersion,
		"created": created, "type": typ, "livemode": false, "pending_webhooks": 1,
		"data": map[string]any{"object": obj},
	})
	if err != nil {
		x.t.Fatal(err)
	}
	return b
}

func (x *h) next() int64 { return x.clock.Add(10) }

// deliver signs the payload as Stripe does, posts it to the webhook (which
// queues it on the real bus's outbox) and runs the consumer on it, as a
// bus delivery would. It returns the webhook's error.
func (x *h) deliver(payload []byte) error {
	return x.deliverAt(payload, time.Now(), secret)
}

func (x *h) deliverAt(payload []byte, at time.Time, key string) error {
	x.t.Helper()
	sp := webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: payload, Secret: key, Timestamp: at})
	if err := x.svc.Webhook(context.Background(), payload, sp.Header); err != nil {
		return err
	}
	if err := x.svc.HandleEvent(context.Background(), events.Delivery{Event: events.Event{Topic: billing.Topic, Payload: payload}, Group: billing.Group, Attempt: 1}); err != nil {
		x.t.Fatalf("consumer: %v", err)
	}
	return nil
}

func (x *h) mustDeliver(payloads ...[]byte) {
	x.t.Helper()
	for _, p := range payloads {
		if err := x.deliver(p); err != nil {
			x.t.Fatalf("webhook refused a good event: %v", err)
		}
	}
}

// ledger checks the balance, the profile mirror and the ledger rows (oldest
// first, as "type:amount:reference").
func (x *h) ledger(balance int, rows ...string) {
	x.t.Helper()
	bal, err := x.db.Balance(x.ctx(), x.user)
	if err != nil {
		x.t.Fatal(err)
	}
	prof, err := x.db.Profile(x.ctx(), x.user)
	if err != nil {
		x.t.Fatal(err)
	}
	txs, err := x.db.Transactions(x.ctx(), x.user, 1000)
	if err != nil {
		x.t.Fatal(err)
	}
	var got []string
	for i := len(txs) - 1; i >= 0; i-- {
		got = append(got, fmt.Sprintf("%s:%d:%s", txs[i].Type, txs[i].Amount, txs[i].ReferenceID))
		if i+1 < len(txs) && txs[i].BalanceAfter != txs[i+1].BalanceAfter+txs[i].Amount {
			x.t.Fatalf("ledger does not add up: %+v", txs)
		}
	}
	want := append([]string{"bonus:3:signup"}, rows...)
	if bal != balance || prof.Credits != balance || strings.Join(got, " ") != strings.Join(want, " ") {
		x.t.Fatalf("balance %d (profile %d), ledger\n  %s\nwant balance %d, ledger\n  %s", bal, prof.Credits, strings.Join(got, " "), balance, strings.Join(want, " "))
	}
}

func (x *h) payment(id string) billing.Payment {
	x.t.Helper()
	ps, err := x.db.Payments(x.ctx(), x.user, 100)
	if err != nil {
		x.t.Fatal(err)
	}
	for _, p := range ps {
		if p.ID == id {
			return p
		}
	}
	x.t.Fatalf("no payment %s", id)
	return billing.Payment{}
}

func (x *h) tier() string {
	x.t.Helper()
	p, err := x.db.Profile(x.ctx(), x.user)
	if err != nil {
		x.t.Fatal(err)
	}
	return p.SubscriptionTier
}

// intent buys a pack through a PaymentIntent on stripe-mock.
func (x *h) intent(pack string) (*billing.Intent, map[string]any) {
	x.t.Helper()
	in, err := x.svc.CreateIntent(x.ctx(), x.customer(), pack)
	if err != nil {
		x.t.Fatal(err)
	}
	p := x.payment(in.PaymentID)
	pi := map[string]any{"id": p.StripePaymentIntentID, "object": "payment_intent", "amount": in.Amount, "amount_received": in.Amount,
		"currency": "usd", "status": "succeeded", "customer": p.StripeCustomerID,
		"metadata": map[string]string{billing.MetaPaymentID: in.PaymentID, billing.MetaUserID: x.user, billing.MetaPackage: pack}}
	return in, pi
}

func charge(pi map[string]any, refunded int) map[string]any {
	return map[string]any{"id": "ch_" + pi["id"].(string), "object": "charge", "amount": pi["amount"], "amount_refunded": refunded,
		"currency": "usd", "payment_intent": pi["id"], "refunded": refunded >= pi["amount"].(int), "metadata": map[string]string{}}
}

func failed(pi map[string]any) map[string]any {
	f := map[string]any{}
	for k, v := range pi {
		f[k] = v
	}
	f["status"], f["amount_received"] = "requires_payment_method", 0
	return f
}

func TestPaymentIntentExactlyOnce(t *testing.T) {
	engines(t, func(t *testing.T, x *h) {
		in, pi := x.intent("starter")
		ev := x.event("payment_intent.succeeded", x.next(), pi)
		x.mustDeliver(ev, ev, ev) // Stripe retries
		x.ledger(8, "purchase:5:"+in.PaymentID)
		// A late failure of an earlier attempt does not undo the payment.
		x.mustDeliver(x.event("payment_intent.payment_failed", x.next()-100, failed(pi)))
		if p := x.payment(in.PaymentID); p.Status != billing.PaymentSucceeded || !strings.HasPrefix(p.StripePaymentIntentID, "pi_") {
			t.Fatalf("payment %+v", p)
		}
		x.ledger(8, "purchase:5:"+in.PaymentID)
	})
}

func TestFailureThenSuccess(t *testing.T) {
	engines(t, func(t *testing.T, x *h) {
		in, pi := x.intent("pro")
		x.mustDeliver(x.event("payment_intent.payment_failed", x.next(), failed(pi)))
		if p := x.payment(in.PaymentID); p.Status != billing.PaymentFailed {
			t.Fatalf("status %s", p.Status)
		}
		x.ledger(3)
		x.mustDeliver(x.event("payment_intent.succeeded", x.next(), pi))
		x.ledger(23, "purchase:20:"+in.PaymentID)
	})
}

// The checkout page flow: the session and its intent both report the
// payment, in either order, and it is granted once.
func TestCheckoutGrantsOnce(t *testing.T) {
	for _, order := range []string{"session first", "intent first"} {
		t.Run(order, func(t *testing.T) {
			engines(t, func(t *testing.T, x *h) {
				co, err := x.svc.CheckoutPack(x.ctx(), x.customer(), "starter")
				if err != nil {
					t.Fatal(err)
				}
				if !strings.HasPrefix(co.URL, "https://") || !strings.HasPrefix(co.SessionID, "cs_") {
					t.Fatalf("checkout %+v", co)
				}
				ps, _ := x.db.Payments(x.ctx(), x.user, 10)
				pay := ps[0]
				meta := map[string]string{billing.MetaPaymentID: pay.ID, billing.MetaUserID: x.user, billing.MetaPackage: "starter"}
				session := x.event("checkout.session.completed", x.next(), map[string]any{"id": co.SessionID, "object": "checkout.session",
					"mode": "payment", "payment_status": "paid", "amount_total": 500, "currency": "usd", "customer": pay.StripeCustomerID,
					"payment_intent": "pi_from_checkout", "metadata": meta})
				intent := x.event("payment_intent.succeeded", x.next(), map[string]any{"id": "pi_from_checkout", "object": "payment_intent",
					"amount": 500, "amount_received": 500, "currency": "usd", "status": "succeeded", "metadata": meta})
				if order == "session first" {
					x.mustDeliver(session, intent, session)
				} else {
					x.mustDeliver(intent, session, intent)
				}
				x.ledger(8, "purchase:5:"+pay.ID)
				// The refund finds the payment by the intent Stripe created.
				x.mustDeliver(x.event("charge.refunded", x.next(), charge(map[string]any{"id": "pi_from_checkout", "amount": 500}, 500)))
				x.ledger(3, "purchase:5:"+pay.ID, "refund:-5:"+pay.ID)
			})
		})
	}
}

func TestUnpaidCheckoutAndWrongAmount(t *testing.T) {
	engines(t, func(t *testing.T, x *h) {
		in, pi := x.intent("starter")
		short := map[string]any{}
		for k, v := range pi {
			short[k] = v
		}
		short["amount_received"] = 100
		x.mustDeliver(x.event("payment_intent.succeeded", x.next(), short))
		x.ledger(3) // paid less than the pack costs: nothing granted
		if p := x.payment(in.PaymentID); p.Status != billing.PaymentPending {
			t.Fatalf("status %s", p.Status)
		}
	})
}

// Refunds take credits back in proportion, cumulative amounts replayed and
// duplicated; what was already spent becomes debt, never a negative balance.
func TestRefundsAndDebt(t *testing.T) {
	engines(t, func(t *testing.T, x *h) {
		in, pi := x.intent("pro") // 20 credits for 1500
		x.mustDeliver(x.event("payment_intent.succeeded", x.next(), pi))
		x.ledger(23, "purchase:20:"+in.PaymentID)
		half := x.event("charge.refunded", x.next(), charge(pi, 750))
		x.mustDeliver(half, half)
		x.ledger(13, "purchase:20:"+in.PaymentID, "refund:-10:"+in.PaymentID)
		// The candidate spends 10 of the remaining 13.
		if _, err := x.db.AddCredits(x.ctx(), x.user, -10, billing.TxUsage, "session-1", "interview"); err != nil {
			t.Fatal(err)
		}
		full := x.event("charge.refunded", x.next(), charge(pi, 1500))
		x.mustDeliver(full, half, full) // the older partial refund arrives late
		x.ledger(0, "purchase:20:"+in.PaymentID, "refund:-10:"+in.PaymentID, "usage:-10:session-1", "refund:-3:"+in.PaymentID)
		p := x.payment(in.PaymentID)
		if p.Status != billing.PaymentRefunded || p.CreditsReversed != 20 || p.CreditsDebt != 7 || p.RefundedCents != 1500 {
			t.Fatalf("payment %+v", p)
		}
		txs, _ := x.db.Transactions(x.ctx(), x.user, 1)
		if !strings.Contains(txs[0].Description, "7 already spent, recorded as debt") {
			t.Fatalf("debt not described: %q", txs[0].Description)
		}
		// A dispute over the same money takes nothing more.
		x.mustDeliver(x.event("charge.dispute.created", x.next(), map[string]any{"id": "dp_1", "object": "dispute", "amount": 1500,
			"currency": "usd", "charge": "ch_1", "payment_intent": pi["id"], "status": "needs_response", "metadata": map[string]string{}}))
		x.ledger(0, "purchase:20:"+in.PaymentID, "refund:-10:"+in.PaymentID, "usage:-10:session-1", "refund:-3:"+in.PaymentID)
	})
}

// A refund or dispute that overtakes the payment's own success event: the
// charge was paid, so it is granted and taken back; the late success adds
// nothing.
func TestRefundBeforeSuccess(t *testing.T) {
	engines(t, func(t *testing.T, x *h) {
		in, pi := x.intent("starter")
		x.mustDeliver(x.event("charge.dispute.created", x.next(), map[string]any{"id": "dp_2", "object": "dispute", "amount": 500,
			"currency": "usd", "charge": "ch_2", "payment_intent": pi["id"], "status": "needs_response", "metadata": map[string]string{}}))
		x.mustDeliver(x.event("payment_intent.succeeded", x.next()-100, pi))
		x.ledger(3, "purchase:5:"+in.PaymentID, "refund:-5:"+in.PaymentID)
		if p := x.payment(in.PaymentID); p.Status != billing.PaymentRefunded || p.CreditsDebt != 0 {
			t.Fatalf("payment %+v", p)
		}
	})
}

func subscription(x *h, status string, cancel bool, price string) map[string]any {
	now := time.Now().Unix()
	return map[string]any{"id": "sub_1", "object": "subscription", "customer": "cus_sub", "status": status, "cancel_at_period_end": cancel,
		"metadata": map[string]string{billing.MetaUserID: x.user, billing.MetaTier: "pro"},
		"items": map[string]any{"object": "list", "data": []any{map[string]any{"id": "si_1", "object": "subscription_item",
			"price": map[string]any{"id": price, "object": "price"}, "current_period_start": now, "current_period_end": now + 30*86400}}}}
}

func invoice(x *h, id, price string) map[string]any {
	now := time.Now().Unix()
	return map[string]any{"id": id, "object": "invoice", "customer": "cus_sub", "amount_paid": 2900, "currency": "usd", "status": "paid",
		"period_start": now, "period_end": now,
		"parent": map[string]any{"type": "subscription_details", "subscription_details": map[string]any{"subscription": "sub_1",
			"metadata": map[string]string{billing.MetaUserID: x.user, billing.MetaTier: "pro"}}},
		"lines": map[string]any{"object": "list", "data": []any{map[string]any{"id": "il_1", "object": "line_item",
			"period":  map[string]any{"start": now, "end": now + 30*86400},
			"pricing": map[string]any{"type": "price_details", "price_details": map[string]any{"price": price, "product": "prod_1"}}}}}}
}

// The invoice overtakes the subscription's creation; updates arrive out of
// order; each paid invoice grants once; deletion is final.
func TestSubscriptionLifecycleOutOfOrder(t *testing.T) {
	engines(t, func(t *testing.T, x *h) {
		co, err := x.svc.Subscribe(x.ctx(), x.customer(), "pro")
		if err != nil || co.URL == "" {
			t.Fatalf("Subscribe = %+v, %v", co, err)
		}
		t0 := x.next()
		created := x.event("customer.subscription.created", t0, subscription(x, "incomplete", false, "price_pro"))
		paid := x.event("invoice.paid", t0+1, invoice(x, "in_1", "price_pro"))
		active := x.event("customer.subscription.updated", t0+2, subscription(x, "active", false, "price_pro"))
		x.mustDeliver(paid, paid) // first, and twice
		x.ledger(23, "purchase:20:in_1")
		if x.tier() != account.TierPro {
			t.Fatalf("tier after the invoice = %q", x.tier())
		}
		x.mustDeliver(active, created) // the newer state, then the older
		subs, _ := x.db.Subscriptions(x.ctx(), x.user)
		if len(subs) != 1 || subs[0].Status != billing.SubActive || x.tier() != account.TierPro {
			t.Fatalf("subscriptions %+v tier %s", subs, x.tier())
		}
		// The same invoice again under a new event id grants nothing; the
		// next month's invoice grants again.
		x.mustDeliver(x.event("invoice.paid", x.next(), invoice(x, "in_1", "price_pro")))
		x.mustDeliver(x.event("invoice.paid", x.next(), invoice(x, "in_2", "price_pro")))
		x.ledger(43, "purchase:20:in_1", "purchase:20:in_2")
		// A mid-period proration invoice grants nothing.
		proration := invoice(x, "in_3", "price_pro")
		proration["billing_reason"] = "subscription_update"
		x.mustDeliver(x.event("invoice.paid", x.next(), proration))
		x.ledger(43, "purchase:20:in_1", "purchase:20:in_2")
		// A plan change in the portal: the price decides the tier.
		x.mustDeliver(x.event("customer.subscription.updated", x.next(), subscription(x, "active", false, "price_ent")))
		if x.tier() != account.TierEnterprise {
			t.Fatalf("tier after upgrading = %q", x.tier())
		}
		if _, err := x.svc.Subscribe(x.ctx(), x.customer(), "enterprise"); !mockroom.IsKind(err, mockroom.KindConflict) {
			t.Fatalf("second subscription: %v", err)
		}
		if sub, err := x.svc.CancelSubscription(x.ctx(), x.user); err != nil || !sub.CancelAtPeriodEnd {
			t.Fatalf("cancel = %+v, %v", sub, err)
		}
		if url, err := x.svc.PortalURL(x.ctx(), x.user); err != nil || url == "" {
			t.Fatalf("portal = %q, %v", url, err)
		}
		if err := x.svc.CancelAllNow(x.ctx(), x.user); err != nil {
			t.Fatalf("cancel for deletion: %v", err)
		}
		canceling := x.event("customer.subscription.updated", x.next(), subscription(x, "active", true, "price_pro"))
		deleted := x.event("customer.subscription.deleted", x.next(), subscription(x, "canceled", true, "price_pro"))
		x.mustDeliver(deleted, canceling, active)
		subs, _ = x.db.Subscriptions(x.ctx(), x.user)
		if len(subs) != 1 || subs[0].Status != billing.SubCanceled || x.tier() != account.TierFree {
			t.Fatalf("after deletion: %+v tier %s", subs, x.tier())
		}
		x.ledger(43, "purchase:20:in_1", "purchase:20:in_2")
	})
}

// Forged, re-signed with another secret, tampered with, or too old: the
// webhook refuses and nothing changes.
func TestWebhookSignature(t *testing.T) {
	engines(t, func(t *testing.T, x *h) {
		_, pi := x.intent("starter")
		ev := x.event("payment_intent.succeeded", x.next(), pi)
		cases := []struct {
			name string
			send func() error
			code string
		}{
			{"wrong secret", func() error { return x.deliverAt(ev, time.Now(), "whsec_other") }, "invalid_signature"},
			{"old timestamp", func() error { return x.deliverAt(ev, time.Now().Add(-stripepay.Tolerance-time.Minute), secret) }, "signature_expired"},
			{"tampered body", func() error {
				sp := webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: ev, Secret: secret})
				forged := []byte(strings.Replace(string(ev), `"amount":500`, `"amount":5`, 1))
				return x.svc.Webhook(context.Background(), forged, sp.Header)
			}, "invalid_signature"},
			{"no header", func() error { return x.svc.Webhook(context.Background(), ev, "") }, "invalid_signature"},
		}
		for _, tc := range cases {
			err := tc.send()
			if e := mockroom.AsError(err); e == nil || e.Code != tc.code || !mockroom.IsKind(err, mockroom.KindInvalid) {
				t.Fatalf("%s: %v, want %s", tc.name, err, tc.code)
			}
		}
		x.ledger(3)
	})
}

// Several workers (instances) handed the same event at once grant it once.
func TestConcurrentDuplicates(t *testing.T) {
	engines(t, func(t *testing.T, x *h) {
		in, pi := x.intent("starter")
		ev := x.event("payment_intent.succeeded", x.next(), pi)
		errs := make(chan error, 8)
		for range 8 {
			go func() {
				errs <- x.svc.HandleEvent(context.Background(), events.Delivery{Event: events.Event{Topic: billing.Topic, Payload: ev}, Group: billing.Group})
			}()
		}
		for range 8 {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
		x.ledger(8, "purchase:5:"+in.PaymentID)
	})
}

// Events that carry none of our metadata still find the user: the
// subscription Checkout Session we created links its subscription and
// customer, and later events follow the subscription.
func TestSubscriptionWithoutMetadata(t *testing.T) {
	engines(t, func(t *testing.T, x *h) {
		co, err := x.svc.Subscribe(x.ctx(), x.customer(), "pro")
		if err != nil {
			t.Fatal(err)
		}
		bare := func(m map[string]any) map[string]any {
			m["metadata"] = map[string]string{}
			m["customer"] = "cus_unknown_to_us"
			if p, ok := m["parent"].(map[string]any); ok {
				p["subscription_details"].(map[string]any)["metadata"] = map[string]string{}
			}
			m["id"] = strings.Replace(m["id"].(string), "sub_1", "sub_9", 1)
			if p, ok := m["parent"].(map[string]any); ok {
				p["subscription_details"].(map[string]any)["subscription"] = "sub_9"
			}
			return m
		}
		completed := x.event("checkout.session.completed", x.next(), map[string]any{"id": co.SessionID, "object": "checkout.session",
			"mode": "subscription", "payment_status": "paid", "customer": "cus_unknown_to_us", "subscription": "sub_9", "metadata": map[string]string{}})
		paid := x.event("invoice.paid", x.next(), bare(invoice(x, "in_9", "price_pro")))
		x.mustDeliver(completed, paid, paid)
		x.ledger(23, "purchase:20:in_9")
		if x.tier() != account.TierPro {
			t.Fatalf("tier %q", x.tier())
		}
		x.mustDeliver(x.event("customer.subscription.deleted", x.next(), bare(subscription(x, "canceled", false, "price_pro"))))
		if x.tier() != account.TierFree {
			t.Fatalf("tier after deletion %q", x.tier())
		}
		x.ledger(23, "purchase:20:in_9")
	})
}

// A pack bought through Checkout whose events carry no metadata: the
// session id finds the payment, the intent it reports finds the refund.
func TestCheckoutWithoutMetadata(t *testing.T) {
	engines(t, func(t *testing.T, x *h) {
		co, err := x.svc.CheckoutPack(x.ctx(), x.customer(), "pro")
		if err != nil {
			t.Fatal(err)
		}
		p := x.payment(co.PaymentID)
		if p.StripeCheckoutSessionID != co.SessionID || p.StripePaymentIntentID != co.SessionID {
			t.Fatalf("payment refs %+v", p)
		}
		completed := x.event("checkout.session.completed", x.next(), map[string]any{"id": co.SessionID, "object": "checkout.session",
			"mode": "payment", "payment_status": "paid", "amount_total": 1500, "currency": "usd", "payment_intent": "pi_bare", "metadata": map[string]string{}})
		x.mustDeliver(completed, completed)
		x.ledger(23, "purchase:20:"+co.PaymentID)
		refund := x.event("charge.refunded", x.next(), charge(map[string]any{"id": "pi_bare", "amount": 1500}, 1500))
		x.mustDeliver(refund, refund)
		x.ledger(3, "purchase:20:"+co.PaymentID, "refund:-20:"+co.PaymentID)
		if p := x.payment(co.PaymentID); p.Status != billing.PaymentRefunded || p.StripePaymentIntentID != "pi_bare" {
			t.Fatalf("payment %+v", p)
		}
	})
}
