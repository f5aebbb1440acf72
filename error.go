// Package mockroom is the kernel shared by every other package: the error
// type, identifiers, the clock and the actor carried in a context.
package mockroom

import (
	"errors"
	"fmt"
	"time"
)

// Kind classifies an error so that transports can map it to a status without
// knowing where it came from.
type Kind uint8

const (
	KindInternal        Kind = iota // a bug or an outage; details are logged, never shown
	KindInvalid                     // the caller sent something malformed or out of range
	KindNotFound                    // the thing does not exist, or the caller may not see it
	KindConflict                    // a uniqueness or state conflict
	KindUnauthenticated             // no valid credentials
	KindForbidden                   // credentials valid, action not allowed
	KindRateLimited                 // too many requests; RetryAfter says when to come back
	KindPaymentRequired             // out of credits
	KindTooLarge                    // a body or field over its size limit
	KindUnavailable                 // a dependency is down or a feature is switched off
)

func (k Kind) String() string {
	switch k {
	case KindInvalid:
		return "invalid"
	case KindNotFound:
		return "not_found"
	case KindConflict:
		return "conflict"
	case KindUnauthenticated:
		return "unauthenticated"
	case KindForbidden:
		return "forbidden"
	case KindRateLimited:
		return "rate_limited"
	case KindPaymentRequired:
		return "payment_required"
	case KindTooLarge:
		return "too_large"
	case KindUnavailable:
		return "unavailable"
	default:
		return "internal"
	}
}

// Error is the one error type of the project. Message is safe to show to the
// caller; Err holds the cause and is only ever logged.
type Error struct {
	Op         string        // the operation that failed, e.g. "account.Signup"
	Kind       Kind          // what kind of failure
	Code       string        // a stable machine-readable code, e.g. "email_taken"
	Message    string        // a human sentence safe to show
	Err        error         // the underlying cause, not shown
	RetryAfter time.Duration // for KindRateLimited
}

func (e *Error) Error() string {
	s := e.Kind.String()
	if e.Op != "" {
		s = e.Op + ": " + s
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf builds a safe error of the given kind and code.
func Errorf(kind Kind, code, format string, args ...any) *Error {
	return &Error{Kind: kind, Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap attaches an operation name to err. Errors of our type keep their kind;
// anything else becomes internal.
func Wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		c := *e
		if c.Op == "" {
			c.Op = op
		} else {
			c.Op = op + ": " + c.Op
		}
		return &c
	}
	return &Error{Op: op, Kind: KindInternal, Err: err}
}

// NotFound is the error every lookup returns for a missing or foreign row.
func NotFound(what string) *Error {
	return Errorf(KindNotFound, "not_found", "%s not found", what)
}

// KindOf reports the kind of err; errors of other types are internal.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}

// IsKind reports whether err is of kind k.
func IsKind(err error, k Kind) bool { return err != nil && KindOf(err) == k }

// AsError returns err as *Error, or nil.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}
