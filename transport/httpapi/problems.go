package httpapi

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/problem"
)

type problemSummary struct {
	ID             string   `json:"id"`
	Slug           string   `json:"slug"`
	Title          string   `json:"title"`
	Difficulty     string   `json:"difficulty" enum:"easy,medium,hard"`
	Pattern        string   `json:"pattern" description:"the interview pattern it trains, one of the facets' patterns"`
	Categories     []string `json:"categories"`
	Companies      []string `json:"companies"`
	AcceptanceRate *float64 `json:"acceptance_rate,omitempty"` // percent of submits that passed, over everyone
	Submissions    int      `json:"submissions"`
	Progress       string   `json:"progress,omitempty" enum:"solved,attempted" description:"signed in: your standing on it"`
}

type example struct {
	Input          json.RawMessage `json:"input"`
	ExpectedOutput json.RawMessage `json:"expected_output"`
	Explanation    string          `json:"explanation,omitempty"`
}

// problemDetail is everything a candidate may see of a problem: never hidden
// tests, solutions, hints' text or the optimal complexity.
type problemDetail struct {
	problemSummary
	Description string            `json:"description"`
	StarterCode map[string]string `json:"starter_code"`
	Languages   []string          `json:"languages"`
	Examples    []example         `json:"examples"`
	HintCount   int               `json:"hint_count"`
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func summarize(p *problem.Problem) problemSummary {
	return problemSummary{ID: p.ID, Slug: p.Slug, Title: p.Title, Difficulty: p.Difficulty, Pattern: p.Pattern,
		Categories: nonNil(p.Categories), Companies: nonNil(p.Companies), AcceptanceRate: p.AcceptanceRate}
}

// withStats sets the acceptance rate from real submits; a problem nobody has
// submitted yet has none (not a made-up figure).
func (p *problemSummary) withStats(st interview.SubmitStats) {
	p.Submissions, p.AcceptanceRate = st.Submits, nil
	if st.Submits > 0 {
		rate := math.Round(1000*float64(st.Accepted)/float64(st.Submits)) / 10
		p.AcceptanceRate = &rate
	}
}

func parseFilter(q url.Values, paged bool) (problem.Filter, error) {
	f := problem.Filter{
		Difficulty: strings.ToLower(strings.TrimSpace(q.Get("difficulty"))),
		Pattern:    strings.TrimSpace(q.Get("pattern")),
		Category:   strings.TrimSpace(q.Get("category")),
		Company:    strings.TrimSpace(q.Get("company")),
		Query:      strings.TrimSpace(q.Get("q")),
		Page:       1,
		Limit:      20,
	}
	if f.Difficulty != "" && !slices.Contains(problem.Difficulties, f.Difficulty) {
		return f, mockroom.Errorf(mockroom.KindInvalid, "invalid_query", "difficulty must be one of easy, medium, hard")
	}
	if f.Pattern != "" && !slices.ContainsFunc(problem.Patterns, func(p string) bool { return strings.EqualFold(p, f.Pattern) }) {
		return f, mockroom.Errorf(mockroom.KindInvalid, "invalid_query", "pattern must be one of %s", strings.Join(problem.Patterns, ", "))
	}
	for _, v := range []string{f.Category, f.Company, f.Query} {
		if len(v) > 100 {
			return f, mockroom.Errorf(mockroom.KindInvalid, "invalid_query", "filters must be at most 100 characters")
		}
	}
	if !paged {
		return f, nil
	}
	for _, p := range []struct {
		name     string
		dst      *int
		min, max int
	}{{"page", &f.Page, 1, 10000}, {"limit", &f.Limit, 1, 100}} {
		if v := q.Get(p.name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < p.min || n > p.max {
				return f, mockroom.Errorf(mockroom.KindInvalid, "invalid_query", "%s must be an integer from %d to %d", p.name, p.min, p.max)
			}
			*p.dst = n
		}
	}
	return f, nil
}

func (s *server) listProblems(w http.ResponseWriter, r *http.Request) {
	f, err := parseFilter(r.URL.Query(), true)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	ps, total, err := s.Problems.ListProblems(r.Context(), f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	stats, err := s.Interviews.SubmitStats(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	progress := map[string]string{}
	if uid := userID(r); uid != "" {
		if progress, err = s.Interviews.Progress(r.Context(), uid); err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	out := make([]problemSummary, 0, len(ps))
	for i := range ps {
		sum := summarize(&ps[i])
		sum.withStats(stats[ps[i].ID])
		sum.Progress = progress[ps[i].ID]
		out = append(out, sum)
	}
	writeJSON(w, http.StatusOK, problemList{Problems: out, Total: total, Page: f.Page, Limit: f.Limit})
}

func (s *server) problemFacets(w http.ResponseWriter, r *http.Request) {
	f, err := s.Problems.ProblemFacets(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	f.Patterns, f.Categories, f.Companies = nonNil(f.Patterns), nonNil(f.Categories), nonNil(f.Companies)
	writeJSON(w, http.StatusOK, f)
}

func (s *server) getProblem(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	if len(slug) > 100 {
		s.writeError(w, r, mockroom.NotFound("problem"))
		return
	}
	p, err := s.Problems.ProblemBySlug(r.Context(), slug)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeProblem(w, r, p)
}

func (s *server) randomProblem(w http.ResponseWriter, r *http.Request) {
	f, err := parseFilter(r.URL.Query(), false)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var p *problem.Problem
	if r.URL.Query().Get("for_me") == "true" && userID(r) != "" {
		p, err = s.randomForMe(r, f)
	} else {
		p, err = s.Problems.RandomProblem(r.Context(), f)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeProblem(w, r, p)
}

// randomForMe picks a random problem matching f that suits the signed-in
// candidate: one they have not solved, at a company they target, of a
// difficulty for their experience (unless f names one), from the pattern
// they have solved least. Each preference narrows the choice only while
// something is left, so the filters alone decide when nothing else fits.
func (s *server) randomForMe(r *http.Request, f problem.Filter) (*problem.Problem, error) {
	ctx := r.Context()
	var all []problem.Problem
	for f.Page, f.Limit = 1, 100; ; f.Page++ {
		page, total, err := s.Problems.ListProblems(ctx, f)
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
		if len(page) == 0 || len(all) >= total {
			break
		}
	}
	if len(all) == 0 {
		return nil, mockroom.NotFound("problem")
	}
	uid := userID(r)
	progress, err := s.Interviews.Progress(ctx, uid)
	if err != nil {
		return nil, err
	}
	prof, err := s.Accounts.Profile(ctx, uid)
	if err != nil {
		return nil, err
	}
	solvedByPattern := map[string]int{}
	for _, p := range all {
		if progress[p.ID] == "solved" {
			solvedByPattern[p.Pattern]++
		}
	}
	narrow := func(keep func(p *problem.Problem) bool) {
		var out []problem.Problem
		for i := range all {
			if keep(&all[i]) {
				out = append(out, all[i])
			}
		}
		if len(out) > 0 {
			all = out
		}
	}
	narrow(func(p *problem.Problem) bool { return progress[p.ID] != "solved" })
	if len(prof.TargetCompanies) > 0 {
		narrow(func(p *problem.Problem) bool {
			return slices.ContainsFunc(p.Companies, func(c string) bool {
				return slices.ContainsFunc(prof.TargetCompanies, func(t string) bool { return strings.EqualFold(c, t) })
			})
		})
	}
	if f.Difficulty == "" {
		if want := difficultiesFor[prof.ExperienceLevel]; len(want) > 0 {
			narrow(func(p *problem.Problem) bool { return slices.Contains(want, p.Difficulty) })
		}
	}
	least := math.MaxInt
	for _, p := range all {
		least = min(least, solvedByPattern[p.Pattern])
	}
	narrow(func(p *problem.Problem) bool { return solvedByPattern[p.Pattern] == least })
	p := all[rand.IntN(len(all))]
	return &p, nil
}

// difficultiesFor is the difficulty a random pick favours at each
// experience level.
var difficultiesFor = map[string][]string{
	"junior": {"easy", "medium"},
	"mid":    {"medium"},
	"senior": {"medium", "hard"},
	"staff":  {"medium", "hard"},
}

// availableLanguages is the problem's languages that the judge can run now.
func (s *server) availableLanguages(p *problem.Problem) []string {
	var langs []string
	for l := range p.StarterCode {
		if s.Languages == nil || slices.Contains(s.Languages(), l) {
			langs = append(langs, l)
		}
	}
	sort.Strings(langs)
	return nonNil(langs)
}

func (s *server) writeProblem(w http.ResponseWriter, r *http.Request, p *problem.Problem) {
	d, err := s.problemDetail(r, p)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, d)
}

// problemDetail is the candidate's view of p.
func (s *server) problemDetail(r *http.Request, p *problem.Problem) (*problemDetail, error) {
	tests, err := s.Problems.ExampleTests(r.Context(), p.ID)
	if err != nil {
		return nil, err
	}
	d := &problemDetail{problemSummary: summarize(p), Description: p.Description, StarterCode: map[string]string{},
		Languages: s.availableLanguages(p), Examples: []example{}, HintCount: len(p.Hints)}
	for _, l := range d.Languages {
		d.StarterCode[l] = p.StarterCode[l]
	}
	for _, t := range tests {
		if !t.IsExample || t.IsHidden { // belt and braces: storage already filters
			continue
		}
		d.Examples = append(d.Examples, example{Input: t.Input, ExpectedOutput: t.ExpectedOutput, Explanation: t.Explanation})
	}
	return d, nil
}
