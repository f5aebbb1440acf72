package toolchain

import (
	"os"
	"os/exec"
	"path/filepath"
)

// FindEsbuild locates the host's esbuild, which strips TypeScript's types:
// $SANDBOX_ESBUILD, the web app's node_modules (from the working directory
// or up to five parents), then PATH. It returns an absolute path with
// symlinks resolved, or "" when there is none (no TypeScript then).
func FindEsbuild() string {
	if p := os.Getenv("SANDBOX_ESBUILD"); p != "" {
		return resolve(p)
	}
	if wd, err := os.Getwd(); err == nil {
		for range 5 {
			// The .bin entry is a JS shim on some installs; the native
			// binary lives in the platform package.
			for _, c := range []string{
				"web/node_modules/@esbuild/linux-x64/bin/esbuild",
				"web/node_modules/@esbuild/linux-arm64/bin/esbuild",
				"web/node_modules/.bin/esbuild",
			} {
				if p := filepath.Join(wd, c); isFile(p) {
					return resolve(p)
				}
			}
			wd = filepath.Dir(wd)
		}
	}
	if p, err := exec.LookPath("esbuild"); err == nil {
		return resolve(p)
	}
	return ""
}

func resolve(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		if a, err := filepath.Abs(r); err == nil {
			return a
		}
	}
	return p
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}
