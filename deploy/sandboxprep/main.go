// Command sandboxprep prepares a go-judge runner image for SANDBOX=remote
// (the Dockerfile's sandbox stage runs it once, at build time): it builds
// the Go standard library and the precompiled <bits/stdc++.h> with the
// image's own toolchains, then writes the two files go-judge starts with:
// mount.yaml (toolchain.MountYAML, the local runner's view of the file
// system) and seccomp.yaml (toolchain.SeccompYAML, for a go-judge built with
// -tags seccomp). See docs/adr/0003-sandbox.md, "Remote mode".
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/mockroom/mockroom/sandbox/toolchain"
)

func main() {
	dir := flag.String("dir", "/opt/mockroom-sandbox", "where the prepared files and the two configs go")
	goroot := flag.String("goroot", "", "the Go toolchain candidates compile with (default: `go env GOROOT`)")
	esbuild := flag.String("esbuild", "", "the esbuild binary for TypeScript (default: SANDBOX_ESBUILD, web/node_modules, then PATH)")
	flag.Parse()
	if err := prepare(context.Background(), *dir, *goroot, *esbuild); err != nil {
		fmt.Fprintln(os.Stderr, "sandboxprep:", err)
		os.Exit(1)
	}
}

// prepare builds what the sandbox mounts and writes the configs naming it.
// A runner without Go, g++ or esbuild is refused: an image that silently
// lost a language would only show it as "language unavailable" later.
func prepare(ctx context.Context, dir, goroot, esbuild string) error {
	if goroot == "" {
		out, err := exec.CommandContext(ctx, "go", "env", "GOROOT").Output()
		if err != nil {
			return fmt.Errorf("finding GOROOT: %w", err)
		}
		goroot = strings.TrimSpace(string(out))
	}
	if esbuild == "" {
		esbuild = toolchain.FindEsbuild()
	}
	if esbuild == "" {
		return errors.New("no esbuild binary (TypeScript needs one): pass -esbuild")
	}
	std, err := toolchain.PrepareGoStd(ctx, goroot, dir)
	if err != nil {
		return err
	}
	pch, err := toolchain.PrepareCxxPCH(ctx, toolchain.Gxx, dir)
	if err != nil {
		return err
	}
	return writeConfigs(dir, toolchain.MountConfig{GoRoot: goroot, GoStd: std, CxxPCH: pch, Esbuild: esbuild})
}

// writeConfigs writes mount.yaml and seccomp.yaml into dir.
func writeConfigs(dir string, mc toolchain.MountConfig) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "mount.yaml"), []byte(toolchain.MountYAML(mc)), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "seccomp.yaml"), []byte(toolchain.SeccompYAML()), 0o644)
}
