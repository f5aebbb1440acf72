package main

import (
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/mockroom/mockroom/billing"
	"github.com/mockroom/mockroom/billing/stripepay"
)

// PaymentsConfig is Stripe and the catalogue. With no STRIPE_SECRET_KEY
// payments are off: the routes answer payments_disabled and the app says so.
type PaymentsConfig struct {
	SecretKey     string        // STRIPE_SECRET_KEY
	WebhookSecret string        // STRIPE_WEBHOOK_SECRET
	APIURL        string        // STRIPE_API_URL (stripe-mock); empty = api.stripe.com
	Tolerance     time.Duration // STRIPE_WEBHOOK_TOLERANCE
	Catalogue     billing.Config
}

// Enabled reports whether payments are on.
func (c PaymentsConfig) Enabled() bool { return c.SecretKey != "" }

// Defaults: the seed's packs (starter, pro, unlimited) and tiers.
const (
	defaultCreditPacks       = "starter:500:5,pro:1500:20,unlimited:4900:100"
	defaultSubscriptionPlans = "pro:30:1900,enterprise:200:9900"
)

func loadPayments(env func(string) string, baseURL string) (PaymentsConfig, error) {
	c := PaymentsConfig{
		SecretKey:     env("STRIPE_SECRET_KEY"),
		WebhookSecret: env("STRIPE_WEBHOOK_SECRET"),
		APIURL:        strings.TrimRight(env("STRIPE_API_URL"), "/"),
		Tolerance:     stripepay.Tolerance,
	}
	if c.SecretKey != "" && !strings.HasPrefix(c.SecretKey, "sk_") && !strings.HasPrefix(c.SecretKey, "rk_") {
		return c, &configError{"STRIPE_SECRET_KEY", "must be a Stripe secret key (sk_live_..., sk_test_... or a restricted rk_...), or unset to turn payments off"}
	}
	if c.SecretKey != "" && c.WebhookSecret == "" {
		return c, &configError{"STRIPE_WEBHOOK_SECRET", "must be set with STRIPE_SECRET_KEY: the webhook endpoint's signing secret (whsec_...), or no payment is ever credited"}
	}
	if c.WebhookSecret != "" && !strings.HasPrefix(c.WebhookSecret, "whsec_") {
		return c, &configError{"STRIPE_WEBHOOK_SECRET", "must be a webhook signing secret (whsec_...)"}
	}
	if c.APIURL != "" {
		if u, err := url.Parse(c.APIURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return c, &configError{"STRIPE_API_URL", fmt.Sprintf("%q must be an http(s) URL such as http://localhost:12111 (stripe-mock), or unset for api.stripe.com", c.APIURL)}
		}
	}
	if v := env("STRIPE_WEBHOOK_TOLERANCE"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 30*time.Second || d > time.Hour {
			return c, &configError{"STRIPE_WEBHOOK_TOLERANCE", fmt.Sprintf("%q must be a duration from 30s to 1h, like 5m", v)}
		}
		c.Tolerance = d
	}
	currency := strings.ToLower(firstNonEmpty(env("PAYMENTS_CURRENCY"), "usd"))
	if len(currency) != 3 || strings.Trim(currency, "abcdefghijklmnopqrstuvwxyz") != "" {
		return c, &configError{"PAYMENTS_CURRENCY", fmt.Sprintf("%q must be a three-letter ISO currency code such as usd or eur", currency)}
	}
	c.Catalogue.PublicURL = baseURL
	packs, err := parseTriples(firstNonEmpty(env("CREDIT_PACKS"), defaultCreditPacks))
	if err != nil {
		return c, &configError{"CREDIT_PACKS", err.Error() + `; use name:amount_cents:credits,... such as ` + defaultCreditPacks}
	}
	for _, p := range packs {
		if p.amount < 50 {
			return c, &configError{"CREDIT_PACKS", fmt.Sprintf("pack %q costs %d cents; Stripe's minimum charge is 50", p.name, p.amount)}
		}
		c.Catalogue.Packs = append(c.Catalogue.Packs, billing.Pack{Name: p.name, AmountCents: p.amount, Credits: p.credits, Currency: currency})
	}
	plans, err := parseTriples(firstNonEmpty(env("SUBSCRIPTION_PLANS"), defaultSubscriptionPlans))
	if err != nil {
		return c, &configError{"SUBSCRIPTION_PLANS", err.Error() + `; use tier:monthly_credits:amount_cents,... such as ` + defaultSubscriptionPlans}
	}
	prices := map[string]string{"pro": env("STRIPE_PRICE_PRO"), "enterprise": env("STRIPE_PRICE_ENTERPRISE")}
	for _, p := range plans {
		price, ok := prices[p.name]
		if !ok {
			return c, &configError{"SUBSCRIPTION_PLANS", fmt.Sprintf("tier %q must be pro or enterprise", p.name)}
		}
		if price != "" && !strings.HasPrefix(price, "price_") {
			return c, &configError{"STRIPE_PRICE_" + strings.ToUpper(p.name), fmt.Sprintf("%q must be a Stripe price id (price_...) of a monthly recurring price", price)}
		}
		// Triples are name:a:b; for plans a is the monthly credits and b the
		// price shown (Stripe's price decides what is charged).
		c.Catalogue.Plans = append(c.Catalogue.Plans, billing.Plan{Tier: p.name, PriceID: price, MonthlyCredits: p.amount,
			AmountCents: p.credits, Currency: currency})
	}
	return c, nil
}

type triple struct {
	name            string
	amount, credits int
}

// parseTriples reads name:int:int,... with unique names and positive numbers.
func parseTriples(v string) ([]triple, error) {
	var out []triple
	seen := map[string]bool{}
	for _, item := range strings.Split(v, ",") {
		parts := strings.Split(strings.TrimSpace(item), ":")
		if len(parts) != 3 {
			return nil, fmt.Errorf("%q is not name:number:number", strings.TrimSpace(item))
		}
		name := strings.ToLower(strings.TrimSpace(parts[0]))
		a, err1 := strconv.Atoi(strings.TrimSpace(parts[1]))
		b, err2 := strconv.Atoi(strings.TrimSpace(parts[2]))
		if name == "" || err1 != nil || err2 != nil || a <= 0 || b <= 0 {
			return nil, fmt.Errorf("%q needs a name and two positive whole numbers", strings.TrimSpace(item))
		}
		if seen[name] {
			return nil, fmt.Errorf("%q is listed twice", name)
		}
		seen[name] = true
		out = append(out, triple{name, a, b})
	}
	return out, nil
}

// newPayments builds the payments service, or nil when payments are off.
func newPayments(c PaymentsConfig, store billing.PaymentStore, bus billing.Publisher, log *slog.Logger) *billing.Service {
	if !c.Enabled() {
		log.Info("payments off: no STRIPE_SECRET_KEY (routes answer payments_disabled; grant credits with mockroom credits)")
		return nil
	}
	gw := stripepay.New(stripepay.Config{SecretKey: c.SecretKey, WebhookSecret: c.WebhookSecret, APIURL: c.APIURL, Tolerance: c.Tolerance})
	var plans []string
	for _, p := range c.Catalogue.Plans {
		if p.PriceID != "" {
			plans = append(plans, p.Tier)
		}
	}
	log.Info("payments on", "api", firstNonEmpty(c.APIURL, "https://api.stripe.com"), "packs", len(c.Catalogue.Packs),
		"plans", strings.Join(plans, ","), "webhook", "/api/payments/webhook")
	return billing.NewService(c.Catalogue, gw, store, bus, log)
}
