package httpapi

import (
	"net"
	"strconv"
	"sync"
	"time"
)

// tooManyConnections is written to a refused connection before it is closed,
// so that a client sees why rather than a bare reset.
var tooManyConnections = func() []byte {
	body := `{"error":{"code":"too_many_connections","message":"too many open connections from your address; close some and retry"}}`
	return []byte("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n" +
		"Content-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body)
}()

// LimitPerAddr caps how many connections one remote IP address may hold open
// at once: the connection over the cap is answered 503 and closed at accept,
// before it can cost a goroutine or a request. max <= 0 returns ln unchanged.
// (Behind a reverse proxy every connection comes from the proxy's address;
// cap per client at the proxy instead.)
func LimitPerAddr(ln net.Listener, max int) net.Listener {
	if max <= 0 {
		return ln
	}
	return &addrLimitListener{Listener: ln, max: max, open: map[string]int{}}
}

type addrLimitListener struct {
	net.Listener
	max  int
	mu   sync.Mutex
	open map[string]int
}

func (l *addrLimitListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		host := remoteHost(c.RemoteAddr())
		l.mu.Lock()
		ok := l.open[host] < l.max
		if ok {
			l.open[host]++
		}
		l.mu.Unlock()
		if ok {
			return &addrLimitConn{Conn: c, release: func() { l.release(host) }}, nil
		}
		// A fresh socket's send buffer is empty, so this write does not
		// block; the deadline only guards against the unexpected.
		c.SetWriteDeadline(time.Now().Add(100 * time.Millisecond))
		c.Write(tooManyConnections)
		c.Close()
	}
}

func (l *addrLimitListener) release(host string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.open[host]--; l.open[host] <= 0 {
		delete(l.open, host)
	}
}

// addrLimitConn gives its slot back once, however often it is closed (a
// hijacked WebSocket connection is closed by its library, not by net/http).
type addrLimitConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *addrLimitConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}

func remoteHost(a net.Addr) string {
	if tcp, ok := a.(*net.TCPAddr); ok {
		return tcp.IP.String()
	}
	host, _, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	return host
}
