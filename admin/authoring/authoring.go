// Package authoring is problem authoring in the admin console: a problem
// is edited as the fields of a problems/ folder (problems.Source), saved as
// a draft, and published only after the same validation as `mockroom
// problems verify` (the loader's rules, then the reference, starter, brute
// force and wrong solutions run in the sandbox). Every problem shows a
// content hash of its files, and one edited in the console that differs
// from the repo's folder is marked, so the two never diverge silently.
package authoring

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"log/slog"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/admin"
	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/problem"
	"github.com/mockroom/mockroom/problems"
)

// Store is what authoring needs from storage.
type Store interface {
	problem.Store
	SaveAuthoredProblem(ctx context.Context, p *admin.AuthoredProblem) error
	AuthoredProblem(ctx context.Context, slug string) (*admin.AuthoredProblem, error)
	ListAuthoredProblems(ctx context.Context) ([]admin.AuthoredProblem, error)
}

// Origins of what the editor shows.
const (
	OriginConsole  = "console"  // an authored row: saved in the console or imported
	OriginLibrary  = "library"  // the repo's folder, built into this binary
	OriginDatabase = "database" // only in the problems table (no files anywhere)
)

// ProblemRow is one problem in the console's list.
type ProblemRow struct {
	Slug          string `json:"slug"`
	Title         string `json:"title"`
	Difficulty    string `json:"difficulty"`
	Origin        string `json:"origin" enum:"console,library,database"`
	Status        string `json:"status" enum:"draft,published"` // published: candidates can get it
	InLibrary     bool   `json:"in_library"`
	ContentHash   string `json:"content_hash"`             // of the files the console holds, else the library's
	LibraryHash   string `json:"library_hash,omitempty"`   // of the repo's folder
	PublishedHash string `json:"published_hash,omitempty"` // of the files last published from the console
	// DiffersFromLibrary: the console's files are not the repo's. Export
	// them into problems/ (or import the folder) to bring the two together.
	DiffersFromLibrary bool       `json:"differs_from_library"`
	Unpublished        bool       `json:"unpublished_changes"` // saved since the last publish
	UpdatedAt          *time.Time `json:"updated_at,omitempty"`
}

// CheckResult is one validation step.
type CheckResult struct {
	Language string `json:"language"` // "-" for checks of the whole problem
	What     string `json:"what"`     // load, generator, solution, starter, brute, wrong/NAME
	OK       bool   `json:"ok"`
	Status   string `json:"status,omitempty"`
	Passed   int    `json:"passed"`
	Total    int    `json:"total"`
	Detail   string `json:"detail,omitempty"`
}

// ProblemView is what the editor loads.
type ProblemView struct {
	ProblemRow
	Source      problems.Source   `json:"source"`
	StarterCode map[string]string `json:"starter_code"` // generated from the signature
	Checks      []CheckResult     `json:"checks"`       // the last validation
	UpdatedBy   string            `json:"updated_by,omitempty"`
	PublishedAt *time.Time        `json:"published_at,omitempty"`
}

// Service authors problems.
type Service struct {
	store  Store
	judges *judge.Service // its sandbox runs the checks; nil: publishing is off
	log    *slog.Logger
	opts   Options

	libOnce sync.Once
	lib     map[string]libEntry
}

type libEntry struct {
	title, difficulty, hash string
}

// Options tune the verification run on publish.
type Options struct {
	// Languages narrows it to these languages (problems verify --lang);
	// empty: every language the sandbox offers, as serve runs it.
	Languages []string
	Workers   int // checks at once; default 2, as problems verify
}

// New returns the service. judges may be nil (no sandbox): drafts can be
// saved and checked against the loader's rules, but nothing publishes.
func New(store Store, judges *judge.Service, log *slog.Logger, o Options) *Service {
	if log == nil {
		log = slog.Default()
	}
	if o.Workers < 1 {
		o.Workers = 2
	}
	s := &Service{store: store, judges: judges, log: log, opts: o}
	go s.library() // warm: hashing the library takes a moment
	return s
}

// library hashes the embedded folders once. It reads each folder's files
// and its title, not the whole loader (starter code for every language):
// the first admin page must not wait for that.
func (s *Service) library() map[string]libEntry {
	s.libOnce.Do(func() {
		s.lib = map[string]libEntry{}
		dirs, err := fs.ReadDir(problems.FS, ".")
		if err != nil {
			s.log.Error("reading the problem library", "err", err)
			return
		}
		for _, d := range dirs {
			if !d.IsDir() {
				continue
			}
			files, err := problems.ReadFolder(problems.FS, d.Name())
			if err != nil {
				continue
			}
			var head struct{ Title, Difficulty string }
			if json.Unmarshal([]byte(files["problem.json"]), &head) != nil {
				continue
			}
			s.lib[d.Name()] = libEntry{head.Title, head.Difficulty, problems.ContentHash(files)}
		}
	})
	return s.lib
}

