package llm

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

func TestErrorKinds(t *testing.T) {
	cases := []struct {
		name      string
		err       error
		kind      ErrorKind
		retryable bool
		text      string
	}{
		{"rate limited", &Error{Provider: "openai", Status: 429, Kind: KindRateLimited}, KindRateLimited, true, "llm openai: rate_limited (HTTP 429)"},
		{"unavailable", &Error{Provider: "gemini", Status: 503, Kind: KindUnavailable, Err: errors.New("overloaded")}, KindUnavailable, true, "llm gemini: unavailable (HTTP 503): overloaded"},
		{"timeout", &Error{Provider: "x", Kind: KindTimeout}, KindTimeout, true, "llm x: timeout"},
		{"invalid", &Error{Provider: "x", Kind: KindInvalid}, KindInvalid, true, "llm x: invalid"},
		{"refused", &Error{Provider: "x", Kind: KindRefused}, KindRefused, false, "llm x: refused"},
		{"request", &Error{Provider: "x", Status: 401, Kind: KindRequest}, KindRequest, false, "llm x: request (HTTP 401)"},
		{"wrapped", fmt.Errorf("turn: %w", &Error{Provider: "x", Kind: KindRefused}), KindRefused, false, ""},
		{"a bare deadline", context.DeadlineExceeded, KindTimeout, false, ""},
		{"anything else", errors.New("connection reset"), KindUnavailable, false, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := KindOf(tc.err); got != tc.kind {
				t.Fatalf("KindOf = %s, want %s", got, tc.kind)
			}
			var e *Error
			if errors.As(tc.err, &e) {
				if e.Retryable() != tc.retryable {
					t.Fatalf("Retryable = %v", e.Retryable())
				}
			}
			if tc.text != "" && tc.err.Error() != tc.text {
				t.Fatalf("Error() = %q, want %q", tc.err.Error(), tc.text)
			}
		})
	}
	inner := errors.New("root cause")
	if !errors.Is(&Error{Kind: KindUnavailable, Err: inner}, inner) {
		t.Fatal("Error does not unwrap")
	}
}
