// Command mockroom-load drives many concurrent interviews against a real
// mockroom cluster on this machine and reports what candidates would feel:
// how long an edit waits for its acknowledgement, how often anything fails,
// how long runs wait for the judge, and what each instance spends.
//
// It starts its own cluster (internal/clusterharness: a private PostgreSQL
// and Redis, N `mockroom serve` processes, HAProxy round-robin in front),
// once with one instance and once with three, under the same load, so the
// two figures come from the same run on the same machine. Interviews are our
// own WebSocket clients (internal/roomclient, coder/websocket): an edit every
// 2 s, the server's timer frames, reconnects with resume. The HTTP side
// (runs, page loads) is driven by vegeta as a library at a constant rate.
//
//	make build && go run ./cmd/mockroom-load -bin bin/mockroom -interviews 1000
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"

	"github.com/mockroom/mockroom/internal/clusterharness"
	"github.com/mockroom/mockroom/internal/roomclient"
)

const solution = roomclient.TwoSum

type options struct {
	bin          string
	interviews   int
	perUser      int
	duration     time.Duration
	editEvery    time.Duration
	runEvery     time.Duration // per interview
	instances    []int
	out          string
	sandboxCache string
}

func main() {
	var o options
	var inst string
	flag.StringVar(&o.bin, "bin", "bin/mockroom", "the mockroom binary (make build)")
	flag.IntVar(&o.interviews, "interviews", 1000, "concurrent interviews")
	flag.IntVar(&o.perUser, "per-user", 10, "interviews per account (the server allows 10 at once)")
	flag.DurationVar(&o.duration, "duration", 2*time.Minute, "measured time per cluster size")
	flag.DurationVar(&o.editEvery, "edit-every", 2*time.Second, "one code_edit per interview this often")
	flag.DurationVar(&o.runEvery, "run-every", 3*time.Minute, "one Run per interview this often (vegeta paces them over all interviews)")
	flag.StringVar(&inst, "instances", "1,3", "cluster sizes to measure, in order")
	flag.StringVar(&o.out, "json", "", "also write the results as JSON to this file")
	flag.StringVar(&o.sandboxCache, "sandbox-cache", filepath.Join(os.TempDir(), "mockroom-load-sandbox-cache"), "SANDBOX_CACHE_DIR shared by the instances")
	flag.Parse()
	for _, s := range strings.Split(inst, ",") {
		var n int
		if _, err := fmt.Sscan(strings.TrimSpace(s), &n); err != nil || n < 1 {
			fatalf("-instances: %q is not a list of positive numbers", inst)
		}
		o.instances = append(o.instances, n)
	}
	var results []Result
	for _, n := range o.instances {
		r, err := measure(o, n)
		if err != nil {
			fatalf("%d instances: %v", n, err)
		}
		results = append(results, r)
		report(os.Stdout, results)
	}
	if o.out != "" {
		raw, _ := json.MarshalIndent(results, "", "  ")
		if err := os.WriteFile(o.out, raw, 0o644); err != nil {
			fatalf("%v", err)
		}
	}
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "mockroom-load: "+format+"\n", args...)
	os.Exit(1)
}

// Result is one cluster size's figures.
type Result struct {
	Instances     int                `json:"instances"`
	Interviews    int                `json:"interviews"`
	Seconds       float64            `json:"seconds"`
	Edits         int                `json:"edits_sent"`
	Acked         int                `json:"edits_acked"`
	Lost          int64              `json:"acked_edits_lost"`
	AckP50MS      float64            `json:"ack_p50_ms"`
	AckP99MS      float64            `json:"ack_p99_ms"`
	WSErrors      int                `json:"ws_error_frames"`
	Reconnects    int                `json:"reconnects"`
	HTTPRequests  uint64             `json:"http_requests"`
	HTTPP50MS     float64            `json:"http_p50_ms"`
	HTTPP99MS     float64            `json:"http_p99_ms"`
	HTTPErrorRate float64            `json:"http_error_rate"`
	HTTPStatus    map[string]int     `json:"http_status"`
	RunWaitMeanMS float64            `json:"run_queue_wait_mean_ms"`
	Nodes         []NodeUse          `json:"nodes"`
	Services      map[string]NodeUse `json:"services"`
}

// NodeUse is one process's spend over the measured window.
type NodeUse struct {
	Name   string  `json:"name"`
	CPU    float64 `json:"cpu_cores"` // average cores busy
	RSSMiB float64 `json:"rss_mib"`   // at the end
	MaxMiB float64 `json:"peak_rss_mib"`
}

