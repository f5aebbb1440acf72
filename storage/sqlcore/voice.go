package sqlcore

import (
	"context"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/voice"
)

// RecordVoiceUsage stores one metered stretch of a voice connection.
func (c *Core) RecordVoiceUsage(ctx context.Context, u voice.UsageRecord) error {
	const op = "storage.RecordVoiceUsage"
	sid, ok := normID(u.SessionID)
	uid, ok2 := normID(u.UserID)
	if !ok || !ok2 {
		return mockroom.Errorf(mockroom.KindInvalid, "invalid_id", "voice usage needs a session and a user")
	}
	if foreign(ctx, uid) {
		return forbidden()
	}
	at := u.At
	if at.IsZero() {
		at = c.now()
	}
	ms := func(d time.Duration) int64 { return max(d.Milliseconds(), 0) }
	err := c.Write(ctx, func(tx *Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO voice_usage (id, session_id, user_id, provider, model, connected_ms, audio_in_ms, audio_out_ms,
				input_tokens, output_tokens, cost_micro_usd, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			mockroom.NewID(), sid, uid, u.Provider, u.Model, ms(u.Connected), ms(u.AudioIn), ms(u.AudioOut),
			max(u.InputTokens, 0), max(u.OutputTokens, 0), max(u.CostMicroUSD, 0), c.D.Time(TS(at)))
		return err
	})
	if err != nil {
		return c.fail(op, err)
	}
	return nil
}

// SessionVoiceUsage sums the session's voice usage per provider and model.
func (c *Core) SessionVoiceUsage(ctx context.Context, sessionID string) ([]voice.SessionUsage, error) {
	const op = "storage.SessionVoiceUsage"
	out := []voice.SessionUsage{}
	sid, ok := normID(sessionID)
	if !ok {
		return out, nil
	}
	own, args := ownerFilter(ctx, "v")
	err := c.Read(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, `SELECT v.provider, v.model, SUM(v.connected_ms), SUM(v.audio_in_ms), SUM(v.audio_out_ms),
				SUM(v.input_tokens), SUM(v.output_tokens), SUM(v.cost_micro_usd)
			FROM voice_usage v WHERE v.session_id = ?`+own+`
			GROUP BY v.provider, v.model ORDER BY v.provider, v.model`, append([]any{sid}, args...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var u voice.SessionUsage
			if err := rows.Scan(&u.Provider, &u.Model, &u.ConnectedMS, &u.AudioInMS, &u.AudioOutMS, &u.InputTokens, &u.OutputTokens, &u.CostMicroUSD); err != nil {
				return err
			}
			out = append(out, u)
		}
		return rows.Err()
	})
	if err != nil {
		return out, c.fail(op, err)
	}
	return out, nil
}

// VoiceConnectedSince sums the user's connected voice time since t.
func (c *Core) VoiceConnectedSince(ctx context.Context, userID string, since time.Time) (time.Duration, error) {
	const op = "storage.VoiceConnectedSince"
	uid, ok := normID(userID)
	if !ok || foreign(ctx, uid) {
		return 0, nil
	}
	var ms int64
	err := c.Read(ctx, func(tx *Tx) error {
		return tx.QueryRow(ctx, `SELECT COALESCE(SUM(connected_ms), 0) FROM voice_usage WHERE user_id = ? AND created_at >= ?`,
			uid, c.D.Time(TS(since))).Scan(&ms)
	})
	if err != nil {
		return 0, c.fail(op, err)
	}
	return time.Duration(ms) * time.Millisecond, nil
}
