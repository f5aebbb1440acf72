package sqlcore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/billing"
)

var _ billing.Ledger = (*Core)(nil)

// AddCredits appends to the ledger and updates the profiles.credits mirror in
// the same transaction. Writers are serialised per user: PostgreSQL locks the
// profile row (SELECT ... FOR UPDATE), SQLite has a single writer connection
// with BEGIN IMMEDIATE. A per-user sequence with UNIQUE(user_id, seq) is a
// last guard: two writers that somehow read the same balance cannot both
// commit.
func (c *Core) AddCredits(ctx context.Context, userID string, amount int, txType, referenceID, description string) (*billing.CreditTransaction, error) {
	const op = "storage.AddCredits"
	id, ok := normID(userID)
	if !ok || foreign(ctx, id) {
		return nil, mockroom.Wrap(op, mockroom.NotFound("user"))
	}
	if amount == 0 {
		return nil, mockroom.Wrap(op, mockroom.Errorf(mockroom.KindInvalid, "invalid_amount", "the amount cannot be zero"))
	}
	var ct *billing.CreditTransaction
	err := c.Write(ctx, func(tx *Tx) error {
		var err error
		ct, err = c.addCredits(ctx, tx, id, amount, txType, referenceID, description, c.now())
		return err
	})
	if err != nil {
		return nil, c.fail(op, err)
	}
	return ct, nil
}

func (c *Core) addCredits(ctx context.Context, tx *Tx, userID string, amount int, txType, referenceID, description string, at time.Time) (*billing.CreditTransaction, error) {
	var mirror int
	err := tx.QueryRow(ctx, `SELECT credits FROM profiles WHERE id = ?`+c.D.LockRow(), userID).Scan(&mirror)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, mockroom.NotFound("user")
	}
	if err != nil {
		return nil, err
	}
	var seq, balance int
	err = tx.QueryRow(ctx, `SELECT seq, balance_after FROM credit_transactions WHERE user_id = ? ORDER BY seq DESC LIMIT 1`, userID).Scan(&seq, &balance)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	after := balance + amount
	if after < 0 {
		return nil, mockroom.Errorf(mockroom.KindPaymentRequired, "insufficient_credits", "not enough credits")
	}
	ct := &billing.CreditTransaction{
		ID: mockroom.NewID(), UserID: userID, Amount: amount, Type: txType,
		ReferenceID: referenceID, Description: description, BalanceAfter: after, CreatedAt: at,
	}
	if _, err := tx.Exec(ctx, `INSERT INTO credit_transactions (id, user_id, seq, amount, transaction_type, reference_id, description, balance_after, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		ct.ID, userID, seq+1, amount, txType, nullText(referenceID), nullText(description), after, c.D.Time(at)); err != nil {
		return nil, err
	}
	if _, err := tx.Exec(ctx, `UPDATE profiles SET credits = ?, updated_at = ? WHERE id = ?`, after, c.D.Time(at), userID); err != nil {
		return nil, err
	}
	return ct, nil
}

// Balance is the ledger's latest balance_after, 0 for an empty ledger.
func (c *Core) Balance(ctx context.Context, userID string) (int, error) {
	const op = "storage.Balance"
	id, ok := normID(userID)
	if !ok || foreign(ctx, id) {
		return 0, nil
	}
	var balance int
	err := c.Read(ctx, func(tx *Tx) error {
		err := tx.QueryRow(ctx, `SELECT balance_after FROM credit_transactions WHERE user_id = ? ORDER BY seq DESC LIMIT 1`, id).Scan(&balance)
		if errors.Is(err, sql.ErrNoRows) {
			balance = 0
			return nil
		}
		return err
	})
	if err != nil {
		return 0, c.fail(op, err)
	}
	return balance, nil
}

// Transactions lists newest first; limit defaults to 50 and is capped at 1000.
func (c *Core) Transactions(ctx context.Context, userID string, limit int) ([]billing.CreditTransaction, error) {
	const op = "storage.Transactions"
	out := []billing.CreditTransaction{}
	id, ok := normID(userID)
	if !ok || foreign(ctx, id) {
		return out, nil
	}
	limit = clampLimit(limit, 50, 1000)
	err := c.Read(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, `SELECT id, user_id, amount, transaction_type, reference_id, description, balance_after, created_at
			FROM credit_transactions WHERE user_id = ? ORDER BY seq DESC LIMIT ?`, id, limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var t billing.CreditTransaction
			if err := rows.Scan(&t.ID, &t.UserID, &t.Amount, &t.Type, textCol{&t.ReferenceID}, textCol{&t.Description},
				&t.BalanceAfter, timeCol{&t.CreatedAt}); err != nil {
				return err
			}
			out = append(out, t)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, c.fail(op, err)
	}
	return out, nil
}
