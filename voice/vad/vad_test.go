package vad

import (
	"testing"
	"time"

	"github.com/mockroom/mockroom/voice/pcm"
)

func TestDetector(t *testing.T) {
	const rate = 16000
	d := New(rate, Config{Silence: 300 * time.Millisecond})
	stream := append(pcm.Silence(rate, 200), pcm.Tone(rate, 400, 300, 0.3)...)
	stream = append(stream, pcm.Silence(rate, 100)...) // a pause shorter than Silence
	stream = append(stream, pcm.Tone(rate, 200, 300, 0.3)...)
	stream = append(stream, pcm.Silence(rate, 500)...)
	var got []Transition
	var at []time.Duration
	for _, f := range pcm.Chunks(stream, rate, 20) {
		if tr, when := d.Feed(f); tr != None {
			got, at = append(got, tr), append(at, when)
		}
	}
	if len(got) != 2 || got[0] != Started || got[1] != Stopped {
		t.Fatalf("transitions %v", got)
	}
	if at[0] != 200*time.Millisecond || at[1] != 900*time.Millisecond {
		t.Fatalf("speech from %v to %v; want 200ms to 900ms", at[0], at[1])
	}
	// A click shorter than the prefix is not speech.
	d = New(rate, Config{})
	for _, f := range pcm.Chunks(append(pcm.Tone(rate, 20, 300, 0.5), pcm.Silence(rate, 600)...), rate, 20) {
		if tr, _ := d.Feed(f); tr != None {
			t.Fatalf("a 20 ms click started speech")
		}
	}
}
