package sqlcore

import (
	"slices"
	"testing"
	"time"
)

func TestRebindDollar(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"SELECT 1", "SELECT 1"},
		{"a = ? AND b = ?", "a = $1 AND b = $2"},
		{"LIMIT ? OFFSET ?", "LIMIT $1 OFFSET $2"},
	} {
		if got := RebindDollar(tc.in); got != tc.want {
			t.Errorf("RebindDollar(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestArrayCol(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  any
		want []string
		bad  bool
	}{
		{"NULL", nil, []string{}, false},
		{"json empty", "[]", []string{}, false},
		{"json", `["a","b c"]`, []string{"a", "b c"}, false},
		{"json bytes", []byte(`["x"]`), []string{"x"}, false},
		{"pg empty", "{}", []string{}, false},
		{"pg plain", "{Array,Graph}", []string{"Array", "Graph"}, false},
		{"pg quoted", `{"Hash Table","a,b","say \"hi\"","back\\slash",NULL,"NULL"}`, []string{"Hash Table", "a,b", `say "hi"`, `back\slash`, "", "NULL"}, false},
		{"pg unterminated", `{"abc}`, nil, true},
		{"pg nested", `{{a},{b}}`, nil, true},
		{"garbage", "abc", nil, true},
		{"wrong type", 42, nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			err := arrayCol{&got}.Scan(tc.src)
			if tc.bad {
				if err == nil {
					t.Fatalf("Scan(%v) = %q, want an error", tc.src, got)
				}
				return
			}
			if err != nil || got == nil || !slices.Equal(got, tc.want) {
				t.Fatalf("Scan(%v) = %q, %v; want %q", tc.src, got, err, tc.want)
			}
		})
	}
}

func TestTimeCols(t *testing.T) {
	want := time.Date(2026, 3, 1, 12, 30, 0, 123456000, time.UTC)
	stored := TS(want).Format(TimeLayout)
	if stored != "2026-03-01T12:30:00.123456Z" {
		t.Fatalf("stored form = %q", stored)
	}
	for _, src := range []any{stored, []byte(stored), want.In(time.FixedZone("x", 3600)), "2026-03-01T12:30:00.123456Z"} {
		var got time.Time
		if err := (timeCol{&got}).Scan(src); err != nil || !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("Scan(%v) = %v, %v", src, got, err)
		}
	}
	var got time.Time
	for _, src := range []any{nil, "yesterday", 3} {
		if err := (timeCol{&got}).Scan(src); err == nil {
			t.Errorf("Scan(%v) accepted", src)
		}
	}
	p := &want
	if err := (nullTimeCol{&p}).Scan(nil); err != nil || p != nil {
		t.Errorf("nullable NULL = %v, %v", p, err)
	}
	// Fixed width keeps text order equal to time order.
	a := TS(time.Date(2026, 1, 1, 0, 0, 5, 0, time.UTC)).Format(TimeLayout)
	b := TS(time.Date(2026, 1, 1, 0, 0, 5, 100000, time.UTC)).Format(TimeLayout)
	if !(a < b) {
		t.Errorf("%q !< %q", a, b)
	}
}

func TestEscapeLike(t *testing.T) {
	if got := escapeLike(`100%_a\b`); got != `100\%\_a\\b` {
		t.Fatalf("escapeLike = %q", got)
	}
}
