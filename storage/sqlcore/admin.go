package sqlcore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"sort"
	"strings"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/admin"
	"github.com/mockroom/mockroom/billing"
)

var _ admin.Store = (*Core)(nil)

// adminOnly refuses a user request: the console's queries read every
// user's rows, so only the service path (an admin handler after its admin
// check) may run them.
func adminOnly(ctx context.Context, op string) error {
	if mockroom.ActorFrom(ctx).Role == mockroom.RoleUser {
		return mockroom.Wrap(op, forbidden())
	}
	return nil
}

// likePattern escapes s for LIKE ... ESCAPE '\' and wraps it in %.
func likePattern(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(strings.ToLower(s)) + "%"
}

const userSummaryCols = `u.id, u.email, COALESCE(p.full_name, ''), u.is_admin, COALESCE(p.credits, 0), COALESCE(p.subscription_tier, 'free'),
	(SELECT COUNT(*) FROM sessions s WHERE s.user_id = u.id), u.suspended_at, u.created_at`

func scanUserSummary(row interface{ Scan(...any) error }) (admin.UserSummary, error) {
	var u admin.UserSummary
	err := row.Scan(&u.ID, &u.Email, &u.FullName, &u.IsAdmin, &u.Credits, &u.Tier, &u.Sessions, nullTimeCol{&u.SuspendedAt}, timeCol{&u.CreatedAt})
	return u, err
}

// SearchUsers matches e-mail and full name, newest accounts first.
func (c *Core) SearchUsers(ctx context.Context, query string, limit, offset int) ([]admin.UserSummary, int, error) {
	const op = "storage.SearchUsers"
	if err := adminOnly(ctx, op); err != nil {
		return nil, 0, err
	}
	limit = clampLimit(limit, 50, 200)
	offset = max(offset, 0)
	pat := likePattern(strings.TrimSpace(query))
	where := `WHERE (lower(u.email) LIKE ? ESCAPE '\' OR lower(COALESCE(p.full_name, '')) LIKE ? ESCAPE '\')`
	out := []admin.UserSummary{}
	var total int
	err := c.Read(ctx, func(tx *Tx) error {
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM users u LEFT JOIN profiles p ON p.id = u.id `+where, pat, pat).Scan(&total); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT `+userSummaryCols+` FROM users u LEFT JOIN profiles p ON p.id = u.id `+where+`
			ORDER BY u.created_at DESC, u.id LIMIT ? OFFSET ?`, pat, pat, limit, offset)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			u, err := scanUserSummary(rows)
			if err != nil {
				return err
			}
			out = append(out, u)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, 0, c.fail(op, err)
	}
	return out, total, nil
}

// UserDetail is the user with their latest sessions and ledger rows.
func (c *Core) UserDetail(ctx context.Context, userID string) (*admin.UserDetail, error) {
	const op = "storage.UserDetail"
	if err := adminOnly(ctx, op); err != nil {
		return nil, err
	}
	id, ok := normID(userID)
	if !ok {
		return nil, mockroom.Wrap(op, mockroom.NotFound("user"))
	}
	d := &admin.UserDetail{Sessions: []admin.UserSession{}, Ledger: []admin.LedgerRow{}}
	err := c.Read(ctx, func(tx *Tx) error {
		u, err := scanUserSummary(tx.QueryRow(ctx, `SELECT `+userSummaryCols+` FROM users u LEFT JOIN profiles p ON p.id = u.id WHERE u.id = ?`, id))
		if err != nil {
			return err
		}
		d.User = u
		rows, err := tx.Query(ctx, `SELECT s.id, pr.slug, pr.title, s.status, s.language, s.test_cases_passed, s.test_cases_total,
				CAST(e.overall_score AS DOUBLE PRECISION), s.created_at, s.ended_at
			FROM sessions s JOIN problems pr ON pr.id = s.problem_id LEFT JOIN evaluations e ON e.session_id = s.id
			WHERE s.user_id = ? ORDER BY s.created_at DESC, s.id LIMIT 100`, id)
		if err != nil {
			return err
		}
		for rows.Next() {
			var s admin.UserSession
			var score sql.NullFloat64
			if err := rows.Scan(&s.ID, &s.ProblemSlug, &s.ProblemTitle, &s.Status, &s.Language, &s.TestsPassed, &s.TestsTotal,
				&score, timeCol{&s.CreatedAt}, nullTimeCol{&s.EndedAt}); err != nil {
				rows.Close()
				return err
			}
			if score.Valid {
				s.OverallScore = &score.Float64
			}
			d.Sessions = append(d.Sessions, s)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		rows, err = tx.Query(ctx, `SELECT t.id, t.user_id, t.amount, t.transaction_type, t.reference_id, t.description, t.balance_after, t.created_at,
				t.actor_user_id, a.email
			FROM credit_transactions t LEFT JOIN users a ON a.id = t.actor_user_id WHERE t.user_id = ? ORDER BY t.seq DESC LIMIT 100`, id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var t admin.LedgerRow
			if err := rows.Scan(&t.ID, &t.UserID, &t.Amount, &t.Type, textCol{&t.ReferenceID}, textCol{&t.Description},
				&t.BalanceAfter, timeCol{&t.CreatedAt}, textCol{&t.ActorUserID}, textCol{&t.ActorEmail}); err != nil {
				return err
			}
			d.Ledger = append(d.Ledger, t)
		}
		return rows.Err()
	})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, mockroom.Wrap(op, mockroom.NotFound("user"))
	}
	if err != nil {
		return nil, c.fail(op, err)
	}
	return d, nil
}

