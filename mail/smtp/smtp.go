// Package smtp sends mail through any SMTP server named by a URL:
//
//	smtp://user:pass@host:587   STARTTLS when the server offers it (required
//	                            once credentials are given), then AUTH PLAIN
//	smtps://user:pass@host:465  TLS from the first byte
//	smtp://host:1025            no TLS, no auth (Mailpit, a local relay)
//
// net/smtp is enough for one plain-text message per call; each Send opens its
// own connection, bounded by the context and a deadline.
package smtp

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	netmail "net/mail"
	"net/smtp"
	"net/url"
	"strings"
	"time"

	"github.com/mockroom/mockroom/mail"
)

// Sender is an SMTP mail.Sender.
type Sender struct {
	addr     string // host:port
	host     string
	implicit bool // smtps://
	user     string
	pass     string
	from     netmail.Address
	timeout  time.Duration
	tls      *tls.Config
}

var _ mail.Sender = (*Sender)(nil)

// New parses rawURL (smtp:// or smtps://) and the From address.
func New(rawURL, from string) (*Sender, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
		return nil, fmt.Errorf("must be an smtp:// or smtps:// URL such as smtp://user:pass@mail.example.com:587")
	}
	port := u.Port()
	if port == "" {
		port = map[string]string{"smtp": "587", "smtps": "465"}[u.Scheme]
	}
	a, err := netmail.ParseAddress(from)
	if err != nil || !mail.HeaderSafe(from) {
		return nil, fmt.Errorf("the From address %q is not valid", from)
	}
	s := &Sender{addr: net.JoinHostPort(u.Hostname(), port), host: u.Hostname(), implicit: u.Scheme == "smtps",
		from: *a, timeout: 30 * time.Second}
	if u.User != nil {
		s.user = u.User.Username()
		s.pass, _ = u.User.Password()
	}
	s.tls = &tls.Config{ServerName: s.host, MinVersion: tls.VersionTLS12}
	return s, nil
}

// Send delivers m in one SMTP session.
func (s *Sender) Send(ctx context.Context, m mail.Message) error {
	to, err := netmail.ParseAddress(m.To)
	if err != nil || !mail.HeaderSafe(m.To) || !mail.HeaderSafe(m.Subject) {
		return fmt.Errorf("smtp: refusing a message with recipient %q", m.To)
	}
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	var conn net.Conn
	d := &net.Dialer{}
	if s.implicit {
		conn, err = (&tls.Dialer{NetDialer: d, Config: s.tls}).DialContext(ctx, "tcp", s.addr)
	} else {
		conn, err = d.DialContext(ctx, "tcp", s.addr)
	}
	if err != nil {
		return fmt.Errorf("smtp: dial %s: %w", s.addr, err)
	}
	defer conn.Close()
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	}
	c, err := smtp.NewClient(conn, s.host)
	if err != nil {
		return fmt.Errorf("smtp: greeting: %w", err)
	}
	defer c.Close()
	if err := c.Hello("localhost"); err != nil {
		return fmt.Errorf("smtp: EHLO: %w", err)
	}
	if !s.implicit {
		if ok, _ := c.Extension("STARTTLS"); ok {
			if err := c.StartTLS(s.tls); err != nil {
				return fmt.Errorf("smtp: STARTTLS: %w", err)
			}
		} else if s.user != "" {
			// Never send a password in the clear to a server that is not
			// this machine (net/smtp's PlainAuth refuses it too).
			if !isLoopback(s.host) {
				return fmt.Errorf("smtp: %s does not offer STARTTLS; refusing to send credentials in the clear (use smtps://)", s.addr)
			}
		}
	}
	if s.user != "" {
		if err := c.Auth(smtp.PlainAuth("", s.user, s.pass, s.host)); err != nil {
			return fmt.Errorf("smtp: AUTH: %w", err)
		}
	}
	if err := c.Mail(s.from.Address); err != nil {
		return fmt.Errorf("smtp: MAIL FROM: %w", err)
	}
	if err := c.Rcpt(to.Address); err != nil {
		return fmt.Errorf("smtp: RCPT TO: %w", err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("smtp: DATA: %w", err)
	}
	if _, err := w.Write(s.compose(to, m)); err != nil {
		return fmt.Errorf("smtp: writing the message: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("smtp: the server refused the message: %w", err)
	}
	return c.Quit()
}

// compose renders the message: UTF-8 text, quoted-printable, encoded subject.
func (s *Sender) compose(to *netmail.Address, m mail.Message) []byte {
	var b bytes.Buffer
	id := make([]byte, 12)
	rand.Read(id)
	domain := s.from.Address[strings.LastIndexByte(s.from.Address, '@')+1:]
	fmt.Fprintf(&b, "From: %s\r\n", s.from.String())
	fmt.Fprintf(&b, "To: %s\r\n", to.String())
	fmt.Fprintf(&b, "Subject: %s\r\n", mime.QEncoding.Encode("utf-8", m.Subject))
	fmt.Fprintf(&b, "Date: %s\r\n", time.Now().Format(time.RFC1123Z))
	fmt.Fprintf(&b, "Message-ID: <%s@%s>\r\n", hex.EncodeToString(id), domain)
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
	qp := quotedprintable.NewWriter(&b)
	qp.Write([]byte(strings.ReplaceAll(strings.ReplaceAll(m.Text, "\r\n", "\n"), "\n", "\r\n")))
	qp.Close()
	return b.Bytes()
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
