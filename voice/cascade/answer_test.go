package cascade

import (
	"slices"
	"testing"
	"time"
)

func TestSplitter(t *testing.T) {
	cases := []struct {
		name   string
		deltas []string
		want   []string // sentences, the flushed rest last
	}{
		{"two sentences", []string{"I heard you ", "say: candidate utterance ", "1. Tell me ", "more."}, []string{"I heard you say: candidate utterance 1.", "Tell me more."}},
		{"decimals and inner dots stay", []string{"It runs in 3.5 ms on O(n.log n) input. Good"}, []string{"It runs in 3.5 ms on O(n.log n) input.", "Good"}},
		{"end marks and quotes", []string{`Really?! She said "done." Next`}, []string{"Really?!", `She said "done."`, "Next"}},
		{"a line break ends a sentence", []string{"First line\nsecond line"}, []string{"First line", "second line"}},
		{"an end mark at the end of a delta waits", []string{"Wait.", "5 seconds."}, []string{"Wait.5 seconds."}},
		{"nothing to say is dropped", []string{"... ", "OK. ", "**"}, []string{"OK."}},
		{"empty", nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var s splitter
			var got []string
			for _, d := range tc.deltas {
				got = append(got, s.add(d)...)
			}
			got = append(got, s.flush()...)
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestHeard(t *testing.T) {
	const s = time.Second
	ends := []sentenceEnd{{"One.", 1 * s}, {"Two.", 2 * s}, {"Three.", 3 * s}}
	cases := []struct {
		name     string
		complete bool
		sent     time.Duration
		limit    time.Duration
		want     string
	}{
		{"whole answer keeps its text", true, 3 * s, -1, "One. Two.  Three."},
		{"whole answer heard whole", true, 3 * s, 3 * s, "One. Two.  Three."},
		{"heard part of a whole answer", true, 3 * s, 2500 * time.Millisecond, "One. Two."},
		{"cut: sentences sent whole", false, 2500 * time.Millisecond, -1, "One. Two."},
		{"cut inside the first", false, 3 * s, 900 * time.Millisecond, ""},
		{"cut on a boundary keeps it", false, 3 * s, 1 * s, "One."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := &answer{complete: tc.complete, sent: tc.sent, limit: tc.limit}
			a.text.WriteString("One. Two.  Three.")
			for _, e := range ends {
				if e.at <= tc.sent {
					a.ends = append(a.ends, e)
				}
			}
			if got := a.heard(); got != tc.want {
				t.Errorf("heard = %q, want %q", got, tc.want)
			}
		})
	}
}
