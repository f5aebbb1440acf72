// Package roomclient is a candidate's client of a mockroom server, for the
// cluster, chaos and load tests: an account over HTTP and an interview room
// over the WebSocket that reconnects, resumes and re-sends what the server
// did not acknowledge, exactly as the web app does, while it counts every
// acknowledged edit.
package roomclient

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"time"
)

// Account is a signed-in candidate.
type Account struct {
	Base string // http://host:port, the load balancer or one instance
	HTTP *http.Client
}

// APIError is an API refusal with its JSON error body.
type APIError struct {
	Status     int
	Code       string
	Message    string
	RetryAfter string
}

func (e *APIError) Error() string {
	return fmt.Sprintf("HTTP %d %s: %s", e.Status, e.Code, e.Message)
}

// NewAccount returns a client with its own cookie jar.
func NewAccount(base string) *Account {
	jar, _ := cookiejar.New(nil)
	return &Account{Base: strings.TrimRight(base, "/"), HTTP: &http.Client{Jar: jar, Timeout: 60 * time.Second}}
}

// With returns a client sharing a's cookies that talks to another base (one
// instance directly instead of the load balancer).
func (a *Account) With(base string) *Account {
	return &Account{Base: strings.TrimRight(base, "/"), HTTP: a.HTTP}
}

// Do sends a JSON request and decodes a 2xx answer into out; any other
// status is an *APIError.
func (a *Account) Do(ctx context.Context, method, path string, body, out any) error {
	var rd io.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequestWithContext(ctx, method, a.Base+path, rd)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := a.HTTP.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if resp.StatusCode/100 != 2 {
		var e struct {
			Error struct{ Code, Message string }
		}
		json.Unmarshal(raw, &e)
		return &APIError{Status: resp.StatusCode, Code: e.Error.Code, Message: e.Error.Message, RetryAfter: resp.Header.Get("Retry-After")}
	}
	if out != nil && len(raw) > 0 {
		return json.Unmarshal(raw, out)
	}
	return nil
}

// Status is the HTTP status of err when it is an API refusal, else 0.
func Status(err error) int {
	var e *APIError
	if errors.As(err, &e) {
		return e.Status
	}
	return 0
}

// SignUp creates the account and signs it in.
func SignUp(ctx context.Context, base, email, password string) (*Account, error) {
	a := NewAccount(base)
	if err := a.Do(ctx, "POST", "/api/auth/signup", map[string]string{"email": email, "password": password}, nil); err != nil {
		return nil, fmt.Errorf("sign up %s: %w", email, err)
	}
	return a, nil
}

// StartSession starts an interview on the problem with slug.
func (a *Account) StartSession(ctx context.Context, slug, language string, minutes int) (string, error) {
	var p struct{ ID string }
	if err := a.Do(ctx, "GET", "/api/problems/"+slug, nil, &p); err != nil {
		return "", fmt.Errorf("problem %s: %w", slug, err)
	}
	var s struct{ ID string }
	err := a.Do(ctx, "POST", "/api/sessions/start", map[string]any{"problem_id": p.ID, "language": language, "duration_minutes": minutes}, &s)
	if err != nil {
		return "", fmt.Errorf("start: %w", err)
	}
	return s.ID, nil
}

// Token asks for a one-time WebSocket token for the session.
func (a *Account) Token(ctx context.Context, sessionID string) (string, error) {
	var t struct{ Token string }
	if err := a.Do(ctx, "POST", "/api/realtime/token", map[string]string{"session_id": sessionID}, &t); err != nil {
		return "", err
	}
	return t.Token, nil
}

// SessionView is what the API says it holds durably.
type SessionView struct {
	Status  string
	Code    string
	LastSeq int64 `json:"last_acked_seq"`
}

// Session reads the session's durable state.
func (a *Account) Session(ctx context.Context, id string) (*SessionView, error) {
	var v SessionView
	return &v, a.Do(ctx, "GET", "/api/sessions/"+id, nil, &v)
}

// TwoSum is an accepted Python solution of the two-sum problem, the code
// the cluster, chaos and load tests type and run.
const TwoSum = `class Solution:
    def twoSum(self, nums: List[int], target: int) -> List[int]:
        seen = {}
        for i, x in enumerate(nums):
            if target - x in seen:
                return [seen[target - x], i]
            seen[x] = i
        return []
`
