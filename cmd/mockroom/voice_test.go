package main

import (
	"context"
	"log/slog"
	"slices"
	"testing"
	"time"

	"github.com/mockroom/mockroom/account"
	"github.com/mockroom/mockroom/billing"
	"github.com/mockroom/mockroom/storage/sqlite"
)

// Voice is on for the speech models whose keys are set, routed as the
// seed says unless VOICE_PROVIDER names an order.
func TestVoiceConfig(t *testing.T) {
	cases := []struct {
		name       string
		env        map[string]string
		configured []string
		order      []string
		off        bool
	}{
		{"no keys: no voice", map[string]string{}, nil, nil, false},
		{"an OpenAI key", map[string]string{"OPENAI_API_KEY": "sk-x"}, []string{"openai"}, nil, false},
		{"an OpenAI key for Ollama is not a Realtime key", map[string]string{"OPENAI_API_KEY": "ollama", "OPENAI_BASE_URL": "http://localhost:11434/v1",
			"INTERVIEWER_MODEL": "a", "OBSERVER_MODEL": "b", "EVALUATOR_MODEL": "c"}, nil, nil, false},
		{"both keys, an order", map[string]string{"OPENAI_API_KEY": "sk-x", "GEMINI_API_KEY": "g", "LLM_PROVIDER": "openai", "VOICE_PROVIDER": "gemini, openai"},
			[]string{"openai", "gemini"}, []string{"gemini", "openai"}, false},
		{"local only", map[string]string{"VOICE_LOCAL_URL": "http://127.0.0.1:8000/v1"}, []string{"local"}, nil, false},
		{"off", map[string]string{"OPENAI_API_KEY": "sk-x", "VOICE_PROVIDER": "off"}, []string{"openai"}, nil, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := loadConfig("", t.TempDir(), envOf(tc.env))
			if err != nil {
				t.Fatal(err)
			}
			v := c.Voice
			if !slices.Equal(v.configured(), tc.configured) || !slices.Equal(v.Providers, tc.order) || v.Off != tc.off {
				t.Fatalf("configured %v order %v off %v", v.configured(), v.Providers, v.Off)
			}
			if got := len(voiceProviders(v, nil)); tc.off && got != 0 || !tc.off && got != len(tc.configured) {
				t.Fatalf("%d providers built", got)
			}
			if v.MonthlyLimit != 120*time.Minute || v.IdleTimeout != time.Minute || v.Prices["gpt-realtime"].OutPerMin != 0.24 {
				t.Fatalf("defaults %+v", v)
			}
		})
	}
}

// Paid users (who bought credits) reach OpenAI first, free users Gemini.
func TestVoiceRouteByPlan(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	user := func(email string) string {
		u := &account.User{Email: email, PasswordHash: "x"}
		if err := db.CreateUser(ctx, u, &account.Profile{}, 0); err != nil {
			t.Fatal(err)
		}
		return u.ID
	}
	free, paid, subscriber := user("free@example.com"), user("paid@example.com"), user("subscriber@example.com")
	// An active pro subscription routes as paid, with no purchase.
	if _, err := db.ApplyStripeEvent(ctx, "evt_sub", "customer.subscription.created", func(tx billing.PaymentTx) (string, error) {
		return "", tx.SaveSubscription(&billing.Subscription{UserID: subscriber, StripeSubscriptionID: "sub_1", StripeCustomerID: "cus_1",
			Tier: account.TierPro, Status: billing.SubActive, EventAt: 1})
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddCredits(ctx, paid, 10, billing.TxPurchase, "cs_1", "10 credits"); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	route := voiceRoute(VoiceConfig{}, db, log)
	if got := route(context.Background(), free); got[0] != "gemini" {
		t.Fatalf("free user routed %v", got)
	}
	if got := route(context.Background(), paid); got[0] != "openai" {
		t.Fatalf("paid user routed %v", got)
	}
	if got := route(context.Background(), subscriber); got[0] != "openai" {
		t.Fatalf("subscriber routed %v", got)
	}
	fixed := voiceRoute(VoiceConfig{Providers: []string{"local"}}, db, log)
	if got := fixed(context.Background(), paid); !slices.Equal(got, []string{"local"}) {
		t.Fatalf("VOICE_PROVIDER order %v", got)
	}
}
