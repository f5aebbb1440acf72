// Package realtimetest is the conformance suite of the realtime hub's
// shared-state ports: Nonces (one-time token ids) and Fanout (notices and
// sign-outs between instances), run against the in-memory implementations
// and the Redis ones.
package realtimetest

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/transport/realtime"
)

// NoncesHarness builds the Nonces under test.
type NoncesHarness struct {
	// New returns two instances' views of one empty set (the in-memory
	// set: the same one twice).
	New func(t *testing.T) (a, b realtime.Nonces)
	// Pass lets d go by on the set's clock (a test clock moves; Redis
	// expires keys in real time, so its harness sleeps).
	Pass func(d time.Duration)
}

// RunNonces runs the Nonces suite.
func RunNonces(t *testing.T, h NoncesHarness) {
	ctx := context.Background()
	use := func(t *testing.T, n realtime.Nonces, jti string, ttl time.Duration) bool {
		t.Helper()
		fresh, err := n.Use(ctx, jti, ttl)
		if err != nil {
			t.Fatal(err)
		}
		return fresh
	}
	t.Run("OnceOnly", func(t *testing.T) {
		a, b := h.New(t)
		if !use(t, a, "j1", time.Minute) {
			t.Fatal("a fresh jti was refused")
		}
		if use(t, a, "j1", time.Minute) {
			t.Fatal("a jti was used twice on one instance")
		}
		if use(t, b, "j1", time.Minute) {
			t.Fatal("a jti used on one instance was fresh on another")
		}
		if !use(t, b, "j2", time.Minute) {
			t.Fatal("another jti was refused")
		}
	})
	t.Run("ConcurrentUsesOneWins", func(t *testing.T) {
		a, b := h.New(t)
		var wg sync.WaitGroup
		var fresh, failed atomic.Int32
		for i := range 30 {
			n := a
			if i%2 == 1 {
				n = b
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				ok, err := n.Use(ctx, "race", time.Minute)
				if err != nil {
					failed.Add(1)
				}
				if ok {
					fresh.Add(1)
				}
			}()
		}
		wg.Wait()
		if fresh.Load() != 1 || failed.Load() != 0 {
			t.Fatalf("%d uses were fresh (%d errors), want exactly one", fresh.Load(), failed.Load())
		}
	})
	t.Run("ForgottenAfterTheTTL", func(t *testing.T) {
		a, _ := h.New(t)
		use(t, a, "short", 300*time.Millisecond)
		use(t, a, "long", time.Hour)
		h.Pass(time.Second)
		// The set does not grow forever: an expired jti is gone (its token
		// expired long before: TokenTTL is half the nonce's TTL).
		if !use(t, a, "short", time.Minute) {
			t.Fatal("a jti was remembered past its TTL")
		}
		if use(t, a, "long", time.Hour) {
			t.Fatal("a jti was forgotten before its TTL")
		}
	})
}

// NewFanoutPair returns two instances' fan-outs on one network, neither
// listening yet.
type NewFanoutPair func(t *testing.T) (a, b realtime.Fanout)

// wait is how long a message may take: generous, for a loaded machine.
const wait = 10 * time.Second

type inbox struct {
	ch chan realtime.Message
}

func listen(f realtime.Fanout) *inbox {
	in := &inbox{ch: make(chan realtime.Message, 1024)}
	f.Listen(func(m realtime.Message) { in.ch <- m })
	return in
}

// next returns the next message, failing after wait.
func (in *inbox) next(t *testing.T) realtime.Message {
	t.Helper()
	select {
	case m := <-in.ch:
		return m
	case <-time.After(wait):
		t.Fatal("no message arrived")
		return realtime.Message{}
	}
}

func delta(text string) *interview.Notice {
	return &interview.Notice{Delta: &interview.Delta{ReplyTo: "line-1", Text: text}}
}

