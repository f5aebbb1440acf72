// Presence: when a client of each session was last seen, for the sweeper.

package interview

import (
	"context"
	"sync"
	"time"
)

// Presence remembers the last sign of a client of each session (a socket
// frame, a timer tick, a REST call), so that the sweeper can abandon the
// sessions nobody has touched for AbandonAfter. In memory on one node;
// shared (Redis, interview/redispresence) when several instances serve the
// same sessions, because the sweeper on one instance must see a client
// whose socket lives on another. interview/presencetest is the suite every
// implementation passes.
type Presence interface {
	// Touch records a sign of sessionID's client at at.
	Touch(ctx context.Context, sessionID string, at time.Time) error
	// Seen returns the last sign of each of sessionIDs that has one
	// (millisecond precision); a session never touched, or forgotten, is absent.
	Seen(ctx context.Context, sessionIDs []string) (map[string]time.Time, error)
	// Forget drops sessionID (it ended).
	Forget(ctx context.Context, sessionID string) error
}

// MemoryPresence is the single-node Presence.
type MemoryPresence struct {
	mu   sync.Mutex
	seen map[string]time.Time
}

var _ Presence = (*MemoryPresence)(nil)

// NewMemoryPresence returns an empty presence map.
func NewMemoryPresence() *MemoryPresence {
	return &MemoryPresence{seen: map[string]time.Time{}}
}

func (m *MemoryPresence) Touch(_ context.Context, sessionID string, at time.Time) error {
	m.mu.Lock()
	m.seen[sessionID] = at
	m.mu.Unlock()
	return nil
}

func (m *MemoryPresence) Seen(_ context.Context, sessionIDs []string) (map[string]time.Time, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make(map[string]time.Time, len(sessionIDs))
	for _, id := range sessionIDs {
		if t, ok := m.seen[id]; ok {
			out[id] = t
		}
	}
	return out, nil
}

func (m *MemoryPresence) Forget(_ context.Context, sessionID string) error {
	m.mu.Lock()
	delete(m.seen, sessionID)
	m.mu.Unlock()
	return nil
}
