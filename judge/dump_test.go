package judge

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDumpDrivers(t *testing.T) {
	dir := os.Getenv("JUDGE_DUMP")
	if dir == "" {
		t.Skip("set JUDGE_DUMP to write the generated drivers there")
	}
	s, _ := ParseSpec([]byte(twoSumSpec))
	for _, l := range Languages {
		files, _ := Driver(s, l, twoSumOK[l])
		os.MkdirAll(filepath.Join(dir, l), 0o755)
		for n, b := range files {
			os.WriteFile(filepath.Join(dir, l, n), b, 0o644)
		}
	}
}
