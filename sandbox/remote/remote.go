// Package remote runs programs on a go-judge server (github.com/criyle/go-judge)
// over its REST API: the same engine as sandbox/local, on other machines.
// The server's mount configuration must expose the toolchains at the paths
// the toolchain package expects; toolchain.MountYAML writes one.
//
// Selected by SANDBOX=remote with SANDBOX_URL and SANDBOX_TOKEN.
package remote

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/sandbox"
	"github.com/mockroom/mockroom/sandbox/toolchain"
)

// Option configures New.
type Option func(*engine)

// WithLanguages fixes the languages instead of probing the server.
func WithLanguages(l ...sandbox.Language) Option {
	return func(e *engine) { e.langs = l; e.fixed = true }
}

// WithHTTPClient sets the client (default: one with a 2 minute timeout).
func WithHTTPClient(c *http.Client) Option { return func(e *engine) { e.http = c } }

// WithLogger sets the logger.
func WithLogger(l *slog.Logger) Option { return func(e *engine) { e.log = l } }

// Runner is the remote sandbox.Runner.
type Runner struct{ *toolchain.Runner }

var _ sandbox.Runner = (*Runner)(nil)

// New connects to the go-judge server at baseURL (e.g. http://10.0.0.5:5050)
// with a bearer token ("" when the server has none), checks it answers, and
// probes which toolchains its sandbox has.
func New(baseURL, token string, opts ...Option) (*Runner, error) {
	const op = "remote.New"
	u, err := url.Parse(baseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, mockroom.Wrap(op, mockroom.Errorf(mockroom.KindInvalid, "bad_sandbox_url", "SANDBOX_URL must be an http(s) URL"))
	}
	e := &engine{base: strings.TrimRight(baseURL, "/"), token: token, log: slog.Default(),
		http: &http.Client{Timeout: 2 * time.Minute}}
	for _, o := range opts {
		o(e)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if !e.fixed {
		if e.langs, err = e.probe(ctx); err != nil {
			return nil, mockroom.Wrap(op, err)
		}
	}
	names := make([]string, len(e.langs))
	for i, l := range e.langs {
		names[i] = string(l)
	}
	e.log.Info("sandbox: remote runner ready", "url", e.base, "languages", strings.Join(names, ","))
	return &Runner{toolchain.NewRunner(e, toolchain.Options{Languages: e.langs, Logger: e.log})}, nil
}

// ErrTransport marks a failure of the server, not of the program: the
// connection was refused, reset or timed out, or the server answered 5xx.
// A program's own failure or time limit is a Result, never this. Test with
// errors.Is; sandbox/fleet retries such a run on another server.
var ErrTransport = errors.New("go-judge server unreachable")

// Ping asks the server at baseURL for its version: the cheapest request that
// proves it answers (and that the token is right). A failure to reach it
// wraps ErrTransport.
func Ping(ctx context.Context, baseURL, token string, client *http.Client) error {
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	e := &engine{base: strings.TrimRight(baseURL, "/"), token: token, http: client}
	return e.do(ctx, http.MethodGet, "/version", nil, nil)
}

type engine struct {
	base, token string
	http        *http.Client
	log         *slog.Logger
	langs       []sandbox.Language
	fixed       bool
}

// probe asks the server's sandbox which toolchain paths exist, all
// languages in one request.
func (e *engine) probe(ctx context.Context) ([]sandbox.Language, error) {
	all := sandbox.AllLanguages()
	var cmds []cmd
	for _, l := range all {
		var tests []string
		for _, p := range toolchain.Needs(l) {
			tests = append(tests, "test -e '"+p+"'")
		}
		s := e.cmd(&toolchain.Step{Args: []string{toolchain.Shell, "-c", strings.Join(tests, " && ")},
			Env: []string{"PATH=/usr/bin:/bin"}, Limits: sandbox.DefaultLimits()})
		cmds = append(cmds, s)
	}
	res, err := e.run(ctx, cmds)
	if err != nil {
		return nil, err
	}
	if len(res) != len(all) {
		return nil, errors.New("go-judge probe: wrong number of results")
	}
	var out []sandbox.Language
	for i, l := range all {
		if res[i].Status == "Accepted" {
			out = append(out, l)
		}
	}
	return out, nil
}

// The go-judge REST shapes (cmd/go-judge/model), the subset we use.
type cmdFile struct {
	Content *string `json:"content,omitempty"`
	FileID  *string `json:"fileId,omitempty"`
	Name    *string `json:"name,omitempty"`
	Max     *int64  `json:"max,omitempty"`
	Pipe    bool    `json:"pipe,omitempty"`
}

type cmd struct {
	Args          []string           `json:"args"`
	Env           []string           `json:"env"`
	Files         []*cmdFile         `json:"files"`
	CPULimit      uint64             `json:"cpuLimit"`
	ClockLimit    uint64             `json:"clockLimit"`
	MemoryLimit   uint64             `json:"memoryLimit"`
	StackLimit    uint64             `json:"stackLimit"`
	ProcLimit     uint64             `json:"procLimit"`
	CopyIn        map[string]cmdFile `json:"copyIn,omitempty"`
	CopyOutCached []string           `json:"copyOutCached,omitempty"`
	CopyOutMax    uint64             `json:"copyOutMax,omitempty"`
}

type result struct {
	Status     string            `json:"status"`
	ExitStatus int               `json:"exitStatus"`
	Error      string            `json:"error"`
	Time       uint64            `json:"time"`
	Memory     uint64            `json:"memory"`
	RunTime    uint64            `json:"runTime"`
	Files      map[string]string `json:"files"`
	FileIDs    map[string]string `json:"fileIds"`
	FileError  []struct {
		Name    string `json:"name"`
		Message string `json:"message"`
	} `json:"fileError"`
}

func ptr[T any](v T) *T { return &v }

func (e *engine) cmd(s *toolchain.Step) cmd {
	lim := s.Limits
	c := cmd{
		Args: s.Args,
		Env:  s.Env,
		Files: []*cmdFile{
			{Content: ptr(string(s.Stdin))},
			// Pipes, not files in the work dir: a program could rewrite a
			// file collector, and it would share the work dir's space. Over
			// the budget go-judge drains the pipe; the program runs on until
			// a limit, and the verdict is output_limit.
			{Name: ptr("stdout"), Max: ptr(lim.OutputBytes), Pipe: true},
			{Name: ptr("stderr"), Max: ptr(lim.OutputBytes), Pipe: true},
		},
		CPULimit:      uint64(lim.CPUTime),
		ClockLimit:    uint64(lim.WallTime),
		MemoryLimit:   uint64(lim.MemoryBytes),
		StackLimit:    uint64(lim.MemoryBytes),
		ProcLimit:     uint64(lim.MaxProcs),
		CopyOutCached: s.CacheOut,
		CopyOutMax:    64 << 20,
	}
	if len(s.Files) > 0 {
		c.CopyIn = make(map[string]cmdFile, len(s.Files))
		for name, f := range s.Files {
			if f.ID != "" {
				c.CopyIn[name] = cmdFile{FileID: ptr(f.ID)}
			} else {
				c.CopyIn[name] = cmdFile{Content: ptr(string(f.Content))}
			}
		}
	}
	return c
}

// Exec runs one step on the server.
func (e *engine) Exec(ctx context.Context, s *toolchain.Step) (*toolchain.Outcome, error) {
	res, err := e.run(ctx, []cmd{e.cmd(s)})
	if err != nil {
		return nil, err
	}
	if len(res) != 1 {
		return nil, errors.New("go-judge: wrong number of results")
	}
	r := res[0]
	out := &toolchain.Outcome{
		Status:     r.Status,
		ExitStatus: r.ExitStatus,
		Error:      r.Error,
		CPUTime:    time.Duration(r.Time),
		WallTime:   time.Duration(r.RunTime),
		Memory:     int64(r.Memory),
		Stdout:     []byte(r.Files["stdout"]),
		Stderr:     []byte(r.Files["stderr"]),
		Cached:     r.FileIDs,
	}
	for _, fe := range r.FileError {
		out.Error += "; " + fe.Name + ": " + fe.Message
	}
	return out, nil
}

func (e *engine) run(ctx context.Context, cmds []cmd) ([]result, error) {
	body, err := json.Marshal(map[string]any{"cmd": cmds})
	if err != nil {
		return nil, err
	}
	var res []result
	if err := e.do(ctx, http.MethodPost, "/run", body, &res); err != nil {
		return nil, err
	}
	return res, nil
}

func (e *engine) do(ctx context.Context, method, path string, body []byte, into any) error {
	req, err := http.NewRequestWithContext(ctx, method, e.base+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if e.token != "" {
		req.Header.Set("Authorization", "Bearer "+e.token)
	}
	resp, err := e.http.Do(req)
	if err != nil {
		return fmt.Errorf("go-judge %s %s: %w: %w", method, path, ErrTransport, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 256<<20))
	if err != nil {
		return fmt.Errorf("go-judge %s %s: %w: %w", method, path, ErrTransport, err)
	}
	if resp.StatusCode/100 == 5 {
		return fmt.Errorf("go-judge %s %s: %w: HTTP %d: %.200s", method, path, ErrTransport, resp.StatusCode, data)
	}
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("go-judge %s %s: HTTP %d: %.200s", method, path, resp.StatusCode, data)
	}
	if into != nil {
		if err := json.Unmarshal(data, into); err != nil {
			return fmt.Errorf("go-judge %s %s: decoding: %w", method, path, err)
		}
	}
	return nil
}

// Forget deletes kept artifacts on the server.
func (e *engine) Forget(ids ...string) {
	if len(ids) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := e.do(ctx, http.MethodDelete, "/file/"+url.PathEscape(id), nil, nil); err != nil {
				e.log.Warn("sandbox: deleting a cached artifact on go-judge failed", "id", id, "error", err)
			}
		}()
	}
	wg.Wait()
}

// Close has nothing of its own to release: the server stays up.
func (e *engine) Close() error { return nil }
