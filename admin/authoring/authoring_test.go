package authoring_test

import (
	"context"
	"strings"
	"testing"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/admin"
	"github.com/mockroom/mockroom/admin/authoring"
	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/problems"
	"github.com/mockroom/mockroom/storage/sqlite"
)

// A problem published from the console survives the library's sync at
// start: RestorePublished puts the console's version back, and the list
// marks it as differing from the repo. A draft is held to the loader's
// rules and saved; with no sandbox nothing publishes.
func TestRestoreAndDrafts(t *testing.T) {
	ctx := mockroom.AsService(context.Background())
	db, err := sqlite.Open(ctx, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	files, err := problems.ReadFolder(problems.FS, "sqrt-x")
	if err != nil {
		t.Fatal(err)
	}
	lib, err := problems.LoadFiles("sqrt-x", files, judge.LanguageNames())
	if err != nil {
		t.Fatal(err)
	}
	if err := problems.SyncLibrary(ctx, db, lib); err != nil {
		t.Fatal(err)
	}
	edited := map[string]string{}
	for k, v := range files {
		edited[k] = v
	}
	edited["statement.md"] += "\nEDITED IN THE CONSOLE\n"
	hash := problems.ContentHash(edited)
	// Published, then edited again as a draft: the published files are
	// what comes back, not the later draft.
	draft := map[string]string{}
	for k, v := range edited {
		draft[k] = v
	}
	draft["statement.md"] += "\nAN UNPUBLISHED DRAFT\n"
	if err := db.SaveAuthoredProblem(ctx, &admin.AuthoredProblem{Slug: "sqrt-x", Files: draft, ContentHash: problems.ContentHash(draft),
		Status: admin.StatusPublished, PublishedHash: hash, PublishedFiles: edited}); err != nil {
		t.Fatal(err)
	}
	svc := authoring.New(db, nil, nil, authoring.Options{})
	if err := svc.RestorePublished(ctx); err != nil {
		t.Fatal(err)
	}
	p, err := db.ProblemBySlug(ctx, "sqrt-x")
	if err != nil || !strings.Contains(p.Description, "EDITED IN THE CONSOLE") || strings.Contains(p.Description, "UNPUBLISHED") {
		t.Fatalf("after the restore: %v %q", err, p.Description)
	}
	rows, err := svc.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Slug == "sqrt-x" && (!r.DiffersFromLibrary || r.Status != admin.StatusPublished || r.PublishedHash != hash || !r.Unpublished) {
			t.Fatalf("sqrt-x row %+v", r)
		}
	}

	// No sandbox: a publish is refused, naming why, and the draft is kept.
	src, err := problems.ParseFiles("new-sqrt", files)
	if err != nil {
		t.Fatal(err)
	}
	_, err = svc.Save(ctx, "", *src, true)
	if e := mockroom.AsError(err); e == nil || e.Code != authoring.ErrVerification || !strings.Contains(e.Message, "no sandbox") {
		t.Fatalf("publish without a sandbox: %v", err)
	}
	if _, err := db.ProblemBySlug(ctx, "new-sqrt"); !mockroom.IsKind(err, mockroom.KindNotFound) {
		t.Fatalf("published without verification: %v", err)
	}
	v, err := svc.Get(ctx, "new-sqrt")
	if err != nil || v.Status != admin.StatusDraft || v.Origin != authoring.OriginConsole {
		t.Fatalf("the kept draft: %v %+v", err, v)
	}
	bad := *src
	bad.Slug = "Bad Slug"
	if _, err := svc.Save(ctx, "", bad, false); !mockroom.IsKind(err, mockroom.KindInvalid) {
		t.Fatalf("a bad slug: %v", err)
	}
	src.Tests = src.Tests[:2]
	v, err = svc.Save(ctx, "", *src, false)
	if err != nil || v.Checks[0].OK || !strings.Contains(v.Checks[0].Detail, "tests.json") {
		t.Fatalf("a draft that does not load: %v %+v", err, v.Checks)
	}
}
