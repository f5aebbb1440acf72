package mockroom

import "context"

// Role says on whose behalf code runs. Storage uses it to pick the database
// role: user requests run under row-level security, the service path does not.
type Role uint8

const (
	RoleAnonymous Role = iota // not signed in (or no actor at all); storage confines it like a user with no rows of its own
	RoleUser                  // a signed-in candidate; storage confines it to its own rows
	RoleService               // trusted server code (judge, workers); sees hidden tests
)

// Actor is who is calling.
type Actor struct {
	Role    Role
	UserID  string
	IsAdmin bool
}

type actorKey struct{}

// WithActor returns ctx carrying a.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor in ctx, or an anonymous one.
func ActorFrom(ctx context.Context) Actor {
	a, _ := ctx.Value(actorKey{}).(Actor)
	return a
}

// AsService marks ctx as trusted server code. Use it deliberately and only
// where a candidate cannot steer what is read (the judge loading hidden tests,
// background workers).
func AsService(ctx context.Context) context.Context {
	return WithActor(ctx, Actor{Role: RoleService})
}
