package leader

// LockID exposes the advisory lock's key to the tests.
func LockID(l *PostgresLock) int64 { return l.id }
