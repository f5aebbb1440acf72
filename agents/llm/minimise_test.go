package llm

import "testing"

// What people said loses contact data before it reaches a provider; code
// and measurements do not change.
func TestMinimise(t *testing.T) {
	code := "if user.email == \"\" { return a.b@c }\nphone := \"415-555-0132\""
	req := Request{
		System:   "You are the interviewer.",
		Messages: []Message{{Role: RoleUser, Text: "Hi, my name is Grace, mail grace@example.com or call (415) 555-0132."}},
		Data: []Data{{Name: "code", Content: code}, {Name: "transcript", Content: "candidate: I'm Linus, +358 40 123 4567"},
			{Name: "measured_signals", Content: `{"tests":[1,2,3],"at":"2026-12-01T10:15:30Z"}`}},
	}
	got := Minimise(req)
	if want := "Hi, my name is [name], mail [email] or call [phone]."; got.Messages[0].Text != want {
		t.Errorf("message: %q", got.Messages[0].Text)
	}
	if got.Data[0].Content != code || got.Data[2].Content != req.Data[2].Content {
		t.Errorf("code or signals changed: %+v", got.Data)
	}
	if want := "candidate: I'm [name], [phone]"; got.Data[1].Content != want {
		t.Errorf("transcript: %q", got.Data[1].Content)
	}
	if req.Messages[0].Text == got.Messages[0].Text {
		t.Error("the caller's request was changed in place or not at all")
	}
}