func measure(o options, instances int) (Result, error) {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "mockroom-load-")
	if err != nil {
		return Result{}, err
	}
	defer os.RemoveAll(dir)
	os.Chmod(dir, 0o755)
	fmt.Fprintf(os.Stderr, "starting %d instance(s) behind HAProxy...\n", instances)
	c, err := clusterharness.Start(ctx, dir, clusterharness.Options{Binary: o.bin, Instances: instances, SandboxCache: o.sandboxCache,
		Env: []string{"CREDITS=unlimited", "API_RATE_LIMIT_PER_MINUTE=100000", "RUN_LIMIT_PER_USER_PER_HOUR=100000",
			"RUN_LIMIT_PER_SESSION_PER_MINUTE=100", "LOG_LEVEL=warn", "MAX_CONNS=0"}})
	if err != nil {
		return Result{}, err
	}
	defer c.Close()

	// Accounts and interviews, then every room connected, before measuring.
	fmt.Fprintf(os.Stderr, "opening %d interviews...\n", o.interviews)
	type interview struct {
		acct *roomclient.Account
		id   string
		room *roomclient.Room
	}
	ivs := make([]*interview, o.interviews)
	var mu sync.Mutex
	var firstErr error
	sem := make(chan struct{}, 32)
	var wg sync.WaitGroup
	run := time.Now().UnixNano()
	users := (o.interviews + o.perUser - 1) / o.perUser
	for u := range users {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			acct, err := roomclient.SignUp(ctx, c.URL, fmt.Sprintf("load-%d-%d@example.com", run, u), "correct horse battery staple")
			for i := u * o.perUser; err == nil && i < min((u+1)*o.perUser, o.interviews); i++ {
				var id string
				if id, err = acct.StartSession(ctx, "two-sum", "python", 60); err == nil {
					var room *roomclient.Room
					if room, err = roomclient.Open(ctx, acct, id); err == nil {
						ivs[i] = &interview{acct: acct, id: id, room: room}
					}
				}
			}
			if err != nil {
				mu.Lock()
				firstErr = cmpOr(firstErr, err)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return Result{}, fmt.Errorf("opening interviews: %w", firstErr)
	}

	// Measure.
	fmt.Fprintf(os.Stderr, "measuring for %v...\n", o.duration)
	before := usage(c)
	lctx, stop := context.WithTimeout(ctx, o.duration)
	defer stop()
	start := time.Now()
	for _, iv := range ivs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Spread the interviews' edits over the interval.
			select {
			case <-lctx.Done():
				return
			case <-time.After(time.Duration(rand.Int64N(int64(o.editEvery)))):
			}
			t := time.NewTicker(o.editEvery)
			defer t.Stop()
			for {
				iv.room.Edit(lctx, "python", fmt.Sprintf("# edit %d\n%s", iv.room.Last()+1, solution))
				select {
				case <-lctx.Done():
					return
				case <-t.C:
				}
				for len(iv.room.Frames) > 0 { // timer frames and the rest: read, not kept
					<-iv.room.Frames
				}
			}
		}()
	}
	metrics := attack(ivs2targets(c.URL, ivs, func(iv *interview) (*roomclient.Account, string) { return iv.acct, iv.id }), o)
	wg.Wait()
	elapsed := time.Since(start)
	after := usage(c)
	// Let the last acks arrive.
	time.Sleep(2 * time.Second)

	r := Result{Instances: instances, Interviews: o.interviews, Seconds: elapsed.Seconds(), HTTPStatus: metrics.StatusCodes,
		HTTPRequests: metrics.Requests, HTTPP50MS: ms(metrics.Latencies.P50), HTTPP99MS: ms(metrics.Latencies.P99),
		HTTPErrorRate: 1 - metrics.Success, Services: map[string]NodeUse{}}
	var lat []time.Duration
	for _, iv := range ivs {
		st := iv.room.Stats()
		r.Edits += st.Sent
		r.Acked += st.Acked
		r.Lost += st.Lost
		r.Reconnects += st.Connects - 1
		for _, n := range st.ErrorFrames {
			r.WSErrors += n
		}
		lat = append(lat, st.AckLatency...)
		iv.room.Close()
	}
	slices.Sort(lat)
	if len(lat) > 0 {
		r.AckP50MS = ms(lat[len(lat)/2])
		r.AckP99MS = ms(lat[len(lat)*99/100])
	}
	var waitSum, waitCount float64
	for _, n := range c.Nodes {
		s, cnt := n.Metric("mockroom_judge_queue_wait_seconds_sum"), n.Metric("mockroom_judge_queue_wait_seconds_count")
		if s >= 0 && cnt > 0 {
			waitSum, waitCount = waitSum+s, waitCount+cnt
		}
	}
	if waitCount > 0 {
		r.RunWaitMeanMS = waitSum / waitCount * 1000
	}
	for name, a := range after {
		b := before[name]
		u := NodeUse{Name: name, CPU: (a.cpu - b.cpu) / elapsed.Seconds(), RSSMiB: a.rss, MaxMiB: a.hwm}
		if strings.HasPrefix(name, "n") {
			r.Nodes = append(r.Nodes, u)
		} else {
			r.Services[name] = u
		}
	}
	slices.SortFunc(r.Nodes, func(a, b NodeUse) int { return strings.Compare(a.Name, b.Name) })
	return r, nil
}

