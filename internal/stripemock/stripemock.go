// Package stripemock runs Stripe's own API mock (stripe-mock) for a test on
// a free loopback port, so every Stripe API call goes through the real SDK
// and a server that validates it against Stripe's OpenAPI spec.
package stripemock

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mockroom/mockroom/internal/testenv"
)

// Start runs stripe-mock until the test ends (skip-or-fail when it is
// missing) and returns its base URL, http://127.0.0.1:PORT.
func Start(t testing.TB) string {
	t.Helper()
	base, stop, err := start(testenv.NeedStripeMock(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return base
}

var shared struct {
	sync.Mutex
	base string
	stop func()
}

// Shared is Start for a whole test binary: the first caller starts one
// stripe-mock and the others reuse it (stripe-mock keeps no state). The
// package's TestMain calls StopShared after m.Run.
func Shared(t testing.TB) string {
	t.Helper()
	bin := testenv.NeedStripeMock(t)
	shared.Lock()
	defer shared.Unlock()
	if shared.base == "" {
		base, stop, err := start(bin)
		if err != nil {
			t.Fatal(err)
		}
		shared.base, shared.stop = base, stop
	}
	return shared.base
}

// StopShared stops the stripe-mock Shared started, if any.
func StopShared() {
	shared.Lock()
	defer shared.Unlock()
	if shared.stop != nil {
		shared.stop()
		shared.base, shared.stop = "", nil
	}
}

func start(bin string) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "-http-addr", "127.0.0.1:"+strconv.Itoa(port))
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		cancel()
		return "", nil, fmt.Errorf("starting stripe-mock: %w", err)
	}
	stop := func() { cancel(); cmd.Wait() }
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
		stop()
		return "", nil, fmt.Errorf("stripe-mock did not start within 20 s: %s", out.String())
	}
	return base, stop, nil
}
