package linkcheck

import (
	"fmt"
	"net/mail"
	"net/url"
	"strings"
)

// mailto checks a mailto: link (RFC 6068): every address, in the path
// and in to=, cc= and bcc=, is a plain address with a domain, and there
// is at least one.
func (c *pageCheck) mailto(r Ref) {
	if problem := mailtoProblem(strings.TrimSpace(r.URL)); problem != "" {
		c.refErrorf(r, "mailto-malformed", "%q: %s", r.URL, problem)
		c.l.Suggest("write it as mailto:name@example.gov")
	}
}

func mailtoProblem(raw string) string {
	rest := raw[len("mailto:"):]
	to, query, _ := strings.Cut(rest, "?")
	var addrs []string
	if to != "" {
		addrs = append(addrs, strings.Split(to, ",")...)
	}
	q, err := url.ParseQuery(query)
	if err != nil {
		return fmt.Sprintf("the part after ? does not parse: %v", unwrapURLError(err))
	}
	for key, vals := range q {
		switch strings.ToLower(key) {
		case "to", "cc", "bcc":
			for _, v := range vals {
				addrs = append(addrs, strings.Split(v, ",")...)
			}
		}
	}
	if len(addrs) == 0 {
		return "it names no address"
	}
	for _, a := range addrs {
		decoded, err := url.PathUnescape(a)
		if err != nil {
			return fmt.Sprintf("%q has a bad %%-escape", a)
		}
		if problem := addressProblem(decoded); problem != "" {
			return problem
		}
	}
	return ""
}

// addressProblem accepts a bare address (no display name, no comments)
// whose domain has a dot, which is what a mail client can send to.
func addressProblem(a string) string {
	if strings.TrimSpace(a) == "" {
		return "it has an empty address"
	}
	parsed, err := mail.ParseAddress(a)
	if err != nil || parsed.Name != "" || parsed.Address != a {
		return fmt.Sprintf("%q is not an e-mail address", a)
	}
	_, domain, _ := strings.Cut(a, "@")
	if !strings.Contains(strings.Trim(domain, "."), ".") {
		return fmt.Sprintf("%q has no domain such as example.gov after the @", a)
	}
	return ""
}

// tel checks a tel: link (RFC 3966). The site publishes numbers in
// international form, which every phone can dial from anywhere: "+",
// then up to 15 digits, with - . ( ) allowed as visual separators. A local
// number is accepted only with the phone-context the RFC requires.
func (c *pageCheck) tel(r Ref) {
	if problem := telProblem(strings.TrimSpace(r.URL)); problem != "" {
		c.refErrorf(r, "tel-malformed", "%q: %s", r.URL, problem)
		c.l.Suggest("write the number in international form, e.g. tel:+19164407660")
	}
}

func telProblem(raw string) string {
	rest, err := url.PathUnescape(raw[len("tel:"):])
	if err != nil {
		return "it has a bad %-escape"
	}
	number, params, _ := strings.Cut(rest, ";")
	global := strings.HasPrefix(number, "+")
	digits := 0
	for i, ch := range number {
		switch {
		case ch >= '0' && ch <= '9':
			digits++
		case ch == '+' && i == 0:
		case ch == '-' || ch == '.' || ch == '(' || ch == ')':
		case !global && (ch == '*' || ch == '#' || (ch >= 'A' && ch <= 'F') || (ch >= 'a' && ch <= 'f')):
		case ch == ' ':
			return "it has a space, which tel: URLs do not allow"
		default:
			return fmt.Sprintf("%q is not allowed in a phone number", ch)
		}
	}
	switch {
	case digits == 0:
		return "it has no number"
	case global && digits > 15:
		return fmt.Sprintf("an international number has at most 15 digits, this one %d", digits)
	case !global && !strings.Contains(strings.ToLower(params), "phone-context="):
		return "a local number needs a phone-context; write it in international form, starting with +"
	}
	return ""
}
