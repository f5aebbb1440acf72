package realtime_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/mockroom/mockroom/internal/apptest"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/transport/realtime"
)

// A session holds at most MaxSockets open sockets; the next one gets an
// error frame and close code 4005, and closing a socket frees its place.
func TestSocketsPerSessionAreCapped(t *testing.T) {
	app, c, id := setup(t, apptest.Options{Realtime: realtime.Config{MaxSockets: 2}})
	first := dial(t, app, c.Token(id))
	first.next("timer")
	second := dial(t, app, c.Token(id))
	second.next("timer")

	extra := dial(t, app, c.Token(id))
	if e := extra.next("error"); e["code"] != "too_many_sockets" || !strings.Contains(e["message"].(string), "2 tabs") {
		t.Fatalf("the extra socket got %v", e)
	}
	if st := extra.closeStatus(); st != realtime.CloseTooManySockets {
		t.Fatalf("the extra socket closed with %d, want %d", st, realtime.CloseTooManySockets)
	}
	if n := app.Hub.Connections(); n != 2 {
		t.Fatalf("%d sockets open, want 2", n)
	}
	// The two admitted sockets still work; closing one makes room.
	second.send(map[string]any{"type": "code_edit", "seq": 1, "language": "python", "code": "x = 1"})
	if ack := second.next("ack", "error"); ack["type"] != "ack" {
		t.Fatalf("an admitted socket: %v", ack)
	}
	first.conn.Close(websocket.StatusNormalClosure, "")
	waitUntil(t, func() bool { return app.Hub.Connections() == 1 })
	again := dial(t, app, c.Token(id))
	again.send(map[string]any{"type": "resume", "last_acked_seq": 1})
	if st := again.next("session_state"); st["last_acked_seq"].(float64) != 1 {
		t.Fatalf("a socket after one closed: %v", st)
	}
}

// On PostgreSQL a NUL in a frame failed the write and the client was told
// to re-send it, forever; a seq near 2^63 wedged the session; a code_edit
// without code saved an empty editor. Each is now refused with an error
// frame naming the frame's seq, and the session keeps working.
func TestBadTextSeqAndMissingCodeAreRefusedOnPostgres(t *testing.T) {
	app, c, id := setup(t, apptest.Options{Postgres: true})
	ws := dial(t, app, c.Token(id))
	for _, tc := range []struct {
		frame string
		code  string
		seq   float64
	}{
		{`{"type":"code_edit","seq":1,"language":"python","code":"a\u0000b"}`, "invalid_text", 1},
		{`{"type":"chat_message","seq":2,"text":"hi\u0000"}`, "invalid_text", 2},
		{`{"type":"code_edit","seq":9223372036854775807,"language":"python","code":"wedge"}`, "invalid_seq", 9223372036854775807},
		{`{"type":"chat_message","seq":9007199254740992,"text":"wedge"}`, "invalid_seq", 9007199254740992},
		{`{"type":"hint_request","seq":9007199254740992}`, "invalid_seq", 9007199254740992},
		{`{"type":"resume","last_acked_seq":9223372036854775807}`, "invalid_payload", 0},
		{`{"type":"code_edit","seq":3,"language":"python"}`, "invalid_payload", 3},
		{`{"type":"code_edit","seq":4,"language":"python","code":null}`, "invalid_payload", 4},
	} {
		if err := ws.conn.Write(ws.ctx, websocket.MessageText, []byte(tc.frame)); err != nil {
			t.Fatal(err)
		}
		e := ws.next("error", "ack")
		seq, _ := e["seq"].(float64)
		if e["type"] != "error" || e["code"] != tc.code || seq != tc.seq {
			t.Fatalf("%s: got %v, want error %s for seq %v", tc.frame, e, tc.code, tc.seq)
		}
	}
	// Nothing was stored and the seq did not move: seq 1 still applies.
	if code, last := liveCode(t, c, id); strings.Contains(code, "\x00") || code == "" || code == "wedge" || last != 0 {
		t.Fatalf("after the refusals the server has %q (seq %d)", code, last)
	}
	ws.send(map[string]any{"type": "code_edit", "seq": 1, "language": "python", "code": "x = 1"})
	if ack := ws.next("ack", "error"); ack["type"] != "ack" || ack["seq"].(float64) != 1 {
		t.Fatalf("seq 1 after the refusals: %v", ack)
	}
	ws.send(map[string]any{"type": "code_edit", "seq": realtime.MaxSeq, "language": "python", "code": "x = 2"})
	if ack := ws.next("ack", "error"); ack["type"] != "ack" {
		t.Fatalf("the largest allowed seq: %v", ack)
	}
	if code, last := liveCode(t, c, id); code != "x = 2" || last != realtime.MaxSeq {
		t.Fatalf("live code %q (seq %d)", code, last)
	}
}

// At its cap the conversation refuses chat with conversation_full, a
// re-sent message that was already stored is still acknowledged, and code
// edits keep saving.
func TestFullConversationRefusesChatButNotCodeEdits(t *testing.T) {
	app, c, id := setup(t, apptest.Options{Interview: interview.Config{MaxTranscript: 3}})
	ws := dial(t, app, c.Token(id))
	// The greeting is line 1; the message and its answer make 3.
	ws.send(map[string]any{"type": "chat_message", "seq": 1, "text": "hello"})
	if ack := ws.next("ack", "error"); ack["type"] != "ack" {
		t.Fatalf("first message: %v", ack)
	}
	// The reply is written by a worker after the ack; wait for it.
	waitUntil(t, func() bool {
		var v struct{ Transcript []interview.Transcript }
		c.Do("GET", "/api/sessions/"+id+"/transcript", nil).JSON(t, &v)
		return len(v.Transcript) >= 3
	})
	ws.send(map[string]any{"type": "chat_message", "seq": 2, "text": "are you there?"})
	e := ws.next("ack", "error")
	if e["type"] != "error" || e["code"] != "conversation_full" || e["seq"].(float64) != 2 ||
		!strings.Contains(e["message"].(string), "conversation is full") {
		t.Fatalf("a message past the cap: %v", e)
	}
	ws.send(map[string]any{"type": "chat_message", "seq": 1, "text": "hello"})
	if ack := ws.next("ack", "error"); ack["type"] != "ack" || ack["seq"].(float64) != 1 {
		t.Fatalf("a re-sent, already stored message: %v", ack)
	}
	ws.send(map[string]any{"type": "code_edit", "seq": 3, "language": "python", "code": "still coding"})
	if ack := ws.next("ack", "error"); ack["type"] != "ack" || ack["seq"].(float64) != 3 {
		t.Fatalf("a code edit with the conversation full: %v", ack)
	}
	if code, _ := liveCode(t, c, id); code != "still coding" {
		t.Fatalf("code = %q", code)
	}
}

// waitUntil polls cond until it holds, failing after 10 seconds.
func waitUntil(t *testing.T, cond func() bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for !cond() {
		select {
		case <-ctx.Done():
			t.Fatal("condition not met within 10s")
		case <-time.After(10 * time.Millisecond):
		}
	}
}
