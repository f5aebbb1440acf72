//go:build ignore

// The judge's Go harness. The judge writes main.go as this file with the
// candidate's code in place of the SOLUTION line below (between //line
// directives, so that it keeps its own file name and line numbers) and
// mr_call appended: mr_call decodes one test's input, calls the candidate's
// function and returns the result in its wire form. The build constraint
// keeps the go command from taking this directory for a package.
//
// The imports carry aliases so they never clash with the candidate's own
// imports of the same packages.
package main

import (
	mr_bytes "bytes"
	mr_json "encoding/json"
	mr_fmt "fmt"
	mr_io "io"
	mr_math "math"
	mr_os "os"
	mr_debug "runtime/debug"
	mr_strings "strings"
	mr_atomic "sync/atomic"
	mr_syscall "syscall"
	mr_time "time"
)

// @@SOLUTION@@

type ListNode struct {
	Val  int
	Next *ListNode
}

type TreeNode struct {
	Val   int
	Left  *TreeNode
	Right *TreeNode
}

type mr_inputError struct{ name string }

// mr_at is a design test's call in progress (its index in operations), -1
// outside one, so that a panic names its call.
var mr_at = -1

// mr_arg is a design call's argument j.
func mr_arg(a []mr_json.RawMessage, j int) mr_json.RawMessage {
	if j >= len(a) {
		panic(mr_inputError{"arguments"})
	}
	return a[j]
}

