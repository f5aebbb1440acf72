package interview_test

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/mockroom/mockroom/interview"
)

// fill sets every field reachable from v to a value that is not its zero,
// so that a field the JSON drops (a json:"-", a missing hook) shows up as a
// difference after the round trip, including fields added later.
func fill(t *testing.T, v reflect.Value, path string) {
	switch v.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(t, v.Elem(), path)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Date(2026, 11, 27, 9, 30, 15, 123456789, time.UTC)))
			return
		}
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() {
				t.Fatalf("%s.%s is unexported: it cannot cross instances", path, f.Name)
			}
			fill(t, v.Field(i), path+"."+f.Name)
		}
	case reflect.Slice:
		if v.Type() == reflect.TypeFor[json.RawMessage]() {
			v.SetBytes([]byte(`{"k":[1,"two"]}`))
			return
		}
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(t, v.Index(i), path+"[]")
		}
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fill(t, k, path+"{key}")
		fill(t, e, path+"{}")
		v.SetMapIndex(k, e)
	case reflect.String:
		v.SetString("x " + path + " ü\u2028<&>")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(1<<53 - 1)
	case reflect.Float64:
		v.SetFloat(12.375)
	default:
		t.Fatalf("%s: fill does not know %s; teach it", path, v.Kind())
	}
}

// A notice crosses instances as JSON (the realtime fan-out): every field
// of every kind of notice, the ended session's owner and metadata included,
// must arrive as it left.
func TestNoticeRoundTripsThroughJSON(t *testing.T) {
	var full interview.Notice
	fill(t, reflect.ValueOf(&full).Elem(), "Notice")
	if full.Ended.UserID == "" || full.Ended.Metadata == nil {
		t.Fatal("the filler missed the session's hidden fields")
	}
	cases := map[string]interview.Notice{
		"every field": full,
		"transcript":  {Transcript: full.Transcript},
		"execution":   {Execution: full.Execution},
		"ended":       {Ended: full.Ended, Reason: "time_up"},
		"queued":      {Queued: &interview.QueuePlace{Mode: "run", Ahead: 0, Running: true}},
		"delta":       {Delta: &interview.Delta{ReplyTo: "line", Text: "Let's", Final: false}},
		"final delta": {Delta: &interview.Delta{Final: true}},
		"observation": {Observation: full.Observation},
		"empty":       {},
	}
	for name, n := range cases {
		raw, err := json.Marshal(n)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var back interview.Notice
		if err := json.Unmarshal(raw, &back); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(n, back) {
			t.Fatalf("%s changed on the way:\n sent %+v\n  got %+v\n json %s", name, n, back, raw)
		}
	}
	// The API's view of a session still hides its owner.
	raw, _ := json.Marshal(full.Ended)
	var m map[string]any
	json.Unmarshal(raw, &m)
	if _, ok := m["user_id"]; ok {
		t.Fatal("Session's own JSON now shows user_id")
	}
}
