package realtime

import (
	"context"
	"encoding/json"
	"sync"

	"github.com/mockroom/mockroom/interview"
)

// Message is what one instance's hub tells the others: a notice for a
// session's rooms, or a user whose every socket must close (sign-out).
type Message struct {
	SessionID string            `json:"session_id,omitempty"`
	Notice    *interview.Notice `json:"notice,omitempty"`
	SignedOut string            `json:"signed_out,omitempty"`
	// VoiceClaimed is a session whose spoken interview was just started
	// (or taken over) on the sending instance: any other instance ends its
	// own call of it at once, as another tab on one instance would take it
	// over, instead of keeping a room that moved away for its grace period
	// (two speech-model connections, both metered).
	VoiceClaimed string `json:"voice_claimed,omitempty"`
}

// broadcast reports whether m goes to every instance, not only those that
// joined its session: an instance whose room of the session moved away has
// left the session's channel but may still hold its voice call.
func (m Message) broadcast() bool { return m.SignedOut != "" || m.VoiceClaimed != "" }

// Broadcast is broadcast for the adapters in other packages.
func (m Message) Broadcast() bool { return m.broadcast() }

// Fanout carries hub messages between the instances that serve the same
// sessions, so that a notice reaches the room's socket on whichever
// instance holds it. In memory (MemoryFanout: one process, nobody else to
// tell); Redis Pub/Sub across instances (transport/realtime/redisrt).
// Delivery is at most once: everything a notice reports is durable in the
// store, and a client that missed one reads it back when it resumes.
// transport/realtime/realtimetest is the suite every implementation passes.
type Fanout interface {
	// Listen sets what receives the other instances' messages; the hub
	// calls it once, before anything joins.
	Listen(receive func(Message))
	// Publish sends m to the other instances: a session's message to those
	// that joined the session, a sign-out or a voice claim to all. It never delivers on this
	// instance (the hub does that itself, without waiting on a network);
	// an error means m was dropped.
	Publish(ctx context.Context, m Message) error
	// Join subscribes this instance to sessionID's messages, once per
	// socket; it returns when messages published from then on will arrive.
	Join(ctx context.Context, sessionID string) error
	// Leave undoes one Join; the session's messages stop with the last.
	Leave(ctx context.Context, sessionID string)
}

// MemoryFanout is the single-node Fanout: one node of an in-process
// network, which has no other node unless Peer adds one (the conformance
// suite and two-hub tests do).
type MemoryFanout struct {
	net *memoryNet

	mu      sync.Mutex
	receive func(Message)
	joined  map[string]int
}

type memoryNet struct {
	mu    sync.Mutex
	nodes []*MemoryFanout
}

var _ Fanout = (*MemoryFanout)(nil)

// NewMemoryFanout returns a node alone on its network.
func NewMemoryFanout() *MemoryFanout {
	n := &memoryNet{}
	return n.add()
}

// Peer returns another node on m's network: another instance, in process.
func (m *MemoryFanout) Peer() *MemoryFanout { return m.net.add() }

func (n *memoryNet) add() *MemoryFanout {
	f := &MemoryFanout{net: n, joined: map[string]int{}}
	n.mu.Lock()
	n.nodes = append(n.nodes, f)
	n.mu.Unlock()
	return f
}

func (m *MemoryFanout) Listen(receive func(Message)) {
	m.mu.Lock()
	m.receive = receive
	m.mu.Unlock()
}

// Publish hands m to every other node that wants it, as JSON, as a network
// would: no node shares the sender's pointers.
func (m *MemoryFanout) Publish(_ context.Context, msg Message) error {
	m.net.mu.Lock()
	nodes := m.net.nodes
	m.net.mu.Unlock()
	if len(nodes) == 1 {
		return nil
	}
	raw, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	for _, n := range nodes {
		if n == m {
			continue
		}
		var copy Message
		if err := json.Unmarshal(raw, &copy); err != nil {
			return err
		}
		n.deliver(copy)
	}
	return nil
}

func (m *MemoryFanout) deliver(msg Message) {
	m.mu.Lock()
	receive := m.receive
	wanted := msg.broadcast() || m.joined[msg.SessionID] > 0
	m.mu.Unlock()
	if receive != nil && wanted {
		receive(msg)
	}
}

func (m *MemoryFanout) Join(_ context.Context, sessionID string) error {
	m.mu.Lock()
	m.joined[sessionID]++
	m.mu.Unlock()
	return nil
}

func (m *MemoryFanout) Leave(_ context.Context, sessionID string) {
	m.mu.Lock()
	if m.joined[sessionID]--; m.joined[sessionID] <= 0 {
		delete(m.joined, sessionID)
	}
	m.mu.Unlock()
}
