// Package growth fits how a solution's running time grows with its input
// size n: the log-log slope, and the best of the growth classes
// (O(1), O(log n), O(n), O(n log n), O(n^2), O(n^3), O(2^n)) with a
// confidence. The efficiency probe (judge.Service.Probe) feeds it the
// minimum CPU time of repeated calls at each size.
package growth

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
)

// Classes are the classes a fit chooses from, slowest-growing first; the
// names are those of problems/gen (gen.Classes).
var Classes = []string{"1", "log n", "n", "n log n", "n^2", "n^3", "2^n"}

// Unmeasured is the class of a fit without enough usable points.
const Unmeasured = "unmeasured"

// MinPoints is the fewest usable points a fit needs.
const MinPoints = 3

// DefaultFloorMS is the timer's noise floor: points faster than this are
// too close to the resolution of getrusage and to the harness's own work
// between calls to say anything about growth, and are left out.
const DefaultFloorMS = 0.05

// noiseSD is the least noise a fit assumes in log time (about 8 %): the
// minimum of repeated calls still varies that much between runs on a busy
// host, so a fit never claims more certainty than that noise allows.
const noiseSD = 0.08

// minEvidence is the likelihood ratio a class needs over the next
// slower-growing class to be chosen.
const minEvidence = 3

// Point is one size and the time measured at it.
type Point struct {
	N  int     `json:"n"`
	MS float64 `json:"ms"`
}

// Fit is the result of Classify.
type Fit struct {
	// Class is the best-fitting class, or Unmeasured.
	Class string `json:"class"`
	// Slope is the least-squares slope of log time against log n: about 1
	// for O(n), 2 for O(n^2).
	Slope float64 `json:"slope"`
	// Confidence is the weight of Class among all classes (0..1): near 1
	// when it fits clearly better than the runner-up.
	Confidence float64 `json:"confidence"`
	// RunnerUp is the second-best class.
	RunnerUp string `json:"runner_up,omitempty"`
	// Points are the points used (above the floor), by n.
	Points []Point `json:"points"`
	// Reason says why a fit is unmeasured.
	Reason string `json:"reason,omitempty"`
}

// logF is log f(n) of a class.
func logF(class string, n float64) float64 {
	switch class {
	case "1":
		return 0
	case "log n":
		return math.Log(math.Log2(n) + 1)
	case "n":
		return math.Log(n)
	case "n log n":
		return math.Log(n) + math.Log(math.Log2(n)+1)
	case "n^2":
		return 2 * math.Log(n)
	case "n^3":
		return 3 * math.Log(n)
	case "2^n":
		return n * math.Ln2
	}
	panic("growth: unknown class " + class)
}

// sse fits t = a + c·f(n) and returns the sum of squared residuals in log
// time. The constant a ≥ 0 is the fixed cost of a call (reading a small
// input, the harness's own work), which flattens the smallest sizes: it is
// tried on a grid up to half the fastest point (more would let a steep
// class bend to fit data that is merely noisy at the start), and for each a, c comes
// from the log-space fit of t − a; the best pair wins.
func sse(class string, pts []Point) float64 {
	tmin := math.Inf(1)
	for _, p := range pts {
		tmin = min(tmin, p.MS)
	}
	best := math.Inf(1)
	for q := 0; q <= 10; q++ {
		a := tmin * float64(q) / 20
		var logc float64
		for _, p := range pts {
			logc += math.Log(p.MS-a) - logF(class, float64(p.N))
		}
		logc /= float64(len(pts))
		var s float64
		for _, p := range pts {
			r := math.Log(a+math.Exp(logc+logF(class, float64(p.N)))) - math.Log(p.MS)
			s += r * r
		}
		best = min(best, s)
		if class == "1" {
			break // a constant model has its constant already
		}
	}
	return best
}

