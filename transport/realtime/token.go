package realtime

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strings"
	"sync"
	"time"

	"github.com/mockroom/mockroom"
)

// TokenTTL is how long a WebSocket token may wait to be used (seed: ≤ 60 s).
const TokenTTL = 60 * time.Second

// tokenPrefix tells a token apart from the subprotocol name among the
// values of Sec-WebSocket-Protocol.
const tokenPrefix = "mrt."

// Claims are what a token binds: one user, one session, one use.
type Claims struct {
	UserID    string `json:"u"`
	SessionID string `json:"s"`
	JTI       string `json:"j"`
	Expires   int64  `json:"e"` // unix seconds
}

// Nonces remembers used token ids until they expire. In memory on one node;
// Redis (SET NX) when several instances share the load.
type Nonces interface {
	// Use marks jti used and reports whether it was fresh.
	Use(ctx context.Context, jti string, ttl time.Duration) (bool, error)
}

// MemoryNonces is the single-node Nonces.
type MemoryNonces struct {
	clock mockroom.Clock
	mu    sync.Mutex
	used  map[string]time.Time
}

// NewMemoryNonces returns an empty set.
func NewMemoryNonces(clock mockroom.Clock) *MemoryNonces {
	return &MemoryNonces{clock: clock, used: map[string]time.Time{}}
}

func (m *MemoryNonces) Use(_ context.Context, jti string, ttl time.Duration) (bool, error) {
	now := m.clock.Now()
	m.mu.Lock()
	defer m.mu.Unlock()
	for k, exp := range m.used { // tokens live a minute, so the set stays small
		if now.After(exp) {
			delete(m.used, k)
		}
	}
	if _, seen := m.used[jti]; seen {
		return false, nil
	}
	m.used[jti] = now.Add(ttl)
	return true, nil
}

// Tokens issues and redeems one-time WebSocket tokens: an HMAC-signed claim
// set plus single use of its jti.
type Tokens struct {
	secret []byte
	nonces Nonces
	clock  mockroom.Clock
}

// NewTokens signs with secret (a random one when empty: fine for one node;
// several instances must share REALTIME_SECRET).
func NewTokens(secret []byte, nonces Nonces, clock mockroom.Clock) *Tokens {
	if len(secret) == 0 {
		secret = make([]byte, 32)
		rand.Read(secret)
	}
	return &Tokens{secret: secret, nonces: nonces, clock: clock}
}

func (t *Tokens) sign(payload string) string {
	m := hmac.New(sha256.New, t.secret)
	m.Write([]byte(payload))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// Issue returns a token for userID and sessionID.
func (t *Tokens) Issue(userID, sessionID string) (string, time.Duration) {
	c := Claims{UserID: userID, SessionID: sessionID, JTI: mockroom.NewID(), Expires: t.clock.Now().Add(TokenTTL).Unix()}
	raw, _ := json.Marshal(c)
	payload := base64.RawURLEncoding.EncodeToString(raw)
	return tokenPrefix + payload + "." + t.sign(payload), TokenTTL
}

var errToken = mockroom.Errorf(mockroom.KindUnauthenticated, "invalid_token", "the realtime token is invalid, expired or already used; request a new one")

// Redeem checks a token's signature and expiry and uses up its jti.
func (t *Tokens) Redeem(ctx context.Context, token string) (*Claims, error) {
	body, ok := strings.CutPrefix(token, tokenPrefix)
	if !ok || len(token) > 1024 {
		return nil, errToken
	}
	payload, sig, ok := strings.Cut(body, ".")
	if !ok || !hmac.Equal([]byte(sig), []byte(t.sign(payload))) {
		return nil, errToken
	}
	raw, err := base64.RawURLEncoding.DecodeString(payload)
	if err != nil {
		return nil, errToken
	}
	var c Claims
	if json.Unmarshal(raw, &c) != nil || c.JTI == "" || c.UserID == "" || c.SessionID == "" {
		return nil, errToken
	}
	if t.clock.Now().Unix() > c.Expires {
		return nil, errToken
	}
	fresh, err := t.nonces.Use(ctx, c.JTI, 2*TokenTTL)
	if err != nil {
		return nil, err
	}
	if !fresh {
		return nil, errToken
	}
	return &c, nil
}

// tokenFromProtocols finds our token among the Sec-WebSocket-Protocol values.
func tokenFromProtocols(values []string) string {
	for _, v := range values {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); strings.HasPrefix(p, tokenPrefix) {
				return p
			}
		}
	}
	return ""
}
