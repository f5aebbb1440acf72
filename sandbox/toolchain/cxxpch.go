package toolchain

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// CxxPCHDir is where the precompiled <bits/stdc++.h> is mounted read-only in
// the sandbox. Every C++ compile passes -I CxxPCHDir: GCC looks for
// bits/stdc++.h.gch there before the real header, uses it when it is valid
// for the compile's flags, and otherwise (or when the directory does not
// exist, e.g. before PrepareCxxPCH has finished) compiles the header itself,
// through the forwarding header beside the PCH (see cxxPCHForward). So the
// PCH only ever changes how long a compile takes.
const CxxPCHDir = "/cxxpch"

// cxxFlags are the flags of every C++ compile in the sandbox. The PCH is
// built with exactly these: GCC rejects a PCH built with other -f/-O/-std
// options.
var cxxFlags = []string{"-std=c++17", "-O2", "-pipe", "-fdiagnostics-color=never"}

// cxxPCHRecipe changes whenever PrepareCxxPCH builds differently, so that
// a data dir never keeps serving an older build.
const cxxPCHRecipe = "3 real header, forwarding header"

// cxxPCHForward is bits/stdc++.h beside the PCH. GCC needs a header there:
// a second #include <bits/stdc++.h> (the harness includes it, and so does
// most candidates' code) looks the header up again in the directory the PCH
// came from, and without one fails with "No such file or directory". It
// forwards to the real header, whose contents are all include-guarded, and
// serves the same way when the PCH does not apply.
const cxxPCHForward = "#include_next <bits/stdc++.h>\n"

// CxxPCHVersionDir returns the directory under dataDir that PrepareCxxPCH
// fills for the compiler gxx; it is what gets mounted at CxxPCHDir. Its name
// changes with the compiler's version, target, cc1plus binary and our flags,
// so an upgraded compiler never meets a stale PCH.
func CxxPCHVersionDir(ctx context.Context, gxx, dataDir string) (string, error) {
	var fields []string
	for _, flag := range []string{"-dumpfullversion", "-dumpmachine"} {
		out, err := exec.CommandContext(ctx, gxx, flag).Output()
		if err != nil {
			return "", fmt.Errorf("c++ compiler at %s: %w", gxx, err)
		}
		v := strings.TrimSpace(string(out))
		if v == "" || strings.ContainsAny(v, "/\\ \n") {
			return "", fmt.Errorf("c++ compiler at %s: odd %s %q", gxx, flag, out)
		}
		fields = append(fields, v)
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n%s\n%s\n", cxxPCHRecipe, fields[0], fields[1], strings.Join(cxxFlags, " "))
	// A rebuilt compiler of the same version (a distribution patch) makes
	// GCC refuse the old PCH: key on the cc1plus binary too.
	if cc1, err := exec.CommandContext(ctx, gxx, "-print-prog-name=cc1plus").Output(); err == nil {
		if st, err := os.Stat(strings.TrimSpace(string(cc1))); err == nil {
			fmt.Fprintf(h, "%d %d\n", st.Size(), st.ModTime().UnixNano())
		}
	}
	return filepath.Join(dataDir, "cxxpch-"+fields[0]+"-"+hex.EncodeToString(h.Sum(nil))[:12]), nil
}

// PrepareCxxPCH precompiles <bits/stdc++.h> once on the host (about 5 s of
// CPU) into a directory to mount read-only at CxxPCHDir. A compile of a
// program that starts with #include <bits/stdc++.h> (every judge harness)
// then drops from ~2.5 s to ~0.6 s. The result is checked before it is
// published: GCC must report that it uses the PCH for a probe compiled with
// the sandbox's flags. It is idempotent and safe to race: the result appears
// by an atomic rename.
func PrepareCxxPCH(ctx context.Context, gxx, dataDir string) (string, error) {
	final, err := CxxPCHVersionDir(ctx, gxx, dataDir)
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(filepath.Join(final, "bits", "stdc++.h.gch")); err == nil {
		sweepOldCxxPCH(dataDir, final, time.Now())
		return final, nil
	}
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return "", err
	}
	tmp, err := os.MkdirTemp(dataDir, ".cxxpch-build-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp) // a no-op once renamed
	// Precompile the real header from its own path, so that diagnostics
	// inside the standard library name the same files with or without the
	// PCH; beside the .gch goes only the forwarding header.
	header, err := stdcxxHeader(ctx, gxx)
	if err != nil {
		return "", err
	}
	if err := os.Mkdir(filepath.Join(tmp, "bits"), 0o755); err != nil {
		return "", err
	}
	gch := filepath.Join(tmp, "bits", "stdc++.h.gch")
	if err := runGxx(ctx, gxx, tmp, append(CxxFlags(), "-x", "c++-header", header, "-o", gch)...); err != nil {
		return "", fmt.Errorf("precompiling <bits/stdc++.h>: %w", err)
	}
	if err := os.WriteFile(filepath.Join(tmp, "bits", "stdc++.h"), []byte(cxxPCHForward), 0o644); err != nil {
		return "", err
	}
	used, err := CxxPCHUsed(ctx, gxx, tmp)
	if err != nil {
		return "", err
	}
	if !used {
		return "", fmt.Errorf("g++ does not use the precompiled <bits/stdc++.h> it just built")
	}
	for _, p := range []string{tmp, filepath.Join(tmp, "bits")} {
		if err := os.Chmod(p, 0o755); err != nil {
			return "", err
		}
	}
	if err := os.Chmod(gch, 0o644); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, final); err != nil {
		if _, serr := os.Stat(filepath.Join(final, "bits", "stdc++.h.gch")); serr == nil {
			return final, nil // another process won the race
		}
		return "", err
	}
	sweepOldCxxPCH(dataDir, final, time.Now())
	return final, nil
}

