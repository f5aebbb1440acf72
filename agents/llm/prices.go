package llm

import (
	"math"

	"github.com/mockroom/mockroom/internal/pricetable"
)

// Price is what a model costs in US dollars per million tokens.
type Price struct {
	InputPerM  float64
	OutputPerM float64
}

// Prices maps a model name, or a prefix of one, to its price.
type Prices map[string]Price

// DefaultPrices are list prices at the time of writing (seed section 8 for
// the Anthropic models). Operators override or extend them with LLM_PRICES;
// a model that is in neither costs 0 (a local model).
func DefaultPrices() Prices {
	return Prices{
		"claude-haiku-4-5":  {1, 5},
		"claude-sonnet-4-6": {3, 15},
		"claude-sonnet-4-5": {3, 15},
		"claude-opus-4":     {15, 75},
		"gpt-4o-mini":       {0.15, 0.6},
		"gpt-4o":            {2.5, 10},
		"gpt-4.1-mini":      {0.4, 1.6},
		"gpt-4.1":           {2, 8},
		"gpt-5-mini":        {0.25, 2},
		"gpt-5":             {1.25, 10},
		"gemini-2.5-flash":  {0.3, 2.5},
		"gemini-2.5-pro":    {1.25, 10},
	}
}

// Lookup finds the price of model: an exact name first, then the longest
// prefix ("gpt-4o-2024-08-06" is priced as "gpt-4o").
func (p Prices) Lookup(model string) (Price, bool) { return pricetable.Lookup(p, model) }

// Cost is the price of u on model in millionths of a dollar.
func (p Prices) Cost(model string, u Usage) int64 {
	v, ok := p.Lookup(model)
	if !ok {
		return 0
	}
	// $X per million tokens is X micro-dollars per token.
	return int64(math.Round(float64(u.InputTokens)*v.InputPerM + float64(u.OutputTokens)*v.OutputPerM))
}

// ParsePrices reads LLM_PRICES: "model=input/output,..." in dollars per
// million tokens, e.g. "gpt-4o=2.5/10,llama3.1=0/0". The entries are laid
// over base (nil: an empty table).
func ParsePrices(s string, base Prices) (Prices, error) {
	parsed, err := pricetable.Parse(s, "dollars per million tokens")
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
