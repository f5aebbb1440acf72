package bare

import (
	"testing"

	"github.com/mockroom/mockroom/sandbox/toolchain"
)

// TestTranslate: the sandbox paths in the shared recipes map to the host.
func TestTranslate(t *testing.T) {
	e := &engine{goRoot: "/usr/local/go", goStd: "/data/gostd-x", goCfg: "/tmp/b/importcfg-1", cxxPCH: "/data/cxxpch-y", esbuild: "/usr/bin/esbuild"}
	for _, tc := range []struct{ in, want string }{
		{toolchain.WorkDir, "/tmp/step1"},
		{toolchain.WorkDir + "/main", "/tmp/step1/main"},
		{"HOME=" + toolchain.WorkDir, "HOME=/tmp/step1"},
		{"TMPDIR=/tmp", "TMPDIR=/tmp"},
		{"/opt/go/pkg/tool/linux_amd64/compile -p main -importcfg /gostd/importcfg -trimpath=/w -o main.a \"$@\"",
			"/usr/local/go/pkg/tool/linux_amd64/compile -p main -importcfg /tmp/b/importcfg-1 -trimpath=/tmp/step1 -o main.a \"$@\""},
		{toolchain.CxxPCHDir, "/data/cxxpch-y"},
		{toolchain.EsbuildPath, "/usr/bin/esbuild"},
		{"/usr/bin/python3", "/usr/bin/python3"},
		{"-nowarn", "-nowarn"},
	} {
		if got := e.translate(tc.in, "/tmp/step1"); got != tc.want {
			t.Errorf("translate(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
