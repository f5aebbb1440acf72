package problems

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/sandbox/local"
)

// TestVerifyLibrary runs `problems verify` over every problem present,
// through the real sandbox.
func TestVerifyLibrary(t *testing.T) {
	ok, why := local.Available()
	testenv.Need(t, "the local sandbox", ok, why)
	r, err := local.New(local.Config{Parallelism: 2})
	if err != nil {
		testenv.Need(t, "the local sandbox", false, err.Error())
	}
	defer r.Close()
	lib, err := LoadEmbedded(judge.Languages)
	if err != nil {
		t.Fatal(err)
	}
	svc := judge.NewService(r, lib, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	start := time.Now()
	checks, err := Verify(ctx, svc, lib, nil, VerifyOptions{Workers: 2, Quick: true})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	allOK := PrintTable(&out, checks)
	t.Logf("verified %d problems in %s:\n%s", len(lib.Entries), time.Since(start).Round(time.Second), out.String())
	if !allOK {
		t.Fatal("some problems failed verification (table above)")
	}
}