// GrantCredits appends a bonus row through the ledger's own code and
// records the granting admin on it, in one transaction.
func (c *Core) GrantCredits(ctx context.Context, actorID, userID string, amount int, reason string) (*admin.LedgerRow, error) {
	const op = "storage.GrantCredits"
	if err := adminOnly(ctx, op); err != nil {
		return nil, err
	}
	id, ok := normID(userID)
	if !ok {
		return nil, mockroom.Wrap(op, mockroom.NotFound("user"))
	}
	actor, ok := normID(actorID)
	if !ok {
		return nil, mockroom.Wrap(op, invalid("invalid_id", "the granting admin's id is not valid"))
	}
	if amount <= 0 {
		return nil, mockroom.Wrap(op, invalid("invalid_amount", "grant a positive number of credits"))
	}
	var row *admin.LedgerRow
	err := c.Write(ctx, func(tx *Tx) error {
		ct, err := c.addCredits(ctx, tx, id, amount, billing.TxBonus, "", reason, c.now())
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE credit_transactions SET actor_user_id = ? WHERE id = ?`, actor, ct.ID); err != nil {
			return err
		}
		row = &admin.LedgerRow{CreditTransaction: *ct, ActorUserID: actor}
		if err := tx.QueryRow(ctx, `SELECT email FROM users WHERE id = ?`, actor).Scan(&row.ActorEmail); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		return nil
	})
	if err != nil {
		return nil, c.fail(op, err)
	}
	return row, nil
}

// SetSuspended sets or clears users.suspended_at; suspending also deletes
// every sign-in session of the user, in the same transaction.
func (c *Core) SetSuspended(ctx context.Context, userID string, suspended bool) error {
	const op = "storage.SetSuspended"
	if err := adminOnly(ctx, op); err != nil {
		return err
	}
	id, ok := normID(userID)
	if !ok {
		return mockroom.Wrap(op, mockroom.NotFound("user"))
	}
	var at any
	if suspended {
		at = c.D.Time(c.now())
	}
	err := c.Write(ctx, func(tx *Tx) error {
		// Suspending twice keeps the first time.
		res, err := tx.Exec(ctx, `UPDATE users SET suspended_at = CASE WHEN ? THEN COALESCE(suspended_at, ?) ELSE NULL END WHERE id = ?`, suspended, at, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return mockroom.NotFound("user")
		}
		if suspended {
			_, err = tx.Exec(ctx, `DELETE FROM auth_sessions WHERE user_id = ?`, id)
		}
		return err
	})
	return c.fail(op, err)
}

// SetAdmin sets users.is_admin.
func (c *Core) SetAdmin(ctx context.Context, userID string, isAdmin bool) error {
	const op = "storage.SetAdmin"
	if err := adminOnly(ctx, op); err != nil {
		return err
	}
	id, ok := normID(userID)
	if !ok {
		return mockroom.Wrap(op, mockroom.NotFound("user"))
	}
	err := c.Write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, `UPDATE users SET is_admin = ? WHERE id = ?`, isAdmin, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return mockroom.NotFound("user")
		}
		return nil
	})
	return c.fail(op, err)
}

// Analytics computes the console's numbers for r. Per-day buckets are
// made here from the rows' timestamps (the engines format dates
// differently); everything per problem or per session is SQL aggregates.
func (c *Core) Analytics(ctx context.Context, r admin.Range) (*admin.Analytics, error) {
	const op = "storage.Analytics"
	if err := adminOnly(ctx, op); err != nil {
		return nil, err
	}
	from, to := TS(r.From), TS(r.To)
	if !to.After(from) {
		return nil, mockroom.Wrap(op, invalid("invalid_range", "the range must end after it starts"))
	}
	a := &admin.Analytics{From: from.Format(time.DateOnly), To: to.Add(-time.Nanosecond).Format(time.DateOnly), Problems: []admin.ProblemStats{}}
	index := map[string]int{}
	for d := from; d.Before(to); d = d.AddDate(0, 0, 1) {
		index[d.Format(time.DateOnly)] = len(a.Days)
		a.Days = append(a.Days, admin.AnalyticsDay{Date: d.Format(time.DateOnly)})
	}
	day := func(t time.Time) *admin.AnalyticsDay {
		if i, ok := index[t.UTC().Format(time.DateOnly)]; ok {
			return &a.Days[i]
		}
		return nil
	}
	f, t := c.D.Time(from), c.D.Time(to)
	err := c.Read(ctx, func(tx *Tx) error {
		// each runs a query and feeds every row to scan.
		each := func(q string, scan func(rows *sql.Rows) error) error {
			rows, err := tx.Query(ctx, q, f, t)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				if err := scan(rows); err != nil {
					return err
				}
			}
			return rows.Err()
		}
		if err := each(`SELECT created_at, status FROM sessions WHERE created_at >= ? AND created_at < ?`, func(rows *sql.Rows) error {
			var at time.Time
			var status string
			if err := rows.Scan(timeCol{&at}, &status); err != nil {
				return err
			}
			if d := day(at); d != nil {
				d.Sessions++
				d.Completed += b2i(status == "completed")
				d.Abandoned += b2i(status == "abandoned")
			}
			return nil
		}); err != nil {
			return err
		}
		cost := func(rows *sql.Rows, calls int) error {
			var at time.Time
			var micro int64
			if err := rows.Scan(timeCol{&at}, &micro); err != nil {
				return err
			}
			if d := day(at); d != nil {
				d.CostMicro += micro
				d.ModelCalls += calls
			}
			return nil
		}
		if err := each(`SELECT created_at, cost_micro_usd FROM llm_calls WHERE created_at >= ? AND created_at < ?`,
			func(rows *sql.Rows) error { return cost(rows, 1) }); err != nil {
			return err
		}
		if err := each(`SELECT created_at, cost_micro_usd FROM voice_usage WHERE created_at >= ? AND created_at < ?`,
			func(rows *sql.Rows) error { return cost(rows, 0) }); err != nil {
			return err
		}
		// Revenue: the payments table (filled by the Stripe webhook). This
		// is the one seam to change if payments move elsewhere.
		if err := each(`SELECT created_at, amount_cents FROM payments WHERE status = 'succeeded' AND created_at >= ? AND created_at < ?`,
			func(rows *sql.Rows) error {
				var at time.Time
				var cents int64
				if err := rows.Scan(timeCol{&at}, &cents); err != nil {
					return err
				}
				if d := day(at); d != nil {
					d.Revenue += cents
				}
				return nil
			}); err != nil {
			return err
		}
		if err := each(`SELECT created_at, amount FROM credit_transactions WHERE transaction_type = 'purchase' AND amount > 0 AND created_at >= ? AND created_at < ?`,
			func(rows *sql.Rows) error {
				var at time.Time
				var n int
				if err := rows.Scan(timeCol{&at}, &n); err != nil {
					return err
				}
				if d := day(at); d != nil {
					d.Purchased += n
				}
				return nil
			}); err != nil {
			return err
		}
		// What the range's sessions cost, whenever the calls were made.
		var sessionCost int64
		if err := tx.QueryRow(ctx, `SELECT
				COALESCE((SELECT SUM(l.cost_micro_usd) FROM llm_calls l JOIN sessions s ON s.id = l.session_id WHERE s.created_at >= ? AND s.created_at < ?), 0)
				+ COALESCE((SELECT SUM(v.cost_micro_usd) FROM voice_usage v JOIN sessions s ON s.id = v.session_id WHERE s.created_at >= ? AND s.created_at < ?), 0)`,
			f, t, f, t).Scan(&sessionCost); err != nil {
			return err
		}
		var sc admin.AverageScores
		var avg [5]sql.NullFloat64
		if err := tx.QueryRow(ctx, `SELECT COUNT(e.overall_score),
				CAST(AVG(e.overall_score) AS DOUBLE PRECISION), CAST(AVG(e.problem_solving_score) AS DOUBLE PRECISION),
				CAST(AVG(e.code_quality_score) AS DOUBLE PRECISION), CAST(AVG(e.communication_score) AS DOUBLE PRECISION),
				CAST(AVG(e.efficiency_score) AS DOUBLE PRECISION)
			FROM evaluations e JOIN sessions s ON s.id = e.session_id WHERE s.created_at >= ? AND s.created_at < ?`, f, t).
			Scan(&sc.Evaluations, &avg[0], &avg[1], &avg[2], &avg[3], &avg[4]); err != nil {
			return err
		}
		sc.Overall, sc.ProblemSolving, sc.CodeQuality, sc.Communication, sc.Efficiency =
			round2(avg[0]), round2(avg[1]), round2(avg[2]), round2(avg[3]), round2(avg[4])
		a.Scores = sc
		if err := each(`SELECT p.slug, p.title, COUNT(*),
				SUM(CASE WHEN s.test_cases_total > 0 THEN 1 ELSE 0 END),
				SUM(CASE WHEN s.test_cases_total > 0 AND s.test_cases_passed = s.test_cases_total THEN 1 ELSE 0 END),
				CAST(AVG(e.overall_score) AS DOUBLE PRECISION)
			FROM sessions s JOIN problems p ON p.id = s.problem_id LEFT JOIN evaluations e ON e.session_id = s.id
			WHERE s.created_at >= ? AND s.created_at < ?
			GROUP BY p.slug, p.title`, func(rows *sql.Rows) error {
			var ps admin.ProblemStats
			var avg sql.NullFloat64
			if err := rows.Scan(&ps.Slug, &ps.Title, &ps.Sessions, &ps.Judged, &ps.Passed, &avg); err != nil {
				return err
			}
			if ps.Judged > 0 {
				ps.PassRate = ratio(ps.Passed, ps.Judged)
			}
			ps.AverageScore = round2(avg)
			a.Problems = append(a.Problems, ps)
			return nil
		}); err != nil {
			return err
		}
		for _, d := range a.Days {
			a.Sessions += d.Sessions
			a.Completed += d.Completed
			a.Abandoned += d.Abandoned
			a.CostMicro += d.CostMicro
			a.RevenueCents += d.Revenue
			a.Purchased += d.Purchased
		}
		if a.Sessions > 0 {
			a.CompletionRate = ratio(a.Completed, a.Sessions)
			a.AbandonRate = ratio(a.Abandoned, a.Sessions)
			a.CostPerSession = sessionCost / int64(a.Sessions)
		}
		return nil
	})
	if err != nil {
		return nil, c.fail(op, err)
	}
	sort.Slice(a.Problems, func(i, j int) bool {
		if a.Problems[i].Sessions != a.Problems[j].Sessions {
			return a.Problems[i].Sessions > a.Problems[j].Sessions
		}
		return a.Problems[i].Slug < a.Problems[j].Slug
	})
	return a, nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ratio is n/d rounded to four places (a rate both engines agree on).
func ratio(n, d int) float64 {
	return float64(int64(float64(n)/float64(d)*10000+0.5)) / 10000
}

func round2(v sql.NullFloat64) *float64 {
	if !v.Valid {
		return nil
	}
	r := float64(int64(v.Float64*100+0.5)) / 100
	return &r
}

const authoredCols = `slug, files, content_hash, status, published_hash, published_files, checks, updated_by, created_at, updated_at, published_at`

func scanAuthored(row interface{ Scan(...any) error }) (*admin.AuthoredProblem, error) {
	var p admin.AuthoredProblem
	var files, published json.RawMessage
	if err := row.Scan(&p.Slug, jsonCol{&files}, &p.ContentHash, &p.Status, textCol{&p.PublishedHash}, jsonCol{&published}, jsonCol{&p.Checks},
		textCol{&p.UpdatedBy}, timeCol{&p.CreatedAt}, timeCol{&p.UpdatedAt}, nullTimeCol{&p.PublishedAt}); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(files, &p.Files); err != nil {
		return nil, err
	}
	if len(published) > 0 {
		if err := json.Unmarshal(published, &p.PublishedFiles); err != nil {
			return nil, err
		}
	}
	return &p, nil
}

// SaveAuthoredProblem inserts or replaces the problem by slug, keeping its
// created_at; CreatedAt and UpdatedAt are filled in.
func (c *Core) SaveAuthoredProblem(ctx context.Context, p *admin.AuthoredProblem) error {
	const op = "storage.SaveAuthoredProblem"
	if err := adminOnly(ctx, op); err != nil {
		return err
	}
	files, err := json.Marshal(p.Files)
	if err != nil || p.Files == nil {
		return mockroom.Wrap(op, invalid("invalid_problem", "an authored problem needs its files"))
	}
	var published []byte
	if p.PublishedFiles != nil {
		if published, err = json.Marshal(p.PublishedFiles); err != nil {
			return mockroom.Wrap(op, err)
		}
	}
	var by any
	if p.UpdatedBy != "" {
		id, ok := normID(p.UpdatedBy)
		if !ok {
			return mockroom.Wrap(op, invalid("invalid_id", "the author's id is not valid"))
		}
		p.UpdatedBy, by = id, id
	}
	now := c.now()
	p.UpdatedAt = now
	var publishedAt any
	if p.PublishedAt != nil {
		publishedAt = c.D.Time(*p.PublishedAt)
	}
	err = c.Write(ctx, func(tx *Tx) error {
		err := tx.QueryRow(ctx, `SELECT created_at FROM authored_problems WHERE slug = ?`, p.Slug).Scan(timeCol{&p.CreatedAt})
		if errors.Is(err, sql.ErrNoRows) {
			p.CreatedAt = now
			_, err = tx.Exec(ctx, `INSERT INTO authored_problems (`+authoredCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				p.Slug, c.D.JSON(files), p.ContentHash, p.Status, nullText(p.PublishedHash), c.D.JSON(published), c.D.JSON(p.Checks), by,
				c.D.Time(now), c.D.Time(now), publishedAt)
			return err
		}
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE authored_problems SET files = ?, content_hash = ?, status = ?, published_hash = ?, published_files = ?, checks = ?,
			updated_by = ?, updated_at = ?, published_at = ? WHERE slug = ?`,
			c.D.JSON(files), p.ContentHash, p.Status, nullText(p.PublishedHash), c.D.JSON(published), c.D.JSON(p.Checks), by, c.D.Time(now), publishedAt, p.Slug)
		return err
	})
	return c.fail(op, err)
}