// RunFanout runs the Fanout suite. Every "nothing arrived" is checked by
// sending a marker afterwards, in order, and seeing it arrive first: never
// by waiting a fixed time.
func RunFanout(t *testing.T, newPair NewFanoutPair) {
	ctx := context.Background()
	t.Run("ReachesAJoinedInstanceOnly", func(t *testing.T) {
		a, b := newPair(t)
		listen(a)
		inB := listen(b)
		if err := b.Join(ctx, "s2"); err != nil {
			t.Fatal(err)
		}
		a.Publish(ctx, realtime.Message{SessionID: "s1", Notice: delta("for s1")})
		a.Publish(ctx, realtime.Message{SessionID: "s2", Notice: delta("for s2")})
		if m := inB.next(t); m.SessionID != "s2" || m.Notice.Delta.Text != "for s2" {
			t.Fatalf("b got %+v, want only s2's notice", m)
		}
	})
	t.Run("NeverEchoesToTheSender", func(t *testing.T) {
		a, b := newPair(t)
		inA, inB := listen(a), listen(b)
		a.Join(ctx, "s")
		b.Join(ctx, "s")
		a.Publish(ctx, realtime.Message{SessionID: "s", Notice: delta("from a")})
		if m := inB.next(t); m.Notice.Delta.Text != "from a" {
			t.Fatalf("b got %+v", m)
		}
		b.Publish(ctx, realtime.Message{SessionID: "s", Notice: delta("from b")})
		if m := inA.next(t); m.Notice.Delta.Text != "from b" {
			t.Fatalf("a got its own message back (or nothing): %+v", m)
		}
	})
	t.Run("JoinsAreCountedAndLeaveStopsAtOnce", func(t *testing.T) {
		a, b := newPair(t)
		listen(a)
		inB := listen(b)
		b.Join(ctx, "s") // two sockets of the session on b
		b.Join(ctx, "s")
		b.Join(ctx, "marker")
		b.Leave(ctx, "s")
		a.Publish(ctx, realtime.Message{SessionID: "s", Notice: delta("one socket left")})
		if m := inB.next(t); m.SessionID != "s" {
			t.Fatalf("after one of two leaves: %+v", m)
		}
		b.Leave(ctx, "s")
		a.Publish(ctx, realtime.Message{SessionID: "s", Notice: delta("nobody left")})
		a.Publish(ctx, realtime.Message{SessionID: "marker", Notice: delta("marker")})
		if m := inB.next(t); m.SessionID != "marker" {
			t.Fatalf("a session b left still arrived: %+v", m)
		}
	})
	t.Run("SignOutReachesEveryInstance", func(t *testing.T) {
		a, b := newPair(t)
		listen(a)
		inB := listen(b)
		a.Publish(ctx, realtime.Message{SignedOut: "user-1"})
		if m := inB.next(t); m.SignedOut != "user-1" {
			t.Fatalf("b got %+v", m)
		}
	})
	t.Run("VoiceClaimReachesEveryInstance", func(t *testing.T) {
		// b left the session's channel (its room moved away) but may still
		// hold the session's voice call.
		a, b := newPair(t)
		listen(a)
		inB := listen(b)
		a.Publish(ctx, realtime.Message{SessionID: "s", VoiceClaimed: "s"})
		if m := inB.next(t); m.VoiceClaimed != "s" {
			t.Fatalf("b got %+v", m)
		}
	})
	t.Run("NoticesArriveWholeAndInOrder", func(t *testing.T) {
		a, b := newPair(t)
		listen(a)
		inB := listen(b)
		b.Join(ctx, "s")
		at := time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)
		whole := []*interview.Notice{
			{Transcript: &interview.Transcript{ID: "t1", SessionID: "s", Seq: 4, Speaker: "candidate", Content: "is O(n) fine?", TimestampMS: 61000, CreatedAt: at}},
			{Execution: &judge.Report{Mode: judge.ModeRun, Language: "python", Status: judge.WrongAnswer, Passed: 1, Total: 2,
				Tests: []judge.TestResult{{Index: 0, Name: "example 1", Verdict: judge.WrongAnswer, Input: []byte(`[1,2]`), Got: []byte(`3`)}}}},
			{Queued: &interview.QueuePlace{Mode: judge.ModeSubmit, Ahead: 2}},
			{Observation: &interview.Observation{CodeHash: "ab", Language: "python", Warnings: []string{"unused"}, Approach: "brute-force"}},
			{Ended: &interview.Session{ID: "s", UserID: "u", Status: interview.StatusCompleted, EndedAt: &at}, Reason: "time_up"},
		}
		for i := range 100 {
			whole = append(whole, delta(fmt.Sprint(i)))
		}
		whole = append(whole, &interview.Notice{Delta: &interview.Delta{Final: true}})
		for _, n := range whole {
			if err := a.Publish(ctx, realtime.Message{SessionID: "s", Notice: n}); err != nil {
				t.Fatal(err)
			}
		}
		for i, want := range whole {
			m := inB.next(t)
			if !reflect.DeepEqual(m.Notice, want) {
				t.Fatalf("message %d: got %+v, want %+v", i, m.Notice, want)
			}
		}
	})
}
