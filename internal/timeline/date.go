package timeline

import (
	"fmt"
	"regexp"
	"strconv"
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
