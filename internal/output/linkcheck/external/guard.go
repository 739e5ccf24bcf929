package external

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// The checker runs on CI runners and editors' machines, inside networks
// a public page must never reach into: it asks only public http(s)
// addresses. A link, or a redirect, to loopback, a private network
// (RFC 1918, unique-local), link-local (169.254.169.254 is a cloud's
// metadata service), or any other scheme is refused, and refused again at
// the moment of connecting, with the address the name resolved to, so
// that a public name resolving to a private address (DNS rebinding) is
// refused too. A refusal is reported as a broken link.

// RefusedError is an address the checker will not ask.
type RefusedError struct{ Reason string }

func (e *RefusedError) Error() string { return e.Reason }

// cgnat is carrier-grade NAT's shared space (RFC 6598): not public.
var cgnat = netip.MustParsePrefix("100.64.0.0/10")

// refused says why the address ap must not be asked, or "" if it may.
func (c *Checker) refused(ap netip.AddrPort) string {
	ip := ap.Addr().Unmap()
	switch {
	case ip.IsLoopback() && slices.Contains(c.AllowLoopback, netip.AddrPortFrom(ip, ap.Port()).String()):
		return ""
	case ip.IsLoopback():
		return fmt.Sprintf("%s is this machine (loopback)", ip)
	case ip.IsPrivate():
		return fmt.Sprintf("%s is a private network address", ip)
	case ip.IsLinkLocalUnicast(), ip.IsLinkLocalMulticast():
		return fmt.Sprintf("%s is a link-local address", ip)
	case ip.IsUnspecified(), ip.IsMulticast(), ip.IsInterfaceLocalMulticast(), cgnat.Contains(ip), ip == netip.AddrFrom4([4]byte{255, 255, 255, 255}):
		return fmt.Sprintf("%s is not a public address", ip)
	}
	return ""
}

// refusedURL says why u must not be asked, from the address alone: its
// scheme, and its host when that is an IP address or localhost. Names
// are checked again when connecting, once resolved.
func (c *Checker) refusedURL(u *url.URL) string {
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Sprintf("%s: is not an http(s) address", u.Scheme)
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if host == "" {
		return "the address has no host"
	}
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}
	n, err := strconv.ParseUint(port, 10, 16)
	if err != nil {
		return fmt.Sprintf("%q is not a port", port)
	}
	ip, err := netip.ParseAddr(host)
	switch {
	case err == nil:
	case host == "localhost" || strings.HasSuffix(host, ".localhost"):
		ip = netip.IPv6Loopback()
	default:
		return ""
	}
	return c.refused(netip.AddrPortFrom(ip, uint16(n)))
}

// control runs after a connection's socket is made and before it
// connects, with the address a name resolved to: the last word on where
// a request may go.
func (c *Checker) control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return &RefusedError{fmt.Sprintf("cannot tell where %s is", address)}
	}
	if why := c.refused(ap); why != "" {
		return &RefusedError{why}
	}
	if c.dialed != nil {
		c.dialed(address)
	}
	return nil
}

// guardedTransport is http.DefaultTransport's settings with every
// connection checked by control, and no proxy: through a proxy, the
// checker could not see where a request goes.
func (c *Checker) guardedTransport() *http.Transport {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.Proxy = nil
	d := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second, Control: c.control}
	tr.DialContext = d.DialContext
	return tr
}

// refusal finds a RefusedError in err.
func refusal(err error) (*RefusedError, bool) {
	var r *RefusedError
	return r, errors.As(err, &r)
}
