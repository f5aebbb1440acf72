package sqlcore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/evaluation"
)

// SaveEvaluation inserts e unless the session already has one: the first
// evaluation stands (a redelivered session.ended writes nothing).
func (c *Core) SaveEvaluation(ctx context.Context, e *evaluation.Evaluation) (bool, error) {
	const op = "storage.SaveEvaluation"
	sid, ok := normID(e.SessionID)
	if !ok {
		return false, mockroom.Wrap(op, mockroom.NotFound("session"))
	}
	e.Normalize()
	details, err := json.Marshal(e)
	if err != nil {
		return false, mockroom.Wrap(op, err)
	}
	score := map[string]any{}
	feedback := map[string]any{}
	for _, d := range e.Dimensions {
		if d.Score != nil {
			score[d.Key] = *d.Score
		}
		feedback[d.Key] = nullText(d.Feedback)
	}
	texts := func(fs []evaluation.Finding) []string {
		out := make([]string, 0, len(fs))
		for _, f := range fs {
			out = append(out, f.Text)
		}
		return out
	}
	var overall, rec any
	if e.OverallScore != nil {
		overall = *e.OverallScore
	}
	if e.Recommendation != "" && e.Recommendation != evaluation.InsufficientEvidence {
		rec = e.Recommendation
	}
	created := e.CreatedAt
	if created.IsZero() {
		created = c.now()
	}
	var saved bool
	err = c.Write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, `INSERT INTO evaluations (id, session_id, overall_score,
				problem_solving_score, problem_solving_feedback, code_quality_score, code_quality_feedback,
				communication_score, communication_feedback, efficiency_score, efficiency_feedback,
				strengths, improvements, hiring_recommendation, detailed_report, evaluator_model, details, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (session_id) DO NOTHING`,
			mockroom.NewID(), sid, overall,
			score[evaluation.ProblemSolving], feedback[evaluation.ProblemSolving],
			score[evaluation.CodeQuality], feedback[evaluation.CodeQuality],
			score[evaluation.Communication], feedback[evaluation.Communication],
			score[evaluation.Efficiency], feedback[evaluation.Efficiency],
			c.D.Array(texts(e.Strengths)), c.D.Array(texts(e.Improvements)), rec, e.Report, e.Evaluator,
			c.D.JSON(details), c.D.Time(TS(created)))
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		saved = n == 1
		return err
	})
	if err != nil {
		return false, c.fail(op, err)
	}
	return saved, nil
}

// Evaluation reads the session's evaluation, confined to its owner.
func (c *Core) Evaluation(ctx context.Context, userID, sessionID string) (*evaluation.Evaluation, error) {
	const op = "storage.Evaluation"
	uid, ok := normID(userID)
	sid, ok2 := normID(sessionID)
	if !ok || !ok2 || foreign(ctx, uid) {
		return nil, mockroom.Wrap(op, mockroom.NotFound("evaluation"))
	}
	var details json.RawMessage
	var created time.Time
	err := c.Read(ctx, func(tx *Tx) error {
		return tx.QueryRow(ctx, `SELECT e.details, e.created_at FROM evaluations e JOIN sessions s ON s.id = e.session_id
			WHERE e.session_id = ? AND s.user_id = ?`, sid, uid).Scan(jsonCol{&details}, timeCol{&created})
	})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, mockroom.Wrap(op, mockroom.NotFound("evaluation"))
	}
	if err != nil {
		return nil, c.fail(op, err)
	}
	var e evaluation.Evaluation
	if err := json.Unmarshal(details, &e); err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	e.SessionID, e.CreatedAt = sid, created
	e.Normalize()
	return &e, nil
}

