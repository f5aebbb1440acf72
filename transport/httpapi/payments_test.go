package httpapi_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/stripe/stripe-go/v82"
	"github.com/stripe/stripe-go/v82/webhook"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/billing"
	"github.com/mockroom/mockroom/billing/stripepay"
	"github.com/mockroom/mockroom/internal/apptest"
	"github.com/mockroom/mockroom/internal/stripemock"
	"github.com/mockroom/mockroom/internal/testenv"
)

// Without a Stripe key every payment route says payments are off, and the
// catalogue says so too.
func TestPaymentsDisabled(t *testing.T) {
	app := apptest.New(t, apptest.Options{})
	c := app.Client()
	c.Signup("nopay@example.com")
	var cfg struct {
		Enabled bool
		Packs   []any
	}
	if r := c.Do("GET", "/api/payments/config", nil); r.Status != http.StatusOK {
		t.Fatalf("config: %d %s", r.Status, r.Body)
	} else if r.JSON(t, &cfg); cfg.Enabled || len(cfg.Packs) != 0 {
		t.Fatalf("config %+v", cfg)
	}
	for _, rt := range []struct{ method, path string }{
		{"POST", "/api/payments/create-intent"}, {"POST", "/api/payments/checkout"}, {"POST", "/api/payments/webhook"},
		{"POST", "/api/subscriptions/create"}, {"POST", "/api/subscriptions/cancel"}, {"GET", "/api/subscriptions/portal"}, {"GET", "/api/payments"},
	} {
		r := c.Do(rt.method, rt.path, map[string]string{"creditPackage": "starter"})
		if r.Status != http.StatusServiceUnavailable || r.ErrCode(t) != "payments_disabled" {
			t.Errorf("%s %s: %d %s", rt.method, rt.path, r.Status, r.Body)
		}
	}
	if r := c.Do("GET", "/api/subscriptions", nil); r.Status != http.StatusOK {
		t.Fatalf("subscriptions: %d %s", r.Status, r.Body)
	}
}

