package clusterharness

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"time"
)

// FreePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func FreePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// waitTCP waits until addr accepts connections.
func waitTCP(addr string, d time.Duration) error {
	end := time.Now().Add(d)
	for time.Now().Before(end) {
		c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err == nil {
			c.Close()
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("%s did not accept connections within %v", addr, d)
}

// Redis is a private redis-server with append-only persistence (the
// configuration production uses), so a restart keeps the streams.
type Redis struct {
	Port int
	dir  string
	cmd  *exec.Cmd
	log  *os.File
}

// StartRedis starts a private redis-server in dir.
func StartRedis(dir string) (*Redis, error) {
	port, err := FreePort()
	if err != nil {
		return nil, err
	}
	r := &Redis{Port: port, dir: filepath.Join(dir, "redis")}
	if err := os.MkdirAll(r.dir, 0o755); err != nil {
		return nil, err
	}
	return r, r.Start()
}

// URL is REDIS_URL for this server.
func (r *Redis) URL() string { return fmt.Sprintf("redis://127.0.0.1:%d/0", r.Port) }

// Start (re)starts the server on its port and data.
func (r *Redis) Start() error {
	log, err := os.OpenFile(filepath.Join(r.dir, "redis.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	r.log = log
	r.cmd = exec.Command("redis-server", "--bind", "127.0.0.1", "--port", strconv.Itoa(r.Port), "--dir", r.dir,
		"--save", "", "--appendonly", "yes", "--appendfsync", "everysec", "--maxclients", "10000")
	r.cmd.Stdout, r.cmd.Stderr = log, log
	if err := r.cmd.Start(); err != nil {
		return err
	}
	return waitTCP(fmt.Sprintf("127.0.0.1:%d", r.Port), 20*time.Second)
}

// Stop ends the server (SIGTERM: it writes its append-only file and exits).
func (r *Redis) Stop() {
	if r.cmd != nil && r.cmd.Process != nil {
		r.cmd.Process.Signal(os.Interrupt)
		r.cmd.Wait()
		r.cmd = nil
	}
	if r.log != nil {
		r.log.Close()
	}
}

// Postgres is a private PostgreSQL cluster (initdb) that a test may stop
// and start without touching the machine's own server.
type Postgres struct {
	Port  int
	dir   string
	bin   string
	owner *user.User // initdb and postgres refuse to run as root
}

// pgBin finds the directory of initdb and pg_ctl.
func pgBin() (string, error) {
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Dir(real), nil
		}
		return filepath.Dir(p), nil
	}
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pg_ctl")
	if len(matches) == 0 {
		return "", fmt.Errorf("pg_ctl not found (install postgresql)")
	}
	return filepath.Dir(matches[len(matches)-1]), nil
}

// PostgresAvailable reports whether a private cluster can be made here.
func PostgresAvailable() (bool, string) {
	if _, err := pgBin(); err != nil {
		return false, err.Error()
	}
	if os.Geteuid() == 0 {
		if _, err := user.Lookup("postgres"); err != nil {
			return false, "running as root without a postgres user to run initdb as"
		}
	}
	return true, ""
}

// StartPostgres makes and starts a private cluster under dir.
func StartPostgres(ctx context.Context, dir string) (*Postgres, error) {
	bin, err := pgBin()
	if err != nil {
		return nil, err
	}
	port, err := FreePort()
	if err != nil {
		return nil, err
	}
	// Its own directory, reachable by the postgres user (a test's temp
	// dir is private to root).
	pgDir, err := os.MkdirTemp("", "mockroom-pg-")
	if err != nil {
		return nil, err
	}
	os.Chmod(pgDir, 0o755)
	p := &Postgres{Port: port, dir: pgDir, bin: bin}
	if os.Geteuid() == 0 {
		if p.owner, err = user.Lookup("postgres"); err != nil {
			return nil, err
		}
		uid, _ := strconv.Atoi(p.owner.Uid)
		gid, _ := strconv.Atoi(p.owner.Gid)
		if err := os.Chown(p.dir, uid, gid); err != nil {
			return nil, err
		}
	}
	if out, err := p.run(ctx, "initdb", "-D", p.dir+"/data", "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"); err != nil {
		return nil, fmt.Errorf("initdb: %v\n%s", err, out)
	}
	return p, p.Start(ctx)
}

// run runs a PostgreSQL tool, as the postgres user when we are root.
func (p *Postgres) run(ctx context.Context, tool string, args ...string) ([]byte, error) {
	path := filepath.Join(p.bin, tool)
	var cmd *exec.Cmd
	if p.owner != nil {
		cmd = exec.CommandContext(ctx, "runuser", append([]string{"-u", "postgres", "--", path}, args...)...)
	} else {
		cmd = exec.CommandContext(ctx, path, args...)
	}
	cmd.Dir = p.dir
	return cmd.CombinedOutput()
}

// URL is DATABASE_URL for this cluster.
func (p *Postgres) URL() string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", p.Port)
}

// Start (re)starts the server and waits until it accepts connections.
func (p *Postgres) Start(ctx context.Context) error {
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c max_connections=400 -c shared_buffers=128MB", p.Port, p.dir)
	if out, err := p.run(ctx, "pg_ctl", "-D", p.dir+"/data", "-o", opts, "-l", p.dir+"/server.log", "-w", "-t", "60", "start"); err != nil {
		return fmt.Errorf("pg_ctl start: %v\n%s", err, out)
	}
	return waitTCP(fmt.Sprintf("127.0.0.1:%d", p.Port), 30*time.Second)
}

// Remove deletes the cluster's files (after Stop).
func (p *Postgres) Remove() { os.RemoveAll(p.dir) }

// Stop stops the server: mode "fast" (disconnects every client, clean
// shutdown) or "immediate" (as a crash: recovery from the WAL on start).
func (p *Postgres) Stop(ctx context.Context, mode string) error {
	if out, err := p.run(ctx, "pg_ctl", "-D", p.dir+"/data", "-m", mode, "-w", "stop"); err != nil {
		return fmt.Errorf("pg_ctl stop: %v\n%s", err, out)
	}
	return nil
}
