// Package problem holds the coding problems, their tests and reference
// solutions. Hidden tests and solutions never leave the service path.
package problem

import (
	"context"
	"encoding/json"
	"time"
)

// Difficulties.
var Difficulties = []string{"easy", "medium", "hard"}

// Patterns are the interview patterns a candidate prepares by; every problem
// has one (its main technique), and the library is browsed by them. Order is
// the study order the dashboard shows.
var Patterns = []string{
	"Arrays & Hashing", "Two Pointers", "Sliding Window", "Prefix Sums",
	"Stack", "Monotonic Stack", "Queue", "Linked List", "Binary Search",
	"Trees", "Tries", "Heap", "Intervals", "Greedy", "Backtracking",
	"Graphs", "Topological Sort", "Union-Find", "Shortest Paths",
	"1-D Dynamic Programming", "2-D Dynamic Programming",
	"Bit Manipulation", "Math", "Design",
}

// Problem is a problem as stored (seed: problems). Spec is the judge's
// language-neutral description (signature, checker, limits), JSON that the
// judge package owns; it holds nothing secret.
type Problem struct {
	ID              string            `json:"id"`
	Slug            string            `json:"slug"`
	Title           string            `json:"title"`
	Description     string            `json:"description"` // Markdown
	Difficulty      string            `json:"difficulty"`
	Pattern         string            `json:"pattern"` // one of Patterns
	Categories      []string          `json:"categories"`
	Companies       []string          `json:"companies"`
	Hints           []string          `json:"-"` // progressive; handed out one at a time by interviews
	StarterCode     map[string]string `json:"starter_code"`
	HasSolution     bool              `json:"has_solution"`
	TimeComplexity  string            `json:"-"` // optimal, for the evaluator
	SpaceComplexity string            `json:"-"`
	AcceptanceRate  *float64          `json:"acceptance_rate,omitempty"`
	Spec            json.RawMessage   `json:"-"`
	Guide           Guide             `json:"-"` // the interviewer's knowledge, never shown to a candidate
	CreatedAt       time.Time         `json:"created_at"`
	UpdatedAt       time.Time         `json:"updated_at"`
}

// Guide is what an interviewer who has read the problem knows beyond the
// statement: answers to the usual clarifying questions, the pitfalls
// candidates fall into, the edge cases worth probing and follow-up
// questions for the end. Like Hints it never reaches a candidate through the
// API; the interviewer uses it one piece at a time.
type Guide struct {
	Clarifications []Clarification `json:"clarifications"`
	Pitfalls       []string        `json:"pitfalls"`
	EdgeCases      []string        `json:"edge_cases"`
	FollowUps      []string        `json:"follow_ups"`
}

// Clarification answers one kind of clarifying question. Topic names it
// (ClarifyTopics); Keywords are the words that show a candidate is asking it.
type Clarification struct {
	Topic    string   `json:"topic"`
	Keywords []string `json:"keywords"`
	Answer   string   `json:"answer"`
}

// ClarifyTopics are the usual clarifying questions; every problem answers
// the first five, and may add others (e.g. "cycles", "precision").
var ClarifyTopics = []string{"input_size", "duplicates", "negatives", "empty", "output_order"}

// TestCase is one test (seed: test_cases). Input is a JSON object of the
// signature's parameters; ExpectedOutput is the JSON result.
type TestCase struct {
	ID             string          `json:"id"`
	ProblemID      string          `json:"-"`
	Input          json.RawMessage `json:"input"`
	ExpectedOutput json.RawMessage `json:"expected_output"`
	IsExample      bool            `json:"is_example"`
	IsHidden       bool            `json:"is_hidden"`
	Explanation    string          `json:"explanation,omitempty"`
	OrderIndex     int             `json:"order_index"`
}

// Solution holds the reference code per language (seed: problem_solutions).
type Solution struct {
	ProblemID   string
	Code        map[string]string
	Explanation string
}

// Filter narrows a listing. Page is 1-based.
type Filter struct {
	Difficulty string
	Pattern    string // one of Patterns, matched case-insensitively
	Category   string
	Company    string
	Query      string // matched against title, slug, categories, companies and statement, case-insensitive
	Page       int
	Limit      int
}

// Facets are the distinct values a library can be filtered by.
type Facets struct {
	Patterns   []string `json:"patterns"` // in the study order of Patterns
	Categories []string `json:"categories"`
	Companies  []string `json:"companies"`
}

// Store is what the problem service and the judge need from storage.
type Store interface {
	// UpsertProblem inserts or updates the problem by slug and replaces its
	// tests and solution, in one transaction. It sets p.ID.
	UpsertProblem(ctx context.Context, p *Problem, tests []TestCase, sol *Solution) error
	// ListProblems returns a page ordered by difficulty then title, and the total.
	ListProblems(ctx context.Context, f Filter) ([]Problem, int, error)
	ProblemBySlug(ctx context.Context, slug string) (*Problem, error)
	ProblemByID(ctx context.Context, id string) (*Problem, error)
	// RandomProblem picks one matching f (Page and Limit ignored), or KindNotFound.
	RandomProblem(ctx context.Context, f Filter) (*Problem, error)
	ProblemFacets(ctx context.Context) (*Facets, error)
	// ExampleTests returns the visible example tests, in order.
	ExampleTests(ctx context.Context, problemID string) ([]TestCase, error)
	// AllTests returns every test, hidden ones included. Service path only:
	// on PostgreSQL a user role sees none of the hidden rows.
	AllTests(ctx context.Context, problemID string) ([]TestCase, error)
	// Solution returns the reference solutions. Service path only.
	Solution(ctx context.Context, problemID string) (*Solution, error)
}
