// Package vad finds where speech starts and stops in a PCM16 stream by its
// energy: the cascade pipeline's turn detector, and the one the test fakes
// of the speech providers use. A frame is speech when its loudness is over
// Threshold; speech starts after Prefix of it and stops after Silence
// without it.
package vad

import (
	"time"

	"github.com/mockroom/mockroom/voice/pcm"
)

// Config tunes a Detector; zero values take the defaults.
type Config struct {
	Threshold float64       // RMS on a 0..1 scale (0.02, about -34 dBFS)
	Prefix    time.Duration // speech needed before it counts as started (60 ms)
	Silence   time.Duration // quiet needed before speech counts as stopped (500 ms)
}

// Transition is what Feed saw happen.
type Transition int

const (
	None    Transition = iota
	Started            // speech began; At is where, in audio time
	Stopped            // speech ended; At is where it ended
)

// Detector is not safe for concurrent use.
type Detector struct {
	cfg      Config
	rate     int
	pos      time.Duration // audio time fed so far
	speaking bool
	loud     time.Duration // consecutive speech while not speaking
	quiet    time.Duration // consecutive quiet while speaking
	start    time.Duration
}

// New returns a detector for PCM16 mono at rate.
func New(rate int, cfg Config) *Detector {
	if cfg.Threshold <= 0 {
		cfg.Threshold = 0.02
	}
	if cfg.Prefix <= 0 {
		cfg.Prefix = 60 * time.Millisecond
	}
	if cfg.Silence <= 0 {
		cfg.Silence = 500 * time.Millisecond
	}
	return &Detector{cfg: cfg, rate: rate}
}

// Speaking reports whether the detector is inside speech.
func (d *Detector) Speaking() bool { return d.speaking }

// Position is how much audio has been fed.
func (d *Detector) Position() time.Duration { return d.pos }

// Feed consumes one frame (ideally 10–30 ms) and reports a transition and
// the audio time at which it happened.
func (d *Detector) Feed(frame []byte) (Transition, time.Duration) {
	dur := time.Duration(len(frame)/2) * time.Second / time.Duration(d.rate)
	loud := pcm.RMS(frame) >= d.cfg.Threshold
	d.pos += dur
	if !d.speaking {
		if !loud {
			d.loud = 0
			return None, 0
		}
		d.loud += dur
		if d.loud >= d.cfg.Prefix {
			d.speaking, d.quiet = true, 0
			d.start = d.pos - d.loud
			return Started, d.start
		}
		return None, 0
	}
	if loud {
		d.quiet = 0
		return None, 0
	}
	d.quiet += dur
	if d.quiet >= d.cfg.Silence {
		d.speaking, d.loud = false, 0
		return Stopped, d.pos - d.quiet
	}
	return None, 0
}

// Reset forgets any speech in progress (the position keeps counting).
func (d *Detector) Reset() { d.speaking, d.loud, d.quiet = false, 0, 0 }
