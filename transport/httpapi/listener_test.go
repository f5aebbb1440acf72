package httpapi_test

import (
	"bufio"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/mockroom/mockroom/transport/httpapi"
)

// One address holding MAX_CONNS_PER_ADDR connections gets the next one
// refused with a 503 at accept; closing one frees its slot.
func TestLimitPerAddrRefusesTheConnectionOverTheCap(t *testing.T) {
	raw, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln := httpapi.LimitPerAddr(raw, 3)
	t.Cleanup(func() { ln.Close() })
	accepted := make(chan net.Conn, 10)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			accepted <- c
		}
	}()
	dial := func() net.Conn {
		t.Helper()
		c, err := net.Dial("tcp", raw.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c
	}
	var held []net.Conn
	for i := 0; i < 3; i++ {
		dial()
		select {
		case c := <-accepted:
			held = append(held, c)
		case <-time.After(10 * time.Second):
			t.Fatalf("connection %d was not accepted", i+1)
		}
	}
	refused := func() {
		t.Helper()
		c := dial()
		c.SetReadDeadline(time.Now().Add(10 * time.Second))
		reply, err := io.ReadAll(bufio.NewReader(c))
		if err != nil {
			t.Fatalf("reading the refusal: %v (got %q)", err, reply)
		}
		if !strings.HasPrefix(string(reply), "HTTP/1.1 503 ") || !strings.Contains(string(reply), `"code":"too_many_connections"`) {
			t.Fatalf("the connection over the cap got %q", reply)
		}
	}
	refused()
	refused()
	select {
	case c := <-accepted:
		t.Fatalf("a connection over the cap was handed to the server: %v", c.RemoteAddr())
	default:
	}
	// Closing a held connection (twice, as net/http and a WebSocket library
	// may both do) frees exactly one slot.
	held[0].Close()
	held[0].Close()
	dial()
	select {
	case <-accepted:
	case <-time.After(10 * time.Second):
		t.Fatal("a freed slot was not reused")
	}
	refused()
}
