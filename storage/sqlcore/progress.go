package sqlcore

import (
	"context"

	"github.com/mockroom/mockroom/interview"
)

// submitted is the condition on code_snapshots c that picks submits, and
// accepted the one that picks those that passed every test: the execution
// summary (interview.ExecutionSummary) is the only record of a submit.
func (c *Core) submitted() string {
	return `c.snapshot_type = 'execution' AND ` + c.D.JSONText("c.execution_result", "mode") + ` = 'submit'`
}

func (c *Core) accepted() string {
	return c.D.JSONText("c.execution_result", "status") + ` = 'accepted'`
}

// SubmitStats counts every candidate's submits per problem. It reads across
// users, so it runs on the service path and returns counts only.
func (c *Core) SubmitStats(ctx context.Context) (map[string]interview.SubmitStats, error) {
	const op = "storage.SubmitStats"
	out := map[string]interview.SubmitStats{}
	err := c.Read(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, `SELECT s.problem_id, COUNT(*), SUM(CASE WHEN `+c.accepted()+` THEN 1 ELSE 0 END)
			FROM code_snapshots c JOIN sessions s ON s.id = c.session_id
			WHERE `+c.submitted()+` GROUP BY s.problem_id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			var st interview.SubmitStats
			if err := rows.Scan(&id, &st.Submits, &st.Accepted); err != nil {
				return err
			}
			out[id] = st
		}
		return rows.Err()
	})
	if err != nil {
		return nil, c.fail(op, err)
	}
	return out, nil
}

// Progress is "solved" for each problem the user passed with a submit and
// "attempted" for every other problem they started an interview on.
func (c *Core) Progress(ctx context.Context, userID string) (map[string]string, error) {
	const op = "storage.Progress"
	out := map[string]string{}
	uid, ok := normID(userID)
	if !ok || foreign(ctx, uid) {
		return out, nil
	}
	err := c.Read(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, `SELECT s.problem_id, MAX(CASE WHEN c.id IS NOT NULL THEN 1 ELSE 0 END)
			FROM sessions s LEFT JOIN code_snapshots c ON c.session_id = s.id AND `+c.submitted()+` AND `+c.accepted()+`
			WHERE s.user_id = ? GROUP BY s.problem_id`, uid)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			var solved int
			if err := rows.Scan(&id, &solved); err != nil {
				return err
			}
			out[id] = interview.ProgressAttempted
			if solved == 1 {
				out[id] = interview.ProgressSolved
			}
		}
		return rows.Err()
	})
	if err != nil {
		return nil, c.fail(op, err)
	}
	return out, nil
}
