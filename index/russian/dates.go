package russian

import (
	"fmt"
	"strings"
)

// Date is a calendar date known to some precision: Year 0 means the year is
// not known, Month 0 the month, Day 0 the day.
type Date struct {
	Year, Month, Day int
}

// IsZero reports whether nothing of the date is known.
func (d Date) IsZero() bool { return d.Year == 0 && d.Month == 0 && d.Day == 0 }

// ISO renders the date at its known precision: 2023-02-28, 2021-04, 2021,
// or --10-03 for a day whose year is not known. Nothing known renders "".
func (d Date) ISO() string {
	switch {
	case d.Year != 0 && d.Month != 0 && d.Day != 0:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	case d.Year != 0 && d.Month != 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	case d.Year != 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Month != 0 && d.Day != 0:
		return fmt.Sprintf("--%02d-%02d", d.Month, d.Day)
	case d.Month != 0:
		return fmt.Sprintf("--%02d", d.Month)
	}
	return ""
}

// Russian renders the date as a Russian reader writes it: "28 февраля 2023",
// "апрель 2021", "3 октября (год не указан)".
func (d Date) Russian() string {
	switch {
	case d.Month != 0 && d.Day != 0 && d.Year != 0:
		return fmt.Sprintf("%d %s %d", d.Day, MonthGenitive(d.Month), d.Year)
	case d.Month != 0 && d.Day != 0:
		return fmt.Sprintf("%d %s (год не указан)", d.Day, MonthGenitive(d.Month))
	case d.Month != 0 && d.Year != 0:
		return fmt.Sprintf("%s %d", monthNominative[d.Month-1], d.Year)
	case d.Year != 0:
		return fmt.Sprintf("%d", d.Year)
	case d.Month != 0:
		return monthNominative[d.Month-1] + " (год не указан)"
	}
	return ""
}

// Compare orders dates; unknown parts sort first within a known prefix and
// dates with no year sort after all dated ones.
func (d Date) Compare(o Date) int {
	ky := func(x Date) int {
		if x.Year == 0 {
			return 1 << 20
		}
		return x.Year
	}
	for _, p := range [][2]int{{ky(d), ky(o)}, {d.Month, o.Month}, {d.Day, o.Day}} {
		if p[0] != p[1] {
			if p[0] < p[1] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// ParseISO reads 2023-02-28, 2023-02-28T23:19, 2021-04 or 2021.
func ParseISO(s string) (Date, bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "T "); i >= 0 {
		s = s[:i]
	}
	var d Date
	parts := strings.Split(s, "-")
	if len(parts) == 0 || len(parts) > 3 || len(parts[0]) != 4 {
		return Date{}, false
	}
	dst := []*int{&d.Year, &d.Month, &d.Day}
	for i, p := range parts {
		n, ok := atoi(p)
		if !ok {
			return Date{}, false
		}
		*dst[i] = n
	}
	if d.Month > 12 || d.Day > 31 || (len(parts) > 1 && d.Month == 0) || (len(parts) > 2 && d.Day == 0) {
		return Date{}, false
	}
	return d, true
}

func atoi(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
		n = n*10 + int(r-'0')
	}
	return n, true
}

var monthGenitive = []string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"}
var monthNominative = []string{"январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"}
var monthPrepositional = []string{"январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре", "октябре", "ноябре", "декабре"}

// MonthGenitive names month m (1-12) in the genitive: "февраля".
func MonthGenitive(m int) string {
	if m < 1 || m > 12 {
		return ""
	}
	return monthGenitive[m-1]
}

// MonthName names month m (1-12) in the nominative: "март".
func MonthName(m int) string {
	if m < 1 || m > 12 {
		return ""
	}
	return monthNominative[m-1]
}

// Month reads a month name in any common form ("февраля", "феврале",
// "февраль", "фев", "февр.") and returns 1-12, or 0.
func Month(word string) int {
	w := strings.TrimSuffix(FoldWord(word), ".")
	for i := range monthGenitive {
		if w == monthGenitive[i] || w == monthNominative[i] || w == monthPrepositional[i] {
			return i + 1
		}
	}
	short := map[string]int{"янв": 1, "фев": 2, "февр": 2, "мар": 3, "апр": 4, "июн": 6, "июл": 7, "авг": 8, "сен": 9, "сент": 9, "окт": 10, "ноя": 11, "нояб": 11, "дек": 12}
	return short[w]
}
