package realtime_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/mockroom/mockroom/agents/interviewer"
	"github.com/mockroom/mockroom/internal/apptest"
	"github.com/mockroom/mockroom/interview"
)

// gatedInterviewer is a model-like interviewer: Reply streams a first
// delta, then blocks until the test releases it (nil: finish, an error:
// fail) or its context ends.
type gatedInterviewer struct {
	interviewer.Offline
	started   chan string // the message being answered
	release   chan error
	cancelled chan struct{}
}

func newGated() *gatedInterviewer {
	return &gatedInterviewer{started: make(chan string, 8), release: make(chan error), cancelled: make(chan struct{}, 8)}
}

func (g *gatedInterviewer) Reply(ctx context.Context, t interview.Turn, emit func(string)) (string, error) {
	emit("Let me ")
	g.started <- t.Message
	select {
	case err := <-g.release:
		if err != nil {
			return "", err
		}
		emit("think.")
		return "Let me think.", nil
	case <-ctx.Done():
		g.cancelled <- struct{}{}
		return "", ctx.Err()
	}
}

// recorder keeps every frame it reads, so a test can check their order.
type recorder struct {
	ws     *wsClient
	frames []map[string]any
}

// until reads frames until one satisfies ok and returns it.
func (r *recorder) until(ok func(map[string]any) bool) map[string]any {
	r.ws.t.Helper()
	for {
		_, data, err := r.ws.conn.Read(r.ws.ctx)
		if err != nil {
			r.ws.t.Fatalf("reading: %v (frames so far %v)", err, r.frames)
		}
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			r.ws.t.Fatalf("non-JSON frame %q", data)
		}
		r.frames = append(r.frames, m)
		if ok(m) {
			return m
		}
	}
}

func ack(seq int) func(map[string]any) bool {
	return func(m map[string]any) bool { return m["type"] == "ack" && m["seq"] == float64(seq) }
}

func line(speaker string) func(map[string]any) bool {
	return func(m map[string]any) bool {
		e, _ := m["entry"].(map[string]any)
		return m["type"] == "transcript" && e["speaker"] == speaker
	}
}

func waitFor[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(20 * time.Second):
		t.Fatalf("timed out waiting for %s", what)
		panic("unreachable")
	}
}

// A slow interviewer does not stall the room: the chat message is acked
// once stored and a code_edit after it is acked while the reply is still
// pending; the reply's deltas arrive before its final transcript frame.
func TestSlowInterviewerDoesNotStallTheRoomAndStreams(t *testing.T) {
	g := newGated()
	app, c, id := setup(t, apptest.Options{Interviewer: g})
	rec := &recorder{ws: dial(t, app, c.Token(id))}
	rec.ws.send(map[string]any{"type": "chat_message", "seq": 1, "text": "How big can the input be?"})
	mine := rec.until(line("candidate"))["entry"].(map[string]any)
	rec.until(ack(1))
	waitFor(t, g.started, "the reply to start")

	rec.ws.send(map[string]any{"type": "code_edit", "seq": 2, "language": "python", "code": "# while you think"})
	rec.until(ack(2)) // the reply is still blocked in the interviewer
	if code, seq := liveCode(t, c, id); code != "# while you think" || seq != 2 {
		t.Fatalf("live code %q seq %d", code, seq)
	}

	g.release <- nil
	reply := rec.until(line("interviewer"))["entry"].(map[string]any)
	if reply["content"] != "Let me think." {
		t.Fatalf("reply = %v", reply)
	}
	var text string
	final := false
	for _, f := range rec.frames {
		if f["type"] != "interviewer.message" {
			continue
		}
		if f["reply_to"] != mine["id"] {
			t.Fatalf("delta %v answers %v, want %v", f, f["reply_to"], mine["id"])
		}
		if final {
			t.Fatalf("a delta after the final frame: %v", f)
		}
		text += f["text"].(string)
		final = f["final"].(bool)
	}
	if text != "Let me think." || !final {
		t.Fatalf("streamed %q (final %v) before the transcript; frames %v", text, final, rec.frames)
	}
}

// A failing interviewer leaves the candidate's line stored, answers with
// the fallback line, and the session keeps working.
func TestFailingInterviewerKeepsTheMessageAndTheSession(t *testing.T) {
	g := newGated()
	app, c, id := setup(t, apptest.Options{Interviewer: g})
	rec := &recorder{ws: dial(t, app, c.Token(id))}
	rec.ws.send(map[string]any{"type": "chat_message", "seq": 1, "text": "Is the array sorted?"})
	rec.until(ack(1))
	waitFor(t, g.started, "the reply to start")
	g.release <- errors.New("model unavailable")
	reply := rec.until(line("interviewer"))["entry"].(map[string]any)
	if reply["content"] != "Sorry — I lost my train of thought; could you say that again?" {
		t.Fatalf("fallback = %v", reply)
	}

	rec.ws.send(map[string]any{"type": "chat_message", "seq": 2, "text": "Is the array sorted? (again)"})
	rec.until(ack(2))
	waitFor(t, g.started, "the second reply to start")
	g.release <- nil
	rec.until(func(m map[string]any) bool {
		e, _ := m["entry"].(map[string]any)
		return m["type"] == "transcript" && e["content"] == "Let me think."
	})
	var v struct{ Transcript []interview.Transcript }
	c.Do("GET", "/api/sessions/"+id+"/transcript", nil).JSON(t, &v)
	var said []string
	for _, l := range v.Transcript {
		if l.Speaker == interview.SpeakerCandidate {
			said = append(said, l.Content)
		}
	}
	if len(said) != 2 || said[0] != "Is the array sorted?" {
		t.Fatalf("candidate lines = %q", said)
	}
}

// Ending the session cancels a pending reply: the interviewer sees its
// context end and nothing more is said.
func TestEndingTheSessionCancelsAPendingReply(t *testing.T) {
	g := newGated()
	app, c, id := setup(t, apptest.Options{Interviewer: g})
	ws := dial(t, app, c.Token(id))
	ws.send(map[string]any{"type": "chat_message", "seq": 1, "text": "Let me think about it"})
	ws.next("ack")
	waitFor(t, g.started, "the reply to start")
	if r := c.Do("POST", "/api/sessions/"+id+"/end", nil); r.Status != 200 {
		t.Fatalf("end: %d %s", r.Status, r.Body)
	}
	waitFor(t, g.cancelled, "the reply to be cancelled")
	// The worker has stopped once Close returns; nothing can land after it.
	app.Interviews.Close()
	var v struct{ Transcript []interview.Transcript }
	c.Do("GET", "/api/sessions/"+id+"/transcript", nil).JSON(t, &v)
	for _, l := range v.Transcript[1:] { // [0] is the greeting
		if l.Speaker == interview.SpeakerInterviewer {
			t.Fatalf("the interviewer spoke after the end: %+v", l)
		}
	}
}
