package main

import (
	"strings"
	"testing"
	"time"
)

func TestPaymentsConfig(t *testing.T) {
	c, err := loadConfig("", "", envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	p := c.Payments
	if p.Enabled() || len(p.Catalogue.Packs) != 3 || p.Catalogue.Packs[0].Name != "starter" || p.Catalogue.Packs[2].Credits != 100 ||
		len(p.Catalogue.Plans) != 2 || p.Catalogue.Plans[0].PriceID != "" || p.Catalogue.PublicURL != "http://localhost:8080" || p.Tolerance != 5*time.Minute {
		t.Fatalf("payment defaults = %+v", p)
	}
	c, err = loadConfig("", "", envOf(map[string]string{"STRIPE_SECRET_KEY": "sk_test_1", "STRIPE_WEBHOOK_SECRET": "whsec_1",
		"STRIPE_API_URL": "http://localhost:12111/", "STRIPE_PRICE_PRO": "price_p", "CREDIT_PACKS": "small:100:1, big:900:10",
		"SUBSCRIPTION_PLANS": "pro:40:2500", "PAYMENTS_CURRENCY": "EUR", "STRIPE_WEBHOOK_TOLERANCE": "2m"}))
	if err != nil {
		t.Fatal(err)
	}
	p = c.Payments
	if !p.Enabled() || p.APIURL != "http://localhost:12111" || p.Tolerance != 2*time.Minute || len(p.Catalogue.Packs) != 2 ||
		p.Catalogue.Packs[1].Name != "big" || p.Catalogue.Packs[1].AmountCents != 900 || p.Catalogue.Packs[1].Currency != "eur" ||
		len(p.Catalogue.Plans) != 1 || p.Catalogue.Plans[0].PriceID != "price_p" || p.Catalogue.Plans[0].MonthlyCredits != 40 || p.Catalogue.Plans[0].AmountCents != 2500 {
		t.Fatalf("payments = %+v", p)
	}
	key := map[string]string{"STRIPE_SECRET_KEY": "sk_test_1", "STRIPE_WEBHOOK_SECRET": "whsec_1"}
	with := func(kv ...string) map[string]string {
		m := map[string]string{}
		for k, v := range key {
			m[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	cases := []struct {
		env  map[string]string
		name string
	}{
		{map[string]string{"STRIPE_SECRET_KEY": "pk_test_1", "STRIPE_WEBHOOK_SECRET": "whsec_1"}, "STRIPE_SECRET_KEY"},
		{map[string]string{"STRIPE_SECRET_KEY": "sk_test_1"}, "STRIPE_WEBHOOK_SECRET"},
		{with("STRIPE_WEBHOOK_SECRET", "secret"), "STRIPE_WEBHOOK_SECRET"},
		{with("STRIPE_API_URL", "localhost:12111"), "STRIPE_API_URL"},
		{with("STRIPE_WEBHOOK_TOLERANCE", "1s"), "STRIPE_WEBHOOK_TOLERANCE"},
		{with("CREDIT_PACKS", "starter:500"), "CREDIT_PACKS"},
		{with("CREDIT_PACKS", "starter:10:1"), "CREDIT_PACKS"},
		{with("CREDIT_PACKS", "a:500:1,a:600:2"), "CREDIT_PACKS"},
		{with("SUBSCRIPTION_PLANS", "gold:10:100"), "SUBSCRIPTION_PLANS"},
		{with("STRIPE_PRICE_ENTERPRISE", "prod_1"), "STRIPE_PRICE_ENTERPRISE"},
		{with("PAYMENTS_CURRENCY", "dollars"), "PAYMENTS_CURRENCY"},
	}
	for _, tc := range cases {
		_, err := loadConfig("", "", envOf(tc.env))
		if err == nil || !strings.Contains(err.Error(), tc.name+":") {
			t.Errorf("%v: error %v, want one naming %s", tc.env, err, tc.name)
		}
	}
}
