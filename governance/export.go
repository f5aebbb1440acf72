package governance

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Archive is a user's data package: a zip of one JSON file per table
// (data/<table>.json, machine-readable, every row of theirs) and one
// readable Markdown report per interview (sessions/*.md).
type Archive struct {
	Name string // the file name to offer, e.g. mockroom-data-2026-12-01.zip
	Body []byte
}

const archiveReadme = `# Your mockroom data

This archive holds everything mockroom stores about you, as of %s.

- data/<table>.json: every row of yours in each table, as stored
  (machine-readable; timestamps in UTC). Password and sign-in token hashes
  are left out: they are credentials, not data about you.
- sessions/*.md: one readable report per interview: the conversation,
  your final code and the evaluation.
- data/audit_log.json: the audit entries about you (exports, grants,
  changes an administrator made to your account).

Problem statements, hidden tests and reference solutions belong to the
problem library, not to you, and are not included.
`

func buildArchive(ctx context.Context, d *UserData, problems Problems, now time.Time) (*Archive, error) {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	put := func(name string, body []byte) error {
		w, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: now})
		if err != nil {
			return err
		}
		_, err = w.Write(body)
		return err
	}
	if err := put("README.md", []byte(fmt.Sprintf(archiveReadme, now.UTC().Format(time.RFC3339)))); err != nil {
		return nil, err
	}
	tables := make([]string, 0, len(d.Tables))
	for t := range d.Tables {
		tables = append(tables, t)
	}
	sort.Strings(tables)
	for _, t := range tables {
		body, err := json.MarshalIndent(d.Tables[t], "", "  ")
		if err != nil {
			return nil, err
		}
		if err := put("data/"+t+".json", body); err != nil {
			return nil, err
		}
	}
	for i, s := range d.Tables["sessions"] {
		id := str(s["id"])
		name := fmt.Sprintf("sessions/%02d-%s-%s.md", i+1, day(s["created_at"]), shortID(id))
		if err := put(name, []byte(sessionReport(ctx, d, s, problems))); err != nil {
			return nil, err
		}
	}
	if err := z.Close(); err != nil {
		return nil, err
	}
	return &Archive{Name: "mockroom-data-" + now.UTC().Format("2006-01-02") + ".zip", Body: buf.Bytes()}, nil
}

// sessionReport is one interview as a person reads it.
func sessionReport(ctx context.Context, d *UserData, s Row, problems Problems) string {
	id := str(s["id"])
	title := str(s["problem_id"])
	if problems != nil {
		if p, err := problems.ProblemByID(ctx, title); err == nil {
			title = p.Title
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# Interview: %s\n\n", title)
	fmt.Fprintf(&b, "- Session: %s\n- Date: %s\n- Status: %s\n- Language: %s\n- Length: %s minutes\n- Tests passed: %s of %s\n- Hints used: %s\n\n",
		id, str(s["created_at"]), str(s["status"]), str(s["language"]), str(s["duration_minutes"]),
		str(s["test_cases_passed"]), str(s["test_cases_total"]), str(s["hints_used"]))

	lines := of(d.Tables["transcripts"], id)
	sort.SliceStable(lines, func(i, j int) bool { return num(lines[i]["seq"]) < num(lines[j]["seq"]) })
	b.WriteString("## Conversation\n\n")
	if len(lines) == 0 {
		b.WriteString("_No transcript is kept (none was recorded, or it passed the retention period)._\n\n")
	}
	for _, l := range lines {
		ms := num(l["timestamp_ms"])
		fmt.Fprintf(&b, "**%s** (%02d:%02d): %s\n\n", str(l["speaker"]), ms/60000, ms/1000%60, str(l["content"]))
	}

	snaps := of(d.Tables["code_snapshots"], id)
	sort.SliceStable(snaps, func(i, j int) bool { return num(snaps[i]["timestamp_ms"]) < num(snaps[j]["timestamp_ms"]) })
	if len(snaps) > 0 {
		last := snaps[len(snaps)-1]
		fmt.Fprintf(&b, "## Final code (%s, %d saved versions)\n\n```%s\n%s\n```\n\n", str(last["language"]), len(snaps), str(last["language"]), str(last["code"]))
	}

	for _, e := range of(d.Tables["evaluations"], id) {
		fmt.Fprintf(&b, "## Evaluation\n\n- Overall score: %s\n- Recommendation: %s\n\n%s\n", str(e["overall_score"]), str(e["hiring_recommendation"]), str(e["detailed_report"]))
	}
	return b.String()
}

// of picks the rows of one session.
func of(rows []Row, sessionID string) []Row {
	var out []Row
	for _, r := range rows {
		if strings.EqualFold(str(r["session_id"]), sessionID) {
			out = append(out, r)
		}
	}
	return out
}

func str(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.RawMessage:
		return string(x)
	case time.Time:
		return x.UTC().Format(time.RFC3339)
	case []byte:
		return string(x)
	}
	return fmt.Sprint(v)
}

func num(v any) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case int:
		return int64(x)
	case float64:
		return int64(x)
	}
	n, _ := strconv.ParseInt(str(v), 10, 64)
	return n
}

func day(v any) string {
	if t, ok := v.(time.Time); ok {
		return t.UTC().Format("2006-01-02")
	}
	if s := str(v); len(s) >= 10 {
		return s[:10]
	}
	return "undated"
}

func shortID(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}
