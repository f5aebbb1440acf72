package mockroom

import "github.com/google/uuid"

// NewID returns a random (version 4) UUID in its canonical text form. Both
// storage engines keep identifiers as this text (PostgreSQL as uuid).
func NewID() string { return uuid.NewString() }

// ValidID reports whether s is a canonical UUID, so that handlers reject
// garbage before it reaches a query.
func ValidID(s string) bool {
	if len(s) != 36 {
		return false
	}
	_, err := uuid.Parse(s)
	return err == nil
}
