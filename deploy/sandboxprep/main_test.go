package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mockroom/mockroom/sandbox/toolchain"
)

// TestWriteConfigs checks that the runner image's configs bind every
// toolchain path the recipes expect and carry the seccomp policy verbatim.
func TestWriteConfigs(t *testing.T) {
	dir := t.TempDir()
	mc := toolchain.MountConfig{GoRoot: "/usr/local/go", GoStd: "/opt/x/gostd-go1", CxxPCH: "/opt/x/cxxpch-14", Esbuild: "/usr/local/bin/esbuild"}
	if err := writeConfigs(dir, mc); err != nil {
		t.Fatal(err)
	}
	mount, err := os.ReadFile(filepath.Join(dir, "mount.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`source: "/usr/local/go"` + "\n" + `    target: "` + toolchain.GoRoot + `"`,
		`source: "/opt/x/gostd-go1"` + "\n" + `    target: "` + toolchain.GoStdDir + `"`,
		`source: "/opt/x/cxxpch-14"` + "\n" + `    target: "` + toolchain.CxxPCHDir + `"`,
		`source: "/usr/local/bin/esbuild"` + "\n" + `    target: "` + toolchain.EsbuildPath + `"`,
	} {
		if !strings.Contains(string(mount), want) {
			t.Errorf("mount.yaml lacks %q:\n%s", want, mount)
		}
	}
	seccomp, err := os.ReadFile(filepath.Join(dir, "seccomp.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if string(seccomp) != toolchain.SeccompYAML() {
		t.Errorf("seccomp.yaml differs from toolchain.SeccompYAML()")
	}
}
