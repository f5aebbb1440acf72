package judge

import (
	"bytes"
	"encoding/json"
)

// checkCourseOrder accepts any order that takes every course once and each
// prerequisite before the course that needs it (course-schedule-ii). When
// the expected output is empty (the prerequisites have a cycle) the result
// must be empty too.
func checkCourseOrder(input, want, got json.RawMessage) bool {
	w, ok1 := intList(want)
	g, ok2 := intList(got)
	if !ok1 || !ok2 {
		return false
	}
	if len(w) == 0 {
		return len(g) == 0
	}
	var in struct {
		NumCourses    int     `json:"numCourses"`
		Prerequisites [][]int `json:"prerequisites"`
	}
	if err := json.Unmarshal(input, &in); err != nil || in.NumCourses < 0 || len(g) != in.NumCourses {
		return false
	}
	pos := make([]int, in.NumCourses)
	for i := range pos {
		pos[i] = -1
	}
	for i, c := range g {
		if c < 0 || c >= in.NumCourses || pos[c] >= 0 {
			return false
		}
		pos[c] = i
	}
	for _, p := range in.Prerequisites {
		if len(p) != 2 || p[0] < 0 || p[0] >= in.NumCourses || p[1] < 0 || p[1] >= in.NumCourses {
			return false
		}
		if pos[p[1]] >= pos[p[0]] {
			return false
		}
	}
	return true
}

// intList decodes a JSON array of integers (2.0 counts as 2); null and
// anything else is not one.
func intList(raw json.RawMessage) ([]int, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '[' {
		return nil, false
	}
	arr, ok := decode(raw).([]any)
	if !ok {
		return nil, false
	}
	out := make([]int, len(arr))
	for i, v := range arr {
		n, ok := v.(json.Number)
		if !ok {
			return nil, false
		}
		if x, err := n.Int64(); err == nil && x >= -1<<31 && x < 1<<31 {
			out[i] = int(x)
			continue
		}
		f, err := n.Float64()
		if err != nil || f != float64(int64(f)) || f < -1<<31 || f >= 1<<31 {
			return nil, false
		}
		out[i] = int(f)
	}
	return out, true
}

func init() {
	RegisterChecker("course-schedule-ii", checkCourseOrder)
}