func cmpOr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// ivs2targets makes vegeta's targets: each interview's Run (POST execute)
// and its page load (GET the session), with the account's cookie.
func ivs2targets[T any](base string, ivs []T, get func(T) (*roomclient.Account, string)) []vegeta.Target {
	u, _ := url.Parse(base)
	body, _ := json.Marshal(map[string]any{"code": solution, "language": "python", "mode": "run"})
	var out []vegeta.Target
	for _, iv := range ivs {
		acct, id := get(iv)
		h := http.Header{"Content-Type": {"application/json"}}
		for _, ck := range acct.HTTP.Jar.Cookies(u) {
			h.Add("Cookie", ck.Name+"="+ck.Value)
		}
		out = append(out, vegeta.Target{Method: "POST", URL: base + "/api/sessions/" + id + "/execute", Body: body, Header: h},
			vegeta.Target{Method: "GET", URL: base + "/api/sessions/" + id, Header: h})
	}
	rand.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// attack paces Runs (and as many page loads) over every interview for the
// measured duration.
func attack(targets []vegeta.Target, o options) vegeta.Metrics {
	// Each interview runs once per runEvery and loads a page as often.
	perSec := 2 * float64(o.interviews) / o.runEvery.Seconds()
	rate := vegeta.Rate{Freq: max(1, int(perSec*100)), Per: 100 * time.Second}
	atk := vegeta.NewAttacker(vegeta.Timeout(60*time.Second), vegeta.KeepAlive(true))
	var m vegeta.Metrics
	for res := range atk.Attack(vegeta.NewStaticTargeter(targets...), rate, o.duration, "mockroom") {
		m.Add(res)
	}
	m.Close()
	return m
}

type procUse struct{ cpu, rss, hwm float64 }

// usage reads CPU seconds and memory of every instance and service.
func usage(c *clusterharness.Cluster) map[string]procUse {
	out := map[string]procUse{}
	for _, n := range c.Nodes {
		if pid := n.PID(); pid > 0 {
			// The instance and its sandbox's processes.
			out[n.Name] = readProcs(append([]int{pid}, clusterharness.Descendants(pid)...))
		}
	}
	// The load generator shares the machine: its own spend is reported too.
	out["loadgen"] = readProc(os.Getpid())
	for name, pids := range c.ServicePIDs() {
		out[name] = readProcs(pids)
	}
	return out
}

// readProcs sums the spend of several processes.
func readProcs(pids []int) procUse {
	var sum procUse
	for _, pid := range pids {
		u := readProc(pid)
		sum.cpu, sum.rss, sum.hwm = sum.cpu+u.cpu, sum.rss+u.rss, sum.hwm+u.hwm
	}
	return sum
}

func readProc(pid int) procUse {
	var u procUse
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err == nil {
		// Fields after the command's closing parenthesis; utime and stime
		// are the 14th and 15th of the line (12th and 13th here).
		s := string(stat)
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
		var ut, st float64
		if len(f) > 12 {
			fmt.Sscan(f[11], &ut)
			fmt.Sscan(f[12], &st)
		}
		u.cpu = (ut + st) / 100 // clock ticks (USER_HZ = 100 on Linux)
	}
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err == nil {
		for _, line := range strings.Split(string(status), "\n") {
			var kb float64
			if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
				fmt.Sscan(v, &kb)
				u.rss = kb / 1024
			}
			if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				fmt.Sscan(v, &kb)
				u.hwm = kb / 1024
			}
		}
	}
	return u
}

func report(w io.Writer, rs []Result) {
	fmt.Fprintln(w, "| instances | interviews | edits acked / sent | acked lost | ack p50 | ack p99 | WS error frames | reconnects | HTTP req | HTTP p50 | HTTP p99 | HTTP errors | run queue wait (mean) | CPU per instance with its sandbox (cores) | RSS per instance with its sandbox (MiB) | PostgreSQL CPU | Redis CPU | HAProxy CPU | load generator CPU |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
	for _, r := range rs {
		var cpu, rss []string
		for _, n := range r.Nodes {
			cpu = append(cpu, fmt.Sprintf("%.2f", n.CPU))
			rss = append(rss, fmt.Sprintf("%.0f", n.RSSMiB))
		}
		fmt.Fprintf(w, "| %d | %d | %d / %d | %d | %.1f ms | %.1f ms | %d | %d | %d | %.1f ms | %.1f ms | %.2f%% | %.1f ms | %s | %s | %.2f | %.2f | %.2f | %.2f |\n",
			r.Instances, r.Interviews, r.Acked, r.Edits, r.Lost, r.AckP50MS, r.AckP99MS, r.WSErrors, r.Reconnects, r.HTTPRequests,
			r.HTTPP50MS, r.HTTPP99MS, 100*r.HTTPErrorRate, r.RunWaitMeanMS, strings.Join(cpu, " / "), strings.Join(rss, " / "),
			r.Services["postgres"].CPU, r.Services["redis"].CPU, r.Services["haproxy"].CPU, r.Services["loadgen"].CPU)
	}
}
