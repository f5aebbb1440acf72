package httpapi

import (
	"net/netip"
	"testing"
)

func TestClientAddr(t *testing.T) {
	proxies, err := ParseTrustedProxies("10.0.0.0/8, 192.0.2.7, fd00::/8")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		remote  string
		xff     []string
		trusted []netip.Prefix
		want    string
	}{
		{"no proxies configured: the peer, headers ignored", "203.0.113.5:4000", []string{"1.2.3.4"}, nil, "203.0.113.5"},
		{"untrusted peer: its header is a lie", "203.0.113.5:4000", []string{"1.2.3.4"}, proxies, "203.0.113.5"},
		{"trusted peer: the hop it appended", "10.1.2.3:80", []string{"198.51.100.9"}, proxies, "198.51.100.9"},
		{"a client-sent prefix is skipped past", "10.1.2.3:80", []string{"6.6.6.6, 198.51.100.9"}, proxies, "198.51.100.9"},
		{"a chain of trusted hops", "10.1.2.3:80", []string{"6.6.6.6, 198.51.100.9, 192.0.2.7, 10.9.9.9"}, proxies, "198.51.100.9"},
		{"several headers read as one list", "10.1.2.3:80", []string{"6.6.6.6", "198.51.100.9, 10.0.0.1"}, proxies, "198.51.100.9"},
		{"every hop trusted: the leftmost", "10.1.2.3:80", []string{"10.0.0.2, 10.0.0.1"}, proxies, "10.0.0.2"},
		{"no header from a trusted peer: the peer", "10.1.2.3:80", nil, proxies, "10.1.2.3"},
		{"a malformed hop stops the walk", "10.1.2.3:80", []string{"198.51.100.9, not-an-ip"}, proxies, "10.1.2.3"},
		{"a malformed hop behind trusted ones", "10.1.2.3:80", []string{"garbage, 10.0.0.5"}, proxies, "10.0.0.5"},
		{"IPv6 peer and hops", "[fd00::1]:80", []string{"2001:db8::7"}, proxies, "2001:db8::7"},
		{"IPv4-mapped IPv6 peer", "[::ffff:10.0.0.1]:80", []string{"198.51.100.9"}, proxies, "198.51.100.9"},
		{"an address without a port", "203.0.113.5", nil, proxies, "203.0.113.5"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := clientAddr(tc.remote, tc.xff, tc.trusted); got != tc.want {
				t.Fatalf("clientAddr(%q, %q) = %q, want %q", tc.remote, tc.xff, got, tc.want)
			}
		})
	}
}

func TestParseTrustedProxies(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
		bad  bool
	}{
		{"", 0, false},
		{"10.0.0.0/8", 1, false},
		{"10.0.0.0/8,192.0.2.7 , ::1", 3, false},
		{"10.0.0.0/33", 0, true},
		{"example.com", 0, true},
		{"10.0.0.0/8,*", 0, true},
	} {
		got, err := ParseTrustedProxies(tc.in)
		if (err != nil) != tc.bad || (!tc.bad && len(got) != tc.want) {
			t.Errorf("ParseTrustedProxies(%q) = %v, %v", tc.in, got, err)
		}
	}
}
