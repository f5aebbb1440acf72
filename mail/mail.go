// Package mail is the port for sending e-mail: verification links, password
// resets and notices to account owners. The smtp adapter implements it.
package mail

import (
	"context"
	"strings"
)

// Message is one plain-text e-mail to one recipient.
type Message struct {
	To      string
	Subject string
	Text    string
}

// Sender delivers a message or says why it could not.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// HeaderSafe reports whether s may go into a header as is: no line breaks
// (which would let a value add headers of its own) and no NUL.
func HeaderSafe(s string) bool { return !strings.ContainsAny(s, "\r\n\x00") }
