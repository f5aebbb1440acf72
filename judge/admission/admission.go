// Package admission decides when an execution may enter the sandbox: runs
// wait in one FIFO queue behind a server-wide limit on concurrent runs, a
// cap on each user's runs in flight and a budget for the memory of every
// admitted run together. A full queue, or a wait past the limit, is refused
// at once with judge_busy and a Retry-After: never a hang.
//
// Queue is the port. Memory serves one node; a fleet-wide queue (Redis)
// implements the same interface and passes the same suite, admissiontest.
package admission

import (
	"bufio"
	"context"
	"errors"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/mockroom/mockroom"
)

// Queue admits executions to the sandbox.
type Queue interface {
	// Admit waits until t may run and returns the release that gives its
	// place back (call it exactly once, when the run is over; later calls do
	// nothing). It fails with a judge_busy error (KindRateLimited, with
	// RetryAfter) when the queue is full or the wait passes the limit, and
	// with ctx's error when ctx ends first; a failed Admit holds nothing.
	Admit(ctx context.Context, t Ticket) (release func(), err error)
}

// Ticket is one execution asking for a place.
type Ticket struct {
	// User caps the runs in flight per user; "" is a trusted caller (the
	// authors' tools) that only the server-wide limits apply to.
	User string
	// Memory is the most the run may use (its cgroup limit), counted
	// against the memory budget while it runs.
	Memory int64
	// Waiting, when set, hears where the run stands while it waits: once
	// when it joins the queue, whenever the number ahead changes, and once
	// with Admitted when it leaves the queue to run. A run admitted at once
	// hears nothing. It is called on the caller's goroutine.
	Waiting func(Place)
}

// Place is where a waiting run stands.
type Place struct {
	Ahead    int  // runs queued before this one
	Admitted bool // it left the queue and runs now
}

// Limits bound the sandbox's work. Zero fields take DefaultLimits.
type Limits struct {
	MaxConcurrent int           // runs at once on this server (the number of CPUs)
	MaxPerUser    int           // runs in flight per user (1: a second one waits its turn)
	MemoryBudget  int64         // bytes: the sum of admitted runs' memory limits (half the host's memory)
	MaxQueue      int           // runs waiting at most (10 per concurrent run)
	MaxWait       time.Duration // the longest a run waits before judge_busy (30 s)
}

// DefaultLimits reads the host: its CPUs and its memory.
func DefaultLimits() Limits {
	cpus := runtime.NumCPU()
	budget := HostMemory() / 2
	if budget < 1<<30 {
		budget = 1 << 30
	}
	return Limits{MaxConcurrent: cpus, MaxPerUser: 1, MemoryBudget: budget, MaxQueue: 10 * cpus, MaxWait: 30 * time.Second}
}

// WithDefaults fills zero (or negative) fields from DefaultLimits; the
// default queue length follows MaxConcurrent.
func (l Limits) WithDefaults() Limits {
	d := DefaultLimits()
	if l.MaxConcurrent <= 0 {
		l.MaxConcurrent = d.MaxConcurrent
	}
	if l.MaxPerUser <= 0 {
		l.MaxPerUser = d.MaxPerUser
	}
	if l.MemoryBudget <= 0 {
		l.MemoryBudget = d.MemoryBudget
	}
	if l.MaxQueue <= 0 {
		l.MaxQueue = 10 * l.MaxConcurrent
	}
	if l.MaxWait <= 0 {
		l.MaxWait = d.MaxWait
	}
	return l
}

// HostMemory is the machine's total memory in bytes (from /proc/meminfo),
// or 4 GiB where it cannot be read.
func HostMemory() int64 {
	const fallback = 4 << 30
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return fallback
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// MemTotal:       24683620 kB
		if f := strings.Fields(sc.Text()); len(f) >= 2 && f[0] == "MemTotal:" {
			if kb, err := strconv.ParseInt(f[1], 10, 64); err == nil && kb > 0 {
				return kb << 10
			}
		}
	}
	return fallback
}

// Why a run was refused, under the judge_busy error (errors.Is).
var (
	ErrQueueFull = errors.New("admission: the queue is full")
	ErrWaitLimit = errors.New("admission: waited past the limit")
)

// Busy is the refusal a candidate sees: what happened and when to retry.
func Busy(reason error, retry time.Duration) *mockroom.Error {
	secs := int(retry.Round(time.Second) / time.Second)
	if secs < 1 {
		secs = 1
	}
	msg := "the judge is busy with other runs; your code is saved, try again in %d seconds"
	if errors.Is(reason, ErrWaitLimit) {
		msg = "the judge stayed busy for too long; your code is saved, try again in %d seconds"
	}
	e := mockroom.Errorf(mockroom.KindRateLimited, "judge_busy", msg, secs)
	e.Err, e.RetryAfter = reason, time.Duration(secs)*time.Second
	return e
}
