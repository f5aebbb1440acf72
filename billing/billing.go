// Package billing owns the credit ledger: every change to a balance is a row
// in credit_transactions carrying the balance after it, and the balance is
// always the ledger's.
package billing

import (
	"context"
	"time"
)

// Transaction types (seed: credit_transactions.transaction_type).
const (
	TxPurchase = "purchase"
	TxUsage    = "usage"
	TxRefund   = "refund"
	TxBonus    = "bonus"
)

// SignupCredits is what a new user receives.
const SignupCredits = 3

// CreditTransaction is one ledger row.
type CreditTransaction struct {
	ID           string    `json:"id"`
	UserID       string    `json:"-"`
	Amount       int       `json:"amount"`
	Type         string    `json:"transaction_type" enum:"purchase,usage,refund,bonus"`
	ReferenceID  string    `json:"reference_id,omitempty"`
	Description  string    `json:"description,omitempty"`
	BalanceAfter int       `json:"balance_after"`
	CreatedAt    time.Time `json:"created_at"`
}

// Ledger is what billing needs from storage.
type Ledger interface {
	// AddCredits appends a transaction of amount (negative for usage) and
	// returns it. It is atomic against concurrent calls for the same user;
	// a change that would take the balance below zero fails with
	// KindPaymentRequired, code "insufficient_credits".
	AddCredits(ctx context.Context, userID string, amount int, txType, referenceID, description string) (*CreditTransaction, error)
	Balance(ctx context.Context, userID string) (int, error)
	// Transactions lists the newest first, at most limit.
	Transactions(ctx context.Context, userID string, limit int) ([]CreditTransaction, error)
}
