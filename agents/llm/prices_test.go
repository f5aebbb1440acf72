package llm

import (
	"strings"
	"testing"
)

func TestParsePrices(t *testing.T) {
	base := Prices{"gpt-4o": {2.5, 10}}
	cases := []struct {
		name    string
		in      string
		want    Prices
		wantErr string
	}{
		{"empty keeps the base", "", Prices{"gpt-4o": {2.5, 10}}, ""},
		{"override and add", "gpt-4o=3/12, llama3.1=0/0", Prices{"gpt-4o": {3, 12}, "llama3.1": {0, 0}}, ""},
		{"decimals and spaces", " qwen2.5 = 0.1 / 0.25 ,", Prices{"gpt-4o": {2.5, 10}, "qwen2.5": {0.1, 0.25}}, ""},
		{"no equals", "gpt-4o:1/2", nil, "not model=input/output"},
		{"no slash", "gpt-4o=1", nil, "not model=input/output"},
		{"no model", "=1/2", nil, "not model=input/output"},
		{"not a number", "m=cheap/2", nil, "non-negative numbers"},
		{"negative", "m=-1/2", nil, "non-negative numbers"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParsePrices(tc.in, base)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for k, v := range tc.want {
				if got[k] != v {
					t.Fatalf("%s: got %v, want %v", k, got[k], v)
				}
			}
		})
	}
	if base["gpt-4o"] != (Price{2.5, 10}) || len(base) != 1 {
		t.Fatalf("the base table was changed: %v", base)
	}
}

func TestCost(t *testing.T) {
	p := Prices{"gpt-4o": {2.5, 10}, "gpt-4o-mini": {0.15, 0.6}, "local": {0, 0}}
	cases := []struct {
		model string
		u     Usage
		want  int64
	}{
		{"gpt-4o", Usage{1_000_000, 0}, 2_500_000},
		{"gpt-4o", Usage{1000, 100}, 3500},
		{"gpt-4o-2024-08-06", Usage{1000, 100}, 3500},      // priced by prefix
		{"gpt-4o-mini-2024-07-18", Usage{1000, 1000}, 750}, // the longest prefix wins
		{"gpt-4o-mini", Usage{3, 1}, 1},                    // 0.45 + 0.6 = 1.05, rounded
		{"local", Usage{5000, 5000}, 0},
		{"unknown-model", Usage{5000, 5000}, 0},
		{"gpt-4", Usage{1000, 1000}, 0}, // a prefix of a name is not that name
	}
	for _, tc := range cases {
		if got := p.Cost(tc.model, tc.u); got != tc.want {
			t.Errorf("Cost(%s, %+v) = %d, want %d", tc.model, tc.u, got, tc.want)
		}
	}
}

func TestDefaultPricesCoverDefaultModels(t *testing.T) {
	p := DefaultPrices()
	for _, prov := range []string{ProviderOpenAI, ProviderAnthropic, ProviderGemini} {
		for _, agent := range []string{AgentInterviewer, AgentObserver, AgentEvaluator} {
			m := DefaultModel(prov, agent)
			if m == "" {
				t.Errorf("no default model for %s on %s", agent, prov)
				continue
			}
			if _, ok := p.Lookup(m); !ok {
				t.Errorf("default model %s has no price", m)
			}
		}
	}
	if DefaultModel(ProviderOffline, AgentEvaluator) != "" {
		t.Error("the offline engine has no model")
	}
}
