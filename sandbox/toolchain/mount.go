package toolchain

import (
	"fmt"
	"strings"
)

// MountConfig describes the host paths a go-judge server should expose.
type MountConfig struct {
	GoRoot       string // host GOROOT, "" for no Go
	GoStd        string // host dir from PrepareGoStd, "" for no Go
	CxxPCH       string // host dir from PrepareCxxPCH, "" for none (C++ compiles then take ~2.5 s instead of ~0.6 s)
	Esbuild      string // host esbuild binary, "" for no TypeScript
	WorkDirBytes int64  // tmpfs size of /w and /tmp; default 64 MiB
}

// MountYAML writes a go-judge mount.yaml (-mount-conf) giving a server's
// sandbox the same view as the local runner's: read-only /usr and friends,
// the JDK's /etc directory, device nodes, size-capped tmpfs /w and /tmp,
// /proc, and the optional Go and esbuild paths. Missing host paths are
// skipped by go-judge.
func MountYAML(c MountConfig) string {
	if c.WorkDirBytes <= 0 {
		c.WorkDirBytes = 64 << 20
	}
	var b strings.Builder
	b.WriteString("mount:\n")
	bind := func(src, dst string, ro bool) {
		fmt.Fprintf(&b, "  - type: bind\n    source: %q\n    target: %q\n    readonly: %t\n", src, dst, ro)
	}
	for _, p := range []string{"/bin", "/lib", "/lib64", "/usr", "/etc/ld.so.cache", "/etc/alternatives", "/etc/java-17-openjdk"} {
		bind(p, p, true)
	}
	for _, p := range []string{"/dev/null", "/dev/urandom", "/dev/random", "/dev/zero"} {
		bind(p, p, false)
	}
	if c.GoRoot != "" && c.GoStd != "" {
		bind(c.GoRoot, GoRoot, true)
		bind(c.GoStd, GoStdDir, true)
	}
	if c.CxxPCH != "" {
		bind(c.CxxPCH, CxxPCHDir, true)
	}
	if c.Esbuild != "" {
		bind(c.Esbuild, EsbuildPath, true)
	}
	for _, p := range []string{WorkDir, "/tmp"} {
		fmt.Fprintf(&b, "  - type: tmpfs\n    target: %q\n    data: \"size=%d,nr_inodes=4k\"\n", p, c.WorkDirBytes)
	}
	b.WriteString("symLink:\n")
	for _, l := range [][2]string{{"/dev/fd", "/proc/self/fd"}, {"/dev/stdin", "/proc/self/fd/0"}, {"/dev/stdout", "/proc/self/fd/1"}, {"/dev/stderr", "/proc/self/fd/2"}} {
		fmt.Fprintf(&b, "  - linkPath: %q\n    target: %q\n", l[0], l[1])
	}
	fmt.Fprintf(&b, "proc: true\nworkDir: %q\nhostName: sandbox\ndomainName: sandbox\nuid: 1536\ngid: 1536\n", WorkDir)
	return b.String()
}
