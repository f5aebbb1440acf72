package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/agents/evaluator"
	"github.com/mockroom/mockroom/agents/llm"
	"github.com/mockroom/mockroom/evaluation"
)

// runEvaluate: mockroom evaluate [--offline] [--data DIR] FILE|-. It reads
// a recorded session (docs/recorded-sessions.md), judges every run again
// with the real judge (results in the file are never read), evaluates it
// and prints the evaluation as JSON.
func runEvaluate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("evaluate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	offline := fs.Bool("offline", false, "use the offline evaluator whatever LLM_PROVIDER says")
	data := fs.String("data", "", "data directory for the sandbox (env DATA_DIR, default ./data)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: mockroom evaluate [--offline] [--data DIR] FILE   (FILE - reads standard input)")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	rec, err := readRecording(fs.Arg(0))
	if err != nil {
		return err
	}
	svc, lib, closeFn, err := newJudge(firstNonEmpty(*data, getenv("DATA_DIR"), "./data"), "", getenv, stderr)
	if err != nil {
		return err
	}
	defer closeFn()
	entry, ok := lib.Get(rec.ProblemSlug)
	if !ok {
		return fmt.Errorf("problem_slug: no problem %q in the library", rec.ProblemSlug)
	}
	in, err := evaluation.JudgeRecording(ctx, svc, &entry.Problem, rec)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	ev, err := evaluatorFor(getenv, *offline, log)
	if err != nil {
		return err
	}
	evals := evaluation.NewService(nil, nil, nil, ev, mockroom.SystemClock{}, log)
	e, err := evals.Evaluate(ctx, in)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(e)
}

// evaluatorFor picks the evaluator: the model-backed one when LLM_PROVIDER
// names a model service (falling back to offline on any failure), offline
// with --offline or with no provider.
func evaluatorFor(getenv func(string) string, offline bool, log *slog.Logger) (evaluation.Evaluator, error) {
	if offline {
		return evaluator.NewOffline(), nil
	}
	c, err := loadLLM(getenv)
	if err != nil {
		return nil, err
	}
	p, err := newLLMProvider(Config{LLM: c})
	if err != nil || p == nil {
		return evaluator.NewOffline(), err
	}
	client := llm.NewClient(p, nil, log, c.ClientConfig())
	return evaluator.NewModel(client, c.EvaluatorModel, evaluator.NewOffline()), nil
}

// readRecording reads and checks a recording, at most
// evaluation.MaxRecordingBytes, from a file or standard input ("-").
func readRecording(name string) (evaluation.Recording, error) {
	var rec evaluation.Recording
	var r io.Reader = os.Stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return rec, err
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, evaluation.MaxRecordingBytes+1))
	if err != nil {
		return rec, err
	}
	if len(b) > evaluation.MaxRecordingBytes {
		return rec, fmt.Errorf("%s: a recording is at most %d MiB", name, evaluation.MaxRecordingBytes>>20)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rec); err != nil {
		return rec, fmt.Errorf("%s: not a recorded session: %w", name, err)
	}
	if err := rec.Validate(); err != nil {
		return rec, fmt.Errorf("%s: %w", name, err)
	}
	return rec, nil
}
