package storagetest

import (
	"errors"
	"testing"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/billing"
	"github.com/mockroom/mockroom/storage"
)

// A Stripe event applies once; a failing one leaves nothing behind and can
// be applied again; payments, subscriptions and customers are the owner's.
func testPayments(t *testing.T, db storage.DB) {
	u := newUser(t, db, "payer@example.com")
	other := newUser(t, db, "other-payer@example.com")
	p := &billing.Payment{UserID: u.ID, StripePaymentIntentID: "pi_1", Package: "starter", AmountCents: 500, Currency: "usd", Credits: 5}
	must(t, db.CreatePayment(asUser(u.ID), p))
	wantKind(t, db.CreatePayment(asUser(other.ID), &billing.Payment{UserID: u.ID, StripePaymentIntentID: "pi_2", Credits: 1}), mockroom.KindForbidden, "")
	wantKind(t, db.CreatePayment(ctx, &billing.Payment{UserID: u.ID, StripePaymentIntentID: "pi_1", Credits: 1}), mockroom.KindConflict, "")

	grant := func(tx billing.PaymentTx) (string, error) {
		got, err := tx.PaymentByIntent("pi_1")
		if err != nil || got == nil || got.ID != p.ID {
			t.Fatalf("PaymentByIntent = %+v, %v", got, err)
		}
		got.Status = billing.PaymentSucceeded
		if _, err := tx.AddCredits(u.ID, got.Credits, billing.TxPurchase, got.ID, "bought"); err != nil {
			return "", err
		}
		return "granted", tx.UpdatePayment(got)
	}
	boom := errors.New("crash before commit")
	// A failure rolls back the mark and the credits together.
	_, err := db.ApplyStripeEvent(ctx, "evt_1", "payment_intent.succeeded", func(tx billing.PaymentTx) (string, error) {
		if _, err := grant(tx); err != nil {
			return "", err
		}
		return "", boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("failing apply: %v", err)
	}
	if bal, _ := db.Balance(ctx, u.ID); bal != 3 {
		t.Fatalf("balance after a rolled-back event = %d, want 3", bal)
	}
	for i, want := range []bool{true, false, false} {
		applied, err := db.ApplyStripeEvent(ctx, "evt_1", "payment_intent.succeeded", grant)
		must(t, err)
		if applied != want {
			t.Fatalf("delivery %d applied = %v, want %v", i, applied, want)
		}
	}
	if bal, _ := db.Balance(ctx, u.ID); bal != 8 {
		t.Fatalf("balance = %d, want 8", bal)
	}
	ps, err := db.Payments(asUser(u.ID), u.ID, 10)
	must(t, err)
	if len(ps) != 1 || ps[0].Status != billing.PaymentSucceeded || ps[0].Credits != 5 || ps[0].Package != "starter" {
		t.Fatalf("Payments = %+v", ps)
	}
	if ps, _ := db.Payments(asUser(other.ID), u.ID, 10); len(ps) != 0 {
		t.Fatalf("another user sees %+v", ps)
	}

	// Customers: the first link wins.
	c, err := db.LinkStripeCustomer(asUser(u.ID), u.ID, "cus_A")
	must(t, err)
	c2, err := db.LinkStripeCustomer(ctx, u.ID, "cus_B")
	must(t, err)
	if c != "cus_A" || c2 != "cus_A" {
		t.Fatalf("customer links %q %q", c, c2)
	}
	if c, _ := db.StripeCustomer(asUser(other.ID), u.ID); c != "" {
		t.Fatalf("another user reads the customer %q", c)
	}

	must(t, db.RecordSubscriptionCheckout(asUser(u.ID), "cs_sub", u.ID, "pro"))
	wantKind(t, db.RecordSubscriptionCheckout(asUser(other.ID), "cs_sub2", u.ID, "pro"), mockroom.KindForbidden, "")
	_, err = db.ApplyStripeEvent(ctx, "evt_cs", "checkout.session.completed", func(tx billing.PaymentTx) (string, error) {
		uid, tier, err := tx.SubscriptionCheckout("cs_sub")
		if err != nil || uid != u.ID || tier != "pro" {
			t.Fatalf("SubscriptionCheckout = %q %q %v", uid, tier, err)
		}
		if uid, _, _ := tx.SubscriptionCheckout("cs_other"); uid != "" {
			t.Fatalf("unknown session belongs to %q", uid)
		}
		return "", nil
	})
	must(t, err)

	// Subscriptions set the profile's tier; invoices are recorded once.
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	_, err = db.ApplyStripeEvent(ctx, "evt_2", "customer.subscription.created", func(tx billing.PaymentTx) (string, error) {
		if uid, err := tx.UserByCustomer("cus_A"); err != nil || uid != u.ID {
			t.Fatalf("UserByCustomer = %q, %v", uid, err)
		}
		s := &billing.Subscription{UserID: u.ID, StripeSubscriptionID: "sub_1", StripeCustomerID: "cus_A", Tier: "enterprise", Status: billing.SubActive,
			CurrentPeriodStart: start, CurrentPeriodEnd: start.AddDate(0, 1, 0), EventAt: 100}
		if err := tx.SaveSubscription(s); err != nil {
			return "", err
		}
		for i, want := range []bool{true, false} {
			fresh, err := tx.RecordInvoice(billing.InvoiceGrant{InvoiceID: "in_1", UserID: u.ID, StripeSubscriptionID: "sub_1", Tier: "enterprise", Credits: 50})
			if err != nil || fresh != want {
				t.Fatalf("RecordInvoice %d = %v, %v", i, fresh, err)
			}
		}
		got, err := tx.Subscription("sub_1")
		if err != nil || got == nil || got.EventAt != 100 || !got.CurrentPeriodEnd.Equal(start.AddDate(0, 1, 0)) {
			t.Fatalf("Subscription = %+v, %v", got, err)
		}
		// An older state never overwrites a newer one.
		older := *got
		older.Tier, older.EventAt = "pro", 50
		if err := tx.SaveSubscription(&older); err != nil {
			return "", err
		}
		if got, _ := tx.Subscription("sub_1"); got.Tier != "enterprise" {
			t.Fatalf("an older event overwrote the subscription: %+v", got)
		}
		got.Status, got.CancelAtPeriodEnd, got.EventAt = billing.SubCanceled, true, 200
		if err := tx.SaveSubscription(got); err != nil {
			return "", err
		}
		// Canceled is final.
		revived := *got
		revived.Status, revived.EventAt = billing.SubActive, 300
		return "", tx.SaveSubscription(&revived)
	})
	must(t, err)
	subs, err := db.Subscriptions(asUser(u.ID), u.ID)
	must(t, err)
	if len(subs) != 1 || subs[0].Status != billing.SubCanceled || !subs[0].CancelAtPeriodEnd || subs[0].Tier != "enterprise" {
		t.Fatalf("Subscriptions = %+v", subs)
	}
	prof, err := db.Profile(ctx, u.ID)
	must(t, err)
	if prof.SubscriptionTier != "free" {
		t.Fatalf("tier after cancel = %q", prof.SubscriptionTier)
	}
	if s, _ := db.Subscriptions(asUser(other.ID), u.ID); len(s) != 0 {
		t.Fatalf("another user sees %+v", s)
	}
}
