package deploy

import (
	"bufio"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/mockroom/mockroom/internal/testenv"
)

// haproxyServers lists the backend's server addresses.
func haproxyServers(t *testing.T) []string {
	t.Helper()
	f, err := os.Open("haproxy/haproxy.cfg")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if fields := strings.Fields(sc.Text()); len(fields) >= 3 && fields[0] == "server" {
			out = append(out, fields[2])
		}
	}
	return out
}

// TestHAProxyConfig: haproxy's own check, and the properties the cluster
// relies on, for the compose balancer and the one-machine cluster's.
func TestHAProxyConfig(t *testing.T) {
	for _, file := range []string{"haproxy/haproxy.cfg", "haproxy/local.cfg"} {
		t.Run(file, func(t *testing.T) { checkHAProxy(t, file) })
	}
}

func checkHAProxy(t *testing.T, file string) {
	dt, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	cfg := string(dt)
	for _, want := range []string{"balance roundrobin", "timeout tunnel", "option forwardfor", "uri /healthz", "retry-on conn-failure"} {
		if !strings.Contains(cfg, want) {
			t.Errorf("%s lacks %q", file, want)
		}
	}
	// No stickiness: any instance serves any room.
	for _, line := range strings.Split(cfg, "\n") {
		f := strings.Fields(line)
		if len(f) > 0 && (f[0] == "cookie" || strings.HasPrefix(f[0], "stick") || (f[0] == "balance" && f[1] != "roundrobin")) {
			t.Errorf("%s pins clients: %q", file, strings.TrimSpace(line))
		}
	}

	bin, err := exec.LookPath("haproxy")
	if err != nil {
		if _, serr := os.Stat("/usr/sbin/haproxy"); serr == nil {
			bin, err = "/usr/sbin/haproxy", nil
		}
	}
	testenv.Need(t, "HAProxy", err == nil, "no haproxy on PATH or in /usr/sbin; apt-get install haproxy")
	out, err := exec.Command(bin, "-c", "-f", file).CombinedOutput()
	if err != nil {
		t.Fatalf("haproxy -c %s: %v\n%s", file, err, out)
	}
	// The compose instances' names resolve only on the compose network.
	unresolved := regexp.MustCompile(`could not resolve address`)
	for _, line := range strings.Split(string(out), "\n") {
		if strings.Contains(line, "[WARNING]") && !unresolved.MatchString(line) {
			t.Errorf("haproxy -c %s: %s", file, line)
		}
	}
}
