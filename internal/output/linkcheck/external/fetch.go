package external

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// maxRedirects is as many as a browser follows before giving up.
const maxRedirects = 10

var errRedirectLoop = errors.New("more than 10 redirects")

// hop is one redirect followed.
type hop struct {
	status int
	to     string
}

// answer is what one request got: a status, or an error.
type answer struct {
	status     int
	retryAfter string
	hops       []hop
	err        error
}

// fetch asks about one address until it has an answer it can trust or
// has tried enough: HEAD, then GET when HEAD is refused or fails (many
// servers handle only GET), retrying busy servers and timeouts.
func (c *Checker) fetch(ctx context.Context, g *hostGate, raw string) Result {
	method := http.MethodHead
	retries := 0
	var a answer
	for attempts := 1; ; attempts++ {
		release, err := c.acquire(ctx, g)
		if err != nil {
			return c.result(raw, Unknown, 0, "not checked: "+err.Error(), attempts-1)
		}
		a = c.request(ctx, method, raw)
		release()
		verdict, reason := judge(a)
		if method == http.MethodHead && a.err == nil && verdict != OK && a.status != http.StatusTooManyRequests {
			method = http.MethodGet // not a retry: HEAD was the wrong question
			continue
		}
		if verdict != Unknown || !retryable(a) || retries >= c.Config.Retries || ctx.Err() != nil {
			r := c.result(raw, verdict, a.status, reason, attempts)
			if verdict == Unknown && retries > 0 {
				r.Reason += fmt.Sprintf(" (%d attempts)", attempts)
			}
			if verdict == OK {
				r.MovedTo, r.MovedStatus = moved(a.hops)
			}
			return r
		}
		retries++
		wait := c.backoff(retries)
		if a.retryAfter != "" {
			asked, ok := parseRetryAfter(a.retryAfter, c.Now())
			if ok && asked > c.Config.MaxWait.Duration {
				r := c.result(raw, Unknown, a.status, reason, attempts)
				r.Reason += fmt.Sprintf("; the server asks to wait %s, longer than max_wait (%s)", asked, c.Config.MaxWait)
				return r
			}
			if ok {
				wait = asked
			}
		}
		g.pause(c.Now().Add(wait))
	}
}

func (c *Checker) result(raw string, v Verdict, status int, reason string, attempts int) Result {
	return Result{URL: raw, Verdict: v, Status: status, Reason: reason, Checked: c.Now().UTC(), Attempts: attempts}
}

// backoff is the wait before retry n (1, 2, ...): Backoff doubled each
// time, never more than MaxWait.
func (c *Checker) backoff(n int) time.Duration {
	d := c.Config.Backoff.Duration << (n - 1)
	if d > c.Config.MaxWait.Duration || d < 0 {
		d = c.Config.MaxWait.Duration
	}
	return d
}

// request makes one request, following redirects and recording them.
func (c *Checker) request(ctx context.Context, method, raw string) answer {
	ctx, cancel := context.WithTimeout(ctx, c.Config.Timeout.Duration)
	defer cancel()
	var a answer
	req, err := http.NewRequestWithContext(ctx, method, raw, nil)
	if err != nil {
		a.err = err
		return a
	}
	req.Header.Set("User-Agent", c.Config.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
	client := &http.Client{
		Transport: c.Transport,
		CheckRedirect: func(next *http.Request, via []*http.Request) error {
			if len(via) >= maxRedirects {
				return errRedirectLoop
			}
			if why := c.refusedURL(next.URL); why != "" {
				return &RefusedError{fmt.Sprintf("redirects to %s: %s", next.URL, why)}
			}
			a.hops = append(a.hops, hop{status: next.Response.StatusCode, to: next.URL.String()})
			return nil
		},
	}
	resp, err := client.Do(req)
	if err != nil {
		a.err = err
		return a
	}
	// Only the status matters; the body is left unread.
	resp.Body.Close()
	a.status = resp.StatusCode
	a.retryAfter = resp.Header.Get("Retry-After")
	return a
}

// judge says what one answer means.
func judge(a answer) (Verdict, string) {
	if a.err != nil {
		return judgeError(a.err)
	}
	text := fmt.Sprintf("%d %s", a.status, http.StatusText(a.status))
	switch {
	case a.status < 400:
		return OK, text
	case a.status == http.StatusNotFound || a.status == http.StatusGone:
		return Broken, text
	case a.status == http.StatusTooManyRequests || a.status >= 500:
		return Unknown, text
	case a.status == http.StatusUnauthorized || a.status == http.StatusForbidden:
		return Unknown, text + "; the server may refuse robots"
	}
	return Unknown, text
}

// judgeError sorts network errors into definite breaks (no such host, a
// certificate a browser would refuse, a redirect loop) and the rest,
// which may pass.
func judgeError(err error) (Verdict, string) {
	var dns *net.DNSError
	var unknownCA x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var invalid x509.CertificateInvalidError
	var verify *tls.CertificateVerificationError
	var record tls.RecordHeaderError
	if r, ok := refusal(err); ok {
		return Broken, "not asked: " + r.Reason + "; a public page links only to public http(s) addresses"
	}
	switch {
	case errors.As(err, &dns) && dns.IsNotFound:
		return Broken, fmt.Sprintf("no such host %q", dns.Name)
	case errors.As(err, &unknownCA), errors.As(err, &hostname), errors.As(err, &invalid), errors.As(err, &verify):
		return Broken, "TLS certificate not valid: " + rootCause(err)
	case errors.As(err, &record), strings.Contains(err.Error(), "server gave HTTP response to HTTPS client"):
		// net/http reports the second case only in words.
		return Broken, "TLS handshake failed: the server does not speak https"
	case errors.Is(err, errRedirectLoop):
		return Broken, "redirect loop: " + errRedirectLoop.Error()
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		return Unknown, "timed out"
	case errors.Is(err, context.Canceled):
		return Unknown, "interrupted"
	}
	return Unknown, "no answer: " + rootCause(err)
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// retryable is true for answers that may differ next time.
func retryable(a answer) bool {
	if a.err != nil {
		v, _ := judgeError(a.err)
		return v == Unknown && !errors.Is(a.err, context.Canceled)
	}
	return a.status == http.StatusTooManyRequests || a.status >= 500
}

// rootCause is the innermost error's text, without net/http's "Head
// "https://...": " prefix that repeats the address.
func rootCause(err error) string {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err.Error()
		}
		err = next
	}
}

// parseRetryAfter reads either form of Retry-After: seconds, or a date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if secs, err := strconv.Atoi(v); err == nil && secs >= 0 {
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(0, t.Sub(now)), true
	}
	return 0, false
}

// moved returns where the leading permanent redirects lead. A temporary
// redirect after them stops the count: the link should name the address
// before it, which is the one meant to last.
func moved(hops []hop) (string, int) {
	to := ""
	for _, h := range hops {
		if h.status != http.StatusMovedPermanently && h.status != http.StatusPermanentRedirect {
			break
		}
		to = h.to
	}
	if to == "" {
		return "", 0
	}
	return to, hops[0].status
}
