package deploy

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/mockroom/mockroom/judge/admission"
	"github.com/mockroom/mockroom/transport/httpapi"
	"github.com/mockroom/mockroom/voice/relay"
)

// recordingRegistry keeps the collectors registered on it, as serve
// registers them on its registry (cmd/mockroom/serve.go).
type recordingRegistry struct{ collectors []prometheus.Collector }

func (r *recordingRegistry) Register(c prometheus.Collector) error {
	r.collectors = append(r.collectors, c)
	return nil
}
func (r *recordingRegistry) MustRegister(cs ...prometheus.Collector) {
	r.collectors = append(r.collectors, cs...)
}
func (r *recordingRegistry) Unregister(prometheus.Collector) bool { return false }

var fqName = regexp.MustCompile(`fqName: "([^"]+)"`)

// registeredMetrics names every series the server exports: the same
// constructors serve calls, asked for their descriptions (a vector that
// has not been used yet describes itself all the same).
func registeredMetrics(t *testing.T) map[string]bool {
	t.Helper()
	reg := &recordingRegistry{}
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	admission.NewMetrics(reg)
	httpapi.NewMetrics(reg, prometheus.NewRegistry())
	relay.NewMetrics(reg)
	names := map[string]bool{}
	for _, c := range reg.collectors {
		ch := make(chan *prometheus.Desc, 256)
		go func() { c.Describe(ch); close(ch) }()
		for d := range ch {
			if m := fqName.FindStringSubmatch(d.String()); m != nil {
				names[m[1]] = true
			}
		}
	}
	for _, want := range []string{"mockroom_http_requests_total", "mockroom_judge_queue_depth", "go_goroutines"} {
		if !names[want] {
			t.Fatalf("the registry scan missed %s: it is broken", want)
		}
	}
	return names
}

// PromQL words that are not metric names.
var promqlWords = map[string]bool{"by": true, "without": true, "on": true, "ignoring": true, "group_left": true, "group_right": true,
	"and": true, "or": true, "unless": true, "offset": true, "bool": true, "inf": true, "nan": true}

var (
	promStrings   = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)
	promMatchers  = regexp.MustCompile(`\{[^}]*\}`)
	promRanges    = regexp.MustCompile(`\[[^\]]*\]`)
	promGrouping  = regexp.MustCompile(`\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)`)
	promIdentOrFn = regexp.MustCompile(`[A-Za-z_:][A-Za-z0-9_:]*(\s*\()?`)
)

// metricNames returns the metric names a PromQL expression selects.
func metricNames(expr string) []string {
	expr = promStrings.ReplaceAllString(expr, `""`)
	expr = promMatchers.ReplaceAllString(expr, " ")
	expr = promRanges.ReplaceAllString(expr, " ")
	expr = promGrouping.ReplaceAllString(expr, " ")
	var out []string
	for _, m := range promIdentOrFn.FindAllStringSubmatch(expr, -1) {
		if m[1] != "" || promqlWords[strings.ToLower(m[0])] {
			continue // a function call or a keyword
		}
		out = append(out, m[0])
	}
	return out
}

// baseName maps a histogram's or summary's series to its metric.
func baseName(name string, registered map[string]bool) string {
	for _, suffix := range []string{"_bucket", "_sum", "_count"} {
		if b, ok := strings.CutSuffix(name, suffix); ok && registered[b] {
			return b
		}
	}
	return name
}

type grafanaPanel struct {
	Type    string         `json:"type"`
	Title   string         `json:"title"`
	Panels  []grafanaPanel `json:"panels"`
	Targets []struct {
		Expr string `json:"expr"`
	} `json:"targets"`
}

func TestGrafanaDashboard(t *testing.T) {
	dt, err := os.ReadFile("grafana/mockroom.json")
	if err != nil {
		t.Fatal(err)
	}
	var dash struct {
		UID        string         `json:"uid"`
		Title      string         `json:"title"`
		Panels     []grafanaPanel `json:"panels"`
		Templating struct {
			List []struct {
				Name       string `json:"name"`
				Definition string `json:"definition"`
			} `json:"list"`
		} `json:"templating"`
	}
	if err := json.Unmarshal(dt, &dash); err != nil {
		t.Fatal(err)
	}
	if dash.UID == "" || dash.Title == "" {
		t.Error("the dashboard needs a uid and a title")
	}
	registered := registeredMetrics(t)
	var exprs []string
	var walk func([]grafanaPanel)
	walk = func(ps []grafanaPanel) {
		for _, p := range ps {
			if p.Type != "row" && len(p.Targets) == 0 {
				t.Errorf("panel %q has no query", p.Title)
			}
			for _, tg := range p.Targets {
				exprs = append(exprs, tg.Expr)
			}
			walk(p.Panels)
		}
	}
	walk(dash.Panels)
	// A variable's label_values(metric, label) selects metric.
	labelValues := regexp.MustCompile(`^label_values\(\s*([^,]+),\s*[A-Za-z_][A-Za-z0-9_]*\s*\)$`)
	for _, v := range dash.Templating.List {
		if v.Definition == "" {
			continue
		}
		m := labelValues.FindStringSubmatch(v.Definition)
		if m == nil {
			t.Errorf("variable %s: %q is not label_values(metric, label)", v.Name, v.Definition)
			continue
		}
		exprs = append(exprs, m[1])
	}
	used := map[string]bool{}
	for _, e := range exprs {
		names := metricNames(e)
		if len(names) == 0 {
			t.Errorf("query %q selects no metric", e)
		}
		for _, n := range names {
			n = baseName(n, registered)
			used[n] = true
			if !registered[n] {
				t.Errorf("query %q uses %s, which the server does not export", e, n)
			}
		}
	}
	// Every mockroom series is on the dashboard.
	for n := range registered {
		if strings.HasPrefix(n, "mockroom_") && !used[n] {
			t.Errorf("%s is exported but on no panel", n)
		}
	}
}

func TestMetricNames(t *testing.T) {
	for expr, want := range map[string][]string{
		`sum by (route) (rate(mockroom_http_requests_total{instance=~"$instance",status=~"5.."}[$__rate_interval]))`: {"mockroom_http_requests_total"},
		`histogram_quantile(0.99, sum by (le) (rate(mockroom_judge_queue_wait_seconds_bucket[5m])))`:                 {"mockroom_judge_queue_wait_seconds_bucket"},
		`sum(rate(a_sum[1m])) / sum(rate(a_count[1m])) or vector(0)`:                                                 {"a_sum", "a_count"},
		`go_goroutines{instance=~"$instance"} + on (instance) process_open_fds`:                                      {"go_goroutines", "process_open_fds"},
	} {
		if got := metricNames(expr); !slices.Equal(got, want) {
			t.Errorf("metricNames(%q) = %q, want %q", expr, got, want)
		}
	}
}
