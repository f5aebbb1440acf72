package voice

import (
	"testing"
	"time"
)

func TestPrices(t *testing.T) {
	p, err := ParsePrices("my-local=0/0, gpt-realtime-2=0.1/0.3", DefaultPrices())
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		model string
		m     Metering
		want  int64
	}{
		// The seed's figures: a minute in at $0.06, a minute out at $0.24.
		{"gpt-realtime", Metering{AudioIn: time.Minute, AudioOut: time.Minute}, 300000},
		{"gpt-realtime-latest", Metering{AudioIn: 30 * time.Second}, 30000}, // priced by its prefix
		{"gpt-realtime-2", Metering{AudioOut: time.Minute}, 300000},         // the longer prefix wins
		{"gemini-3.8-live", Metering{AudioIn: time.Minute, AudioOut: time.Minute}, 28800},
		{"my-local", Metering{AudioIn: time.Hour}, 0},
		{"unlisted", Metering{AudioIn: time.Hour}, 0},
	}
	for _, tc := range cases {
		if got := p.Cost(tc.model, tc.m); got != tc.want {
			t.Errorf("Cost(%s) = %d, want %d", tc.model, got, tc.want)
		}
	}
	for _, bad := range []string{"gpt-realtime", "x=1", "x=a/b", "x=-1/2", "=1/2", "x=Inf/1"} {
		if _, err := ParsePrices(bad, nil); err == nil {
			t.Errorf("ParsePrices(%q) accepted", bad)
		}
	}
}