// sweepOldCxxPCH removes the builds for another compiler, recipe or flags
// (100 MB each; a runner only ever links to the current one) and the temp
// dirs of builds whose process died (a build takes seconds, not an hour).
func sweepOldCxxPCH(dataDir, keep string, now time.Time) {
	old, _ := filepath.Glob(filepath.Join(dataDir, "cxxpch-*"))
	for _, d := range old {
		if d != keep {
			os.RemoveAll(d)
		}
	}
	tmps, _ := filepath.Glob(filepath.Join(dataDir, ".cxxpch-build-*"))
	for _, d := range tmps {
		if st, err := os.Stat(d); err == nil && now.Sub(st.ModTime()) > time.Hour {
			os.RemoveAll(d)
		}
	}
}

// CxxPCHUsed reports whether g++, with the sandbox's flags and -I dir,
// takes <bits/stdc++.h> from the PCH in dir (GCC's -H marks it with '!').
// The probe includes the header twice, as a judged program does, so a PCH
// directory that breaks the second include is an error.
func CxxPCHUsed(ctx context.Context, gxx, dir string) (bool, error) {
	src, err := os.MkdirTemp("", "mockroom-cxxpch-probe-")
	if err != nil {
		return false, err
	}
	defer os.RemoveAll(src)
	probe := filepath.Join(src, "probe.cpp")
	if err := os.WriteFile(probe, []byte("#include <bits/stdc++.h>\n#include <bits/stdc++.h>\nint main() { return 0; }\n"), 0o644); err != nil {
		return false, err
	}
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, gxx, append(CxxFlags(), "-I", dir, "-Winvalid-pch", "-H", "-fsyntax-only", probe)...)
	cmd.Dir = src
	cmd.Env = []string{"PATH=/usr/bin:/bin", "LANG=C"}
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return false, fmt.Errorf("probing the precompiled header: %w: %s", err, stderr.String())
	}
	want := "! " + filepath.Join(dir, "bits", "stdc++.h.gch")
	for _, l := range strings.Split(stderr.String(), "\n") {
		if strings.TrimSpace(l) == want {
			return true, nil
		}
	}
	return false, nil
}

// stdcxxHeader finds the <bits/stdc++.h> that g++ includes with our flags.
func stdcxxHeader(ctx context.Context, gxx string) (string, error) {
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, gxx, append(CxxFlags(), "-x", "c++", "-H", "-E", "-o", os.DevNull, "-")...)
	cmd.Stdin = strings.NewReader("#include <bits/stdc++.h>\n")
	cmd.Env = []string{"PATH=/usr/bin:/bin", "LANG=C"}
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("finding <bits/stdc++.h>: %w: %s", err, stderr.String())
	}
	first, _, _ := strings.Cut(stderr.String(), "\n")
	path, ok := strings.CutPrefix(first, ". ")
	if !ok || !filepath.IsAbs(path) || !strings.HasSuffix(path, "/bits/stdc++.h") {
		return "", fmt.Errorf("finding <bits/stdc++.h>: unexpected %q", first)
	}
	return path, nil
}

// CxxFlags returns the flags of every sandboxed C++ compile.
func CxxFlags() []string { return append([]string(nil), cxxFlags...) }

func runGxx(ctx context.Context, gxx, dir string, args ...string) error {
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, gxx, args...)
	cmd.Dir = dir
	cmd.Env = []string{"PATH=/usr/bin:/bin", "LANG=C"}
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%w: %s", err, stderr.String())
	}
	return nil
}
