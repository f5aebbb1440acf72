package httpapi

import (
	"testing"
	"time"
)

// Every admin route requires sign-in in the table too (so the OpenAPI
// document marks it with the cookie) and falls under isAdminRoute.
func TestAdminRoutesInTheTable(t *testing.T) {
	n := 0
	for _, rt := range (&server{}).routes() {
		if !isAdminRoute(rt.Pattern) {
			continue
		}
		n++
		if !rt.Auth {
			t.Errorf("%s %s: an admin route without Auth", rt.Method, rt.Pattern)
		}
	}
	if n == 0 {
		t.Fatal("no admin routes")
	}
}

func TestParseRange(t *testing.T) {
	now := time.Date(2026, 3, 10, 15, 4, 5, 0, time.UTC)
	for _, tc := range []struct {
		from, to   string
		start, end string // the half-open interval, "" for an error
	}{
		{"", "", "2026-02-09", "2026-03-11"},
		{"2026-03-01", "2026-03-01", "2026-03-01", "2026-03-02"},
		{"", "2026-01-31", "2026-01-02", "2026-02-01"},
		{"2026-03-02", "2026-03-01", "", ""},
		{"2025-01-01", "2026-03-01", "", ""},
		{"03/01/2026", "", "", ""},
	} {
		r, err := parseRange(tc.from, tc.to, now)
		if tc.start == "" {
			if err == nil {
				t.Errorf("%q..%q: no error", tc.from, tc.to)
			}
			continue
		}
		if err != nil || r.From.Format("2006-01-02") != tc.start || r.To.Format("2006-01-02") != tc.end {
			t.Errorf("%q..%q = %v..%v, %v; want %s..%s", tc.from, tc.to, r.From, r.To, err, tc.start, tc.end)
		}
	}
}