// The whole path on both engines: checkout on stripe-mock, Stripe's signed
// webhook over HTTP (twice, plus a forgery), the durable bus, the ledger.
func TestPaymentsOverHTTP(t *testing.T) {
	api := stripemock.Start(t)
	for _, engine := range apptest.Engines {
		t.Run(engine, func(t *testing.T) {
			const secret = "whsec_http"
			var svc *billing.Service
			app := apptest.New(t, apptest.Options{Postgres: engine == "postgres",
				Payments: func(store billing.PaymentStore, bus billing.Publisher) *billing.Service {
					gw := stripepay.New(stripepay.Config{SecretKey: "sk_test_1", WebhookSecret: secret, APIURL: api})
					svc = billing.NewService(billing.Config{
						Packs: []billing.Pack{{Name: "starter", AmountCents: 500, Credits: 5, Currency: "usd"}},
						Plans: []billing.Plan{{Tier: "pro", PriceID: "price_pro", MonthlyCredits: 30, AmountCents: 1900, Currency: "usd"}},
					}, gw, store, bus, slog.New(slog.DiscardHandler))
					return svc
				},
			})
			c := app.Client()
			uid := c.Signup("buyer@example.com")
			var co billing.Checkout
			r := c.Do("POST", "/api/payments/checkout", map[string]string{"creditPackage": "starter"})
			if r.Status != http.StatusOK {
				t.Fatalf("checkout: %d %s", r.Status, r.Body)
			}
			r.JSON(t, &co)
			if r := c.Do("POST", "/api/payments/checkout", map[string]string{"creditPackage": "gold"}); r.Status != http.StatusBadRequest || r.ErrCode(t) != "invalid_credit_package" {
				t.Fatalf("unknown pack: %d %s", r.Status, r.Body)
			}
			var intent struct {
				ClientSecret string
				Amount       int
				Credits      int
			}
			if r := c.Do("POST", "/api/payments/create-intent", map[string]string{"creditPackage": "starter"}); r.Status != http.StatusOK {
				t.Fatalf("create-intent: %d %s", r.Status, r.Body)
			} else if r.JSON(t, &intent); intent.ClientSecret == "" || intent.Amount != 500 || intent.Credits != 5 {
				t.Fatalf("intent %+v", intent)
			}
			var list struct{ Payments []billing.Payment }
			c.Do("GET", "/api/payments", nil).JSON(t, &list)
			if len(list.Payments) != 2 {
				t.Fatalf("payments %+v", list)
			}
			payID := co.PaymentID
			ps, _ := app.DB.Payments(mockroom.AsService(context.Background()), uid, 10)
			if i := slices.IndexFunc(ps, func(p billing.Payment) bool { return p.ID == payID }); i < 0 || ps[i].StripeCheckoutSessionID != co.SessionID {
				t.Fatalf("checkout payment %s not recorded with its session: %+v", payID, ps)
			}
			ev, _ := json.Marshal(map[string]any{"id": "evt_http_1", "object": "event", "api_version": stripe.APIVersion, "created": time.Now().Unix(),
				"type": "checkout.session.completed", "data": map[string]any{"object": map[string]any{"id": co.SessionID, "object": "checkout.session",
					"mode": "payment", "payment_status": "paid", "amount_total": 500, "currency": "usd", "payment_intent": "pi_http",
					"metadata": map[string]string{billing.MetaPaymentID: payID, billing.MetaUserID: uid, billing.MetaPackage: "starter"}}}})
			stripeClient := app.Client() // Stripe has no session cookie
			post := func(body []byte, key string) apptest.Reply {
				sp := webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: body, Secret: key})
				return stripeClient.Do("POST", "/api/payments/webhook", body, "Stripe-Signature", sp.Header)
			}
			if r := post(ev, "whsec_forged"); r.Status != http.StatusBadRequest || r.ErrCode(t) != "invalid_signature" {
				t.Fatalf("forged: %d %s", r.Status, r.Body)
			}
			for range 2 {
				if r := post(ev, secret); r.Status != http.StatusOK {
					t.Fatalf("webhook: %d %s", r.Status, r.Body)
				}
			}
			var credits struct {
				Balance      int
				Transactions []billing.CreditTransaction
			}
			ok := testenv.Eventually(10*time.Second, func() bool {
				c.Do("GET", "/api/users/credits", nil).JSON(t, &credits)
				return credits.Balance == 8
			})
			if !ok {
				t.Fatalf("credits never arrived: %+v", credits)
			}
			// A redelivery after processing, past the bus's own dedup window.
			if _, err := svc.Apply(context.Background(), mustParse(t, ev)); err != nil {
				t.Fatal(err)
			}
			c.Do("GET", "/api/users/credits", nil).JSON(t, &credits)
			if credits.Balance != 8 || len(credits.Transactions) != 2 || credits.Transactions[0].ReferenceID != payID {
				t.Fatalf("ledger %+v", credits)
			}
			var subs struct{ Tier string }
			c.Do("GET", "/api/subscriptions", nil).JSON(t, &subs)
			if subs.Tier != "free" {
				t.Fatalf("tier %q", subs.Tier)
			}
			if r := c.Do("POST", "/api/subscriptions/create", map[string]string{"tier": "pro"}); r.Status != http.StatusOK {
				t.Fatalf("subscribe: %d %s", r.Status, r.Body)
			}
			if r := c.Do("GET", "/api/subscriptions/portal", nil); r.Status != http.StatusOK {
				t.Fatalf("portal: %d %s", r.Status, r.Body)
			}
			if r := c.Do("POST", "/api/subscriptions/cancel", nil); r.Status != http.StatusNotFound || r.ErrCode(t) != "no_subscription" {
				t.Fatalf("cancel without a subscription: %d %s", r.Status, r.Body)
			}
			// Stripe reports the subscription; the tier follows, and it can
			// be cancelled at the end of the period.
			now := time.Now().Unix()
			sub := subscriptionCreated("evt_http_sub", "sub_http", "cus_http", uid, now)
			if r := post(sub, secret); r.Status != http.StatusOK {
				t.Fatalf("webhook: %d %s", r.Status, r.Body)
			}
			if !testenv.Eventually(10*time.Second, func() bool {
				c.Do("GET", "/api/subscriptions", nil).JSON(t, &subs)
				return subs.Tier == "pro"
			}) {
				t.Fatalf("tier never became pro: %+v", subs)
			}
			var canceled billing.Subscription
			if r := c.Do("POST", "/api/subscriptions/cancel", nil); r.Status != http.StatusOK {
				t.Fatalf("cancel: %d %s", r.Status, r.Body)
			} else if r.JSON(t, &canceled); !canceled.CancelAtPeriodEnd || canceled.Tier != "pro" {
				t.Fatalf("cancel answered %+v", canceled)
			}
			// Leaving: the deletion cancels the subscription at Stripe
			// (governance's BeforeDelete hook), then removes the account;
			// the payment stays for the books, with no link to the person.
			if r := c.Do("DELETE", "/api/users/data", map[string]string{"password": "correct horse"}); r.Status != http.StatusNoContent {
				t.Fatalf("delete account: %d %s", r.Status, r.Body)
			}
			if ps, err := app.DB.Payments(mockroom.AsService(context.Background()), uid, 10); err != nil || len(ps) != 0 {
				t.Fatalf("the deleted user's payments: %v %+v", err, ps)
			}
			if r := c.Do("GET", "/api/auth/session", nil); r.Status != http.StatusUnauthorized {
				t.Fatalf("signed in after deletion: %d", r.Status)
			}
		})
	}
}

