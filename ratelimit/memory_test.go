package ratelimit_test

import (
	"testing"
	"time"

	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/ratelimit"
	"github.com/mockroom/mockroom/ratelimit/ratelimittest"
)

func TestMemoryConformance(t *testing.T) {
	clock := testenv.NewClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	ratelimittest.Run(t, ratelimittest.Harness{
		New:   func(*testing.T) ratelimit.Limiter { return ratelimit.NewMemory(clock) },
		Pass:  clock.Advance,
		Short: time.Minute,
	})
}
