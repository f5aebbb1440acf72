package admission

import (
	"context"
	"sync"
)

// Chain admits a run through each queue in turn, holding its place in the
// earlier ones while it waits in the later ones, and gives every place back
// on release: the node's own queue (Memory) in front of the fleet's
// (redisqueue), so that a run is bounded by both. Each queue applies its
// own limits, its wait limit included: a run waits at most that long in
// each. A refusal or a cancelled wait in any queue gives back the places
// taken before it.
//
// A waiting run hears its place in whichever queue it waits in, and once
// Admitted when it leaves the last (only if it waited anywhere).
func Chain(queues ...Queue) Queue { return chain(queues) }

type chain []Queue

func (c chain) Admit(ctx context.Context, t Ticket) (func(), error) {
	waited := false
	inner := t
	if t.Waiting != nil {
		inner.Waiting = func(p Place) {
			waited = true
			if !p.Admitted {
				t.Waiting(p)
			}
		}
	}
	var releases []func()
	releaseAll := func() {
		for i := len(releases) - 1; i >= 0; i-- {
			releases[i]()
		}
	}
	for _, q := range c {
		release, err := q.Admit(ctx, inner)
		if err != nil {
			releaseAll()
			return nil, err
		}
		releases = append(releases, release)
	}
	if waited {
		t.Waiting(Place{Admitted: true})
	}
	var once sync.Once
	return func() { once.Do(releaseAll) }, nil
}