// AuthoredProblem returns the problem with slug, or KindNotFound.
func (c *Core) AuthoredProblem(ctx context.Context, slug string) (*admin.AuthoredProblem, error) {
	const op = "storage.AuthoredProblem"
	if err := adminOnly(ctx, op); err != nil {
		return nil, err
	}
	var p *admin.AuthoredProblem
	err := c.Read(ctx, func(tx *Tx) error {
		var err error
		p, err = scanAuthored(tx.QueryRow(ctx, `SELECT `+authoredCols+` FROM authored_problems WHERE slug = ?`, slug))
		return err
	})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, mockroom.Wrap(op, mockroom.NotFound("authored problem"))
	}
	if err != nil {
		return nil, c.fail(op, err)
	}
	return p, nil
}

// ListAuthoredProblems lists every authored problem by slug.
func (c *Core) ListAuthoredProblems(ctx context.Context) ([]admin.AuthoredProblem, error) {
	const op = "storage.ListAuthoredProblems"
	if err := adminOnly(ctx, op); err != nil {
		return nil, err
	}
	out := []admin.AuthoredProblem{}
	err := c.Read(ctx, func(tx *Tx) (err error) {
		out, err = queryAll(ctx, tx, scanAuthored, `SELECT `+authoredCols+` FROM authored_problems ORDER BY slug`)
		return err
	})
	if err != nil {
		return nil, c.fail(op, err)
	}
	return out, nil
}