// List returns every problem the console knows: the library's, the
// authored ones and any other row of the problems table, by slug.
func (s *Service) List(ctx context.Context) ([]ProblemRow, error) {
	ctx = mockroom.AsService(ctx)
	rows := map[string]*ProblemRow{}
	for slug, e := range s.library() {
		rows[slug] = &ProblemRow{Slug: slug, Title: e.title, Difficulty: e.difficulty, Origin: OriginLibrary, InLibrary: true,
			ContentHash: e.hash, LibraryHash: e.hash}
	}
	// What the problems table serves: a slug there is published.
	for page := 1; ; page++ {
		ps, total, err := s.store.ListProblems(ctx, problem.Filter{Page: page, Limit: 100})
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			r, ok := rows[p.Slug]
			if !ok {
				r = &ProblemRow{Slug: p.Slug, Origin: OriginDatabase}
				rows[p.Slug] = r
			}
			r.Title, r.Difficulty, r.Status = p.Title, p.Difficulty, admin.StatusPublished
		}
		if page*100 >= total || len(ps) == 0 {
			break
		}
	}
	authored, err := s.store.ListAuthoredProblems(ctx)
	if err != nil {
		return nil, err
	}
	for i := range authored {
		a := &authored[i]
		r, ok := rows[a.Slug]
		if !ok {
			r = &ProblemRow{Slug: a.Slug}
			rows[a.Slug] = r
		}
		s.fillAuthored(r, a)
	}
	out := make([]ProblemRow, 0, len(rows))
	for _, r := range rows {
		if r.Status == "" {
			r.Status = admin.StatusDraft
		}
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Slug < out[j].Slug })
	return out, nil
}

func (s *Service) fillAuthored(r *ProblemRow, a *admin.AuthoredProblem) {
	r.Origin, r.ContentHash, r.PublishedHash = OriginConsole, a.ContentHash, a.PublishedHash
	if src, err := problems.ParseFiles(a.Slug, a.Files); err == nil {
		r.Title, r.Difficulty = src.Title, src.Difficulty
	}
	if a.PublishedHash != "" {
		r.Status = admin.StatusPublished
	}
	r.Unpublished = a.ContentHash != a.PublishedHash
	if e, ok := s.library()[a.Slug]; ok {
		r.InLibrary, r.LibraryHash = true, e.hash
		r.DiffersFromLibrary = e.hash != a.ContentHash
	}
	at := a.UpdatedAt
	r.UpdatedAt = &at
}

// Get returns the problem with slug for the editor, hidden tests and
// reference solutions included: the console's files when it has some,
// else the library's folder, else what the problems table holds.
func (s *Service) Get(ctx context.Context, slug string) (*ProblemView, error) {
	ctx = mockroom.AsService(ctx)
	files, a, origin, err := s.files(ctx, slug)
	if err != nil {
		return nil, err
	}
	src, err := problems.ParseFiles(slug, files)
	if err != nil {
		return nil, err
	}
	v := &ProblemView{ProblemRow: ProblemRow{Slug: slug, Title: src.Title, Difficulty: src.Difficulty, Origin: origin, ContentHash: problems.ContentHash(files)},
		Source: *src, Checks: []CheckResult{}}
	if e, ok := s.library()[slug]; ok {
		v.InLibrary, v.LibraryHash = true, e.hash
	}
	if _, err := s.store.ProblemBySlug(ctx, slug); err == nil {
		v.Status = admin.StatusPublished
	} else {
		v.Status = admin.StatusDraft
	}
	if a != nil {
		s.fillAuthored(&v.ProblemRow, a)
		v.UpdatedBy, v.PublishedAt = a.UpdatedBy, a.PublishedAt
		if len(a.Checks) > 0 {
			json.Unmarshal(a.Checks, &v.Checks)
		}
	}
	spec := judge.Spec{Signature: src.Signature, Checker: src.Checker}
	v.StarterCode = map[string]string{}
	if spec.Validate() == nil {
		v.StarterCode = judge.StarterCode(&spec, judge.LanguageNames())
	}
	return v, nil
}

