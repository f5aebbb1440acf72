package local

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/criyle/go-judge/env/pool"
	"github.com/criyle/go-judge/envexec"
)

type fakeEnv struct {
	resetErr  error
	destroyed *atomic.Int32
}

func (f *fakeEnv) Execve(context.Context, envexec.ExecveParam) (envexec.Process, error) {
	return nil, errors.New("not a real container")
}
func (f *fakeEnv) Open([]envexec.OpenParam) ([]envexec.OpenResult, error) { return nil, nil }
func (f *fakeEnv) Symlink([]envexec.SymlinkParam) ([]error, error)        { return nil, nil }
func (f *fakeEnv) Reset() error                                           { return f.resetErr }
func (f *fakeEnv) Destroy() error                                         { f.destroyed.Add(1); return nil }

// TestEnvPoolShrinks: a burst leaves at most maxIdle containers behind, and
// those go away once idle; a container that fails its reset is not reused.
func TestEnvPoolShrinks(t *testing.T) {
	var built, destroyed atomic.Int32
	resetErr := error(nil)
	p := newEnvPool(func() (pool.Environment, error) {
		built.Add(1)
		return &fakeEnv{resetErr: resetErr, destroyed: &destroyed}, nil
	}, 2, 100*time.Millisecond)
	defer p.Destroy()

	var envs []envexec.Environment
	for range 5 {
		e, err := p.Get()
		if err != nil {
			t.Fatal(err)
		}
		envs = append(envs, e)
	}
	for _, e := range envs {
		p.Put(e)
	}
	if got := p.idleCount(); got != 2 {
		t.Fatalf("after a burst of 5: %d idle, want 2", got)
	}
	if got := destroyed.Load(); got != 3 {
		t.Fatalf("after a burst of 5: %d destroyed, want 3", got)
	}
	// Reused, not rebuilt.
	e, _ := p.Get()
	p.Put(e)
	if built.Load() != 5 {
		t.Fatalf("built %d containers, want 5 (the idle one reused)", built.Load())
	}
	deadline := time.Now().Add(5 * time.Second)
	for p.idleCount() > 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if got := p.idleCount(); got != 0 || destroyed.Load() != 5 {
		t.Fatalf("after the idle period: %d idle, %d destroyed; want 0 and 5", got, destroyed.Load())
	}

	resetErr = errors.New("container died")
	e, _ = p.Get()
	p.Put(e)
	if p.idleCount() != 0 || destroyed.Load() != 6 {
		t.Fatalf("a container that failed its reset was kept: %d idle, %d destroyed", p.idleCount(), destroyed.Load())
	}
}
