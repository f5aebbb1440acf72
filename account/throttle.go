package account

import (
	"context"
	"time"

	"github.com/mockroom/mockroom"
)

// Sign-in throttles. A hard lock of the account after a few failures let a
// stranger lock its owner out for a quarter of an hour with five wrong
// passwords, so the hard limits are on the guesser's address instead:
//   - one address and one account: FailuresPerPair per FailureWindow;
//   - one address, any accounts: FailuresPerIP per FailureWindow;
//   - one account, all addresses (a botnet): past BackoffAfter failures,
//     one attempt per backoff, doubling to MaxBackoff; never a lock.
const (
	FailuresPerPair = 5
	FailuresPerIP   = 30
	FailureWindow   = 15 * time.Minute
	BackoffAfter    = 10
	MaxBackoff      = time.Minute
	// failuresCounted caps an account's failure count: the backoff is at
	// MaxBackoff from BackoffAfter+6 failures, so more change nothing, and a
	// limiter key always keeps one limit (the Redis limiter's state is a
	// rate, not a log).
	failuresCounted = 2 * BackoffAfter
)

// signinGuard is one taken sign-in attempt, to be settled as failed or
// succeeded once the password has been checked.
type signinGuard struct {
	s                     *Service
	pairKey, ipKey, email string
}

// backoff is the wait between attempts on an account after failures from
// all addresses: 1 s at BackoffAfter, doubling up to MaxBackoff.
func backoff(failures int) time.Duration {
	if failures < BackoffAfter {
		return 0
	}
	d := time.Second << min(failures-BackoffAfter, 10)
	return min(d, MaxBackoff)
}

// takeSigninAttempt takes the attempt before the password is checked (and
// gives it back on success): counting only after a failure let parallel
// guesses all pass a check that saw none of the others.
func (s *Service) takeSigninAttempt(ctx context.Context, email string, c Client) (*signinGuard, error) {
	const op = "account.Signin"
	g := &signinGuard{s: s, pairKey: "signin:pair:" + c.IP + "|" + email, ipKey: "signin-fail:ip:" + c.IP, email: email}
	const msg = "too many failed sign-in attempts; try again in a few minutes or reset your password"
	n, err := s.limiter.Count(ctx, g.ipKey, FailuresPerIP, FailureWindow)
	if err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	if n >= FailuresPerIP {
		return nil, rateLimited(FailureWindow, msg)
	}
	ok, retry, err := s.limiter.Allow(ctx, g.pairKey, FailuresPerPair, FailureWindow)
	if err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	if !ok {
		return nil, rateLimited(retry, msg)
	}
	failures, err := s.limiter.Count(ctx, "signin-fail:email:"+email, failuresCounted, FailureWindow)
	if err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	if wait := backoff(failures); wait > 0 {
		// One attempt per wait, taken atomically like the pair's.
		ok, retry, err := s.limiter.Allow(ctx, "signin:slot:"+email, 1, wait)
		if err != nil {
			return nil, mockroom.Wrap(op, err)
		}
		if !ok {
			return nil, rateLimited(retry, "this account had many failed sign-ins; wait a moment before trying again")
		}
	}
	return g, nil
}

// failed counts a failure on the address and on the account. A count
// already at its limit stays there (the limiter refuses the event): that
// is the most the checks above look at.
func (g *signinGuard) failed(ctx context.Context) {
	g.s.limiter.Allow(ctx, g.ipKey, FailuresPerIP, FailureWindow)
	g.s.limiter.Allow(ctx, "signin-fail:email:"+g.email, failuresCounted, FailureWindow)
}

func (g *signinGuard) succeeded(ctx context.Context) {
	g.s.limiter.Reset(ctx, g.pairKey)
	g.s.limiter.Reset(ctx, "signin-fail:email:"+g.email)
}
