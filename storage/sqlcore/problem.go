package sqlcore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"sort"
	"strings"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/problem"
)

var _ problem.Store = (*Core)(nil)

const problemCols = `id, slug, title, description, difficulty, pattern, category, companies, hints, starter_code, has_solution,
	time_complexity, space_complexity, acceptance_rate, spec, guide, created_at, updated_at`

func scanProblem(row interface{ Scan(...any) error }) (*problem.Problem, error) {
	var p problem.Problem
	var starter json.RawMessage
	var rate sql.NullFloat64
	var guide json.RawMessage
	err := row.Scan(&p.ID, &p.Slug, &p.Title, &p.Description, &p.Difficulty, &p.Pattern, arrayCol{&p.Categories}, arrayCol{&p.Companies},
		arrayCol{&p.Hints}, jsonCol{&starter}, &p.HasSolution, textCol{&p.TimeComplexity}, textCol{&p.SpaceComplexity},
		&rate, jsonCol{&p.Spec}, jsonCol{&guide}, timeCol{&p.CreatedAt}, timeCol{&p.UpdatedAt})
	if err != nil {
		return nil, err
	}
	p.StarterCode = map[string]string{}
	if len(starter) > 0 {
		if err := json.Unmarshal(starter, &p.StarterCode); err != nil {
			return nil, err
		}
	}
	if len(guide) > 0 {
		if err := json.Unmarshal(guide, &p.Guide); err != nil {
			return nil, err
		}
	}
	if rate.Valid {
		r := rate.Float64
		p.AcceptanceRate = &r
	}
	return &p, nil
}

func invalid(code, msg string) error { return mockroom.Errorf(mockroom.KindInvalid, code, "%s", msg) }

// UpsertProblem inserts or updates by slug and replaces the tests and the
// solution, all in one transaction. Test IDs are regenerated when empty.
func (c *Core) UpsertProblem(ctx context.Context, p *problem.Problem, tests []problem.TestCase, sol *problem.Solution) error {
	const op = "storage.UpsertProblem"
	if p == nil || strings.TrimSpace(p.Slug) == "" || strings.TrimSpace(p.Title) == "" {
		return mockroom.Wrap(op, invalid("invalid_problem", "a problem needs a slug and a title"))
	}
	starter := p.StarterCode
	if starter == nil {
		starter = map[string]string{}
	}
	starterJSON, err := json.Marshal(starter)
	if err != nil {
		return mockroom.Wrap(op, err)
	}
	if len(p.Spec) > 0 && !json.Valid(p.Spec) {
		return mockroom.Wrap(op, invalid("invalid_spec", "the spec is not valid JSON"))
	}
	for i := range tests {
		if !json.Valid(tests[i].Input) || !json.Valid(tests[i].ExpectedOutput) {
			return mockroom.Wrap(op, invalid("invalid_test", "test input and expected output must be JSON"))
		}
	}
	guideJSON, err := json.Marshal(p.Guide)
	if err != nil {
		return mockroom.Wrap(op, err)
	}
	var solJSON []byte
	if sol != nil {
		if solJSON, err = json.Marshal(sol.Code); err != nil {
			return mockroom.Wrap(op, err)
		}
	}
	hasSolution := p.HasSolution || sol != nil
	now := c.now()
	if p.CreatedAt.IsZero() {
		p.CreatedAt = now
	}
	var rate any
	if p.AcceptanceRate != nil {
		rate = *p.AcceptanceRate
	}
	id := mockroom.NewID()
	if p.ID != "" {
		var ok bool
		if id, ok = normID(p.ID); !ok {
			return mockroom.Wrap(op, invalid("invalid_id", "the problem id is not valid"))
		}
	}
	var stored *problem.Problem
	err = c.Write(ctx, func(tx *Tx) error {
		// The id is only used on insert: an existing slug keeps its id so
		// sessions that refer to it stay valid.
		if err := tx.QueryRow(ctx, `INSERT INTO problems (id, slug, title, description, difficulty, pattern, category, companies, hints, starter_code,
				has_solution, time_complexity, space_complexity, acceptance_rate, spec, guide, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (slug) DO UPDATE SET title = excluded.title, description = excluded.description,
				difficulty = excluded.difficulty, pattern = excluded.pattern, category = excluded.category, companies = excluded.companies,
				hints = excluded.hints, starter_code = excluded.starter_code, has_solution = excluded.has_solution,
				time_complexity = excluded.time_complexity, space_complexity = excluded.space_complexity,
				acceptance_rate = excluded.acceptance_rate, spec = excluded.spec, guide = excluded.guide, updated_at = excluded.updated_at
			RETURNING id`,
			id, p.Slug, p.Title, p.Description, p.Difficulty, p.Pattern, c.D.Array(p.Categories), c.D.Array(p.Companies), c.D.Array(p.Hints),
			c.D.JSON(starterJSON), hasSolution, nullText(p.TimeComplexity), nullText(p.SpaceComplexity), rate, c.D.JSON(p.Spec), c.D.JSON(guideJSON),
			c.D.Time(p.CreatedAt), c.D.Time(now)).Scan(&id); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM test_cases WHERE problem_id = ?`, id); err != nil {
			return err
		}
		for i := range tests {
			t := &tests[i]
			if t.ID == "" {
				t.ID = mockroom.NewID()
			}
			t.ProblemID = id
			if _, err := tx.Exec(ctx, `INSERT INTO test_cases (id, problem_id, input, expected_output, is_example, is_hidden, explanation, order_index, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				t.ID, id, c.D.JSON(t.Input), c.D.JSON(t.ExpectedOutput), t.IsExample, t.IsHidden, nullText(t.Explanation), t.OrderIndex, c.D.Time(now)); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx, `DELETE FROM problem_solutions WHERE problem_id = ?`, id); err != nil {
			return err
		}
		if sol != nil {
			if _, err := tx.Exec(ctx, `INSERT INTO problem_solutions (id, problem_id, solution_code, explanation, created_at) VALUES (?, ?, ?, ?, ?)`,
				mockroom.NewID(), id, c.D.JSON(solJSON), nullText(sol.Explanation), c.D.Time(now)); err != nil {
				return err
			}
		}
		var err error
		stored, err = scanProblem(tx.QueryRow(ctx, `SELECT `+problemCols+` FROM problems WHERE id = ?`, id))
		return err
	})
	if err != nil {
		if c.isUnique(err, "test_cases") {
			return mockroom.Wrap(op, mockroom.Errorf(mockroom.KindConflict, "duplicate_test", "two tests share an id"))
		}
		return c.fail(op, err)
	}
	*p = *stored
	if sol != nil {
		sol.ProblemID = p.ID
	}
	return nil
}

