// The code observer's view of the candidate's code (seed section 3, agent 2).

package interview

// Observation is what the code observer found in one version of the code.
// Syntax errors come from the language's own toolchain; approach and
// complexity from static analysis (offline) or a model. It reaches the
// editor as markers and the interviewer as data; it never interrupts.
type Observation struct {
	CodeHash            string        `json:"code_hash"` // sha256 of the code, hex: the cache key
	Language            string        `json:"language"`
	SyntaxErrors        []SyntaxError `json:"syntax_errors"`
	Warnings            []string      `json:"warnings"`
	Approach            string        `json:"approach" enum:"brute-force,optimized,unknown"`
	EstimatedComplexity string        `json:"estimated_complexity"` // "O(n)", "O(n^2)", "" when unknown
	SuggestRun          bool          `json:"suggest_run"`          // the code looks complete enough to run
	Source              string        `json:"source"`               // "offline", or provider/model
	Facts               CodeFacts     `json:"facts"`                // what static analysis measured
}

// SyntaxError is one error the toolchain reported, at a 1-based line.
type SyntaxError struct {
	Line    int    `json:"line"`
	Column  int    `json:"column,omitempty"`
	Message string `json:"message"`
}

// CodeFacts are measured by reading the code, not judged.
type CodeFacts struct {
	Lines          int  `json:"lines"`
	MaxLoopDepth   int  `json:"max_loop_depth"`
	Recursion      bool `json:"recursion"`
	Sorts          bool `json:"sorts"`
	HashLookups    bool `json:"hash_lookups"`
	DebugPrints    int  `json:"debug_prints"`
	LongestFuncLen int  `json:"longest_function_lines"`
	IsStarter      bool `json:"is_starter"` // unchanged from the starter code
}

// Approaches an observation names.
const (
	ApproachBruteForce = "brute-force"
	ApproachOptimized  = "optimized"
	ApproachUnknown    = "unknown"
)