// Export returns the folder's files (path relative to problems/SLUG/).
func (s *Service) Export(ctx context.Context, slug string) (map[string]string, string, error) {
	files, _, _, err := s.files(mockroom.AsService(ctx), slug)
	if err != nil {
		return nil, "", err
	}
	return files, problems.ContentHash(files), nil
}

func (s *Service) files(ctx context.Context, slug string) (map[string]string, *admin.AuthoredProblem, string, error) {
	a, err := s.store.AuthoredProblem(ctx, slug)
	if err == nil {
		return a.Files, a, OriginConsole, nil
	}
	if !mockroom.IsKind(err, mockroom.KindNotFound) {
		return nil, nil, "", err
	}
	if _, ok := s.library()[slug]; ok {
		files, err := problems.ReadFolder(problems.FS, slug)
		return files, nil, OriginLibrary, err
	}
	p, err := s.store.ProblemBySlug(ctx, slug)
	if err != nil {
		return nil, nil, "", err
	}
	files, err := fromStored(ctx, s.store, p)
	return files, nil, OriginDatabase, err
}

// fromStored rebuilds a folder from the problems table (a problem that
// has no files anywhere): the tests get names by position.
func fromStored(ctx context.Context, store problem.Store, p *problem.Problem) (map[string]string, error) {
	var spec judge.Spec
	if len(p.Spec) > 0 {
		if err := json.Unmarshal(p.Spec, &spec); err != nil {
			return nil, err
		}
	}
	tests, err := store.AllTests(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	src := problems.Source{Slug: p.Slug, Title: p.Title, Difficulty: p.Difficulty, Pattern: p.Pattern, Categories: p.Categories,
		Companies: p.Companies, Hints: p.Hints, TimeComplexity: p.TimeComplexity, SpaceComplexity: p.SpaceComplexity,
		Signature: spec.Signature, Checker: spec.Checker, FloatTolerance: spec.FloatTolerance, FloatMode: spec.FloatMode,
		TimeLimitMS: spec.TimeLimitMS, TimeLimitsMS: spec.TimeLimitsMS, Clarifications: p.Guide.Clarifications,
		Pitfalls: p.Guide.Pitfalls, EdgeCases: p.Guide.EdgeCases, FollowUps: p.Guide.FollowUps, Statement: p.Description}
	for i, t := range tests {
		src.Tests = append(src.Tests, problems.SourceTest{Name: fmt.Sprintf("test-%d", i+1), Input: t.Input, Output: t.ExpectedOutput,
			Example: t.IsExample, Explanation: t.Explanation})
	}
	if sol, err := store.Solution(ctx, p.ID); err == nil && sol != nil {
		src.Solutions, src.Editorial = sol.Code, sol.Explanation
	}
	return src.Files()
}

// ErrVerification is the error of a publish refused by validation; its
// message names every failed check.
const ErrVerification = "verification_failed"

// Save stores src as the console's version of the problem. A draft is held
// to the loader's rules only and saved even when it breaks them (the checks
// say what is wrong). publish runs the whole verification and, only when
// every check passes, upserts the problem for candidates; otherwise the
// draft is kept and the error names what failed.
func (s *Service) Save(ctx context.Context, actorID string, src problems.Source, publish bool) (*ProblemView, error) {
	ctx = mockroom.AsService(ctx)
	files, err := src.Files()
	if err != nil {
		return nil, err
	}
	return s.saveFiles(ctx, actorID, src.Slug, files, publish)
}

// Import stores a folder's files as the console's version (a draft unless
// publish), with the same checks as Save.
func (s *Service) Import(ctx context.Context, actorID, slug string, files map[string]string, publish bool) (*ProblemView, error) {
	return s.saveFiles(mockroom.AsService(ctx), actorID, slug, files, publish)
}

func (s *Service) saveFiles(ctx context.Context, actorID, slug string, files map[string]string, publish bool) (*ProblemView, error) {
	// Nothing is stored that the editor could not open again (a bad slug,
	// a file that is not part of a folder).
	if _, err := problems.ParseFiles(slug, files); err != nil {
		return nil, err
	}
	prev, err := s.store.AuthoredProblem(ctx, slug)
	if err != nil && !mockroom.IsKind(err, mockroom.KindNotFound) {
		return nil, err
	}
	a := &admin.AuthoredProblem{Slug: slug, Files: files, ContentHash: problems.ContentHash(files), Status: admin.StatusDraft, UpdatedBy: actorID}
	if prev != nil {
		a.PublishedHash, a.PublishedAt, a.PublishedFiles = prev.PublishedHash, prev.PublishedAt, prev.PublishedFiles
	}
	checks, lib := s.validate(ctx, slug, files, publish)
	failed := failures(checks)
	if publish && len(failed) == 0 {
		e := lib.Entries[0]
		p := e.Problem
		p.ID = "" // the store keeps the UUID of an existing slug
		sol := e.Solution
		if err := s.store.UpsertProblem(ctx, &p, e.Tests, &sol); err != nil {
			return nil, err
		}
		now := time.Now().UTC()
		a.Status, a.PublishedHash, a.PublishedAt, a.PublishedFiles = admin.StatusPublished, a.ContentHash, &now, files
	} else if a.PublishedHash != "" {
		a.Status = admin.StatusPublished // the last published version still serves
	}
	a.Checks, _ = json.Marshal(checks)
	if err := s.store.SaveAuthoredProblem(ctx, a); err != nil {
		return nil, err
	}
	if publish && len(failed) > 0 {
		return nil, mockroom.Errorf(mockroom.KindInvalid, ErrVerification, "not published (the draft is saved): %s", strings.Join(failed, "; "))
	}
	return s.Get(ctx, slug)
}

// validate runs the loader's rules and, for a publish, the verification
// of `mockroom problems verify`.
func (s *Service) validate(ctx context.Context, slug string, files map[string]string, full bool) ([]CheckResult, *problems.Library) {
	lib, err := problems.LoadFiles(slug, files, judge.LanguageNames())
	if err != nil {
		msg := err.Error()
		if e := mockroom.AsError(err); e != nil {
			msg = e.Message
		}
		return []CheckResult{{Language: "-", What: "load", Detail: msg}}, nil
	}
	out := []CheckResult{{Language: "-", What: "load", OK: true}}
	if !full {
		return out, lib
	}
	if s.judges == nil {
		return append(out, CheckResult{Language: "-", What: "sandbox", Detail: "no sandbox on this server: nothing can be verified or published"}), lib
	}
	svc := judge.NewService(s.judges.Runner(), lib, s.log)
	checks, err := problems.Verify(ctx, svc, lib, nil, problems.VerifyOptions{Workers: s.opts.Workers, Languages: s.opts.Languages, NoGenerator: true})
	if err != nil {
		return append(out, CheckResult{Language: "-", What: "verify", Detail: err.Error()}), lib
	}
	if len(svc.Languages()) == 0 {
		out = append(out, CheckResult{Language: "-", What: "sandbox", Detail: "the sandbox runs no language"})
	}
	sort.SliceStable(checks, func(i, j int) bool { return checks[i].Language < checks[j].Language })
	for _, c := range checks {
		out = append(out, CheckResult{Language: c.Language, What: c.What, OK: c.OK, Status: string(c.Status), Passed: c.Passed, Total: c.Total, Detail: c.Detail})
	}
	return out, lib
}

func failures(checks []CheckResult) []string {
	var out []string
	for _, c := range checks {
		if c.OK {
			continue
		}
		s := c.What
		if c.Language != "-" {
			s += " in " + c.Language
		}
		if c.Detail != "" {
			s += ": " + c.Detail
		}
		out = append(out, s)
	}
	return out
}

// RestorePublished upserts every problem published from the console again,
// after the library's sync at start (which would otherwise put the repo's
// version back), and logs each that differs from the repo's folder.
func (s *Service) RestorePublished(ctx context.Context) error {
	ctx = mockroom.AsService(ctx)
	authored, err := s.store.ListAuthoredProblems(ctx)
	if err != nil {
		return err
	}
	for _, a := range authored {
		if a.PublishedHash == "" {
			continue
		}
		files := a.PublishedFiles // what candidates had, not later drafts
		if files == nil {
			files = a.Files
		}
		lib, err := problems.LoadFiles(a.Slug, files, judge.LanguageNames())
		if err != nil {
			s.log.Error("a published console problem no longer loads", "slug", a.Slug, "err", err)
			continue
		}
		e := lib.Entries[0]
		p := e.Problem
		p.ID = ""
		sol := e.Solution
		if err := s.store.UpsertProblem(ctx, &p, e.Tests, &sol); err != nil {
			return err
		}
		if le, ok := s.library()[a.Slug]; ok && le.hash != a.PublishedHash {
			s.log.Warn("problem published from the admin console differs from problems/ in the repo; export it to bring them together",
				"slug", a.Slug, "console_hash", a.PublishedHash, "library_hash", le.hash)
		}
	}
	return nil
}
