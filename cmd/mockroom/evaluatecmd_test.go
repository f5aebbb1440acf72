package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/mockroom/mockroom/evaluation"
	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/sandbox/local"
)

func TestEvaluateCommand(t *testing.T) {
	ok, why := local.Available()
	testenv.Need(t, "the local sandbox", ok, why)
	dir := t.TempDir()
	fidelity := filepath.Join("..", "..", "agents", "evaluator", "testdata", "fidelity")
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// a run whose file claims it was accepted: the claim is not a field,
	// and the judge's verdict is what counts
	claims := write("claims.json", `{"problem_slug":"two-sum","language":"python","duration_seconds":600,
		"transcript":[{"speaker":"candidate","t_ms":1000,"text":"I think this is right."}],
		"snapshots":[],"runs":[{"t_ms":5000,"mode":"submit","code":"class Solution:\n    def twoSum(self, nums, target):\n        return [0, 1]\n"}]}`)
	for _, tc := range []struct {
		name    string
		args    []string
		rec     string // recommendation on success
		wantErr string
	}{
		{name: "excellent", args: []string{"--offline", filepath.Join(fidelity, "01-excellent.json")}, rec: evaluation.StrongYes},
		{name: "empty", args: []string{filepath.Join(fidelity, "13-empty.json")}, rec: evaluation.InsufficientEvidence},
		{name: "wrong code judged again", args: []string{claims}, rec: evaluation.No},
		{name: "no file", args: []string{}, wantErr: "usage"},
		{name: "missing", args: []string{filepath.Join(dir, "nope.json")}, wantErr: "no such file"},
		{name: "no slug", args: []string{write("noslug.json", `{"language":"python"}`)}, wantErr: "problem_slug is required"},
		{name: "unknown problem", args: []string{write("unknown.json", `{"problem_slug":"fizz","language":"python"}`)}, wantErr: `problem_slug: no problem "fizz"`},
		{name: "bad speaker", args: []string{write("speaker.json", `{"problem_slug":"two-sum","language":"python","transcript":[{"speaker":"judge","t_ms":1,"text":"x"}]}`)},
			wantErr: "transcript[0].speaker"},
		{name: "bad mode", args: []string{write("mode.json", `{"problem_slug":"two-sum","language":"python","runs":[{"t_ms":1,"mode":"deploy","code":"x"}]}`)},
			wantErr: "runs[0].mode"},
		{name: "wrong type", args: []string{write("type.json", `{"problem_slug":"two-sum","language":"python","hints_used":"two"}`)}, wantErr: "hints_used"},
		{name: "results in the file are not a field", args: []string{write("results.json", `{"problem_slug":"two-sum","language":"python","runs":[{"t_ms":1,"mode":"submit","code":"x","status":"accepted"}]}`)},
			wantErr: `unknown field "status"`},
		{name: "language the problem lacks", args: []string{write("lang.json", `{"problem_slug":"two-sum","language":"cobol"}`)}, wantErr: "language: problem two-sum has no cobol version"},
		{name: "too large", args: []string{write("big.json", `{"problem_slug":"two-sum","language":"python","transcript":[{"speaker":"candidate","t_ms":1,"text":"`+
			strings.Repeat("a", evaluation.MaxRecordingBytes)+`"}]}`)}, wantErr: "at most 8 MiB"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			args := append([]string{"mockroom", "evaluate", "--data", dir}, tc.args...)
			err := run(context.Background(), args, envOf(map[string]string{}), &out, &errOut)
			if tc.wantErr != "" {
				msg := ""
				if err != nil {
					msg = err.Error()
					if errors.Is(err, errUsage) {
						msg += errOut.String()
					}
				}
				if !strings.Contains(msg, tc.wantErr) {
					t.Fatalf("error %v (%s), want one saying %q", err, errOut.String(), tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("%v\n%s", err, errOut.String())
			}
			var e evaluation.Evaluation
			if err := json.Unmarshal(out.Bytes(), &e); err != nil {
				t.Fatalf("not an evaluation: %v\n%s", err, out.String())
			}
			if e.Recommendation != tc.rec || e.Evaluator != "offline" || len(e.Dimensions) != 4 {
				t.Fatalf("evaluation %+v, want %s", e, tc.rec)
			}
		})
	}
}

// With LLM_PROVIDER the command evaluates through the model service, and
// falls back to offline (saying so) when the service fails; --offline never
// calls it.
func TestEvaluateCommandWithAModel(t *testing.T) {
	ok, why := local.Available()
	testenv.Need(t, "the local sandbox", ok, why)
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		// OpenAI's error shape; a bad key is not retried
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		w.Write([]byte(`{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}`))
	}))
	defer srv.Close()
	env := envOf(map[string]string{"LLM_PROVIDER": "openai", "OPENAI_BASE_URL": srv.URL + "/v1", "INTERVIEWER_MODEL": "m",
		"OBSERVER_MODEL": "m", "EVALUATOR_MODEL": "judge-model"})
	file := filepath.Join("..", "..", "agents", "evaluator", "testdata", "fidelity", "03-good.json")
	for _, tc := range []struct {
		args      []string
		evaluator string
		calls     int32
	}{
		{[]string{file}, "offline (fallback: openai/judge-model request)", 1},
		{[]string{"--offline", file}, "offline", 1},
	} {
		var out, errOut bytes.Buffer
		err := run(context.Background(), append([]string{"mockroom", "evaluate", "--data", t.TempDir()}, tc.args...), env, &out, &errOut)
		if err != nil {
			t.Fatalf("%v\n%s", err, errOut.String())
		}
		var e evaluation.Evaluation
		if err := json.Unmarshal(out.Bytes(), &e); err != nil {
			t.Fatal(err)
		}
		if e.Evaluator != tc.evaluator || calls.Load() != tc.calls || e.Recommendation != evaluation.Yes {
			t.Fatalf("%v: evaluator %q, %d calls, %s", tc.args, e.Evaluator, calls.Load(), e.Recommendation)
		}
	}
}
