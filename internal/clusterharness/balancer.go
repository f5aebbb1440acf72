package clusterharness

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// Balancer is HAProxy in front of the instances: round-robin, no
// stickiness, health checks on /healthz, and a request whose instance
// refused the connection retried on another. The check is /healthz, not
// /readyz: /readyz fails on every instance at once while the database is
// down, and HAProxy would then answer its own bare 503 page instead of our
// JSON database_unavailable (an instance listens only once migrated, so
// /healthz also gates the start).
type Balancer struct {
	Port int
	cmd  *exec.Cmd
	log  *os.File
}

// haproxyPath finds haproxy (Debian installs it in /usr/sbin, which a
// user's PATH may lack).
func haproxyPath() string {
	if p, err := exec.LookPath("haproxy"); err == nil {
		return p
	}
	if _, err := os.Stat("/usr/sbin/haproxy"); err == nil {
		return "/usr/sbin/haproxy"
	}
	return ""
}

// BalancerAvailable reports whether haproxy is installed.
func BalancerAvailable() (bool, string) {
	if haproxyPath() == "" {
		return false, "haproxy not installed (apt-get install -y haproxy)"
	}
	return true, ""
}

// Config is the HAProxy configuration for the nodes.
func Config(port int, nodes []*Node) string {
	var b strings.Builder
	fmt.Fprintf(&b, `global
  maxconn 9000

defaults
  mode http
  option http-server-close
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  timeout tunnel 1h
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response response-timeout

frontend mockroom
  bind 127.0.0.1:%d
  default_backend instances

backend instances
  balance roundrobin
  option httpchk GET /healthz
  default-server inter 300ms fall 2 rise 2 maxconn 4000
  http-response set-header X-Served-By %%[srv_name]
`, port)
	for _, n := range nodes {
		fmt.Fprintf(&b, "  server %s %s check\n", n.Name, n.Addr)
	}
	return b.String()
}

// StartBalancer writes the configuration and starts haproxy.
func StartBalancer(dir string, port int, nodes []*Node) (*Balancer, error) {
	cfg := filepath.Join(dir, "haproxy.cfg")
	if err := os.WriteFile(cfg, []byte(Config(port, nodes)), 0o644); err != nil {
		return nil, err
	}
	log, err := os.Create(filepath.Join(dir, "haproxy.log"))
	if err != nil {
		return nil, err
	}
	b := &Balancer{Port: port, log: log}
	b.cmd = exec.Command(haproxyPath(), "-db", "-f", cfg)
	b.cmd.Stdout, b.cmd.Stderr = log, log
	if err := b.cmd.Start(); err != nil {
		return nil, err
	}
	if err := waitTCP(fmt.Sprintf("127.0.0.1:%d", port), 20*time.Second); err != nil {
		out, _ := os.ReadFile(log.Name())
		return nil, fmt.Errorf("%v\n%s", err, out)
	}
	return b, nil
}

// Stop ends haproxy.
func (b *Balancer) Stop() {
	if b.cmd != nil && b.cmd.Process != nil {
		b.cmd.Process.Signal(syscall.SIGTERM)
		b.cmd.Wait()
	}
	b.log.Close()
}
