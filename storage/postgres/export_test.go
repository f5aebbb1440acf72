package postgres

import (
	"context"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/storage/sqlcore"
)

// QueryAsUser runs query with no Go-level filter at all, the way a user
// request runs (role mockroom_app, mockroom.user_id set), and counts the
// rows. Tests use it to check that row-level security alone holds.
func (db *DB) QueryAsUser(ctx context.Context, userID, query string, args ...any) (int, error) {
	return db.QueryIn(mockroom.WithActor(ctx, mockroom.Actor{Role: mockroom.RoleUser, UserID: userID}), query, args...)
}

// QueryIn runs query with no Go-level filter in the transaction a store
// method would get for ctx (whatever its actor, or none) and counts the rows.
func (db *DB) QueryIn(ctx context.Context, query string, args ...any) (int, error) {
	n := 0
	err := db.Read(ctx, func(tx *sqlcore.Tx) error {
		rows, err := tx.Query(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			n++
		}
		return rows.Err()
	})
	return n, err
}

// CurrentRole reports the database role a statement runs as for ctx.
func (db *DB) CurrentRole(ctx context.Context) (string, error) {
	var role string
	err := db.Read(ctx, func(tx *sqlcore.Tx) error {
		return tx.QueryRow(ctx, "SELECT current_user").Scan(&role)
	})
	return role, err
}
