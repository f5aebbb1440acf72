package growth

import (
	"math"
	"math/rand"
	"strings"
	"testing"
)

func doubling(from, count int) []int {
	out := make([]int, count)
	for i := range out {
		out[i] = from << i
	}
	return out
}

// synth times f at each n with multiplicative noise of up to ±noise and
// an additive start-up term.
func synth(r *rand.Rand, class string, sizes []int, c, add, noise float64) []Point {
	out := make([]Point, len(sizes))
	for i, n := range sizes {
		t := c*math.Exp(logF(class, float64(n))) + add
		out[i] = Point{N: n, MS: t * (1 + noise*(2*r.Float64()-1))}
	}
	return out
}

func TestClassifySynthetic(t *testing.T) {
	poly := doubling(1000, 7) // 1k .. 64k, as the problems' Sizes
	cases := []struct {
		class string
		sizes []int
		c     float64
		slope [2]float64
	}{
		{"1", poly, 0.5, [2]float64{-0.1, 0.1}},
		{"log n", []int{16, 256, 4096, 65536, 1 << 20}, 0.01, [2]float64{0.05, 0.4}},
		{"n", poly, 1e-4, [2]float64{0.9, 1.1}},
		{"n log n", poly, 1e-5, [2]float64{1.05, 1.3}},
		{"n^2", poly, 1e-7, [2]float64{1.9, 2.1}},
		{"n^3", doubling(50, 6), 1e-6, [2]float64{2.85, 3.15}},
		{"2^n", []int{12, 14, 16, 18, 20, 22}, 1e-4, [2]float64{4, 20}},
	}
	for _, tc := range cases {
		for _, noise := range []float64{0, 0.03, 0.08} {
			r := rand.New(rand.NewSource(int64(len(tc.class)) + int64(noise*100)))
			for trial := range 20 {
				pts := synth(r, tc.class, tc.sizes, tc.c, 0, noise)
				f := Classify(pts, 1e-9)
				if f.Class != tc.class {
					t.Errorf("%s noise %.2f trial %d: got %s (%.2f, runner-up %s), slope %.2f; points %v", tc.class, noise, trial, f.Class, f.Confidence, f.RunnerUp, f.Slope, pts)
					break
				}
				if f.Slope < tc.slope[0] || f.Slope > tc.slope[1] {
					t.Errorf("%s: slope %.2f outside %v", tc.class, f.Slope, tc.slope)
				}
				if noise == 0 && f.Confidence < 0.5 {
					t.Errorf("%s without noise: confidence %.2f", tc.class, f.Confidence)
				}
			}
		}
	}
}

// Far-apart classes are told apart with high confidence; neighbours with
// less, and a noisy fit is never certain.
func TestConfidence(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	lin := Classify(synth(r, "n", doubling(1000, 7), 1e-4, 0, 0.02), 0)
	if lin.Class != "n" || lin.Confidence < 0.6 || lin.RunnerUp != "n log n" {
		t.Errorf("linear: %+v", lin)
	}
	quad := Classify(synth(r, "n^2", doubling(1000, 7), 1e-6, 0, 0.02), 0)
	if quad.Class != "n^2" || quad.Confidence < 0.99 {
		t.Errorf("quadratic: %+v", quad)
	}
	// Three points 40 % apart at random: whatever wins, it is not sure.
	noisy := Classify([]Point{{1000, 1}, {2000, 1.4}, {4000, 1.1}}, 0)
	if noisy.Confidence > 0.9 {
		t.Errorf("noisy: %+v", noisy)
	}
}

func TestNoiseFloorAndUnmeasured(t *testing.T) {
	// Only the three largest are above the floor: still a fit, on those.
	pts := []Point{{1000, 0.01}, {2000, 0.02}, {4000, 0.04}, {8000, 0.8}, {16000, 1.6}, {32000, 3.2}}
	f := Classify(pts, 0.05)
	if f.Class != "n" || len(f.Points) != 3 || f.Points[0].N != 8000 {
		t.Errorf("floor: %+v", f)
	}
	f = Classify(pts[:4], 0.05)
	if f.Class != Unmeasured || !strings.Contains(f.Reason, "noise floor") || f.Points == nil {
		t.Errorf("unmeasured: %+v", f)
	}
	if f := Classify(nil, 0); f.Class != Unmeasured {
		t.Errorf("no points: %+v", f)
	}
	// Repeated sizes keep their minimum.
	f = Classify([]Point{{1000, 5}, {1000, 1}, {2000, 2}, {2000, 9}, {4000, 4}}, 0)
	if f.Class != "n" || len(f.Points) != 3 || f.Points[0].MS != 1 {
		t.Errorf("repeats: %+v", f)
	}
}

// A constant start-up cost flattens the small sizes; the slope says so and
// the class is never overstated.
func TestStartupNoise(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	f := Classify(synth(r, "n^2", doubling(1000, 7), 1e-6, 0.5, 0.02), 0)
	if f.Class != "n^2" {
		t.Errorf("quadratic with start-up: %+v", f)
	}
}

func TestNormalizeCompareLabel(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"O(n)", "n"}, {"O(n log n)", "n log n"}, {"O(N LOG N)", "n log n"}, {"O(n²)", "n^2"},
		{"O(n^2)", "n^2"}, {"O(1)", "1"}, {"O(log n)", "log n"}, {"O(2^n)", "2^n"}, {"O(2ⁿ)", "2^n"},
		{"O(nlogn)", "n log n"}, {"O(m·n)", ""}, {"O(n + k)", ""}, {"n^3", "n^3"},
	} {
		if got := Normalize(tc.in); got != tc.want {
			t.Errorf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct {
		m, o string
		want Comparison
	}{
		{"n", "n", Optimal}, {"n^2", "n", Worse}, {"n", "n^2", Better}, {"n log n", "n", Optimal}, {"n", "n log n", Optimal},
		{"n^2", "n log n", Worse}, {"2^n", "n^3", Worse}, {"log n", "1", Optimal}, {Unmeasured, "n", Unknown}, {"n", "", Unknown},
	} {
		if got := Compare(tc.m, tc.o); got != tc.want {
			t.Errorf("Compare(%s, %s) = %s", tc.m, tc.o, got)
		}
	}
	if Measurable("O(log n)", true) != "n" || Measurable("O(log n)", false) != "log n" || Measurable("O(n^2)", true) != "n^2" {
		t.Error("Measurable")
	}
	if Label("n^2") != "O(n²)" || Label("n log n") != "O(n log n)" {
		t.Error(Label("n^2"))
	}
	f := Fit{Class: "n^2", Slope: 1.984, Points: []Point{{1000, 1}, {16000, 250}}}
	if got := Sentence(f); got != "grew as n^1.98 between n = 1,000 and 16,000" {
		t.Error(got)
	}
}

// Seen on a busy host: a slow first call and a linear rest. A class much
// steeper than the slope (0.72) is not chosen.
func TestOutlierNotSteep(t *testing.T) {
	f := Classify([]Point{{625, 1.286}, {1250, 0.657}, {2500, 0.751}, {5000, 2.112}, {10000, 8.708}}, 0)
	if f.Class == "n^2" || f.Class == "n^3" {
		t.Errorf("got %+v", f)
	}
}
