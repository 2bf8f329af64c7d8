package main

import (
	"net"
	"net/http"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// TestNetworkURLs: listening on every interface, serve prints the
// addresses other computers can open, IPv4 first and in order, each once,
// leaving out loopback and link-local ones.
func TestNetworkURLs(t *testing.T) {
	t.Parallel()
	ipNet := func(cidr string) net.Addr {
		ip, n, err := net.ParseCIDR(cidr)
		if err != nil {
			t.Fatal(err)
		}
		n.IP = ip
		return n
	}
	tests := []struct {
		name  string
		addrs []net.Addr
		want  []string
	}{
		{"none", nil, nil},
		{"loopback only", []net.Addr{ipNet("127.0.0.1/8"), ipNet("::1/128")}, nil},
		{"a classroom network", []net.Addr{
			ipNet("127.0.0.1/8"), ipNet("::1/128"),
			ipNet("fe80::fc:ff:fe00:1/64"), ipNet("169.254.3.4/16"), // link-local
			ipNet("fd00::2/64"), ipNet("192.168.1.20/24"), ipNet("10.0.0.5/8"),
			&net.IPAddr{IP: net.ParseIP("192.168.1.20")}, // the same address again
			&net.IPAddr{IP: net.IPv4(172, 16, 0, 9)},     // an IPv4 address held in 16 bytes
		}, []string{"http://10.0.0.5:8080/", "http://172.16.0.9:8080/", "http://192.168.1.20:8080/", "http://[fd00::2]:8080/"}},
	}
	for _, tt := range tests {
		if got := networkURLs(tt.addrs, "8080"); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %q; want %q", tt.name, got, tt.want)
		}
	}
}

// TestServePortInUse: serve at a port another program holds (a server
// started before, in another terminal) says so and gives a port that is
// free, with status 2, rather than the bare "bind: address already in
// use". With the next port taken too (the server started before that
// one), it gave that port, which failed the same way.
func TestServePortInUse(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skip(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	n, _ := strconv.Atoi(port)
	next, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(n+1)))
	if err != nil {
		t.Skipf("the port after %d is taken: %v", n, err)
	}
	defer next.Close()
	status, _, stderr := runCLI(t, "serve", "--addr", ln.Addr().String())
	m := regexp.MustCompile(`is using that port; stop it, or give --addr 127\.0\.0\.1:(\d+)\n`).FindStringSubmatch(stderr)
	// Windows words the system's error otherwise ("Only one usage of
	// each socket address ... is normally permitted").
	inUse := runtime.GOOS == "windows" || strings.Contains(stderr, "address already in use")
	if status != exitUsage || !inUse || m == nil {
		t.Fatalf("serve --addr %s: status %d, stderr %q; want 2 and another port to give", ln.Addr(), status, stderr)
	}
	if p, _ := strconv.Atoi(m[1]); p <= n+1 {
		t.Errorf("serve --addr %s, with port %d taken too: it says to give port %d; want a free one", ln.Addr(), n+1, p)
	}
}

// TestAddrInUse: the error net.Listen gives for a port another program
// holds is told apart from other errors on Windows too, where its errno
// (WSAEADDRINUSE, 10048) is not syscall.EADDRINUSE: there serve gave
// Windows's bare message, and no free port to give.
func TestAddrInUse(t *testing.T) {
	listen := func(errno error) error {
		return &net.OpError{Op: "listen", Net: "tcp", Err: &os.SyscallError{Syscall: "bind", Err: errno}}
	}
	for _, tt := range []struct {
		name string
		err  error
		want bool
	}{
		{"EADDRINUSE", listen(syscall.EADDRINUSE), true},
		{"WSAEADDRINUSE", listen(syscall.Errno(10048)), runtime.GOOS == "windows"},
		{"EACCES", listen(syscall.EACCES), false},
		{"no such host", &net.OpError{Op: "listen", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "nowhere"}}, false},
	} {
		if got := addrInUse(tt.err); got != tt.want {
			t.Errorf("%s: addrInUse(%v) = %v; want %v", tt.name, tt.err, got, tt.want)
		}
	}
}

// TestServeTimeouts: serve's HTTP server closes connections that sit
// idle or send headers too slowly, and sets no whole-request timeout,
// which would cut a run's stream (or, as a ReadTimeout, cancel its
// experiment) once it passed.
func TestServeTimeouts(t *testing.T) {
	hs := httpServer(http.NotFoundHandler())
	if hs.ReadHeaderTimeout <= 0 || hs.IdleTimeout <= 0 || hs.ReadTimeout != 0 || hs.WriteTimeout != 0 {
		t.Errorf("serve's server has ReadHeaderTimeout %v, IdleTimeout %v, ReadTimeout %v, WriteTimeout %v; want the first two set, and the others 0",
			hs.ReadHeaderTimeout, hs.IdleTimeout, hs.ReadTimeout, hs.WriteTimeout)
	}
}
