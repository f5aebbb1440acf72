// Package toolchain turns the sandbox port into steps that a go-judge engine
// executes: how each language is checked, compiled and run, which files the
// sandbox needs, and how go-judge's verdicts map to ours. sandbox/local and
// sandbox/remote only provide an Engine; everything else is shared, so both
// behave the same.
package toolchain

import (
	"context"
	"time"

	"github.com/mockroom/mockroom/sandbox"
)

// Paths inside the sandbox. The local runner mounts these; a remote go-judge
// server must mount the same (see docs/adr/0003-sandbox.md and MountYAML).
const (
	WorkDir     = "/w"                             // per-run tmpfs, the working directory
	GoRoot      = "/opt/go"                        // the host's GOROOT, read-only
	GoStdDir    = "/gostd"                         // pre-built standard library, read-only (PrepareGoStd)
	EsbuildPath = "/opt/esbuild/esbuild"           // the esbuild binary, read-only
	Python3     = "/usr/bin/python3"               // Debian's python, not a pyenv shim
	Node        = "/usr/bin/node"                  //
	Java        = "/usr/bin/java"                  //
	Javac       = "/usr/bin/javac"                 //
	Gxx         = "/usr/bin/g++"                   //
	Shell       = "/bin/sh"                        //
	goTool      = GoRoot + "/pkg/tool/linux_amd64" // compile and link
)

// File is an input file: literal content, or the id of a file the engine
// keeps from an earlier step (a compiled artifact).
type File struct {
	Content []byte
	ID      string
}

// Step is one command in a fresh sandbox.
type Step struct {
	Args     []string
	Env      []string
	Stdin    []byte
	Files    map[string]File // copied into the work dir before the command
	CacheOut []string        // files the engine keeps after the command; their ids come back in Outcome.Cached
	Limits   sandbox.Limits  // complete (WithDefaults applied)
}

// Outcome is go-judge's answer for one step.
type Outcome struct {
	Status     string // go-judge status text, e.g. "Accepted", "Time Limit Exceeded"
	ExitStatus int    // exit code, or the signal number when Status is "Signalled"
	Error      string // go-judge's detail for internal and file errors; logged only
	CPUTime    time.Duration
	WallTime   time.Duration
	Memory     int64
	Stdout     []byte // up to OutputBytes+1, so that an overrun is visible
	Stderr     []byte
	Cached     map[string]string
}

// Engine executes steps: go-judge in process, or a go-judge server.
type Engine interface {
	Exec(ctx context.Context, s *Step) (*Outcome, error)
	// Forget drops files kept by CacheOut. Errors are logged, not returned:
	// there is nothing a caller could do.
	Forget(ids ...string)
	Close() error
}

// go-judge status texts (envexec.Status.String).
const (
	gjAccepted    = "Accepted"
	gjMemory      = "Memory Limit Exceeded"
	gjTime        = "Time Limit Exceeded"
	gjOutput      = "Output Limit Exceeded"
	gjFileError   = "File Error"
	gjNonzero     = "Nonzero Exit Status"
	gjSignalled   = "Signalled"
	gjDangerous   = "Dangerous Syscall"
	gjInternalErr = "Internal Error"
)
