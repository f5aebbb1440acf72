// Package stripemock runs Stripe's own API mock (stripe-mock) for a test on
// a free loopback port, so every Stripe API call goes through the real SDK
// and a server that validates it against Stripe's OpenAPI spec.
package stripemock

import (
	"context"
	"net"
	"net/http"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mockroom/mockroom/internal/testenv"
)

// Start runs stripe-mock until the test ends (skip-or-fail when it is
// missing) and returns its base URL, http://127.0.0.1:PORT.
func Start(t testing.TB) string {
	t.Helper()
	bin := testenv.NeedStripeMock(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "-http-addr", "127.0.0.1:"+strconv.Itoa(port))
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatalf("starting stripe-mock: %v", err)
	}
	t.Cleanup(func() { cancel(); cmd.Wait() })
	base := "http://127.0.0.1:" + strconv.Itoa(port)
	ok := testenv.Eventually(20*time.Second, func() bool {
		req, _ := http.NewRequest(http.MethodGet, base+"/v1/customers", nil)
		req.Header.Set("Authorization", "Bearer sk_test_123")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	if !ok {
		t.Fatalf("stripe-mock did not start within 20 s: %s", out.String())
	}
	return base
}
