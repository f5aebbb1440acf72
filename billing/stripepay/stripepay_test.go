package stripepay_test

import (
	"context"
	"strings"
	"testing"

	"github.com/mockroom/mockroom/billing"
	"github.com/mockroom/mockroom/billing/stripepay"
	"github.com/mockroom/mockroom/internal/stripemock"
)

// Every call the service makes, against stripe-mock (which validates the
// parameters against Stripe's OpenAPI spec).
func TestGatewayAgainstStripeMock(t *testing.T) {
	c := stripepay.New(stripepay.Config{SecretKey: "sk_test_123", APIURL: stripemock.Shared(t)})
	ctx := context.Background()
	meta := map[string]string{billing.MetaPaymentID: "p1", billing.MetaUserID: "u1", billing.MetaPackage: "starter"}
	cust, err := c.CreateCustomer(ctx, "u1", "ada@example.com")
	if err != nil || !strings.HasPrefix(cust, "cus_") {
		t.Fatalf("CreateCustomer = %q, %v", cust, err)
	}
	steps := []struct {
		name string
		run  func() error
	}{
		{"payment intent", func() error {
			id, secret, err := c.CreatePaymentIntent(ctx, billing.IntentRequest{Customer: cust, AmountCents: 500, Currency: "usd", Metadata: meta, IdempotencyKey: "k1"})
			if err == nil && (!strings.HasPrefix(id, "pi_") || secret == "") {
				t.Errorf("intent %q secret %q", id, secret)
			}
			return err
		}},
		{"checkout payment", func() error {
			id, url, err := c.CreateCheckout(ctx, billing.CheckoutRequest{Customer: cust, Name: "5 credits", AmountCents: 500, Currency: "usd",
				SuccessURL: "http://localhost/ok", CancelURL: "http://localhost/no", Metadata: meta})
			if err == nil && (!strings.HasPrefix(id, "cs_") || url == "") {
				t.Errorf("session %q url %q", id, url)
			}
			return err
		}},
		{"checkout subscription", func() error {
			_, _, err := c.CreateCheckout(ctx, billing.CheckoutRequest{Customer: cust, PriceID: "price_pro",
				SuccessURL: "http://localhost/ok", CancelURL: "http://localhost/no", Metadata: map[string]string{billing.MetaUserID: "u1", billing.MetaTier: "pro"}})
			return err
		}},
		{"cancel at period end", func() error { return c.CancelAtPeriodEnd(ctx, "sub_123") }},
		{"cancel now", func() error { return c.CancelNow(ctx, "sub_123") }},
		{"portal", func() error {
			url, err := c.PortalURL(ctx, cust, "http://localhost/settings")
			if err == nil && url == "" {
				t.Error("no portal url")
			}
			return err
		}},
	}
	for _, st := range steps {
		if err := st.run(); err != nil {
			t.Errorf("%s: %v", st.name, err)
		}
	}
}