func mr_map[A, B any](xs []A, f func(A) B) []B {
	out := make([]B, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

func mr_toChar(s string) byte {
	if len(s) == 0 {
		return 0
	}
	return s[0]
}

func mr_fromChar(c byte) string { return string([]byte{c}) }

func mr_fromDouble(f float64) any {
	if mr_math.IsNaN(f) || mr_math.IsInf(f, 0) {
		return nil
	}
	return f
}

func mr_toList(vals []int) *ListNode {
	var head *ListNode
	for i := len(vals) - 1; i >= 0; i-- {
		head = &ListNode{Val: vals[i], Next: head}
	}
	return head
}

func mr_fromList(l *ListNode) []int {
	out := []int{}
	for ; l != nil; l = l.Next {
		if len(out) > 1000000 {
			panic(mr_outputError("the returned list is too long or has a cycle"))
		}
		out = append(out, l.Val)
	}
	return out
}

func mr_toTree(vals []*int) *TreeNode {
	if len(vals) == 0 || vals[0] == nil {
		return nil
	}
	root := &TreeNode{Val: *vals[0]}
	q := []*TreeNode{root}
	i := 1
	for k := 0; k < len(q) && i < len(vals); k++ {
		n := q[k]
		if vals[i] != nil {
			n.Left = &TreeNode{Val: *vals[i]}
			q = append(q, n.Left)
		}
		i++
		if i < len(vals) && vals[i] != nil {
			n.Right = &TreeNode{Val: *vals[i]}
			q = append(q, n.Right)
		}
		i++
	}
	return root
}

func mr_fromTree(t *TreeNode) []*int {
	out := []*int{}
	q := []*TreeNode{t}
	for k := 0; k < len(q); k++ {
		if len(q) > 2000000 {
			panic(mr_outputError("the returned tree is too large or has a cycle"))
		}
		n := q[k]
		if n == nil {
			out = append(out, nil)
			continue
		}
		v := n.Val
		out = append(out, &v)
		q = append(q, n.Left, n.Right)
	}
	for len(out) > 0 && out[len(out)-1] == nil {
		out = out[:len(out)-1]
	}
	return out
}

type mr_outputError string

var (
	mr_chan    = mr_os.Stdout
	mr_marker  string
	mr_limitUS int64
	mr_current atomic_int64
	mr_start   atomic_int64
	mr_inCall  atomic_bool
)

type atomic_int64 = mr_atomic.Int64
type atomic_bool = mr_atomic.Bool

func mr_emit(ev map[string]any) {
	b, err := mr_json.Marshal(ev)
	if err != nil {
		b, _ = mr_json.Marshal(map[string]any{"t": ev["t"], "i": ev["i"], "ok": false, "verdict": "runtime_error", "error": "the returned value could not be encoded"})
	}
	mr_chan.Write([]byte("\n" + mr_marker + string(b) + "\n"))
}

func mr_cpuUS() int64 {
	var ru mr_syscall.Rusage
	mr_syscall.Getrusage(mr_syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Sec*1e6 + int64(ru.Utime.Usec) + ru.Stime.Sec*1e6 + int64(ru.Stime.Usec)
}

func mr_begin(i int) {
	mr_current.Store(int64(i))
	mr_start.Store(mr_cpuUS())
	mr_inCall.Store(true)
}

func mr_end() { mr_inCall.Store(false) }

// mr_watch ends the process when the test in progress overruns its CPU time.
func mr_watch() {
	for {
		mr_time.Sleep(10 * mr_time.Millisecond)
		if mr_inCall.Load() && mr_cpuUS()-mr_start.Load() > mr_limitUS {
			mr_emit(map[string]any{"t": "result", "i": mr_current.Load(), "ok": false, "verdict": "time_limit", "error": "Time limit exceeded", "ms": float64(mr_limitUS) / 1000})
			mr_os.Exit(0)
		}
	}
}

// mr_trace keeps the frames of the candidate's file from a panic's stack.
func mr_trace(stack []byte) string {
	lines := mr_strings.Split(string(stack), "\n")
	var b mr_strings.Builder
	for k := 1; k+1 < len(lines); k++ {
		loc := lines[k+1]
		if mr_strings.HasPrefix(loc, "\t") && mr_strings.Contains(loc, "solution.go:") {
			fn := lines[k]
			if p := mr_strings.LastIndex(fn, "("); p > 0 {
				fn = fn[:p]
			}
			loc = loc[mr_strings.Index(loc, "solution.go:"):]
			if p := mr_strings.Index(loc, " +0x"); p > 0 {
				loc = loc[:p]
			}
			b.WriteString(mr_strings.TrimPrefix(fn, "main.") + "(...)\n\t" + loc + "\n")
			k++
		}
	}
	return b.String()
}

func mr_capture() (restore func() (string, string)) {
	type pipe struct {
		r, w *mr_os.File
		buf  mr_bytes.Buffer
		done chan struct{}
	}
	open := func() *pipe {
		r, w, err := mr_os.Pipe()
		if err != nil {
			return nil
		}
		p := &pipe{r: r, w: w, done: make(chan struct{})}
		go func() {
			mr_io.Copy(&p.buf, mr_io.LimitReader(r, 65536))
			mr_io.Copy(mr_io.Discard, r)
			close(p.done)
		}()
		return p
	}
	out, err := open(), open()
	if out != nil {
		mr_os.Stdout = out.w
	}
	if err != nil {
		mr_os.Stderr = err.w
	}
	return func() (string, string) {
		read := func(p *pipe) string {
			if p == nil {
				return ""
			}
			p.w.Close()
			<-p.done
			p.r.Close()
			return p.buf.String()
		}
		so, se := read(out), read(err)
		mr_os.Stdout, mr_os.Stderr = mr_chan, mr_stderr
		return so, se
	}
}

var mr_stderr = mr_os.Stderr

func main() {
	var input struct {
		Marker      string                          `json:"marker"`
		TimeLimitMS int64                           `json:"time_limit_ms"`
		Tests       []map[string]mr_json.RawMessage `json:"tests"`
	}
	data, _ := mr_io.ReadAll(mr_os.Stdin)
	if err := mr_json.Unmarshal(data, &input); err != nil {
		mr_fmt.Fprintln(mr_os.Stderr, "harness: bad input:", err)
		mr_os.Exit(2)
	}
	mr_marker, mr_limitUS = input.Marker, input.TimeLimitMS*1000
	mr_debug.SetMaxStack(256 << 20)
	go mr_watch()
	mr_emit(map[string]any{"t": "ready"})
	for i, in := range input.Tests {
		ev := map[string]any{"t": "result", "i": i, "ok": true}
		restore := mr_capture()
		t0, c0 := mr_time.Now(), mr_cpuUS()
		mr_at = -1
		func() {
			defer func() {
				r := recover()
				if r == nil {
					return
				}
				mr_end()
				ev["ok"] = false
				ev["verdict"] = "runtime_error"
				switch r := r.(type) {
				case mr_outputError:
					ev["error"] = "the returned value is not valid: " + string(r)
				case mr_inputError:
					ev["verdict"] = "internal_error"
					ev["error"] = "bad input for " + r.name
				default:
					ev["error"] = mr_fmt.Sprintf("panic: %v", r)
					ev["trace"] = mr_trace(mr_debug.Stack())
					if mr_at >= 0 {
						ev["call"] = mr_at
					}
				}
			}()
			ev["out"] = mr_call(i, in)
		}()
		ev["ms"] = float64(mr_time.Since(t0).Microseconds()) / 1000
		ev["cpu_ms"] = float64(mr_cpuUS()-c0) / 1000
		ev["stdout"], ev["stderr"] = restore()
		mr_emit(ev)
	}
	mr_emit(map[string]any{"t": "done"})
	mr_os.Exit(0)
}