func mustParse(t *testing.T, raw []byte) billing.Event {
	t.Helper()
	ev, err := stripepay.ParseEvent(raw)
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

// An account with a live subscription is not deleted while Stripe cannot
// cancel it: nobody is billed for an account that is gone.
func TestDeletionWaitsForStripe(t *testing.T) {
	const secret = "whsec_gone"
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := "http://" + ln.Addr().String() // closed at once: every Stripe call fails
	ln.Close()
	app := apptest.New(t, apptest.Options{
		Payments: func(store billing.PaymentStore, bus billing.Publisher) *billing.Service {
			gw := stripepay.New(stripepay.Config{SecretKey: "sk_test_1", WebhookSecret: secret, APIURL: dead})
			return billing.NewService(billing.Config{
				Plans: []billing.Plan{{Tier: "pro", PriceID: "price_pro", MonthlyCredits: 30, AmountCents: 1900, Currency: "usd"}},
			}, gw, store, bus, slog.New(slog.DiscardHandler))
		},
	})
	c := app.Client()
	uid := c.Signup("subscriber@example.com")
	now := time.Now().Unix()
	sub := subscriptionCreated("evt_gone_sub", "sub_gone", "cus_gone", uid, now)
	sp := webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: sub, Secret: secret})
	if r := app.Client().Do("POST", "/api/payments/webhook", sub, "Stripe-Signature", sp.Header); r.Status != http.StatusOK {
		t.Fatalf("webhook: %d %s", r.Status, r.Body)
	}
	var subs struct{ Tier string }
	if !testenv.Eventually(10*time.Second, func() bool { c.Do("GET", "/api/subscriptions", nil).JSON(t, &subs); return subs.Tier == "pro" }) {
		t.Fatalf("tier never became pro: %+v", subs)
	}
	r := c.Do("DELETE", "/api/users/data", map[string]string{"password": "correct horse"})
	if r.Status < 500 {
		t.Fatalf("deleted while Stripe was unreachable: %d %s", r.Status, r.Body)
	}
	if r := c.Do("GET", "/api/auth/session", nil); r.Status != http.StatusOK {
		t.Fatalf("the account is gone after a refused deletion: %d", r.Status)
	}
}

// subscriptionCreated is Stripe's customer.subscription.created for a pro
// subscription of ours (our metadata), a month long from now.
func subscriptionCreated(eventID, subID, customer, userID string, now int64) []byte {
	b, _ := json.Marshal(map[string]any{"id": eventID, "object": "event", "api_version": stripe.APIVersion, "created": now,
		"type": "customer.subscription.created", "data": map[string]any{"object": map[string]any{"id": subID, "object": "subscription",
			"customer": customer, "status": "active", "metadata": map[string]string{billing.MetaUserID: userID, billing.MetaTier: "pro"},
			"items": map[string]any{"object": "list", "data": []any{map[string]any{"id": "si_1", "object": "subscription_item",
				"price": map[string]any{"id": "price_pro", "object": "price"}, "current_period_start": now, "current_period_end": now + 86400*30}}}}}})
	return b
}