// trimmedSSE is sse with the point that fits worst left out, when there
// are at least trimFrom points: one call slowed by the host (a burst of
// other work, a garbage collection) then cannot swing the fit.
func trimmedSSE(class string, pts []Point) float64 {
	if len(pts) < trimFrom {
		return sse(class, pts)
	}
	best := math.Inf(1)
	rest := make([]Point, 0, len(pts)-1)
	for i := range pts {
		rest = append(append(rest[:0], pts[:i]...), pts[i+1:]...)
		best = min(best, sse(class, rest))
	}
	return best
}

// exponent is the log-log slope of the polynomial classes.
var exponent = map[string]float64{"n": 1, "n log n": 1, "n^2": 2, "n^3": 3}

// trimFrom is the fewest points from which a fit leaves its worst out.
const trimFrom = 5

// Slope is the least-squares slope of log ms against log n.
func Slope(pts []Point) float64 {
	if len(pts) < 2 {
		return 0
	}
	var sx, sy, sxx, sxy float64
	for _, p := range pts {
		x, y := math.Log(float64(p.N)), math.Log(p.MS)
		sx, sy, sxx, sxy = sx+x, sy+y, sxx+x*x, sxy+x*y
	}
	k := float64(len(pts))
	d := k*sxx - sx*sx
	if d == 0 {
		return 0
	}
	return (k*sxy - sx*sy) / d
}

// Classify fits pts. Points at or below floorMS (DefaultFloorMS when 0)
// are left out; with fewer than MinPoints left the fit is Unmeasured.
//
// Each class's model t = a + c·f(n) is fitted in log space, so every point
// weighs by its relative error whatever its size. The classes are weighed
// by their likelihood under Gaussian noise in log time, its variance taken
// from the best fit's residuals but never below noiseSD²; a class is chosen
// over the next slower-growing one only with minEvidence times its weight,
// and the chosen class's weight is the confidence.
func Classify(pts []Point, floorMS float64) Fit {
	if floorMS <= 0 {
		floorMS = DefaultFloorMS
	}
	var use []Point
	for _, p := range pts {
		if p.N > 0 && p.MS > floorMS && !math.IsInf(p.MS, 0) && !math.IsNaN(p.MS) {
			use = append(use, p)
		}
	}
	sort.Slice(use, func(i, j int) bool {
		return use[i].N < use[j].N || use[i].N == use[j].N && use[i].MS < use[j].MS
	})
	// Several points at one n (from repeated runs) keep their minimum.
	use = slices.CompactFunc(use, func(a, b Point) bool { return a.N == b.N })
	f := Fit{Class: Unmeasured, Points: use}
	if len(use) < MinPoints {
		f.Reason = fmt.Sprintf("%d of %d sizes took longer than the timer's noise floor (%.2g ms); %d are needed", len(use), len(pts), floorMS, MinPoints)
		if f.Points == nil {
			f.Points = []Point{}
		}
		return f
	}
	f.Slope = Slope(use)
	errs := make([]float64, len(Classes))
	best := -1
	for i, c := range Classes {
		errs[i] = trimmedSSE(c, use)
		// A polynomial class much steeper than the data's own slope only
		// fits by bending its constant around an outlier: not a candidate.
		if k, ok := exponent[c]; ok && f.Slope < k-0.8 {
			continue
		}
		if best < 0 || errs[i] < errs[best] {
			best = i
		}
	}
	if best < 0 {
		best = 0
	}
	k := float64(len(use))
	if k >= trimFrom {
		k--
	}
	variance := math.Max(errs[best]/(k-1), noiseSD*noiseSD)
	var total float64
	w := make([]float64, len(Classes))
	for i := range Classes {
		w[i] = math.Exp(-(errs[i] - errs[best]) / (2 * variance))
		total += w[i]
	}
	// Parsimony: a faster-growing class must beat the next slower one by
	// a likelihood ratio of at least minEvidence, or the slower one stands
	// (n and n log n are close over a few doublings, and a noisy host
	// easily makes linear work look superlinear).
	if best > 0 && w[best-1]*minEvidence >= w[best] {
		best--
	}
	second := -1
	for i := range Classes {
		if i != best && (second < 0 || errs[i] < errs[second]) {
			second = i
		}
	}
	f.Class, f.Confidence, f.RunnerUp = Classes[best], w[best]/total, Classes[second]
	return f
}

