package realtime_test

import (
	"testing"
	"time"

	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/transport/realtime"
	"github.com/mockroom/mockroom/transport/realtime/realtimetest"
)

func TestMemoryNoncesConformance(t *testing.T) {
	clock := testenv.NewClock(time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC))
	realtimetest.RunNonces(t, realtimetest.NoncesHarness{
		New: func(*testing.T) (realtime.Nonces, realtime.Nonces) {
			n := realtime.NewMemoryNonces(clock)
			return n, n
		},
		Pass: clock.Advance,
	})
}

func TestMemoryFanoutConformance(t *testing.T) {
	realtimetest.RunFanout(t, func(*testing.T) (realtime.Fanout, realtime.Fanout) {
		a := realtime.NewMemoryFanout()
		return a, a.Peer()
	})
}
