package httpapi

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/judge"
)

// Code travels as JSON strings, which escaping can inflate; the 50 KiB limit
// applies to the decoded code, the body limit only bounds the work.
const codeBodyLimit = 512 << 10

// sessionView is what the interview room loads: the session, the problem as
// a candidate may see it, the live code and the clock.
type sessionView struct {
	Session     *interview.Session `json:"session"`
	Problem     *problemDetail     `json:"problem"`
	Code        string             `json:"code"`
	Language    string             `json:"language"`
	LastSeq     int64              `json:"last_acked_seq"`
	RemainingMS int64              `json:"remaining_ms"`
	EndsAt      time.Time          `json:"ends_at"`
	ServerTime  time.Time          `json:"server_time"`
	HintsTotal  int                `json:"hints_total"`
	Languages   []string           `json:"languages"`
}

func (s *server) startSession(w http.ResponseWriter, r *http.Request) {
	var in startRequest
	if err := decode(w, r, &in, 0); err != nil {
		s.writeError(w, r, err)
		return
	}
	if in.DurationMinutes == 0 {
		in.DurationMinutes = 45
	}
	sess, err := s.Interviews.Start(r.Context(), userID(r), in.ProblemID, in.Language, int(in.DurationMinutes))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, sess)
}

func (s *server) getSession(w http.ResponseWriter, r *http.Request) {
	s.writeSessionView(w, r, r.PathValue("id"))
}

// writeSessionView answers with everything a (re)load of the room needs.
func (s *server) writeSessionView(w http.ResponseWriter, r *http.Request, id string) {
	ctx := r.Context()
	sess, live, err := s.Interviews.Live(ctx, userID(r), id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	p, err := s.Problems.ProblemByID(ctx, sess.ProblemID)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	detail, err := s.problemDetail(r, p)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, sessionView{Session: sess, Problem: detail, Code: live.Code, Language: live.Language, LastSeq: live.Seq,
		RemainingMS: s.Interviews.Remaining(sess).Milliseconds(), EndsAt: s.Interviews.EndsAt(sess), ServerTime: s.Clock.Now(),
		HintsTotal: len(p.Hints), Languages: s.Interviews.Languages(p)})
}

// patchSession switches the language or completes the session, and answers
// with the new view: after a switch its code is the chosen language's.
func (s *server) patchSession(w http.ResponseWriter, r *http.Request) {
	var in sessionPatch
	if err := decode(w, r, &in, codeBodyLimit); err != nil {
		s.writeError(w, r, err)
		return
	}
	sess, err := s.Interviews.Update(r.Context(), userID(r), r.PathValue("id"), interview.Update{Language: in.Language, Code: in.Code, Status: in.Status})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeSessionView(w, r, sess.ID)
}

func (s *server) endSession(w http.ResponseWriter, r *http.Request) {
	sess, err := s.Interviews.End(r.Context(), userID(r), r.PathValue("id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, sess)
}

func (s *server) saveCode(w http.ResponseWriter, r *http.Request) {
	var in saveCodeRequest
	if err := decode(w, r, &in, codeBodyLimit); err != nil {
		s.writeError(w, r, err)
		return
	}
	if in.Code == nil {
		s.writeError(w, r, mockroom.Errorf(mockroom.KindInvalid, "invalid_field", "code is required"))
		return
	}
	if _, err := s.Interviews.SaveCode(r.Context(), userID(r), r.PathValue("id"), *in.Code, in.Language, 0, in.Manual); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, savedBody{Saved: true, SavedAt: s.Clock.Now()})
}

func (s *server) hint(w http.ResponseWriter, r *http.Request) {
	text, used, _, err := s.Interviews.Hint(r.Context(), userID(r), r.PathValue("id"), 0)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, hintBody{Hint: text, HintsUsed: used})
}

// chatReplyWait bounds how long POST /chat waits for the interviewer.
const chatReplyWait = 10 * time.Second

