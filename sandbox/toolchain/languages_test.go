package toolchain

import (
	"testing"

	"github.com/mockroom/mockroom/sandbox"
)

// TestHeapExhausted: each runtime's own out-of-heap message (read from its
// recipe) marks a memory limit; other languages and other stderr do not.
func TestHeapExhausted(t *testing.T) {
	for _, c := range []struct {
		lang   sandbox.Language
		stderr string
		want   bool
	}{
		{sandbox.Java, "Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space\n", true},
		{sandbox.JavaScript, "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n", true},
		{sandbox.TypeScript, "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n", true},
		{sandbox.Python, "Traceback (most recent call last):\n  File \"main.py\", line 1\nMemoryError\n", true},
		{sandbox.Python, "MemoryErrorish", false},
		{sandbox.Java, "Exception in thread \"main\" java.lang.StackOverflowError\n", false},
		{sandbox.Go, "fatal error: runtime: out of memory\n", false},
		{sandbox.Cpp, "java.lang.OutOfMemoryError", false},
	} {
		if got := heapExhausted(c.lang, []byte(c.stderr)); got != c.want {
			t.Errorf("heapExhausted(%s, %q) = %v, want %v", c.lang, c.stderr, got, c.want)
		}
	}
}
