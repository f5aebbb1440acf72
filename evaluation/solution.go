package evaluation

import (
	"context"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/judge"
)

// ReferenceSolution is what the report offers once the interview is over:
// the reference code in the session's language and the problem's editorial.
type ReferenceSolution struct {
	// Language of Code: the session's, or another when the session's has no
	// reference (then it differs from SessionLanguage).
	Language        string `json:"language"`
	SessionLanguage string `json:"session_language"`
	Code            string `json:"code"`
	Editorial       string `json:"editorial"` // Markdown
	TimeComplexity  string `json:"optimal_time"`
	SpaceComplexity string `json:"optimal_space"`
}

// Solution is the reference solution and editorial of the user's session,
// refused while the interview runs: a candidate sees it only afterwards
// (issue 10). The ended check comes before anything of the solution is read.
func (s *Service) Solution(ctx context.Context, userID, sessionID string) (*ReferenceSolution, error) {
	sess, err := s.sessions.Session(ctx, userID, sessionID)
	if err != nil {
		return nil, err
	}
	if sess.Status == interview.StatusActive || sess.Status == interview.StatusScheduled {
		return nil, mockroom.Errorf(mockroom.KindConflict, "interview_in_progress",
			"the reference solution opens when the interview ends; finish or end it first")
	}
	ctx = mockroom.AsService(ctx) // the solutions are no user's rows; the owner and the end were checked above
	p, err := s.problems.ProblemByID(ctx, sess.ProblemID)
	if err != nil {
		return nil, err
	}
	sol, err := s.problems.Solution(ctx, sess.ProblemID)
	if err != nil {
		return nil, err
	}
	lang := sess.Language
	if sol.Code[lang] == "" {
		lang = ""
		for _, l := range judge.LanguageNames() {
			if sol.Code[l] != "" {
				lang = l
				break
			}
		}
		if lang == "" {
			return nil, mockroom.NotFound("solution")
		}
	}
	return &ReferenceSolution{
		Language: lang, SessionLanguage: sess.Language, Code: sol.Code[lang], Editorial: sol.Explanation,
		TimeComplexity: p.TimeComplexity, SpaceComplexity: p.SpaceComplexity,
	}, nil
}
