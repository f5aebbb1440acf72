package interview_test

import (
	"context"
	"strings"
	"testing"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/internal/apptest"
	"github.com/mockroom/mockroom/interview"
)

// Spoken lines are stored like typed ones, marked as voice (and cut when
// talked over), for the session's owner only; the briefing for a speech
// model holds the conversation and the problem.
func TestSpokenLinesAndVoiceContext(t *testing.T) {
	app := apptest.New(t, apptest.Options{Problems: true})
	c := app.Client()
	uid := c.Signup("voice@example.com")
	ctx := mockroom.WithActor(context.Background(), mockroom.Actor{Role: mockroom.RoleUser, UserID: uid})
	s, err := app.Interviews.Start(ctx, uid, app.ProblemID("two-sum"), "python", 30)
	if err != nil {
		t.Fatal(err)
	}
	svc := app.Interviews
	cases := []struct {
		speaker, text string
		cut           bool
		want          string
		wantErr       bool
	}{
		{interview.SpeakerCandidate, "  I would use a hash map\x00 ", false, "I would use a hash map", false},
		{interview.SpeakerInterviewer, "Good, what does it cost", true, "Good, what does it cost —", false},
		{interview.SpeakerSystem, "x", false, "", true},
		{interview.SpeakerCandidate, "   ", false, "", false}, // silence stores nothing
	}
	for _, tc := range cases {
		line, err := svc.Spoken(ctx, uid, s.ID, tc.speaker, tc.text, tc.cut, true)
		if (err != nil) != tc.wantErr {
			t.Fatalf("%q: err %v", tc.text, err)
		}
		if tc.want == "" {
			if line != nil {
				t.Fatalf("%q stored %+v", tc.text, line)
			}
			continue
		}
		if line == nil || line.Content != tc.want || !strings.Contains(string(line.Metadata), `"voice":true`) || tc.cut != strings.Contains(string(line.Metadata), `"cut":true`) {
			t.Fatalf("%q stored %+v (%s)", tc.text, line, line.Metadata)
		}
	}
	vc, err := svc.VoiceContext(ctx, uid, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(vc.Instructions, "Two Sum") || len(vc.History) < 3 || vc.History[len(vc.History)-1].Content != "Good, what does it cost —" {
		t.Fatalf("voice context %d lines, instructions %.80q", len(vc.History), vc.Instructions)
	}
	// Another candidate neither reads the briefing nor speaks into the session.
	other := c.App.Client()
	oid := other.Signup("other@example.com")
	octx := mockroom.WithActor(context.Background(), mockroom.Actor{Role: mockroom.RoleUser, UserID: oid})
	if _, err := svc.VoiceContext(octx, oid, s.ID); err == nil {
		t.Fatal("another candidate read the voice briefing")
	}
	if _, err := svc.Spoken(octx, oid, s.ID, interview.SpeakerCandidate, "hi", false, true); err == nil {
		t.Fatal("another candidate spoke into the session")
	}
	// The local cascade's answer comes from our interviewer.
	answer, err := svc.VoiceReply(ctx, uid, s.ID, "Can the array contain negative numbers?", func(string) {})
	if err != nil || answer == "" {
		t.Fatalf("VoiceReply = %q, %v", answer, err)
	}
}
