package interview_test

import (
	"testing"

	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/storage/sqlite"
)

func ptr(s string) *string { return &s }

// A language switch keeps the candidate's code per language: switching back
// restores it, and the editor's text sent with the switch is what is kept.
func TestLanguageSwitchKeepsCodePerLanguage(t *testing.T) {
	app, _, ctx, uid := sweepEnv(t)
	s, err := app.Interviews.Start(ctx, uid, app.ProblemID("two-sum"), "python", 60)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := app.Interviews.SaveCode(ctx, uid, s.ID, "# my python\n", "python", 1, false); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		to, sent  string // sent: the editor's text in the language left ("" sends none)
		wantLang  string
		wantStart bool   // the live code is the new language's starter
		wantCode  string // else this
	}{
		{to: "javascript", wantLang: "javascript", wantStart: true},
		{to: "python", sent: "// my js\n", wantLang: "python", wantCode: "# my python\n"},
		{to: "javascript", sent: "# my python, edited\n", wantLang: "javascript", wantCode: "// my js\n"},
		{to: "python", wantLang: "python", wantCode: "# my python, edited\n"},
	}
	for i, st := range steps {
		u := interview.Update{Language: ptr(st.to)}
		if st.sent != "" {
			u.Code = ptr(st.sent)
		}
		got, err := app.Interviews.Update(ctx, uid, s.ID, u)
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		_, live, err := app.Interviews.Live(ctx, uid, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := st.wantCode
		if st.wantStart {
			p, _ := app.DB.ProblemByID(ctx, s.ProblemID)
			want = p.StarterCode[st.to]
		}
		if got.Language != st.wantLang || live.Language != st.wantLang || live.Code != want {
			t.Fatalf("step %d (→ %s): session %s, live %s %q, want %s %q", i, st.to, got.Language, live.Language, live.Code, st.wantLang, want)
		}
	}
}

// The bug this guards against: the old switch ignored a failed snapshot and
// then overwrote the live code with the starter in a separate transaction.
// Now any failing write inside the switch leaves everything as it was.
func TestLanguageSwitchUnderAFailingWriteLosesNothing(t *testing.T) {
	for _, tc := range []struct{ name, trigger string }{
		{"saving the code being left", `CREATE TRIGGER fail_switch BEFORE INSERT ON session_code BEGIN SELECT RAISE(ABORT, 'disk full'); END`},
		{"the snapshot", `CREATE TRIGGER fail_switch BEFORE INSERT ON code_snapshots BEGIN SELECT RAISE(ABORT, 'disk full'); END`},
		{"the session's language", `CREATE TRIGGER fail_switch BEFORE UPDATE OF language ON sessions BEGIN SELECT RAISE(ABORT, 'disk full'); END`},
		{"the live code", `CREATE TRIGGER fail_switch BEFORE UPDATE ON session_live BEGIN SELECT RAISE(ABORT, 'disk full'); END`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			app, _, ctx, uid := sweepEnv(t)
			s, err := app.Interviews.Start(ctx, uid, app.ProblemID("two-sum"), "python", 60)
			if err != nil {
				t.Fatal(err)
			}
			const mine = "class Solution:\n    def twoSum(self, nums, target):\n        return [0, 1]  # mine\n"
			if _, err := app.Interviews.SaveCode(ctx, uid, s.ID, mine, "python", 1, false); err != nil {
				t.Fatal(err)
			}
			writer := app.DB.(*sqlite.DB).Writer
			if _, err := writer.Exec(tc.trigger); err != nil {
				t.Fatal(err)
			}
			_, err = app.Interviews.Update(ctx, uid, s.ID, interview.Update{Language: ptr("javascript"), Code: ptr(mine)})
			if err == nil {
				t.Fatal("the switch succeeded under a failing write")
			}
			sess, live, err := app.Interviews.Live(ctx, uid, s.ID)
			if err != nil {
				t.Fatal(err)
			}
			if sess.Language != "python" || live.Language != "python" || live.Code != mine {
				t.Fatalf("after a failed switch: session %s, live %s %q; want python and the candidate's code", sess.Language, live.Language, live.Code)
			}
			// Once the database is healthy again the switch works and the code comes back.
			if _, err := writer.Exec(`DROP TRIGGER fail_switch`); err != nil {
				t.Fatal(err)
			}
			if _, err := app.Interviews.Update(ctx, uid, s.ID, interview.Update{Language: ptr("javascript"), Code: ptr(mine)}); err != nil {
				t.Fatal(err)
			}
			if _, err := app.Interviews.Update(ctx, uid, s.ID, interview.Update{Language: ptr("python")}); err != nil {
				t.Fatal(err)
			}
			if _, live, _ := app.Interviews.Live(ctx, uid, s.ID); live.Code != mine {
				t.Fatalf("back in python: %q, want the candidate's code", live.Code)
			}
		})
	}
}