// Rank is a class's place in Classes (slower-growing is lower), or -1.
func Rank(class string) int {
	return slices.Index(Classes, Normalize(class))
}

// Normalize turns a written bound ("O(n log n)", "O(N^2)", "O(n²)",
// "O(1)") into a class name, or "" when it is none of Classes (for
// example "O(m·n)" or "O(n + k log n)").
func Normalize(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if strings.HasPrefix(s, "o(") && strings.HasSuffix(s, ")") {
		s = s[2 : len(s)-1]
	}
	r := strings.NewReplacer("²", "^2", "³", "^3", "ⁿ", "^n", "·", " ", "*", " ", "logn", "log n", "(", "", ")", "")
	s = strings.Join(strings.Fields(r.Replace(s)), " ")
	switch s {
	case "n log2 n", "n lg n", "nlog n":
		s = "n log n"
	case "lg n", "log2 n":
		s = "log n"
	}
	if slices.Contains(Classes, s) {
		return s
	}
	return ""
}

// Measurable is the slowest-growing class the probe can tell apart when
// every call first reads an input of size n: reading it is O(n), so a
// sublinear optimum shows as O(n). For an input whose size does not grow
// with n (n is a value, not a length) pass inputGrows false.
func Measurable(class string, inputGrows bool) string {
	if inputGrows && Rank(class) >= 0 && Rank(class) < Rank("n") {
		return "n"
	}
	return Normalize(class)
}

// Comparison compares a measured class with the optimum's.
type Comparison string

const (
	Optimal Comparison = "optimal" // grows like the optimum
	Worse   Comparison = "worse"   // grows faster than the optimum
	Better  Comparison = "better"  // grows slower than the optimum (noise, or an input that missed the worst case)
	Unknown Comparison = "unknown" // unmeasured, or no comparable optimum
)

// Tier groups the classes a probe can tell apart on a shared host: O(1)
// and O(log n) (0), O(n) and O(n log n) (1), O(n^2) (2), O(n^3) (3),
// O(2^n) (4). A log factor over a few doublings of n is within what cache
// misses and garbage collection add to linear work, so classes of one tier
// compare as equal; the class itself is still reported. -1 for none.
func Tier(class string) int {
	switch Normalize(class) {
	case "1", "log n":
		return 0
	case "n", "n log n":
		return 1
	case "n^2":
		return 2
	case "n^3":
		return 3
	case "2^n":
		return 4
	}
	return -1
}

// Compare compares a measured class with the optimum's, both as class
// names, by Tier; optimum should already be Measurable.
func Compare(measured, optimum string) Comparison {
	m, o := Tier(measured), Tier(optimum)
	switch {
	case m < 0 || o < 0:
		return Unknown
	case m > o:
		return Worse
	case m < o:
		return Better
	}
	return Optimal
}

// Label writes a class as a bound: "O(n log n)".
func Label(class string) string {
	if Rank(class) < 0 {
		return class
	}
	return "O(" + strings.NewReplacer("^2", "²", "^3", "³", "^n", "ⁿ").Replace(class) + ")"
}

// Sentence says how the points grew: "grew as n^1.98 between n = 1,000 and
// 16,000".
func Sentence(f Fit) string {
	if f.Class == Unmeasured || len(f.Points) == 0 {
		return "the running time could not be measured: " + f.Reason
	}
	return fmt.Sprintf("grew as n^%.2f between n = %s and %s", f.Slope, Thousands(f.Points[0].N), Thousands(f.Points[len(f.Points)-1].N))
}

// Thousands writes n with thousands separators: 16,000.
func Thousands(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
