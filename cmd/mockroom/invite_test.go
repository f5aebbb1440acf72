package main

import (
	"bytes"
	"context"
	"net/url"
	"strings"
	"testing"
)

// mockroom invite prints a single-use sign-up link bound to one address.
func TestInviteCommand(t *testing.T) {
	dir := t.TempDir()
	env := envOf(map[string]string{"BASE_URL": "https://mock.example.com"})
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"mockroom", "invite", "--data", dir, "Guest@Example.com"}, env, &out, &errOut); err != nil {
		t.Fatalf("invite: %v\n%s", err, errOut.String())
	}
	link := strings.SplitN(out.String(), "\n", 2)[0]
	u, err := url.Parse(link)
	if err != nil || u.Host != "mock.example.com" || u.Path != "/signup" || !strings.Contains(u.Query().Get("invite"), ".") || u.Query().Get("email") != "guest@example.com" {
		t.Fatalf("printed %q", out.String())
	}
	for _, args := range [][]string{{"mockroom", "invite", "--data", dir}, {"mockroom", "invite", "--data", dir, "not-an-address"}} {
		if err := run(context.Background(), args, env, &out, &errOut); err == nil {
			t.Errorf("%v succeeded", args)
		}
	}
}
