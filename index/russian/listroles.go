package russian

import (
	"strings"
	"unicode"
)

// shareListRoles gives a plural role that opens a list of names to every
// name of the list: «легендарные музыканты Юрий Царёв (проект «Метро»),
// Алексей Борисов», «пять экс-президентов: Альберто Фухимори (1990—2000
// годы), Алехандро Толедо». A singular role stays with the one name after
// it («министр Иванов и Петров»). Mentions come in sentence order.
func shareListRoles(s string, ms []NameMention) {
	shared := false // ms[k-1] took its role from the list's opening
	for k := 1; k < len(ms); k++ {
		prev, m := ms[k-1], &ms[k]
		ok := m.Role == "" && prev.Role != "" && prev.End <= m.Start && listGap(s[prev.End:m.Start]) &&
			(shared || roleOpens(s[:prev.Start], prev.Role)) && pluralRole(prev.Role)
		if ok {
			m.Role = prev.Role
		}
		shared = ok
	}
}

// listGap reports whether text between two names only separates items of
// a list: a comma, «и», «а также», after an optional parenthesis.
func listGap(gap string) bool {
	gap = strings.TrimSpace(gap)
	if strings.HasPrefix(gap, "(") {
		end := strings.LastIndex(gap, ")")
		if end < 0 || strings.ContainsAny(gap[:end], ".;!?") {
			return false
		}
		gap = strings.TrimSpace(gap[end+1:])
	}
	switch strings.Join(strings.Fields(strings.ToLower(gap)), " ") {
	case ",", "и", ", и", "а также", ", а также":
		return true
	}
	return false
}

// roleOpens reports whether the text before a name ends with its role
// phrase (the role was read before the name, not after it).
func roleOpens(before, role string) bool {
	before = strings.TrimRightFunc(before, func(r rune) bool { return unicode.IsSpace(r) || r == ':' || IsDash(r) })
	return strings.HasSuffix(strings.TrimRight(before, " «»\"“”„"), strings.TrimRight(role, " «»\"“”„:"))
}

// pluralRole reports whether the head noun of a role phrase (its first
// noun of position) is plural: «музыканты», «писатели и критики»,
// «экс-президентов», «операторами». Forms that are also singular of a noun
// in -а («главы», «судьи») do not count.
func pluralRole(role string) bool {
	for _, w := range Words(role) {
		f := FoldWord(w.Text)
		if i := strings.LastIndex(f, "-"); i >= 0 {
			f = f[i+1:]
		}
		nom, ok := roleNouns[f]
		if !ok {
			continue
		}
		if f == nom {
			return false
		}
		if strings.HasSuffix(nom, "а") || strings.HasSuffix(nom, "я") {
			return hasEnding(f, "ами", "ями", "ам", "ям", "ах", "ях") // «главам»; «главы» may be one
		}
		return hasEnding(f, "ы", "и", "ов", "ев", "ей", "ами", "ями", "ам", "ям", "ах", "ях")
	}
	return false
}