// RecordModelCall stores one model call on its session.
func (c *Core) RecordModelCall(ctx context.Context, m evaluation.ModelCall) error {
	const op = "storage.RecordModelCall"
	sid, ok := normID(m.SessionID)
	if !ok {
		return nil // no session to charge (mockroom evaluate)
	}
	at := m.At
	if at.IsZero() {
		at = c.now()
	}
	err := c.Write(ctx, func(tx *Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO llm_calls (id, session_id, agent, provider, model, input_tokens, output_tokens,
				latency_ms, cost_micro_usd, outcome, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			mockroom.NewID(), sid, m.Agent, m.Provider, m.Model, m.InputTokens, m.OutputTokens, max(m.LatencyMS, 0),
			max(m.CostMicroUSD, 0), m.Outcome, c.D.Time(TS(at)))
		return err
	})
	if err != nil {
		return c.fail(op, err)
	}
	return nil
}

// SessionUsage sums the session's model calls per agent and model.
func (c *Core) SessionUsage(ctx context.Context, sessionID string) (evaluation.Usage, error) {
	const op = "storage.SessionUsage"
	u := evaluation.Usage{ByAgent: []evaluation.AgentUsage{}}
	sid, ok := normID(sessionID)
	if !ok {
		return u, nil
	}
	own, args := ownerFilter(ctx, "s")
	err := c.Read(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, `SELECT l.agent, l.provider, l.model, COUNT(*), SUM(l.input_tokens), SUM(l.output_tokens),
				SUM(l.cost_micro_usd), SUM(l.latency_ms)
			FROM llm_calls l JOIN sessions s ON s.id = l.session_id WHERE l.session_id = ?`+own+`
			GROUP BY l.agent, l.provider, l.model ORDER BY l.agent, l.provider, l.model`, append([]any{sid}, args...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var a evaluation.AgentUsage
			var latency int64
			if err := rows.Scan(&a.Agent, &a.Provider, &a.Model, &a.Calls, &a.InputTokens, &a.OutputTokens, &a.CostMicroUSD, &latency); err != nil {
				return err
			}
			if a.Calls > 0 {
				a.LatencyMSAvg = latency / int64(a.Calls)
			}
			u.ByAgent = append(u.ByAgent, a)
			u.Calls += a.Calls
			u.InputTokens += a.InputTokens
			u.OutputTokens += a.OutputTokens
			u.CostMicroUSD += a.CostMicroUSD
		}
		return rows.Err()
	})
	if err != nil {
		return u, c.fail(op, err)
	}
	return u, nil
}

// History lists the user's evaluated sessions, oldest first.
func (c *Core) History(ctx context.Context, userID string, limit int) ([]evaluation.HistoryPoint, error) {
	const op = "storage.History"
	out := []evaluation.HistoryPoint{}
	uid, ok := normID(userID)
	if !ok || foreign(ctx, uid) {
		return out, nil
	}
	limit = clampLimit(limit, 100, 500)
	err := c.Read(ctx, func(tx *Tx) error {
		// The latest `limit` evaluations, returned oldest first.
		rows, err := tx.Query(ctx, `SELECT s.id, p.slug, p.title, COALESCE(s.ended_at, e.created_at), e.details
			FROM evaluations e JOIN sessions s ON s.id = e.session_id JOIN problems p ON p.id = s.problem_id
			WHERE s.user_id = ? ORDER BY COALESCE(s.ended_at, e.created_at) DESC, s.id DESC LIMIT ?`, uid, limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var h evaluation.HistoryPoint
			var details json.RawMessage
			if err := rows.Scan(&h.SessionID, &h.ProblemSlug, &h.ProblemTitle, timeCol{&h.EndedAt}, jsonCol{&details}); err != nil {
				return err
			}
			var e evaluation.Evaluation
			if err := json.Unmarshal(details, &e); err != nil {
				return err
			}
			h.OverallScore = e.OverallScore
			h.Scores = map[string]*float64{}
			for _, d := range e.Dimensions {
				h.Scores[d.Key] = d.Score
			}
			out = append(out, h)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, c.fail(op, err)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out, nil
}
