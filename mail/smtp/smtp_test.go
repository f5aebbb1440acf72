package smtp_test

import (
	"context"
	"strings"
	"testing"

	"github.com/mockroom/mockroom/internal/mailpit"
	"github.com/mockroom/mockroom/mail"
	"github.com/mockroom/mockroom/mail/smtp"
)

func TestSendThroughMailpit(t *testing.T) {
	mp := mailpit.Start(t)
	s, err := smtp.New(mp.SMTPURL, "mockroom <noreply@mockroom.test>")
	if err != nil {
		t.Fatal(err)
	}
	text := "Héllo Ada,\n\nyour link: https://mockroom.test/verify-email?token=abc.def\n\n" + strings.Repeat("a long line ", 20) + "\n"
	if err := s.Send(context.Background(), mail.Message{To: "ada@example.com", Subject: "Confirm — ✓", Text: text}); err != nil {
		t.Fatal(err)
	}
	got := mp.Wait("ada@example.com", 1)
	if got.Subject != "Confirm — ✓" || strings.TrimSpace(strings.ReplaceAll(got.Text, "\r\n", "\n")) != strings.TrimSpace(text) {
		t.Fatalf("received %q:\n%q", got.Subject, got.Text)
	}
	// Header injection through the recipient or the subject is refused.
	for _, m := range []mail.Message{
		{To: "ada@example.com\r\nBcc: eve@example.com", Subject: "x", Text: "x"},
		{To: "ada@example.com", Subject: "x\r\nBcc: eve@example.com", Text: "x"},
		{To: "not an address", Subject: "x", Text: "x"},
	} {
		if err := s.Send(context.Background(), m); err == nil {
			t.Errorf("sent %+v", m)
		}
	}
	if n := len(mp.Messages("eve@example.com")); n != 0 {
		t.Fatalf("%d injected mails", n)
	}
}

func TestNewRefusesBadSettings(t *testing.T) {
	for _, tc := range []struct{ url, from string }{
		{"http://mail.example.com", "a@example.com"},
		{"smtp://", "a@example.com"},
		{"smtp://mail.example.com", "not an address"},
		{"smtp://mail.example.com", "a@example.com\r\nBcc: eve@example.com"},
	} {
		if _, err := smtp.New(tc.url, tc.from); err == nil {
			t.Errorf("New(%q, %q) accepted", tc.url, tc.from)
		}
	}
}