// where builds the WHERE clause of a listing.
func (c *Core) where(f problem.Filter) (string, []any) {
	var conds []string
	var args []any
	if f.Difficulty != "" {
		conds = append(conds, "difficulty = ?")
		args = append(args, strings.ToLower(f.Difficulty))
	}
	if f.Pattern != "" {
		conds = append(conds, "LOWER(pattern) = ?")
		args = append(args, strings.ToLower(f.Pattern))
	}
	if f.Category != "" {
		conds = append(conds, c.D.ArrayHasFold("category"))
		args = append(args, strings.ToLower(f.Category))
	}
	if f.Company != "" {
		conds = append(conds, c.D.ArrayHasFold("companies"))
		args = append(args, strings.ToLower(f.Company))
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		pat := "%" + escapeLike(strings.ToLower(q)) + "%"
		conds = append(conds, `(LOWER(title) LIKE ? ESCAPE '\' OR LOWER(slug) LIKE ? ESCAPE '\' OR LOWER(pattern) LIKE ? ESCAPE '\' OR `+
			c.D.ArrayLikeFold("category")+` OR `+c.D.ArrayLikeFold("companies")+` OR LOWER(description) LIKE ? ESCAPE '\')`)
		args = append(args, pat, pat, pat, pat, pat, pat)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// byDifficulty orders easy, medium, hard, then by title ignoring case.
func (c *Core) byDifficulty() string {
	return ` ORDER BY CASE difficulty WHEN 'easy' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END, ` +
		c.D.Bytewise("lower(title)") + `, ` + c.D.Bytewise("title") + `, id`
}

// ListProblems pages through the library (page 1-based, limit 20 by default,
// at most 100) and reports the total that match.
func (c *Core) ListProblems(ctx context.Context, f problem.Filter) ([]problem.Problem, int, error) {
	const op = "storage.ListProblems"
	page := f.Page
	if page < 1 {
		page = 1
	}
	limit := clampLimit(f.Limit, 20, 100)
	where, args := c.where(f)
	out := []problem.Problem{}
	var total int
	err := c.Read(ctx, func(tx *Tx) error {
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM problems`+where, args...).Scan(&total); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT `+problemCols+` FROM problems`+where+c.byDifficulty()+` LIMIT ? OFFSET ?`,
			append(args, limit, (page-1)*limit)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			p, err := scanProblem(rows)
			if err != nil {
				return err
			}
			out = append(out, *p)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, 0, c.fail(op, err)
	}
	return out, total, nil
}

func (c *Core) problemBy(ctx context.Context, op, col, val string) (*problem.Problem, error) {
	var p *problem.Problem
	err := c.Read(ctx, func(tx *Tx) error {
		var err error
		p, err = scanProblem(tx.QueryRow(ctx, `SELECT `+problemCols+` FROM problems WHERE `+col+` = ?`, val))
		return err
	})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, mockroom.Wrap(op, mockroom.NotFound("problem"))
	}
	return p, c.fail(op, err)
}

func (c *Core) ProblemBySlug(ctx context.Context, slug string) (*problem.Problem, error) {
	return c.problemBy(ctx, "storage.ProblemBySlug", "slug", slug)
}

func (c *Core) ProblemByID(ctx context.Context, id string) (*problem.Problem, error) {
	nid, ok := normID(id)
	if !ok {
		return nil, mockroom.Wrap("storage.ProblemByID", mockroom.NotFound("problem"))
	}
	return c.problemBy(ctx, "storage.ProblemByID", "id", nid)
}

func (c *Core) RandomProblem(ctx context.Context, f problem.Filter) (*problem.Problem, error) {
	const op = "storage.RandomProblem"
	where, args := c.where(f)
	var p *problem.Problem
	err := c.Read(ctx, func(tx *Tx) error {
		var err error
		p, err = scanProblem(tx.QueryRow(ctx, `SELECT `+problemCols+` FROM problems`+where+` ORDER BY RANDOM() LIMIT 1`, args...))
		return err
	})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, mockroom.Wrap(op, mockroom.NotFound("problem"))
	}
	return p, c.fail(op, err)
}

// ProblemFacets collects the distinct categories and companies. The library
// is small (tens to hundreds of problems), so this is done in Go, which also
// gives both engines the same byte-wise order.
func (c *Core) ProblemFacets(ctx context.Context) (*problem.Facets, error) {
	const op = "storage.ProblemFacets"
	cats, comps, pats := map[string]bool{}, map[string]bool{}, map[string]bool{}
	err := c.Read(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, `SELECT pattern, category, companies FROM problems`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var pat string
			var a, b []string
			if err := rows.Scan(&pat, arrayCol{&a}, arrayCol{&b}); err != nil {
				return err
			}
			pats[pat] = true
			for _, s := range a {
				cats[s] = true
			}
			for _, s := range b {
				comps[s] = true
			}
		}
		return rows.Err()
	})
	if err != nil {
		return nil, c.fail(op, err)
	}
	// Patterns in study order (problem.Patterns), then any other.
	patterns := []string{}
	for _, p := range problem.Patterns {
		if pats[p] {
			patterns = append(patterns, p)
			delete(pats, p)
		}
	}
	patterns = append(patterns, sortedKeys(pats)...)
	return &problem.Facets{Patterns: patterns, Categories: sortedKeys(cats), Companies: sortedKeys(comps)}, nil
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		if k != "" {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func (c *Core) tests(ctx context.Context, op, problemID, extra string) ([]problem.TestCase, error) {
	out := []problem.TestCase{}
	id, ok := normID(problemID)
	if !ok {
		return out, nil
	}
	err := c.Read(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, `SELECT id, problem_id, input, expected_output, is_example, is_hidden, explanation, order_index
			FROM test_cases WHERE problem_id = ?`+extra+` ORDER BY order_index, id`, id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var t problem.TestCase
			var order sql.NullInt64
			if err := rows.Scan(&t.ID, &t.ProblemID, jsonCol{&t.Input}, jsonCol{&t.ExpectedOutput}, &t.IsExample, &t.IsHidden,
				textCol{&t.Explanation}, &order); err != nil {
				return err
			}
			t.OrderIndex = int(order.Int64)
			out = append(out, t)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, c.fail(op, err)
	}
	return out, nil
}

// ExampleTests returns only tests that are examples and not hidden, on every
// path; this filter does not rely on row-level security.
func (c *Core) ExampleTests(ctx context.Context, problemID string) ([]problem.TestCase, error) {
	return c.tests(ctx, "storage.ExampleTests", problemID, ` AND is_example AND NOT is_hidden`)
}

// AllTests returns every test on the service path. On PostgreSQL a user
// request runs under row-level security and sees only the visible examples.
func (c *Core) AllTests(ctx context.Context, problemID string) ([]problem.TestCase, error) {
	return c.tests(ctx, "storage.AllTests", problemID, "")
}

func (c *Core) Solution(ctx context.Context, problemID string) (*problem.Solution, error) {
	const op = "storage.Solution"
	id, ok := normID(problemID)
	if !ok {
		return nil, mockroom.Wrap(op, mockroom.NotFound("solution"))
	}
	s := problem.Solution{ProblemID: id}
	err := c.Read(ctx, func(tx *Tx) error {
		var code json.RawMessage
		if err := tx.QueryRow(ctx, `SELECT solution_code, explanation FROM problem_solutions WHERE problem_id = ?`, id).
			Scan(jsonCol{&code}, textCol{&s.Explanation}); err != nil {
			return err
		}
		s.Code = map[string]string{}
		if len(code) > 0 {
			return json.Unmarshal(code, &s.Code)
		}
		return nil
	})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, mockroom.Wrap(op, mockroom.NotFound("solution"))
	}
	if err != nil {
		return nil, c.fail(op, err)
	}
	return &s, nil
}
