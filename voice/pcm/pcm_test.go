package pcm

import (
	"bytes"
	"math"
	"testing"
)

func TestWAVRoundTripAndStereo(t *testing.T) {
	tone := Tone(16000, 100, 440, 0.5)
	got, rate, err := ParseWAV(WAV(tone, 16000))
	if err != nil || rate != 16000 || !bytes.Equal(got, tone) {
		t.Fatalf("round trip: rate %d, %d bytes, err %v", rate, len(got), err)
	}
	// A stereo file is averaged to mono.
	stereo := WAV(Encode([]int16{100, 300, -200, -400}), 8000)
	stereo[22] = 2 // channels
	mono, _, err := ParseWAV(stereo)
	if err != nil || !bytes.Equal(mono, Encode([]int16{200, -300})) {
		t.Fatalf("stereo: %v %v", Samples(mono), err)
	}
	for _, bad := range [][]byte{nil, []byte("RIFF0000WAVE"), []byte("not a wav file at all")} {
		if _, _, err := ParseWAV(bad); err == nil {
			t.Errorf("ParseWAV(%q) accepted", bad)
		}
	}
}

func TestResampleKeepsDurationAndPitch(t *testing.T) {
	cases := []struct{ from, to int }{{48000, 24000}, {44100, 16000}, {16000, 24000}, {24000, 24000}}
	for _, tc := range cases {
		in := Tone(tc.from, 500, 300, 0.4)
		out := Resample(in, tc.from, tc.to)
		if got, want := len(out)/2, tc.to/2; math.Abs(float64(got-want)) > 2 {
			t.Errorf("%d→%d: %d samples, want %d", tc.from, tc.to, got, want)
		}
		if r := RMS(out); math.Abs(r-RMS(in)) > 0.02 {
			t.Errorf("%d→%d: loudness %.3f, was %.3f", tc.from, tc.to, r, RMS(in))
		}
	}
	if RMS(Silence(16000, 20)) != 0 || len(Chunks(Silence(16000, 50), 16000, 20)) != 3 {
		t.Fatal("silence or chunks")
	}
}
