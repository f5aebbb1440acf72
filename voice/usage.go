package voice

import (
	"context"
	"math"
	"time"

	"github.com/mockroom/mockroom/internal/pricetable"
)

// UsageRecord is one metered stretch of a voice connection: written after
// each answer and when the connection ends, so a crash loses at most one
// answer's worth.
type UsageRecord struct {
	SessionID    string
	UserID       string
	Provider     string
	Model        string
	Connected    time.Duration // wall time the provider connection was open: what the monthly allowance counts
	AudioIn      time.Duration
	AudioOut     time.Duration
	InputTokens  int
	OutputTokens int
	CostMicroUSD int64
	At           time.Time
}

// SessionUsage sums a session's voice per provider and model.
type SessionUsage struct {
	Provider     string `json:"provider"`
	Model        string `json:"model"`
	ConnectedMS  int64  `json:"connected_ms"`
	AudioInMS    int64  `json:"audio_in_ms"`
	AudioOutMS   int64  `json:"audio_out_ms"`
	InputTokens  int    `json:"input_tokens"`
	OutputTokens int    `json:"output_tokens"`
	CostMicroUSD int64  `json:"cost_micro_usd"`
}

// UsageStore keeps voice usage (the storage engines implement it).
type UsageStore interface {
	RecordVoiceUsage(ctx context.Context, u UsageRecord) error
	// SessionVoiceUsage sums the session's usage (owner-checked: a foreign
	// session gives none).
	SessionVoiceUsage(ctx context.Context, sessionID string) ([]SessionUsage, error)
	// VoiceConnectedSince sums the user's connected voice time since t.
	VoiceConnectedSince(ctx context.Context, userID string, since time.Time) (time.Duration, error)
}

// Price is what a speech model costs in US dollars per minute of audio.
type Price struct {
	InPerMin  float64
	OutPerMin float64
}

// Prices maps a model name, or a prefix of one, to its price.
type Prices map[string]Price

// DefaultPrices: the seed's figures for gpt-realtime ($0.06 a minute in,
// $0.24 out), OpenAI's mini tier, and Gemini Live's $3/$12 per million
// audio tokens at 32 tokens a second. Operators override them with
// VOICE_PRICES; a model in neither (a local server) costs 0.
func DefaultPrices() Prices {
	return Prices{
		"gpt-realtime":      {0.06, 0.24},
		"gpt-realtime-mini": {0.006, 0.024},
		"gemini":            {0.0058, 0.023},
	}
}

// Lookup finds model's price: an exact name first, then the longest prefix.
func (p Prices) Lookup(model string) (Price, bool) { return pricetable.Lookup(p, model) }

// Cost is what m cost on model, in millionths of a dollar.
func (p Prices) Cost(model string, m Metering) int64 {
	v, ok := p.Lookup(model)
	if !ok {
		return 0
	}
	return int64(math.Round((m.AudioIn.Minutes()*v.InPerMin + m.AudioOut.Minutes()*v.OutPerMin) * 1e6))
}

// ParsePrices reads VOICE_PRICES: "model=in/out,..." in dollars per minute
// of audio, e.g. "gpt-realtime=0.06/0.24,my-local=0/0", laid over base.
func ParsePrices(s string, base Prices) (Prices, error) {
	parsed, err := pricetable.Parse(s, "dollars per minute")
	if err != nil {
		return nil, err
	}
	out := Prices{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range parsed {
		out[k] = Price{v[0], v[1]}
	}
	return out, nil
}
