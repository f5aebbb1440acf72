package realtime_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/internal/apptest"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/transport/realtime"
)

// BenchmarkHubSessions holds N concurrent interview rooms (MOCKROOM_LOAD_SESSIONS,
// default 1000) for MOCKROOM_LOAD_SECONDS (default 30): the server's timer
// frames every 5 s, pings every 15 s, and each client sends a code edit every
// 2 s (staggered) and waits for its ack. It reports ack latency p50/p99 and
// the process's memory per session (server and the in-process clients
// together, so an upper bound for the server alone). One iteration whatever
// b.N: run it with -benchtime 1x.
func BenchmarkHubSessions(b *testing.B) {
	sessions := envInt("MOCKROOM_LOAD_SESSIONS", 1000)
	seconds := envInt("MOCKROOM_LOAD_SECONDS", 30)
	app := apptest.New(b, apptest.Options{Problems: true, Interview: interview.Config{MaxActive: sessions + 10}})
	c := app.Client()
	uid := c.Signup("load@example.com")
	ctx := mockroom.WithActor(context.Background(), mockroom.Actor{Role: mockroom.RoleUser, UserID: uid})
	if _, err := app.DB.AddCredits(ctx, uid, sessions, "bonus", "", "load test"); err != nil {
		b.Fatal(err)
	}
	pid := app.ProblemID("two-sum")
	ids := make([]string, sessions)
	for i := range ids {
		s, err := app.Interviews.Start(ctx, uid, pid, "python", 60)
		if err != nil {
			b.Fatal(err)
		}
		ids[i] = s.ID
	}
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)

	dctx, cancel := context.WithTimeout(context.Background(), time.Duration(seconds+120)*time.Second)
	defer cancel()
	conns := make([]*websocket.Conn, sessions)
	for i, id := range ids {
		tok, _, err := app.Hub.IssueToken(ctx, uid, id)
		if err != nil {
			b.Fatal(err)
		}
		conns[i], err = app.Dial(dctx, "", realtime.Subprotocol, tok)
		if err != nil {
			b.Fatalf("connection %d: %v", i, err)
		}
	}
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	b.ResetTimer()

	var mu sync.Mutex
	var lat []time.Duration
	var timers, errs int
	var wg sync.WaitGroup
	end := time.Now().Add(time.Duration(seconds) * time.Second)
	for i, conn := range conns {
		wg.Add(1)
		go func(i int, conn *websocket.Conn) {
			defer wg.Done()
			defer conn.CloseNow()
			sent := map[int64]time.Time{}
			var smu sync.Mutex
			go func() {
				time.Sleep(time.Duration(i%2000) * time.Millisecond) // not a wait: staggering the load over the 2 s period is the behaviour under test
				t := time.NewTicker(2 * time.Second)
				defer t.Stop()
				for seq := int64(1); time.Now().Before(end); seq++ {
					raw, _ := json.Marshal(map[string]any{"type": "code_edit", "seq": seq, "language": "python", "code": fmt.Sprintf("# edit %d of room %d\n", seq, i)})
					smu.Lock()
					sent[seq] = time.Now()
					smu.Unlock()
					if conn.Write(dctx, websocket.MessageText, raw) != nil {
						return
					}
					<-t.C
				}
			}()
			for {
				rctx, rcancel := context.WithDeadline(dctx, end.Add(3*time.Second))
				_, data, err := conn.Read(rctx)
				rcancel()
				if err != nil {
					return
				}
				var f struct {
					Type string
					Seq  int64
				}
				json.Unmarshal(data, &f)
				switch f.Type {
				case "ack":
					smu.Lock()
					d := time.Since(sent[f.Seq])
					smu.Unlock()
					mu.Lock()
					lat = append(lat, d)
					mu.Unlock()
				case "timer":
					mu.Lock()
					timers++
					mu.Unlock()
				case "error":
					mu.Lock()
					errs++
					mu.Unlock()
				}
			}
		}(i, conn)
	}
	wg.Wait()
	b.StopTimer()
	slices.Sort(lat)
	pct := func(p float64) float64 {
		if len(lat) == 0 {
			return 0
		}
		return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000
	}
	perSession := float64(int64(after.HeapInuse+after.StackInuse)-int64(before.HeapInuse+before.StackInuse)) / float64(sessions) / 1024
	b.ReportMetric(float64(sessions), "sessions")
	b.ReportMetric(float64(len(lat)), "acks")
	b.ReportMetric(pct(0.5), "ack-p50-ms")
	b.ReportMetric(pct(0.99), "ack-p99-ms")
	b.ReportMetric(perSession, "KiB/session")
	b.ReportMetric(float64(timers), "timer-frames")
	if errs > 0 {
		b.Fatalf("%d error frames", errs)
	}
	if want := sessions * seconds / 2 * 8 / 10; len(lat) < want {
		b.Fatalf("only %d acks, want at least %d", len(lat), want)
	}
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}
