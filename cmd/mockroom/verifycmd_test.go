package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/sandbox/local"
)

// TestVerifyChanged: `problems verify --changed` verifies a problem once,
// skips it while nothing about it changes, and verifies it again after an
// edit. It runs on a copy of two-sum, in Python only.
func TestVerifyChanged(t *testing.T) {
	ok, why := local.Available()
	testenv.Need(t, "the local sandbox", ok, why)
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "two-sum"), os.DirFS("../../problems/two-sum")); err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	verify := func() string {
		t.Helper()
		var out, errb bytes.Buffer
		err := runProblems(context.Background(), []string{"verify", "--dir", dir, "--data", data, "--lang", "python", "--changed"}, envOf(nil), &out, &errb)
		if err != nil {
			t.Fatalf("verify: %v\n%s%s", err, out.String(), errb.String())
		}
		return out.String()
	}
	if out := verify(); !strings.Contains(out, "1 of 1 problems changed") || !strings.Contains(out, "checks passed") {
		t.Fatalf("first run:\n%s", out)
	}
	if out := verify(); !strings.Contains(out, "0 of 1 problems changed") || strings.Contains(out, "checks passed") {
		t.Fatalf("unchanged run:\n%s", out)
	}
	stmt := filepath.Join(dir, "two-sum", "statement.md")
	b, _ := os.ReadFile(stmt)
	os.WriteFile(stmt, append(b, "\nOne more line.\n"...), 0o644)
	if out := verify(); !strings.Contains(out, "1 of 1 problems changed") {
		t.Fatalf("after an edit:\n%s", out)
	}
}
