// Package calendar is the dates editors write (data/*.yaml, front matter)
// to the year, the month or the day, as Hugo's templates read them, and
// the first and last day each one covers.
package calendar

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Precision says how much of a date is known.
type Precision int

const (
	Year Precision = iota + 1
	Month
	Day
)

// Date is a calendar date known to a year, a month or a day. Its text form
// is the matching prefix of ISO 8601 ("2025", "2025-06", "2025-08-12"),
// which is also what HTML's <time datetime> takes.
type Date struct {
	Year, Month, Day int
	Precision        Precision
}

var datePattern = regexp.MustCompile(`^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$`)

// ParseDate reads a date in one of the three forms and checks that it is a
// real calendar date.
func ParseDate(s string) (Date, error) {
	m := datePattern.FindStringSubmatch(s)
	if m == nil {
		if d, ok := guess(s); ok {
			return Date{}, fmt.Errorf("%q is not a date: write it as %q (dates are YYYY, YYYY-MM or YYYY-MM-DD)", s, d.String())
		}
		return Date{}, fmt.Errorf("%q is not a date: write it as YYYY, YYYY-MM or YYYY-MM-DD, e.g. \"2025-08-12\"", s)
	}
	d := Date{Precision: Year}
	d.Year, _ = strconv.Atoi(m[1])
	if m[2] != "" {
		d.Precision = Month
		d.Month, _ = strconv.Atoi(m[2])
		if d.Month < 1 || d.Month > 12 {
			return Date{}, fmt.Errorf("%q has no month %d: months run from 01 to 12", s, d.Month)
		}
	}
	if m[3] != "" {
		d.Precision = Day
		d.Day, _ = strconv.Atoi(m[3])
		last := time.Date(d.Year, time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
		if d.Day < 1 || d.Day > last {
			return Date{}, fmt.Errorf("%q is not a real date: %s %d has %d days", s, time.Month(d.Month), d.Year, last)
		}
	}
	return d, nil
}

// String is the ISO form at the date's own precision.
func (d Date) String() string {
	switch d.Precision {
	case Year:
		return fmt.Sprintf("%04d", d.Year)
	case Month:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// First is the earliest day the date can mean; Last the latest.
func (d Date) First() time.Time {
	return time.Date(d.Year, time.Month(max(d.Month, 1)), max(d.Day, 1), 0, 0, 0, 0, time.UTC)
}

// Last is the latest day the date can mean: the last day of its year or
// month, or the day itself.
func (d Date) Last() time.Time {
	switch d.Precision {
	case Year:
		return time.Date(d.Year, 12, 31, 0, 0, 0, 0, time.UTC)
	case Month:
		return time.Date(d.Year, time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC)
	}
	return d.First()
}

// Dates as people type them, for the fix an error names. Slashes are read
// month first, as in the United States, where the statement is issued.
var (
	usSlashes   = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})$`)
	isoLoose    = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$`)
	isoMonth    = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})$`)
	monthDay    = regexp.MustCompile(`^([A-Za-z]+)\.? (\d{1,2}),? (\d{4})$`)
	monthYear   = regexp.MustCompile(`^([A-Za-z]+)\.?,? (\d{4})$`)
	dayMonth    = regexp.MustCompile(`^(\d{1,2}) ([A-Za-z]+)\.?,? (\d{4})$`)
	monthByName = map[string]int{}
)

func init() {
	for m := time.January; m <= time.December; m++ {
		name := strings.ToLower(m.String())
		monthByName[name] = int(m)
		monthByName[name[:3]] = int(m)
	}
	monthByName["sept"] = 9
}

// guess reads a date written another common way ("03/15/2026",
// "March 15, 2026", "2026/3/15", "Mar 2026"), when it can mean only one
// real date.
func guess(s string) (Date, bool) {
	s = strings.Join(strings.Fields(s), " ")
	num := func(x string) int { n, _ := strconv.Atoi(x); return n }
	month := func(x string) int { return monthByName[strings.ToLower(x)] }
	var d Date
	switch m := []([]string){usSlashes.FindStringSubmatch(s), isoLoose.FindStringSubmatch(s), isoMonth.FindStringSubmatch(s), monthDay.FindStringSubmatch(s), monthYear.FindStringSubmatch(s), dayMonth.FindStringSubmatch(s)}; {
	case m[0] != nil:
		d = Date{Year: num(m[0][3]), Month: num(m[0][1]), Day: num(m[0][2]), Precision: Day}
	case m[1] != nil:
		d = Date{Year: num(m[1][1]), Month: num(m[1][2]), Day: num(m[1][3]), Precision: Day}
	case m[2] != nil:
		d = Date{Year: num(m[2][1]), Month: num(m[2][2]), Precision: Month}
	case m[3] != nil:
		d = Date{Year: num(m[3][3]), Month: month(m[3][1]), Day: num(m[3][2]), Precision: Day}
	case m[4] != nil:
		d = Date{Year: num(m[4][2]), Month: month(m[4][1]), Precision: Month}
	case m[5] != nil:
		d = Date{Year: num(m[5][3]), Month: month(m[5][2]), Day: num(m[5][1]), Precision: Day}
	default:
		return Date{}, false
	}
	if _, err := ParseDate(d.String()); err != nil || d.Month == 0 {
		return Date{}, false
	}
	return d, true
}
