package sandbox

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mockroom/mockroom"
)

func TestValidateProgram(t *testing.T) {
	cases := []struct {
		name string
		p    Program
		kind mockroom.Kind // 0 with ok
		ok   bool
	}{
		{"fine", Program{Language: Python, Files: map[string][]byte{"main.py": []byte("print(1)")}}, 0, true},
		{"java pair", Program{Language: Java, Files: map[string][]byte{"Main.java": nil, "Solution.java": nil}}, 0, true},
		{"unknown language", Program{Language: "cobol", Files: map[string][]byte{"a": nil}}, mockroom.KindInvalid, false},
		{"no files", Program{Language: Go}, mockroom.KindInvalid, false},
		{"traversal", Program{Language: Go, Files: map[string][]byte{"../main.go": nil}}, mockroom.KindInvalid, false},
		{"directory", Program{Language: Go, Files: map[string][]byte{"a/main.go": nil}}, mockroom.KindInvalid, false},
		{"hidden", Program{Language: Go, Files: map[string][]byte{".bashrc": nil}}, mockroom.KindInvalid, false},
		{"empty name", Program{Language: Go, Files: map[string][]byte{"": nil}}, mockroom.KindInvalid, false},
		{"long name", Program{Language: Go, Files: map[string][]byte{strings.Repeat("a", 65): nil}}, mockroom.KindInvalid, false},
		{"too large", Program{Language: Go, Files: map[string][]byte{"main.go": make([]byte, 101)}}, mockroom.KindTooLarge, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := ValidateProgram(c.p, 100)
			if c.ok != (err == nil) || (!c.ok && !mockroom.IsKind(err, c.kind)) {
				t.Fatalf("got %v, want ok=%v kind=%v", err, c.ok, c.kind)
			}
		})
	}
}

func TestLimitsWithDefaults(t *testing.T) {
	if got := (Limits{}).WithDefaults(); got != DefaultLimits() {
		t.Fatalf("zero limits: got %+v", got)
	}
	l := Limits{CPUTime: time.Second, MemoryBytes: -1}.WithDefaults()
	if l.CPUTime != time.Second || l.MemoryBytes != DefaultLimits().MemoryBytes || l.WallTime != 5*time.Second {
		t.Fatalf("got %+v", l)
	}
}

func TestLanguageUnavailable(t *testing.T) {
	err := LanguageUnavailable(Java)
	if !errors.Is(err, ErrLanguageUnavailable) || !mockroom.IsKind(err, mockroom.KindUnavailable) || !strings.Contains(err.Error(), "java") {
		t.Fatalf("got %v", err)
	}
	if errors.Is(mockroom.Errorf(mockroom.KindUnavailable, "x", "y"), ErrLanguageUnavailable) {
		t.Fatal("an unrelated error matched")
	}
}

func TestSignalName(t *testing.T) {
	for sig, want := range map[int]string{11: "SIGSEGV", 9: "SIGKILL", 6: "SIGABRT", 64: "SIG64"} {
		if got := SignalName(sig); got != want {
			t.Errorf("SignalName(%d) = %q, want %q", sig, got, want)
		}
	}
}
