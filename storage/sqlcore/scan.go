package sqlcore

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// The scanners below accept what either driver hands back for a column, so
// that the queries and row mapping are shared: SQLite gives TEXT for
// timestamps, arrays (JSON) and JSON; PostgreSQL (pgx stdlib) gives
// time.Time, the array literal text and JSON bytes.

// timeCol scans a non-NULL timestamp.
type timeCol struct{ t *time.Time }

func (s timeCol) Scan(src any) error {
	t, ok, err := parseTime(src)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("sqlcore: NULL timestamp")
	}
	*s.t = t
	return nil
}

// nullTimeCol scans a nullable timestamp into a pointer.
type nullTimeCol struct{ t **time.Time }

func (s nullTimeCol) Scan(src any) error {
	t, ok, err := parseTime(src)
	if err != nil {
		return err
	}
	if !ok {
		*s.t = nil
		return nil
	}
	*s.t = &t
	return nil
}

func parseTime(src any) (time.Time, bool, error) {
	switch v := src.(type) {
	case nil:
		return time.Time{}, false, nil
	case time.Time:
		return v.UTC(), true, nil
	case string:
		return parseTimeText(v)
	case []byte:
		return parseTimeText(string(v))
	default:
		return time.Time{}, false, fmt.Errorf("sqlcore: cannot scan %T as a timestamp", src)
	}
}

func parseTimeText(s string) (time.Time, bool, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("sqlcore: bad timestamp %q: %w", s, err)
	}
	return t.UTC(), true, nil
}

// textCol scans nullable text; NULL becomes "".
type textCol struct{ s *string }

func (c textCol) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*c.s = ""
	case string:
		*c.s = v
	case []byte:
		*c.s = string(v)
	default:
		*c.s = fmt.Sprint(v)
	}
	return nil
}

// jsonCol scans nullable JSON; NULL becomes nil.
type jsonCol struct{ b *json.RawMessage }

func (c jsonCol) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*c.b = nil
	case string:
		*c.b = json.RawMessage(v)
	case []byte:
		*c.b = append(json.RawMessage(nil), v...)
	default:
		return fmt.Errorf("sqlcore: cannot scan %T as JSON", src)
	}
	return nil
}

// arrayCol scans a text array: JSON text from SQLite, an array literal from
// PostgreSQL. NULL becomes an empty, non-nil slice.
type arrayCol struct{ a *[]string }

func (c arrayCol) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case nil:
		*c.a = []string{}
		return nil
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return fmt.Errorf("sqlcore: cannot scan %T as an array", src)
	}
	out := []string{}
	var err error
	switch {
	case strings.HasPrefix(s, "["):
		err = json.Unmarshal([]byte(s), &out)
	case strings.HasPrefix(s, "{"):
		out, err = parsePGArray(s)
	default:
		err = fmt.Errorf("sqlcore: unrecognised array %q", s)
	}
	if err != nil {
		return err
	}
	if out == nil {
		out = []string{}
	}
	*c.a = out
	return nil
}

// parsePGArray parses a one-dimensional PostgreSQL text[] literal such as
// {a,"b c","d\"e",NULL}. NULL elements become "".
func parsePGArray(s string) ([]string, error) {
	if len(s) < 2 || s[0] != '{' || s[len(s)-1] != '}' {
		return nil, fmt.Errorf("sqlcore: bad array literal")
	}
	body := s[1 : len(s)-1]
	out := []string{}
	if body == "" {
		return out, nil
	}
	i := 0
	for {
		var elem strings.Builder
		if i < len(body) && body[i] == '"' {
			i++
			for {
				if i >= len(body) {
					return nil, fmt.Errorf("sqlcore: unterminated array element")
				}
				ch := body[i]
				if ch == '\\' && i+1 < len(body) {
					elem.WriteByte(body[i+1])
					i += 2
					continue
				}
				if ch == '"' {
					i++
					break
				}
				elem.WriteByte(ch)
				i++
			}
			out = append(out, elem.String())
		} else {
			j := strings.IndexByte(body[i:], ',')
			var raw string
			if j < 0 {
				raw = body[i:]
				i = len(body)
			} else {
				raw = body[i : i+j]
				i += j
			}
			if raw == "NULL" {
				raw = ""
			}
			if strings.ContainsAny(raw, "{}") {
				return nil, fmt.Errorf("sqlcore: nested arrays are not supported")
			}
			out = append(out, raw)
		}
		if i >= len(body) {
			return out, nil
		}
		if body[i] != ',' {
			return nil, fmt.Errorf("sqlcore: bad array literal")
		}
		i++
	}
}

// queryAll runs q and scans every row with scan; never nil.
func queryAll[T any](ctx context.Context, tx *Tx, scan func(row interface{ Scan(...any) error }) (*T, error), q string, args ...any) ([]T, error) {
	rows, err := tx.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *v)
	}
	return out, rows.Err()
}
