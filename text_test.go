package mockroom_test

import (
	"testing"

	"github.com/mockroom/mockroom"
)

func TestNULInJSON(t *testing.T) {
	for _, tc := range []struct {
		doc, field string
		found      bool
	}{
		{`{"name":"ada"}`, "", false},
		{`{"name":"a\u0000b"}`, "name", true},
		{`{"p":{"list":["x","\u0000"]}}`, "p.list[1]", true},
		{`{"k\u0000":1}`, "k\x00", true},
		{`"\u0000"`, "", true},
		{`{"code":"print('\\u0000')"}`, "", false}, // an escaped backslash, then the letters u0000
		{`{"code":"\\\u0000"}`, "code", true},      // a backslash, then a real NUL
		{`{"broken":"\u0000"`, "", false},          // not JSON: the decoder's error wins
	} {
		field, found := mockroom.NULInJSON([]byte(tc.doc))
		if found != tc.found || field != tc.field {
			t.Errorf("NULInJSON(%s) = %q, %v; want %q, %v", tc.doc, field, found, tc.field, tc.found)
		}
	}
}