func (s *server) chat(w http.ResponseWriter, r *http.Request) {
	var in chatRequest
	if err := decode(w, r, &in, 0); err != nil {
		s.writeError(w, r, err)
		return
	}
	_, replied, err := s.Interviews.Chat(r.Context(), userID(r), r.PathValue("id"), in.Text, 0)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	// The message is stored; wait a bounded while for the interviewer's
	// answer so the lines below usually carry it. A slower answer still
	// lands, over the realtime socket or the next transcript read.
	select {
	case <-replied:
	case <-r.Context().Done():
	case <-time.After(chatReplyWait):
	}
	// The latest lines, not the whole conversation: the client merges them
	// by id, and a message must not cost more as the interview grows.
	ts, err := s.Interviews.RecentTranscript(r.Context(), userID(r), r.PathValue("id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if ts == nil {
		ts = []interview.Transcript{}
	}
	writeJSON(w, http.StatusOK, transcriptBody{Transcript: ts})
}

func (s *server) transcript(w http.ResponseWriter, r *http.Request) {
	ts, err := s.Interviews.Transcript(r.Context(), userID(r), r.PathValue("id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if ts == nil {
		ts = []interview.Transcript{}
	}
	writeJSON(w, http.StatusOK, transcriptBody{Transcript: ts})
}

func (s *server) snapshots(w http.ResponseWriter, r *http.Request) {
	snaps, err := s.Interviews.Snapshots(r.Context(), userID(r), r.PathValue("id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if snaps == nil {
		snaps = []interview.Snapshot{}
	}
	writeJSON(w, http.StatusOK, snapshotsBody{Snapshots: snaps})
}

func (s *server) execute(w http.ResponseWriter, r *http.Request) {
	var in executeRequest
	if err := decode(w, r, &in, codeBodyLimit); err != nil {
		s.writeError(w, r, err)
		return
	}
	if in.Code == nil {
		s.writeError(w, r, mockroom.Errorf(mockroom.KindInvalid, "invalid_field", "code is required"))
		return
	}
	if in.Mode == "" {
		in.Mode = string(judge.ModeRun)
	}
	custom, err := customInput(in.Stdin)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if custom != nil && in.Mode != string(judge.ModeRun) {
		s.writeError(w, r, mockroom.Errorf(mockroom.KindInvalid, "invalid_field", "custom input (stdin) is only for mode run"))
		return
	}
	rep, err := s.Interviews.Execute(r.Context(), userID(r), r.PathValue("id"), *in.Code, in.Language, judge.Mode(in.Mode), custom)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, rep)
}

// customInput accepts the custom test input as a JSON object of the
// signature's parameters (for a design problem, its operations and
// arguments), or as a string holding one.
func customInput(raw json.RawMessage) (json.RawMessage, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var str string
	if json.Unmarshal(raw, &str) == nil {
		if strings.TrimSpace(str) == "" {
			return nil, nil
		}
		raw = json.RawMessage(str)
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return nil, mockroom.Errorf(mockroom.KindInvalid, "invalid_custom_input", `custom input must be a JSON object of the function's parameters, e.g. {"nums": [1, 2], "target": 3}, or for a class the calls, e.g. {"operations": ["MinStack", "push", "getMin"], "arguments": [[], [1], []]}`)
	}
	return raw, nil
}

func (s *server) realtimeToken(w http.ResponseWriter, r *http.Request) {
	var in tokenRequest
	if err := decode(w, r, &in, 0); err != nil {
		s.writeError(w, r, err)
		return
	}
	tok, ttl, err := s.Realtime.IssueToken(r.Context(), userID(r), in.SessionID)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	u, _ := url.Parse(s.cfg.BaseURL)
	u.Scheme = map[string]string{"https": "wss"}[u.Scheme]
	if u.Scheme == "" {
		u.Scheme = "ws"
	}
	u.Path = "/ws"
	writeJSON(w, http.StatusOK, tokenBody{Token: tok, WSURL: u.String(), ExpiresIn: int(ttl.Seconds())})
}

func (s *server) websocket(w http.ResponseWriter, r *http.Request) {
	s.Realtime.ServeHTTP(w, r)
}
