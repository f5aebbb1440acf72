package codeanalysis

import (
	"strings"
	"testing"
	"time"

	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/problems"
)

// TestLargeCodeIsReadQuickly: the largest code a session may hold (64 KiB)
// is read in well under the observer's budget, in every language.
func TestLargeCodeIsReadQuickly(t *testing.T) {
	lib, err := problems.LoadEmbedded(judge.LanguageNames())
	if err != nil {
		t.Fatal(err)
	}
	e, _ := lib.Get("number-of-islands")
	for lang, code := range e.Solution.Code {
		big := strings.Repeat(code+"\n", judge.MaxCodeBytes/len(code))
		start := time.Now()
		Analyze(lang, big, "")
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%s: %d bytes read in %v", lang, len(big), d)
		}
	}
}
